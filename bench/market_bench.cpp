// A year of 1-second Taipower E-dReg market simulation (31.5 million steps) on one core:
// synthetic frequency, schedule, controller, storage physics, scoring and settlement, streamed.
// Run through bench/market_bench.sh, which prints the figures.

#include <benchmark/benchmark.h>

#include "ballast/market/frequency.h"
#include "ballast/market/simulation.h"

namespace {

using namespace ballast::market;

constexpr std::int64_t kYearS = 365LL * 24 * 3600;

MarketConfig year_config() {
  MarketConfig c;
  c.product = ballast::taipower::Product::kEdreg;
  c.bid_mw = 10;
  c.storage = ballast::StorageParams::with_round_trip(10, 25, 0.88);
  c.initial_soc = 0.1;
  c.line_loss = 0.01;
  c.start_s = 1751299200;  // 2025-07-01T00:00:00+08:00
  c.schedule =
      default_edreg_schedule(c.bid_mw, c.storage, c.line_loss, c.start_s, kYearS, c.calendar);
  return c;
}

SyntheticFrequencyParams year_frequency() {
  SyntheticFrequencyParams p;
  p.deviation_hz = 0.03;
  p.seed = 7;
  for (int day = 0; day < 365; day += 7) p.trips.push_back({day * 86400.0 + 70000, 2000});
  return p;
}

void BM_FrequencyYear(benchmark::State& state) {
  for (auto _ : state) {
    SyntheticFrequency gen(year_frequency());
    double sum = 0;
    for (std::int64_t t = 0; t < kYearS; ++t) sum += gen.next();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kYearS);
}
BENCHMARK(BM_FrequencyYear)->Unit(benchmark::kSecond)->Iterations(1);

void BM_MarketYear(benchmark::State& state) {
  const MarketConfig c = year_config();
  for (auto _ : state) {
    SyntheticFrequency gen(year_frequency());
    MarketSimulator sim(c, kYearS);
    for (std::int64_t t = 0; t < kYearS; ++t) sim.step(gen.next());
    const MarketResult r = sim.finish();
    benchmark::DoNotOptimize(r.min_execution_rate_pct);
    state.counters["hours"] = static_cast<double>(r.hours.size());
    state.counters["min_exec_pct"] = r.min_execution_rate_pct;
  }
  state.SetItemsProcessed(state.iterations() * kYearS);
}
BENCHMARK(BM_MarketYear)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();

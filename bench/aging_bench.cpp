// Rainflow and wear over a year of 1-second SOC (31,536,000 samples) on one core, streamed in
// constant memory. Run through bench/aging_bench.sh, which prints the figures.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "ballast/aging/assess.h"
#include "ballast/aging/rainflow.h"

namespace {

using namespace ballast::aging;

constexpr std::size_t kYearS = 365ULL * 24 * 3600;

// A year of 1-s SOC: a bounded random walk (regulation-like small cycles) on a daily swing.
const std::vector<double>& year_soc() {
  static const std::vector<double> soc = [] {
    std::vector<double> s(kYearS);
    std::mt19937_64 rng(2018);
    std::normal_distribution<double> n(0, 0.002);
    double walk = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      walk = std::clamp(walk + n(rng), -0.2, 0.2);
      const double day = 0.3 * std::sin(2 * 3.141592653589793 * static_cast<double>(i) / 86400);
      s[i] = std::clamp(0.5 + day + walk, 0.05, 0.95);
    }
    return s;
  }();
  return soc;
}

void BM_RainflowYear(benchmark::State& state) {
  const std::vector<double>& soc = year_soc();
  for (auto _ : state) {
    Rainflow rf;
    double counted = 0;
    auto sink = [&counted](const Cycle& c) { counted += c.count; };
    for (double x : soc) rf.push(x, sink);
    rf.finish(sink);
    benchmark::DoNotOptimize(counted);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(soc.size()));
}
BENCHMARK(BM_RainflowYear)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_WearXuYear(benchmark::State& state) {
  const std::vector<double>& soc = year_soc();
  const AgingModel model = xu2018();
  for (auto _ : state) {
    WearMeter m(model, 1);
    for (double x : soc) m.push(x, 25);
    benchmark::DoNotOptimize(m.finish().cycle_damage);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(soc.size()));
}
BENCHMARK(BM_WearXuYear)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();

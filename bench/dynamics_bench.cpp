// Speed of the millisecond simulation: the reference scenario (50 MW training site, battery
// behind a 20 ms inverter lag, ramp limiter + SOC keeper, swing-equation grid) at 10 ms steps.
// The target: >= 10 M steps/s on one core, i.e. 24 h at 10 ms in about a second.

#include <benchmark/benchmark.h>

#include "ballast/dynamics/kpis.h"
#include "ballast/dynamics/simulator.h"
#include "ballast/workload/synthetic.h"

namespace {

using namespace ballast;

// One hour of the 50 MW example site at 10 ms, generated once.
const std::vector<double>& site_load() {
  static const std::vector<double> load = [] {
    workload::SyntheticParams p;
    p.training_gpus = 32'680;
    p.step_ms = 10;
    p.duration_s = 3600;
    p.compute_share = 0.75;
    p.edge_ms = 60;
    p.jitter_ms = 10;
    p.checkpoint_every_s = 300;
    p.checkpoint_s = 20;
    workload::SyntheticSite site(p);
    return workload::collect(site);
  }();
  return load;
}

dynamics::TransientParams reference() {
  dynamics::TransientParams p;
  p.step_us = 10'000;
  dynamics::BatteryParams b;
  b.storage = StorageParams::with_round_trip(60, 3, 0.85);
  b.storage.soc_min = 0.1;
  b.storage.soc_max = 0.9;
  b.inverter_lag_ms = 20;
  p.battery = b;
  p.control.ramp_mw_per_s = 10.0 / 60;
  p.upstream = dynamics::UpstreamKind::kGrid;
  return p;
}

// Battery + controller + grid: the simulation step alone.
void BM_SimulatorStep(benchmark::State& state) {
  const std::vector<double>& load = site_load();
  dynamics::Simulator sim(reference(), load[0]);
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sim.step(load[k]).frequency_hz);
    if (++k == load.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimulatorStep);

// The same, with every KPI accumulated (ramp histograms, two Welch spectra, extremes).
void BM_SimulatorWithKpis(benchmark::State& state) {
  const std::vector<double>& load = site_load();
  dynamics::Simulator sim(reference(), load[0]);
  dynamics::KpiAccumulator kpis(reference(), 1'000'000'000, sim.state());
  std::size_t k = 0;
  for (auto _ : state) {
    kpis.add(sim.step(load[k]));
    if (++k == load.size()) k = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimulatorWithKpis);

// Synthesising the site's load (64 GPU groups with their own phase offsets).
void BM_SyntheticSite(benchmark::State& state) {
  workload::SyntheticParams p;
  p.training_gpus = 32'680;
  p.step_ms = 10;
  p.duration_s = 1e6;
  workload::SyntheticSite site(p);
  for (auto _ : state) benchmark::DoNotOptimize(site.next_mw());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SyntheticSite);

}  // namespace

BENCHMARK_MAIN();

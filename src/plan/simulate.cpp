#include "ballast/plan/simulate.h"

#include <algorithm>
#include <cmath>

namespace ballast::plan {
namespace {

struct RunTotals {
  double weighted_curtailment = 0;  // sum of weight * curtailed MW
  StorageState state;
};

// One pass of the greedy from `initial_mwh`. The loop is the hot path of every planner.
template <bool kTraces>
RunTotals run(const Grid& grid, double new_load_mw, const StorageModel& model, double initial_mwh,
              SimulationResult* traces) {
  RunTotals t;
  t.state.energy_mwh = initial_mwh;
  const double* load = grid.load.values.data();
  const double* cap = grid.capacity_mw.data();
  const double* w = grid.weight.data();
  const std::size_t n = grid.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double excess = load[i] + new_load_mw - cap[i];
    const double p = model.step(t.state, excess);
    const double curtailed = excess > p ? excess - p : 0.0;
    t.weighted_curtailment += w[i] * curtailed;
    if constexpr (kTraces) {
      traces->curtailed_mw[i] = curtailed;
      traces->energy_mwh[i] = t.state.energy_mwh;
      traces->storage_mw[i] = p;
    }
  }
  return t;
}

struct CyclicRun {
  double start_mwh = 0;
  RunTotals totals;  // of the run from that start
};

// The largest start energy from which a run ends with at least as much. The end energy is
// nondecreasing in the start with slope <= 1, so iterating start := end from full converges
// to it from above; once the unit hits full or empty the run forgets its start, so this
// takes two or three passes on real data. Bisection covers the rare slow case.
CyclicRun cyclic_run(const Grid& grid, double new_load_mw, const StorageModel& model) {
  const double tol = 1e-10 * std::max(1.0, model.max_energy_mwh());
  double start = model.max_energy_mwh();
  for (int pass = 0; pass < 8; ++pass) {
    const RunTotals t = run<false>(grid, new_load_mw, model, start, nullptr);
    if (t.state.energy_mwh >= start - tol) return {start, t};
    start = t.state.energy_mwh;
  }
  double lo = model.min_energy_mwh();  // from the floor every run ends at or above it
  double hi = start;
  for (int it = 0; it < 100 && hi - lo > tol; ++it) {
    const double mid = 0.5 * (lo + hi);
    const double end = run<false>(grid, new_load_mw, model, mid, nullptr).state.energy_mwh;
    (end >= mid - tol ? lo : hi) = mid;
  }
  return {lo, run<false>(grid, new_load_mw, model, lo, nullptr)};
}

}  // namespace

SimulationResult simulate(const Grid& grid, double new_load_mw, const StorageParams& storage,
                          SocStart start, bool keep_traces) {
  const StorageModel model(storage, grid.step_h());
  SimulationResult r;
  RunTotals t;
  if (start == SocStart::kCyclic) {
    const CyclicRun c = cyclic_run(grid, new_load_mw, model);
    r.initial_energy_mwh = c.start_mwh;
    t = c.totals;
  } else {
    r.initial_energy_mwh = model.initial_energy_mwh(start);
    if (!keep_traces) t = run<false>(grid, new_load_mw, model, r.initial_energy_mwh, nullptr);
  }
  if (keep_traces) {
    r.curtailed_mw.resize(grid.size());
    r.energy_mwh.resize(grid.size());
    r.storage_mw.resize(grid.size());
    t = run<true>(grid, new_load_mw, model, r.initial_energy_mwh, &r);
  }
  r.curtailment_rate = new_load_mw > 0 ? t.weighted_curtailment / new_load_mw : 0;
  r.final_energy_mwh = t.state.energy_mwh;
  r.charged_mwh = t.state.charged_mwh;
  r.discharged_mwh = t.state.discharged_mwh;
  return r;
}

}  // namespace ballast::plan

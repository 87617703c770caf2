#pragma once
// Small grids for tests: hourly, starting 2021-01-01 UTC, with a given capacity per step.

#include <random>
#include <vector>

#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::testing {

inline plan::Grid small_grid(std::vector<double> load, std::vector<double> capacity,
                             plan::RateMethod method = plan::RateMethod::kPooled,
                             std::int64_t step_s = 3600) {
  TimeSeries s;
  s.start_s = 1609459200;  // 2021-01-01T00:00Z
  s.step_s = step_s;
  s.values = std::move(load);
  plan::Grid g = plan::make_grid(s, Calendar(0), {plan::ThresholdKind::kPeak}, method);
  g.threshold_mw = capacity;
  for (std::size_t i = 0; i < capacity.size(); ++i) {
    g.capacity_mw[i] = std::max(capacity[i], g.load.values[i]);
  }
  return g;
}

// A random grid of n steps: load between 20 and 100 MW, capacity 100 MW with random dips.
inline plan::Grid random_grid(std::mt19937& rng, std::size_t n) {
  std::uniform_real_distribution<double> load(20, 100);
  std::uniform_real_distribution<double> dip(0, 1);
  std::vector<double> l(n), c(n);
  for (std::size_t i = 0; i < n; ++i) {
    l[i] = load(rng);
    c[i] = dip(rng) < 0.2 ? 100 - 30 * dip(rng) : 100;
  }
  return small_grid(l, c);
}

inline StorageParams random_storage(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  StorageParams p;
  p.discharge_power_mw = 5 + 40 * u(rng);
  p.charge_power_mw = u(rng) < 0.3 ? kUnlimited : 5 + 40 * u(rng);
  p.energy_mwh = 10 + 200 * u(rng);
  p.charge_efficiency = 0.8 + 0.2 * u(rng);
  p.discharge_efficiency = 0.8 + 0.2 * u(rng);
  p.soc_min = u(rng) < 0.5 ? 0 : 0.1 * u(rng);
  p.soc_max = u(rng) < 0.5 ? 1 : 0.9 + 0.1 * u(rng);
  p.standing_loss_per_h = u(rng) < 0.5 ? 0 : 0.01 * u(rng);
  return p;
}

}  // namespace ballast::testing

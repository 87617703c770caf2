#include "ballast/dynamics/grid.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"
#include "ballast/dynamics/battery.h"

namespace ballast::dynamics {
namespace {

void check(bool ok, const std::string& what) {
  if (!ok) throw InputError(what);
}

}  // namespace

void GridParams::validate() const {
  check(frequency_hz > 0, fmt::format("grid: frequency_hz must be > 0 (got {})", frequency_hz));
  check(base_mva > 0, fmt::format("grid: base_mva must be > 0 (got {})", base_mva));
  check(inertia_s > 0, fmt::format("grid: inertia_s must be > 0 (got {})", inertia_s));
  check(damping >= 0, fmt::format("grid: damping must be >= 0 (got {})", damping));
  check(droop > 0, fmt::format("grid: droop must be > 0 (got {})", droop));
  check(governor_lag_s >= 0 && turbine_lag_s >= 0, "grid: lags must be >= 0 s");
}

SwingGrid::SwingGrid(const GridParams& p, double dt_s, double initial_load_mw)
    : f0_(p.frequency_hz),
      inv_base_(1.0 / p.base_mva),
      damping_(p.damping),
      inv_droop_(1.0 / p.droop),
      k_(dt_s / (2 * p.inertia_s)),
      a_governor_(lag_alpha(dt_s, p.governor_lag_s)),
      a_turbine_(lag_alpha(dt_s, p.turbine_lag_s)),
      load0_mw_(initial_load_mw) {
  p.validate();
}

void IslandParams::validate() const {
  check(frequency_hz > 0, fmt::format("island: frequency_hz must be > 0 (got {})", frequency_hz));
  check(turbines >= 1, fmt::format("island: turbines must be >= 1 (got {})", turbines));
  check(turbine_mw > 0, fmt::format("island: turbine_mw must be > 0 (got {})", turbine_mw));
  check(ramp_mw_per_s > 0, "island: ramp_mw_per_s must be > 0");
  check(inertia_s > 0, "island: inertia_s must be > 0");
  check(damping >= 0, "island: damping must be >= 0");
  check(droop > 0, "island: droop must be > 0");
  check(governor_lag_s >= 0 && turbine_lag_s >= 0, "island: lags must be >= 0 s");
  check(secondary_time_s >= 0, "island: secondary_time_s must be >= 0 (0: off)");
  check(min_load >= 0 && min_load < 1, "island: min_load must be in [0, 1)");
}

IslandPlant::IslandPlant(const IslandParams& p, double dt_s, double initial_load_mw)
    : f0_(p.frequency_hz),
      base_mw_(p.capacity_mw()),
      inv_base_(1.0 / p.capacity_mw()),
      damping_(p.damping),
      inv_droop_(1.0 / p.droop),
      k_(dt_s / (2 * p.inertia_s)),
      a_governor_(lag_alpha(dt_s, p.governor_lag_s)),
      a_turbine_(lag_alpha(dt_s, p.turbine_lag_s)),
      max_move_mw_(p.turbines * p.ramp_mw_per_s * dt_s),
      min_mw_(p.min_load * p.capacity_mw()),
      reset_gain_(p.secondary_time_s > 0 ? p.capacity_mw() / p.droop * dt_s / p.secondary_time_s
                                         : 0.0),
      pset_mw_(initial_load_mw),
      xg_mw_(initial_load_mw),
      pm_mw_(initial_load_mw) {
  p.validate();
  if (!(initial_load_mw >= min_mw_ && initial_load_mw <= base_mw_)) {
    throw InputError(fmt::format(
        "island: the plant ({} x {} MW, min load {}) cannot carry the initial load of {:.1f} MW; "
        "add turbines or lower the minimum load",
        p.turbines, p.turbine_mw, p.min_load, initial_load_mw));
  }
}

}  // namespace ballast::dynamics

#pragma once
/// @file The datacenter smoothing controller: a ramp-rate limit on the power the site draws
/// upstream, the battery covering the difference, its SOC kept in a band by a slow correction,
/// and the inverter's first-order lag compensated so that the battery's output lands on time.

#include <optional>

#include "ballast/control/ramp_limiter.h"
#include "ballast/control/soc_keeper.h"

namespace ballast::control {

/// Parameters of the smoothing controller.
struct SmoothingParams {
  double ramp_mw_per_s = 10.0 / 60;  ///< upstream ramp limit, MW/s (e.g. 10 MW/min)
  SocKeeperParams soc{};             ///< SOC correction
  double inverter_lag_s = 0;         ///< the battery inverter's lag to compensate, s (0: none)
  bool lag_compensation = true;      ///< ask for more so the lagging output arrives on time
};

/// Set-points for one step.
struct Setpoints {
  double upstream_mw = 0;         ///< power the site should draw upstream, MW
  double battery_request_mw = 0;  ///< inverter set-point, MW (> 0 discharge)
};

/// A deterministic object: measurements in, set-points out, one call a step.
class SmoothingController {
 public:
  /// `energy_mwh` the battery's nameplate energy; `initial_site_mw` the load at the start.
  /// Throws InputError on bad parameters.
  SmoothingController(const SmoothingParams& params, double dt_s, double energy_mwh,
                      double initial_site_mw);

  /// `site_mw` the load now, `battery_mw` the inverter output of the last step (> 0
  /// discharge), `stored_mwh` the battery's stored energy.
  Setpoints step(double site_mw, double battery_mw, double stored_mwh) {
    const double target = site_mw + keeper_.correction_mw(stored_mwh);
    const double upstream = limiter_.step(target);
    const double wanted = site_mw - upstream;  // what the battery must deliver this step
    // First-order lag y' = y + a (r - y): asking r = y + (wanted - y) / a makes y' = wanted.
    const double request = battery_mw + (wanted - battery_mw) * inverse_alpha_;
    return {upstream, request};
  }
  /// The ramp limiter (its output is the upstream set-point).
  const RampLimiter& limiter() const { return limiter_; }

 private:
  RampLimiter limiter_;
  SocKeeper keeper_;
  double inverse_alpha_;  // 1 / (1 - exp(-dt / lag)), or 1 without compensation
};

}  // namespace ballast::control

#include "ballast/control/smoothing_controller.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::control {

SmoothingController::SmoothingController(const SmoothingParams& params, double dt_s,
                                         double energy_mwh, double initial_site_mw)
    : limiter_({params.ramp_mw_per_s}, dt_s, initial_site_mw),
      keeper_(params.soc, energy_mwh),
      inverse_alpha_(1.0) {
  if (!(params.inverter_lag_s >= 0)) {
    throw InputError(fmt::format("inverter lag must be >= 0 s (got {})", params.inverter_lag_s));
  }
  if (params.lag_compensation && params.inverter_lag_s > 0) {
    inverse_alpha_ = 1.0 / -std::expm1(-dt_s / params.inverter_lag_s);
  }
}

}  // namespace ballast::control

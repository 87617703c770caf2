#include "ballast/control/ramp_limiter.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast::control {

RampLimiter::RampLimiter(RampLimiterParams params, double dt_s, double initial_mw)
    : max_step_mw_(params.ramp_mw_per_s * dt_s), output_mw_(initial_mw) {
  if (!(params.ramp_mw_per_s > 0) || !std::isfinite(params.ramp_mw_per_s)) {
    throw InputError(
        fmt::format("ramp limit must be a finite number > 0 MW/s (got {})", params.ramp_mw_per_s));
  }
  if (!(dt_s > 0)) throw InputError(fmt::format("ramp limiter step must be > 0 s (got {})", dt_s));
}

}  // namespace ballast::control

#include "ballast/control/soc_steering.h"

#include <fmt/format.h>

#include <algorithm>

#include "ballast/core/error.h"

namespace ballast::control {

SocSteering::SocSteering(SocSteeringParams params) : params_(params) {
  if (!(params_.full_correction_mwh > 0)) {
    throw InputError(fmt::format("SOC steering: full_correction_mwh must be > 0 (got {})",
                                 params_.full_correction_mwh));
  }
}

double SocSteering::choose_mw(const Band& band_mw, double energy_mwh, double target_mwh) const {
  const double center = band_mw.center();
  const double share =
      std::clamp((energy_mwh - target_mwh) / params_.full_correction_mwh, -1.0, 1.0);
  return share >= 0 ? center + share * (band_mw.hi - center)
                    : center + share * (center - band_mw.lo);
}

}  // namespace ballast::control

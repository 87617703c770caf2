#include "ballast/control/soc_keeper.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::control {

SocKeeper::SocKeeper(SocKeeperParams params, double energy_mwh)
    : target_mwh_(params.target_soc * energy_mwh),
      band_mwh_(params.dead_band * energy_mwh),
      gain_per_h_(3600.0 / params.correction_time_s),
      max_mw_(params.max_correction_mw) {
  if (!(params.target_soc >= 0 && params.target_soc <= 1)) {
    throw InputError(
        fmt::format("SOC keeper: target_soc must be in [0, 1] (got {})", params.target_soc));
  }
  if (!(params.dead_band >= 0 && params.dead_band <= 1)) {
    throw InputError(
        fmt::format("SOC keeper: dead_band must be in [0, 1] (got {})", params.dead_band));
  }
  if (!(params.correction_time_s > 0)) {
    throw InputError(fmt::format("SOC keeper: correction_time_s must be > 0 (got {})",
                                 params.correction_time_s));
  }
  if (!(params.max_correction_mw >= 0)) {
    throw InputError(fmt::format("SOC keeper: max_correction_mw must be >= 0 (got {})",
                                 params.max_correction_mw));
  }
  if (!(energy_mwh >= 0) || !std::isfinite(energy_mwh)) {
    throw InputError("SOC keeper: the battery energy must be a finite number >= 0 MWh");
  }
}

}  // namespace ballast::control

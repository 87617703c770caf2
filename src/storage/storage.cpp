#include "ballast/storage/storage.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast {

StorageParams StorageParams::with_round_trip(double power_mw, double energy_mwh, double rte) {
  StorageParams p;
  p.discharge_power_mw = power_mw;
  p.charge_power_mw = power_mw;
  p.energy_mwh = energy_mwh;
  p.charge_efficiency = std::sqrt(rte);
  p.discharge_efficiency = std::sqrt(rte);
  return p;
}

void StorageParams::validate() const {
  const auto check = [](bool ok, const std::string& what) {
    if (!ok) throw InputError(what);
  };
  check(discharge_power_mw >= 0 && !std::isnan(discharge_power_mw),
        fmt::format("storage discharge power must be >= 0 MW (got {})", discharge_power_mw));
  check(charge_power_mw >= 0 && !std::isnan(charge_power_mw),
        fmt::format("storage charge power must be >= 0 MW (got {})", charge_power_mw));
  check(energy_mwh >= 0 && std::isfinite(energy_mwh),
        fmt::format("storage energy must be a finite number >= 0 MWh (got {})", energy_mwh));
  check(charge_efficiency > 0 && charge_efficiency <= 1,
        fmt::format("charge efficiency must be in (0, 1] (got {})", charge_efficiency));
  check(discharge_efficiency > 0 && discharge_efficiency <= 1,
        fmt::format("discharge efficiency must be in (0, 1] (got {})", discharge_efficiency));
  check(
      soc_min >= 0 && soc_max <= 1 && soc_min < soc_max,
      fmt::format("SOC window must satisfy 0 <= min < max <= 1 (got {} .. {})", soc_min, soc_max));
  check(standing_loss_per_h >= 0 && standing_loss_per_h < 1,
        fmt::format("standing loss must be in [0, 1) per hour (got {})", standing_loss_per_h));
}

StorageModel::StorageModel(const StorageParams& params, double dt_h)
    : params_(params),
      dt_h_(dt_h),
      retention_(std::pow(1.0 - params.standing_loss_per_h, dt_h)),
      e_min_(params.min_energy_mwh()),
      usable_(params.max_energy_mwh() - params.min_energy_mwh()),
      eta_d_per_h_(params.discharge_efficiency / dt_h),
      per_h_over_eta_c_(1.0 / (params.charge_efficiency * dt_h)),
      dt_over_eta_d_(dt_h / params.discharge_efficiency),
      dt_eta_c_(dt_h * params.charge_efficiency) {
  params_.validate();
}

}  // namespace ballast

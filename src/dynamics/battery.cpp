#include "ballast/dynamics/battery.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast::dynamics {

double lag_alpha(double dt_s, double lag_s) { return lag_s > 0 ? -std::expm1(-dt_s / lag_s) : 1.0; }

void BatteryParams::validate() const {
  storage.validate();
  if (!(inverter_lag_ms >= 0 && inverter_lag_ms <= 10'000)) {
    throw InputError(
        fmt::format("battery: inverter_lag_ms must be in [0, 10000] (got {})", inverter_lag_ms));
  }
  if (!(initial_soc >= storage.soc_min && initial_soc <= storage.soc_max)) {
    throw InputError(fmt::format("battery: initial SOC {} is outside the SOC window [{}, {}]",
                                 initial_soc, storage.soc_min, storage.soc_max));
  }
}

InverterBattery::InverterBattery(const BatteryParams& params, double dt_s)
    : params_(params),
      model_(params.storage, dt_s / 3600.0),
      alpha_(lag_alpha(dt_s, params.inverter_lag_ms / 1000.0)),
      discharge_max_(params.storage.discharge_power_mw),
      charge_max_(params.storage.charge_power_mw),
      e_min_(model_.min_energy_mwh()),
      loss_share_(1.0 - model_.retention()),
      inv_energy_(params.storage.energy_mwh > 0 ? 1.0 / params.storage.energy_mwh : 0.0) {
  params_.validate();
  state_.energy_mwh = params.initial_soc * params.storage.energy_mwh;
  initial_mwh_ = state_.energy_mwh;
}

double InverterBattery::conversion_loss_mwh() const {
  return state_.charged_mwh * (1 - params_.storage.charge_efficiency) +
         state_.discharged_mwh * (1 / params_.storage.discharge_efficiency - 1);
}

}  // namespace ballast::dynamics

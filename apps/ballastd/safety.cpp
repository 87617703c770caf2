#include "safety.h"

#include <algorithm>
#include <cmath>

namespace ballast::ballastd {

Limited limit_setpoint(double request_mw, const BatteryConfig& battery,
                       const modbus::InverterValues& inverter) {
  if (!std::isfinite(request_mw)) return {battery.safe_setpoint_mw, kPowerLimit};
  const double soc = inverter.soc_pct / 100;
  double hi = std::min(battery.power_mw, inverter.max_discharge_power_w / 1e6);
  double lo = -std::min(battery.power_mw, inverter.max_charge_power_w / 1e6);
  std::uint32_t soc_alarm = 0;
  if (soc <= battery.soc_min && request_mw > 0) {
    hi = 0;
    soc_alarm = kSocLimit;
  }
  if (soc >= battery.soc_max && request_mw < 0) {
    lo = 0;
    soc_alarm = kSocLimit;
  }
  hi = std::max(hi, 0.0);
  lo = std::min(lo, 0.0);
  Limited out{std::clamp(request_mw, lo, hi), 0};
  if (out.mw != request_mw) out.alarms = soc_alarm != 0 ? soc_alarm : kPowerLimit;
  return out;
}

}  // namespace ballast::ballastd

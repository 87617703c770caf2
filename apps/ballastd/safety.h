#pragma once
/// @file The last word on every set-point: within the battery's rating, the power the inverter
/// says it can deliver now, and the SOC window.

#include <cstdint>

#include "ballast/modbus/device.h"
#include "config.h"

namespace ballast::ballastd {

/// A set-point after the limits, and the alarms (kPowerLimit, kSocLimit) for what cut it.
struct Limited {
  double mw = 0;
  std::uint32_t alarms = 0;
};

/// Limits `request_mw` (> 0 discharge): |set-point| <= rating and the inverter's available
/// discharge / charge power; no discharge at or below soc_min, no charge at or above soc_max;
/// a non-finite request gives the safe set-point.
Limited limit_setpoint(double request_mw, const BatteryConfig& battery,
                       const modbus::InverterValues& inverter);

}  // namespace ballast::ballastd

#pragma once
/// @file The meter's and the inverter's holding registers as plantsim serves them: the physics
/// thread publishes readings into them, the Modbus server reads them and stores set-points.

#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "ballast/modbus/device.h"

namespace ballast::plantsim {

/// Which device a request addresses.
enum class Device { kNone, kMeter, kInverter };

/// Modbus exception codes (Modbus Application Protocol v1.1b3, section 7).
inline constexpr int kIllegalFunction = 1;
inline constexpr int kIllegalDataAddress = 2;
inline constexpr int kGatewayTargetFailed = 11;

/// The last set-point a client wrote.
struct SetpointWrite {
  double setpoint_w = 0;    ///< W (> 0 discharge)
  std::uint64_t count = 0;  ///< writes so far (a change means a new write)
};

/// Both devices' register images behind one mutex; every method holds it briefly.
class RegisterImages {
 public:
  /// Validates `map`; throws InputError (also when meter and inverter share a unit id: plantsim
  /// serves both on one port and routes by unit id).
  RegisterImages(modbus::RegisterMap map, modbus::ServedScaleFactors sf);

  /// The device at Modbus unit id `unit_id`.
  Device device_of(int unit_id) const;
  /// Stores a meter reading; `garbage` replaces power and frequency by "not implemented" raw
  /// patterns.
  void publish_meter(const modbus::MeterValues& v, bool garbage);
  /// Stores an inverter reading (the set-point registers keep what the client wrote).
  void publish_inverter(const modbus::InverterValues& v);
  /// Copies registers [first, first + out.size()) of `device`; returns 0 or a Modbus
  /// exception code.
  int read(Device device, int first, std::span<std::uint16_t> out) const;
  /// Writes `values` from register `first`; only the inverter's set-point accepts writes, and
  /// only whole (all its registers in one request). Returns 0 or a Modbus exception code.
  int write(Device device, int first, std::span<const std::uint16_t> values);
  /// The last set-point written.
  SetpointWrite last_setpoint() const;

  const modbus::RegisterMap& map() const { return map_; }
  modbus::ServedScaleFactors scale_factors() const { return sf_; }

 private:
  const modbus::RegisterMap map_;
  const modbus::ServedScaleFactors sf_;
  mutable std::mutex mutex_;
  std::vector<std::uint16_t> meter_;
  std::vector<std::uint16_t> inverter_;
  SetpointWrite setpoint_;
};

}  // namespace ballast::plantsim

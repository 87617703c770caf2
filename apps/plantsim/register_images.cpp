#include "plantsim/register_images.h"

#include <algorithm>

#include "ballast/core/error.h"

namespace ballast::plantsim {

namespace {

// Overwrites `point` with its type's "not implemented" raw pattern.
void put_not_implemented(const modbus::Point& point, bool high_word_first,
                         std::vector<std::uint16_t>& regs) {
  if (!point.present()) return;
  const std::uint32_t raw = modbus::not_implemented_raw(point.type);
  if (modbus::register_count(point.type) == 1) {
    regs.at(point.address) = static_cast<std::uint16_t>(raw);
    return;
  }
  const auto hi = static_cast<std::uint16_t>(raw >> 16);
  const auto lo = static_cast<std::uint16_t>(raw & 0xFFFFu);
  regs.at(point.address) = high_word_first ? hi : lo;
  regs.at(point.address + 1) = high_word_first ? lo : hi;
}

}  // namespace

RegisterImages::RegisterImages(modbus::RegisterMap map, modbus::ServedScaleFactors sf)
    : map_(std::move(map)),
      sf_(sf),
      meter_(static_cast<std::size_t>(modbus::image_size(map_.meter)), 0),
      inverter_(static_cast<std::size_t>(modbus::image_size(map_.inverter)), 0) {
  modbus::validate(map_);
  if (map_.meter_endpoint.unit_id == map_.inverter_endpoint.unit_id) {
    throw InputError(
        "the register map gives the meter and the inverter the same unit id; plantsim serves "
        "both on one port and routes requests by unit id, so give them different unit ids");
  }
  // Scale-factor registers hold their exponents from the start.
  encode_meter(map_, {}, sf_, meter_);
  encode_inverter(map_, {}, sf_, inverter_);
}

Device RegisterImages::device_of(int unit_id) const {
  if (unit_id == map_.meter_endpoint.unit_id) return Device::kMeter;
  if (unit_id == map_.inverter_endpoint.unit_id) return Device::kInverter;
  return Device::kNone;
}

void RegisterImages::publish_meter(const modbus::MeterValues& v, bool garbage) {
  const std::lock_guard lock(mutex_);
  encode_meter(map_, v, sf_, meter_);
  if (garbage) {
    const bool hw = map_.meter_endpoint.high_word_first;
    put_not_implemented(map_.meter.active_power, hw, meter_);
    put_not_implemented(map_.meter.frequency, hw, meter_);
  }
}

void RegisterImages::publish_inverter(const modbus::InverterValues& v) {
  const std::lock_guard lock(mutex_);
  encode_inverter(map_, v, sf_, inverter_);
}

int RegisterImages::read(Device device, int first, std::span<std::uint16_t> out) const {
  if (device == Device::kNone) return kGatewayTargetFailed;
  const std::lock_guard lock(mutex_);
  const auto& regs = device == Device::kMeter ? meter_ : inverter_;
  const auto count = static_cast<int>(out.size());
  if (first < 0 || count < 1 || first + count > static_cast<int>(regs.size())) {
    return kIllegalDataAddress;
  }
  std::copy_n(regs.begin() + first, count, out.begin());
  return 0;
}

int RegisterImages::write(Device device, int first, std::span<const std::uint16_t> values) {
  if (device == Device::kNone) return kGatewayTargetFailed;
  const modbus::Point& sp = map_.inverter.setpoint;
  const int count = static_cast<int>(values.size());
  // Only the set-point's own registers are writable; everything else is a measurement. A write
  // must cover the whole point: half of a 32-bit set-point would combine with the other half
  // left from an earlier write into a value nobody sent (a torn write). The Modbus protocol's
  // exception 2 covers "the combination of reference number and transfer length is invalid"
  // (Modbus Application Protocol v1.1b3, section 7).
  if (device != Device::kInverter || first != sp.address ||
      count != modbus::register_count(sp.type)) {
    return kIllegalDataAddress;
  }
  const std::lock_guard lock(mutex_);
  std::copy(values.begin(), values.end(), inverter_.begin() + first);
  setpoint_.setpoint_w = modbus::served_setpoint_w(map_, sf_, inverter_);
  ++setpoint_.count;
  return 0;
}

SetpointWrite RegisterImages::last_setpoint() const {
  const std::lock_guard lock(mutex_);
  return setpoint_;
}

}  // namespace ballast::plantsim

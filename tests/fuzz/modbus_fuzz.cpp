// Fuzz target for Modbus decoding: ballastd's decoding of the register blocks it reads
// (src/modbus/device.cpp, decode/encode in register_map.cpp) and plantsim's decoding of the
// requests it serves (apply_request in apps/plantsim/modbus_server.cpp).
//
// The first byte picks the part; the rest is registers (big-endian words) or a request PDU.
// Checks: decoded values are finite or reported unusable; every value that decodes encodes back
// to the same raw registers; a request never reads or writes outside the registers, and a write
// changes the set-point only when it covers the whole point.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "ballast/modbus/device.h"
#include "ballast/modbus/register_map.h"
#include "plantsim/modbus_server.h"
#include "plantsim/register_images.h"

namespace {

using namespace ballast::modbus;

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("modbus fuzz invariant broken: ") + what);
}

std::vector<std::uint16_t> words(const std::uint8_t* data, std::size_t size, std::size_t count) {
  std::vector<std::uint16_t> regs(count, 0);
  for (std::size_t i = 0; i < count && 2 * i + 1 < size; ++i) {
    regs[i] = static_cast<std::uint16_t>((data[2 * i] << 8) | data[2 * i + 1]);
  }
  return regs;
}

// Every point whose raw value decodes encodes back to it.
void round_trip(const Point& p, const Block& b, const std::vector<std::uint16_t>& regs, bool hw) {
  double value = 0;
  if (decode(p, b, regs, hw, value) != Decode::kOk) return;
  require(std::isfinite(value), "a decoded value is not finite");
  int sf = p.scale_factor;
  if (p.scale_factor_address >= 0)
    sf = static_cast<std::int16_t>(regs[p.scale_factor_address - b.first]);
  const auto back = encode(p, sf, value, hw);
  const int i = p.address - b.first;
  require(back[0] == regs[i], "decode then encode changed the first word");
  if (register_count(p.type) == 2) require(back[1] == regs[i + 1], "... the second word");
}

void blocks(const std::uint8_t* data, std::size_t size, bool hw) {
  RegisterMap map = RegisterMap::defaults();
  map.meter_endpoint.high_word_first = map.inverter_endpoint.high_word_first = hw;
  const Block mb = meter_block(map.meter);
  const std::vector<std::uint16_t> m = words(data, size, static_cast<std::size_t>(mb.count));
  MeterValues mv;
  if (decode_meter(map, m, mv).empty()) {
    require(std::isfinite(mv.active_power_w) && std::isfinite(mv.frequency_hz), "meter value");
  }
  for (const Point* p : {&map.meter.active_power, &map.meter.frequency, &map.meter.heartbeat}) {
    round_trip(*p, mb, m, hw);
  }
  const Block ib = inverter_block(map.inverter);
  const std::vector<std::uint16_t> v = words(data, size, static_cast<std::size_t>(ib.count));
  InverterValues iv;
  if (decode_inverter(map, v, iv).empty()) {
    require(std::isfinite(iv.soc_pct) && std::isfinite(iv.active_power_w) &&
                std::isfinite(iv.max_discharge_power_w) && std::isfinite(iv.max_charge_power_w),
            "inverter value");
    require(iv.setpoint_scale_factor >= -10 && iv.setpoint_scale_factor <= 10, "set-point sf");
  }
  for (const Point* p : {&map.inverter.soc, &map.inverter.active_power,
                         &map.inverter.max_discharge_power, &map.inverter.status}) {
    round_trip(*p, ib, v, hw);
  }
}

void request(const std::uint8_t* data, std::size_t size) {
  using namespace ballast::plantsim;
  static RegisterImages images(RegisterMap::defaults(), ServedScaleFactors{.power = 1});
  const Device device = size > 0 && (data[0] & 1) ? Device::kInverter : Device::kMeter;
  const std::span<const std::uint8_t> pdu(data + (size > 0 ? 1 : 0), size > 0 ? size - 1 : 0);
  std::vector<std::uint16_t> table(16, 0);
  const SetpointWrite before = images.last_setpoint();
  const int code = apply_request(images, device, pdu, table.data(), static_cast<int>(table.size()));
  require(code >= 0 && code <= 11, "not a Modbus exception code");
  const SetpointWrite after = images.last_setpoint();
  if (after.count != before.count) {
    // Only a whole set-point write is taken: function 16, 2 registers at its address.
    require(code == 0 && pdu.size() >= 6 && pdu[0] == 16 && ((pdu[1] << 8) | pdu[2]) == 10 &&
                ((pdu[3] << 8) | pdu[4]) == 2,
            "a partial or misplaced write changed the set-point");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  switch (data[0] % 3) {
    case 0:
      blocks(data + 1, size - 1, true);
      break;
    case 1:
      blocks(data + 1, size - 1, false);
      break;
    default:
      request(data + 1, size - 1);
  }
  return 0;
}

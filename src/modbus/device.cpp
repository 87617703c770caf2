#include "ballast/modbus/device.h"

#include <fmt/format.h>

#include <algorithm>

namespace ballast::modbus {

namespace {

// Decodes one point; appends to `error` when it is unusable.
double get(const char* name, const Point& p, const Block& b, const std::vector<std::uint16_t>& regs,
           bool high_word_first, std::string& error) {
  double v = 0;
  switch (decode(p, b, regs, high_word_first, v)) {
    case Decode::kOk:
      return v;
    case Decode::kNotImplemented:
      if (error.empty()) error = fmt::format("{}: not implemented or invalid raw value", name);
      return 0;
    case Decode::kOutOfBlock:
      if (error.empty()) error = fmt::format("{}: outside the block read", name);
      return 0;
  }
  return 0;
}

void put(const Point& p, int sf, double value, bool high_word_first,
         std::vector<std::uint16_t>& regs) {
  if (!p.present()) return;
  const auto words =
      encode(p, p.scale_factor_address >= 0 ? sf : p.scale_factor, value, high_word_first);
  regs.at(p.address) = words[0];
  if (register_count(p.type) == 2) regs.at(p.address + 1) = words[1];
  if (p.scale_factor_address >= 0) {
    regs.at(p.scale_factor_address) = static_cast<std::uint16_t>(static_cast<std::int16_t>(sf));
  }
}

int end_of(const Point& p) {
  return std::max(p.present() ? p.address + register_count(p.type) : 0, p.scale_factor_address + 1);
}

}  // namespace

std::string decode_meter(const RegisterMap& map, const std::vector<std::uint16_t>& regs,
                         MeterValues& out) {
  const MeterMap& m = map.meter;
  const Block b = meter_block(m);
  const bool hw = map.meter_endpoint.high_word_first;
  std::string error;
  out.active_power_w = get("meter active_power", m.active_power, b, regs, hw, error);
  out.frequency_hz = get("meter frequency", m.frequency, b, regs, hw, error);
  out.heartbeat =
      m.heartbeat.present()
          ? static_cast<std::uint32_t>(get("meter heartbeat", m.heartbeat, b, regs, hw, error))
          : 0;
  return error;
}

std::string decode_inverter(const RegisterMap& map, const std::vector<std::uint16_t>& regs,
                            InverterValues& out) {
  const InverterMap& m = map.inverter;
  const Block b = inverter_block(m);
  const bool hw = map.inverter_endpoint.high_word_first;
  std::string error;
  out.soc_pct = get("inverter soc", m.soc, b, regs, hw, error);
  out.active_power_w = get("inverter active_power", m.active_power, b, regs, hw, error);
  out.max_discharge_power_w =
      get("inverter max_discharge_power", m.max_discharge_power, b, regs, hw, error);
  out.max_charge_power_w = get("inverter max_charge_power", m.max_charge_power, b, regs, hw, error);
  out.status = static_cast<int>(get("inverter status", m.status, b, regs, hw, error));
  out.heartbeat = 0;
  if (m.heartbeat.present()) {
    out.heartbeat =
        static_cast<std::uint32_t>(get("inverter heartbeat", m.heartbeat, b, regs, hw, error));
  }
  out.setpoint_scale_factor = m.setpoint.scale_factor;
  if (m.setpoint.scale_factor_address >= 0) {
    const int i = m.setpoint.scale_factor_address - b.first;
    const auto sf = static_cast<std::int16_t>(regs.at(i));
    if (sf < -10 || sf > 10) {
      if (error.empty()) error = "inverter setpoint scale factor: invalid";
    } else {
      out.setpoint_scale_factor = sf;
    }
  }
  return error;
}

void encode_meter(const RegisterMap& map, const MeterValues& v, ServedScaleFactors sf,
                  std::vector<std::uint16_t>& regs) {
  const bool hw = map.meter_endpoint.high_word_first;
  put(map.meter.active_power, sf.power, v.active_power_w, hw, regs);
  put(map.meter.frequency, sf.power, v.frequency_hz, hw, regs);
  put(map.meter.heartbeat, 0, v.heartbeat, hw, regs);
}

void encode_inverter(const RegisterMap& map, const InverterValues& v, ServedScaleFactors sf,
                     std::vector<std::uint16_t>& regs) {
  const InverterMap& m = map.inverter;
  const bool hw = map.inverter_endpoint.high_word_first;
  put(m.soc, sf.power, v.soc_pct, hw, regs);
  put(m.active_power, sf.power, v.active_power_w, hw, regs);
  put(m.max_discharge_power, sf.power, v.max_discharge_power_w, hw, regs);
  put(m.max_charge_power, sf.power, v.max_charge_power_w, hw, regs);
  put(m.status, 0, v.status, hw, regs);
  put(m.heartbeat, 0, v.heartbeat, hw, regs);
  if (m.setpoint.scale_factor_address >= 0) {
    regs.at(m.setpoint.scale_factor_address) =
        static_cast<std::uint16_t>(static_cast<std::int16_t>(sf.power));
  }
}

double served_setpoint_w(const RegisterMap& map, ServedScaleFactors sf,
                         const std::vector<std::uint16_t>& regs) {
  const Point& p = map.inverter.setpoint;
  const Block whole{0, static_cast<int>(regs.size())};
  Point fixed = p;
  fixed.scale_factor = p.scale_factor_address >= 0 ? sf.power : p.scale_factor;
  fixed.scale_factor_address = -1;
  double w = 0;
  if (decode(fixed, whole, regs, map.inverter_endpoint.high_word_first, w) != Decode::kOk) return 0;
  return w;
}

int image_size(const MeterMap& m) {
  return std::max({end_of(m.active_power), end_of(m.frequency), end_of(m.heartbeat)});
}

int image_size(const InverterMap& m) {
  return std::max({end_of(m.soc), end_of(m.active_power), end_of(m.max_discharge_power),
                   end_of(m.max_charge_power), end_of(m.status), end_of(m.heartbeat),
                   end_of(m.setpoint)});
}

}  // namespace ballast::modbus

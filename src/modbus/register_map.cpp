#include "ballast/modbus/register_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

#include "ballast/core/error.h"
#include "ballast/core/toml_reader.h"

namespace ballast::modbus {

int register_count(PointType type) {
  return type == PointType::kInt32 || type == PointType::kUint32 ? 2 : 1;
}

std::uint32_t not_implemented_raw(PointType type) {
  switch (type) {
    case PointType::kInt16:
      return 0x8000u;
    case PointType::kUint16:
      return 0xFFFFu;
    case PointType::kInt32:
      return 0x80000000u;
    case PointType::kUint32:
      return 0xFFFFFFFFu;
  }
  return 0;
}

RegisterMap RegisterMap::defaults() {
  RegisterMap m;
  m.meter.active_power = {.address = 0, .type = PointType::kInt32, .scale_factor_address = 2};
  m.meter.frequency = {.address = 3, .type = PointType::kUint16, .scale_factor = -3};
  m.meter.heartbeat = {.address = 4, .type = PointType::kUint16};
  auto power = [](int address, PointType type) {
    return Point{.address = address, .type = type, .scale_factor_address = 7};
  };
  m.inverter.soc = {.address = 0, .type = PointType::kUint16, .scale_factor = -1};
  m.inverter.active_power = power(1, PointType::kInt32);
  m.inverter.max_discharge_power = power(3, PointType::kUint32);
  m.inverter.max_charge_power = power(5, PointType::kUint32);
  m.inverter.status = {.address = 8, .type = PointType::kUint16};
  m.inverter.heartbeat = {.address = 9, .type = PointType::kUint16};
  m.inverter.setpoint = power(10, PointType::kInt32);
  return m;
}

namespace {

// Each point of a map with its name in the TOML file; `M` may be const.
template <class M>
requires std::is_same_v<std::remove_const_t<M>, MeterMap>
auto points_of(M& m) {
  using P = decltype(&m.active_power);
  return std::vector<std::pair<const char*, P>>{
      {"active_power", &m.active_power}, {"frequency", &m.frequency}, {"heartbeat", &m.heartbeat}};
}

template <class M>
requires std::is_same_v<std::remove_const_t<M>, InverterMap>
auto points_of(M& m) {
  using P = decltype(&m.active_power);
  return std::vector<std::pair<const char*, P>>{{"soc", &m.soc},
                                                {"active_power", &m.active_power},
                                                {"max_discharge_power", &m.max_discharge_power},
                                                {"max_charge_power", &m.max_charge_power},
                                                {"status", &m.status},
                                                {"heartbeat", &m.heartbeat},
                                                {"setpoint", &m.setpoint}};
}

// The registers a device's reads must cover: every point but the set-point, and every
// scale-factor register (the set-point's included: writing needs its exponent).
template <class Map>
Block block_of(const Map& map) {
  int lo = std::numeric_limits<int>::max();
  int hi = -1;
  auto cover = [&](int first, int count) {
    if (first < 0) return;
    lo = std::min(lo, first);
    hi = std::max(hi, first + count);
  };
  for (const auto& [name, p] : points_of(map)) {
    if (std::string_view(name) != "setpoint") cover(p->address, register_count(p->type));
    cover(p->scale_factor_address, 1);
  }
  return hi < 0 ? Block{} : Block{lo, hi - lo};
}

void read_endpoint(const TomlReader& r, const toml::table& t, Endpoint& e) {
  if (auto host = r.text(t, "host")) e.host = *host;
  e.port = static_cast<int>(r.integer(t, "port", 1, 65535, e.port));
  e.unit_id = static_cast<int>(r.integer(t, "unit_id", 0, 255, e.unit_id));
  e.high_word_first =
      r.choice(t, "word_order", e.high_word_first ? "big" : "little", {"big", "little"}) == "big";
}

void read_point(const TomlReader& r, const toml::table& t, const std::string& where, Point& p) {
  r.check_keys(t, {"address", "type", "scale_factor", "scale_factor_address"}, where);
  p.address = static_cast<int>(r.integer(t, "address", -1, 65535, p.address));
  static const char* kNames[] = {"int16", "uint16", "int32", "uint32"};
  const std::string type =
      r.choice(t, "type", kNames[static_cast<int>(p.type)], {"int16", "uint16", "int32", "uint32"});
  for (int i = 0; i < 4; ++i) {
    if (type == kNames[i]) p.type = static_cast<PointType>(i);
  }
  if (t.get("scale_factor") != nullptr) {
    p.scale_factor = static_cast<int>(r.integer(t, "scale_factor", -10, 10, 0));
    p.scale_factor_address = -1;
  }
  p.scale_factor_address =
      static_cast<int>(r.integer(t, "scale_factor_address", -1, 65535, p.scale_factor_address));
}

template <class Map>
void read_device(const TomlReader& r, const toml::table& device, const std::string& name,
                 Endpoint& endpoint, Map& map, std::set<std::string> extra_keys) {
  extra_keys.insert({"host", "port", "unit_id", "word_order", "points"});
  r.check_keys(device, extra_keys, "[" + name + "]");
  read_endpoint(r, device, endpoint);
  const toml::table* points = r.table(device, "points");
  if (points == nullptr) return;
  std::set<std::string> known;
  for (const auto& [key, p] : points_of(map)) known.insert(key);
  r.check_keys(*points, known, "[" + name + ".points]");
  for (const auto& [key, p] : points_of(map)) {
    if (const toml::table* t = r.table(*points, key)) {
      read_point(r, *t, "[" + name + ".points." + key + "]", *p);
    }
  }
}

template <class Map>
void validate_device(const Map& map, const std::string& name,
                     const std::vector<const char*>& required) {
  std::vector<std::pair<int, std::string>> used;  // (register, owner)
  auto claim = [&](int first, int count, const std::string& owner) {
    for (int a = first; a < first + count; ++a) {
      for (const auto& [reg, other] : used) {
        if (reg == a && other != owner) {
          throw InputError(
              fmt::format("{} register {} is used by both {} and {}; give each "
                          "point its own registers",
                          name, a, other, owner));
        }
      }
      used.emplace_back(a, owner);
    }
  };
  for (const auto& [point_name, p] : points_of(map)) {
    // A named copy: clang before 16 cannot capture a structured binding in a lambda.
    const std::string_view key = point_name;
    const bool needed = std::find_if(required.begin(), required.end(), [&](const char* k) {
                          return std::string_view(k) == key;
                        }) != required.end();
    if (!p->present()) {
      if (needed) {
        throw InputError(fmt::format("the {} map needs an address for '{}'", name, key));
      }
      continue;
    }
    claim(p->address, register_count(p->type), fmt::format("{}.{}", name, key));
    if (p->scale_factor_address >= 0) {
      // Points may share one scale-factor register (SunSpec's W_SF), never a value register.
      claim(p->scale_factor_address, 1, fmt::format("a {} scale factor", name));
    }
  }
  const Block b = block_of(map);
  if (b.count > 125) {
    throw InputError(
        fmt::format("the {} points span {} registers from {}; one Modbus read "
                    "holds at most 125, so place them closer together",
                    name, b.count, b.first));
  }
}

}  // namespace

Block meter_block(const MeterMap& map) { return block_of(map); }
Block inverter_block(const InverterMap& map) { return block_of(map); }

void validate(const RegisterMap& map) {
  validate_device(map.meter, "meter", {"active_power", "frequency"});
  validate_device(
      map.inverter, "inverter",
      {"soc", "active_power", "max_discharge_power", "max_charge_power", "status", "setpoint"});
}

RegisterMap read_register_map(const std::string& path) {
  const TomlReader r(path);
  RegisterMap map = RegisterMap::defaults();
  r.check_keys(r.root(), {"meter", "inverter"}, "the register map");
  if (const toml::table* meter = r.table(r.root(), "meter")) {
    read_device(r, *meter, "meter", map.meter_endpoint, map.meter, {});
  }
  if (const toml::table* inverter = r.table(r.root(), "inverter")) {
    read_device(r, *inverter, "inverter", map.inverter_endpoint, map.inverter, {"running_status"});
    if (const toml::node* n = inverter->get("running_status")) {
      const toml::array* codes = n->as_array();
      if (codes == nullptr || codes->empty()) {
        r.fail(n, "'running_status' must be a list of status codes, e.g. [3]");
      }
      map.inverter.running_status.clear();
      for (const toml::node& c : *codes) {
        const std::optional<std::int64_t> v = c.value<std::int64_t>();
        if (!c.is_integer() || *v < 0 || *v > 65535) {
          r.fail(&c, "each running status code must be a whole number in [0, 65535]");
        }
        map.inverter.running_status.push_back(static_cast<int>(*v));
      }
    }
  }
  try {
    validate(map);
  } catch (const InputError& e) {
    throw InputError(e.reason(), {path});
  }
  return map;
}

namespace {

std::uint32_t raw_at(const Point& p, const Block& b, std::span<const std::uint16_t> regs,
                     bool high_word_first, bool& inside) {
  const int i = p.address - b.first;
  inside = i >= 0 && i + register_count(p.type) <= static_cast<int>(regs.size());
  if (!inside) return 0;
  if (register_count(p.type) == 1) return regs[i];
  const std::uint32_t a = regs[i];
  const std::uint32_t c = regs[i + 1];
  return high_word_first ? (a << 16) | c : (c << 16) | a;
}

}  // namespace

Decode decode(const Point& point, const Block& block, std::span<const std::uint16_t> regs,
              bool high_word_first, double& value) {
  bool inside = false;
  const std::uint32_t raw = raw_at(point, block, regs, high_word_first, inside);
  if (!inside) return Decode::kOutOfBlock;
  if (raw == not_implemented_raw(point.type)) return Decode::kNotImplemented;
  int sf = point.scale_factor;
  if (point.scale_factor_address >= 0) {
    const int i = point.scale_factor_address - block.first;
    if (i < 0 || i >= static_cast<int>(regs.size())) return Decode::kOutOfBlock;
    if (regs[i] == 0x8000u) return Decode::kNotImplemented;
    sf = static_cast<std::int16_t>(regs[i]);
    if (sf < -10 || sf > 10) return Decode::kNotImplemented;  // SunSpec keeps |sf| <= 10
  }
  double v = 0;
  switch (point.type) {
    case PointType::kInt16:
      v = static_cast<std::int16_t>(raw);
      break;
    case PointType::kUint16:
    case PointType::kUint32:
      v = static_cast<double>(raw);
      break;
    case PointType::kInt32:
      v = static_cast<std::int32_t>(raw);
      break;
  }
  value = v * std::pow(10.0, sf);
  return Decode::kOk;
}

std::array<std::uint16_t, 2> encode(const Point& point, int sf, double value,
                                    bool high_word_first) {
  double lo = 0;
  double hi = 0;
  switch (point.type) {
    case PointType::kInt16:
      lo = -32767, hi = 32767;
      break;
    case PointType::kUint16:
      hi = 65534;
      break;
    case PointType::kInt32:
      lo = -2147483647.0, hi = 2147483647.0;
      break;
    case PointType::kUint32:
      hi = 4294967294.0;
      break;
  }
  double raw = std::round(value / std::pow(10.0, sf));
  if (!(raw >= lo)) raw = lo;  // NaN saturates low, never to a "not implemented" code
  if (raw > hi) raw = hi;
  const auto bits = point.type == PointType::kInt32 || point.type == PointType::kInt16
                        ? static_cast<std::uint32_t>(static_cast<std::int32_t>(raw))
                        : static_cast<std::uint32_t>(raw);
  if (register_count(point.type) == 1) return {static_cast<std::uint16_t>(bits & 0xFFFFu), 0};
  const auto high = static_cast<std::uint16_t>(bits >> 16);
  const auto low = static_cast<std::uint16_t>(bits & 0xFFFFu);
  return high_word_first ? std::array<std::uint16_t, 2>{high, low}
                         : std::array<std::uint16_t, 2>{low, high};
}

}  // namespace ballast::modbus

#pragma once
/// @file The site's Modbus register map: where the meter's and the battery inverter's points
/// live in holding registers, their types and SunSpec-style scale factors (value = raw x
/// 10^sf, SunSpec Information Model Specification). ballastd reads and writes through it;
/// plantsim serves through the same map, so both sides always agree.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ballast::modbus {

/// How a point is stored. 32-bit values take two registers, high word first unless the
/// device's word order says otherwise.
enum class PointType { kInt16, kUint16, kInt32, kUint32 };

/// Registers a type occupies.
int register_count(PointType type);

/// One point: an engineering value in SI units (W, Hz, %, a count) at a register address.
struct Point {
  int address = -1;  ///< 0-based holding-register address; -1 when the device lacks it
  PointType type = PointType::kUint16;
  int scale_factor = 0;           ///< fixed exponent: value = raw x 10^scale_factor
  int scale_factor_address = -1;  ///< int16 register holding the exponent (SunSpec); -1: fixed
  bool present() const { return address >= 0; }
};

/// The site meter at the grid connection.
struct MeterMap {
  Point active_power;  ///< W, positive = the site imports from the grid
  Point frequency;     ///< Hz
  Point heartbeat;     ///< a counter the meter advances with every new reading (optional)
};

/// The battery inverter.
struct InverterMap {
  Point soc;                              ///< state of charge, % of nameplate energy
  Point active_power;                     ///< W at the terminals, positive = discharge
  Point max_discharge_power;              ///< W the inverter can discharge now
  Point max_charge_power;                 ///< W the inverter can charge now (a positive number)
  Point status;                           ///< operating state code
  Point heartbeat;                        ///< a counter the inverter advances (optional)
  Point setpoint;                         ///< W, written: positive = discharge
  std::vector<int> running_status = {3};  ///< status codes meaning "ready to follow set-points"
};

/// Where a device is and how its 32-bit words are ordered.
struct Endpoint {
  std::string host = "127.0.0.1";
  int port = 1502;
  int unit_id = 1;
  bool high_word_first = true;  ///< Modbus convention; false for "little" word order
};

/// The whole map: meter and inverter, each at its endpoint.
struct RegisterMap {
  Endpoint meter_endpoint{};
  MeterMap meter;
  Endpoint inverter_endpoint{.unit_id = 2};
  InverterMap inverter;
  /// The default map documented in docs/ballastd.md (plantsim serves it unless told otherwise).
  static RegisterMap defaults();
};

/// Reads a map from TOML tables [meter], [meter.points.*], [inverter], [inverter.points.*]
/// of `path` (keys not given keep their defaults). Throws InputError at file:line:column.
RegisterMap read_register_map(const std::string& path);

/// Checks the map: required points present, no two points overlapping, every block within a
/// single Modbus read (125 registers). Throws InputError naming the first problem.
void validate(const RegisterMap& map);

/// The contiguous register block [first, first + count) covering every point and scale-factor
/// register of a device except the set-point (which is only written).
struct Block {
  int first = 0;
  int count = 0;
};
Block meter_block(const MeterMap& map);
Block inverter_block(const InverterMap& map);

/// A decoded value, or why it is unusable.
enum class Decode { kOk, kNotImplemented, kOutOfBlock };

/// Decodes `point` from registers read as `block` (regs[0] is address block.first).
/// SunSpec "not implemented" raw values (0x8000, 0xFFFF, 0x80000000, 0xFFFFFFFF and a
/// scale factor of 0x8000) give kNotImplemented.
Decode decode(const Point& point, const Block& block, std::span<const std::uint16_t> regs,
              bool high_word_first, double& value);

/// Encodes `value` for `point` at scale factor `sf` into registers (1 or 2 words); rounds to
/// the nearest raw step and saturates at the type's range (never at a "not implemented" code).
std::array<std::uint16_t, 2> encode(const Point& point, int sf, double value, bool high_word_first);

/// The raw "not implemented" pattern of a type (what a garbage register looks like).
std::uint32_t not_implemented_raw(PointType type);

}  // namespace ballast::modbus

#pragma once
/// @file Whole-device values <-> register blocks through a RegisterMap: ballastd decodes what
/// it reads, plantsim encodes what it serves, with the same code.

#include <cstdint>
#include <string>
#include <vector>

#include "ballast/modbus/register_map.h"

namespace ballast::modbus {

/// The meter's values in SI units.
struct MeterValues {
  double active_power_w = 0;  ///< W, positive = import from the grid
  double frequency_hz = 0;    ///< Hz
  std::uint32_t heartbeat = 0;
};

/// The inverter's values in SI units.
struct InverterValues {
  double soc_pct = 0;                ///< % of nameplate energy
  double active_power_w = 0;         ///< W, positive = discharge
  double max_discharge_power_w = 0;  ///< W available now
  double max_charge_power_w = 0;     ///< W available now (positive)
  int status = 0;                    ///< operating state code
  std::uint32_t heartbeat = 0;
  int setpoint_scale_factor = 0;  ///< exponent to write the set-point with
};

/// Decodes a meter block read as meter_block(map.meter). Returns an empty string, or which
/// point is unusable ("frequency: not implemented (0xFFFF)").
std::string decode_meter(const RegisterMap& map, const std::vector<std::uint16_t>& regs,
                         MeterValues& out);
/// Decodes an inverter block read as inverter_block(map.inverter); as decode_meter.
std::string decode_inverter(const RegisterMap& map, const std::vector<std::uint16_t>& regs,
                            InverterValues& out);

/// Scale-factor exponents a server publishes (one per scale-factor register).
struct ServedScaleFactors {
  int power = 0;  ///< for every point whose exponent lives in a register
};

/// Writes `v` into a server's register image `regs` (indexed by address) of the meter,
/// including the scale-factor registers.
void encode_meter(const RegisterMap& map, const MeterValues& v, ServedScaleFactors sf,
                  std::vector<std::uint16_t>& regs);
/// As encode_meter, for the inverter (the set-point register is left alone).
void encode_inverter(const RegisterMap& map, const InverterValues& v, ServedScaleFactors sf,
                     std::vector<std::uint16_t>& regs);

/// Decodes the set-point a client wrote into a server's register image, W.
double served_setpoint_w(const RegisterMap& map, ServedScaleFactors sf,
                         const std::vector<std::uint16_t>& regs);

/// The number of registers a server's image needs to hold every point of the map.
int image_size(const MeterMap& map);
int image_size(const InverterMap& map);

}  // namespace ballast::modbus

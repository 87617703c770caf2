#pragma once
// A plant running in this process (physics thread + Modbus server on a free loopback port) and
// the small helpers the server, fault and API tests share.

#include <chrono>
#include <thread>
#include <vector>

#include "../support/process.h"
#include "ballast/modbus/client.h"
#include "ballast/modbus/device.h"
#include "plantsim/faults.h"
#include "plantsim/modbus_server.h"
#include "plantsim/runner.h"

namespace ballast::plantsim::testing {

// A plant with a quiet meter (no noise) unless told otherwise.
inline PlantParams quiet_params() {
  PlantParams p;
  p.meter.noise_mw = 0;
  return p;
}

struct LivePlant {
  explicit LivePlant(PlantParams params = quiet_params(), LoadSpec load = ConstantLoad{})
      : images(modbus::RegisterMap::defaults(), modbus::ServedScaleFactors{.power = 1}),
        runner(Plant(params, make_site_load(load)), RunnerOptions{}, images, faults, nullptr),
        server("127.0.0.1", 0, images, faults) {
    runner.start();
    server.start();
  }
  // The endpoint of a device at `unit_id` on this server.
  modbus::Endpoint endpoint(int unit_id) const {
    modbus::Endpoint e;
    e.port = server.port();
    e.unit_id = unit_id;
    return e;
  }
  const modbus::RegisterMap& map() const { return images.map(); }

  Faults faults;
  RegisterImages images;
  PlantRunner runner;
  ModbusServer server;
};

// Reads and decodes the meter; the status of the read, and the decoder's complaint in `error`.
inline modbus::Result read_meter(modbus::Client& c, const modbus::RegisterMap& map,
                                 modbus::MeterValues& v, std::string* error = nullptr) {
  const modbus::Block b = modbus::meter_block(map.meter);
  std::vector<std::uint16_t> regs(static_cast<std::size_t>(b.count));
  const modbus::Result r = c.read(b.first, regs);
  if (r.ok()) {
    const std::string e = modbus::decode_meter(map, regs, v);
    if (error != nullptr) *error = e;
  }
  return r;
}

inline modbus::Result read_inverter(modbus::Client& c, const modbus::RegisterMap& map,
                                    modbus::InverterValues& v) {
  const modbus::Block b = modbus::inverter_block(map.inverter);
  std::vector<std::uint16_t> regs(static_cast<std::size_t>(b.count));
  const modbus::Result r = c.read(b.first, regs);
  if (r.ok()) modbus::decode_inverter(map, regs, v);
  return r;
}

// Writes a set-point of `mw` (> 0 discharge) at the served power scale factor 1.
inline modbus::Result write_setpoint(modbus::Client& c, const modbus::RegisterMap& map, double mw) {
  const modbus::Point& p = map.inverter.setpoint;
  const auto words = modbus::encode(p, 1, mw * 1e6, map.inverter_endpoint.high_word_first);
  return c.write(p.address, std::span(words.data(), 2));
}

}  // namespace ballast::plantsim::testing

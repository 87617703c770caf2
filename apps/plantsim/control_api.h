#pragma once
/// @file plantsim's control API (HTTP on loopback): the plant's truth for tests to compare
/// with, and switches for the faults.
///
///   GET  /state   {time_s, site_mw, battery_mw, upstream_mw, soc, setpoint_mw, frequency_hz,
///                  faults: [...], requests, clients}
///   GET  /faults  {faults: [...], delay_ms, code}
///   POST /fault   {"fault": "drop"|"freeze"|"exception"|"soc_out_of_range"|"garbage"|"slow"|
///                  "inverter_fault"|"clear", "on": true, "delay_ms": 300, "code": 4}

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "plantsim/faults.h"
#include "plantsim/modbus_server.h"
#include "plantsim/runner.h"

namespace httplib {
class Server;
}

namespace ballast::plantsim {

/// The body of GET /state.
nlohmann::json state_json(const PlantTruth& truth, const FaultState& faults, std::uint64_t requests,
                          int clients);
/// The body of GET /faults.
nlohmann::json faults_json(const FaultState& faults);
/// Applies a POST /fault body; returns an empty string or what is wrong with it.
std::string apply_fault_command(const std::string& body, Faults& faults);

/// The HTTP server, in its own threads (cpp-httplib's pool).
class ControlApi {
 public:
  /// Binds `host`:`port` (0: a free port) now; throws InputError when it cannot. The others
  /// must outlive the API.
  ControlApi(const std::string& host, int port, const PlantRunner& runner, Faults& faults,
             const ModbusServer& server);
  ~ControlApi();
  ControlApi(const ControlApi&) = delete;
  ControlApi& operator=(const ControlApi&) = delete;

  /// The port it listens on.
  int port() const { return port_; }
  /// Starts answering.
  void start();
  /// Stops answering.
  void stop();

 private:
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  std::atomic<bool> listening_done_{false};
  std::thread thread_;
};

}  // namespace ballast::plantsim

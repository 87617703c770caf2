#pragma once
// A site on loopback for closed-loop tests: plantsim (the plant) and ballastd (the controller)
// as real processes, with their HTTP APIs and files in a scratch folder.

#include <httplib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "../support/process.h"

namespace ballast::testing {

inline const std::string kToken = "closed-loop-test-token-0123456789abcdef";

/// A binary to test: the environment variable `name` when set (to run these tests against
/// another build, e.g. an installed one), else the one this build made.
inline std::string exe(const char* name, const char* built) {
  const char* given = std::getenv(name);
  return given != nullptr && *given != '\0' ? given : built;
}

/// ballastd's configuration for the tests: the example site, loopback ports, one mode; `extra`
/// is appended (tables of its own), `loop_extra` goes into [loop].
inline std::string ballastd_config(int modbus_port, const std::string& mode,
                                   const std::string& extra = "",
                                   const std::string& loop_extra = "") {
  return "[meter]\nport = " + std::to_string(modbus_port) +
         "\n[inverter]\nport = " + std::to_string(modbus_port) + R"(
[loop]
period_ms = 10
stale_ms = 500
timeout_ms = 100
watchdog_ms = 100
reconnect_min_ms = 50
reconnect_max_ms = 400
)" + loop_extra +
         R"(
[battery]
power_mw = 60
energy_mwh = 5
soc_min = 0.1
soc_max = 0.9
inverter_lag_ms = 20
[mode]
initial = ")" +
         mode + R"("
[smoothing]
ramp_mw_per_min = 60
target_soc = 0.5
dead_band = 0.05
correction_time_s = 600
max_correction_mw = 2
[peak_shaving]
threshold_mw = 45
[regulation]
product = "dreg"
bid_mw = 10
[http]
listen = "127.0.0.1:0"
token_file = "token"
[historian]
path = "history.db"
)" + extra;
}

class Site {
 public:
  /// Starts plantsim on a fixed free port (so that it can be restarted there) and ballastd.
  explicit Site(const std::string& name, const std::string& mode = "smoothing",
                std::string plant_config = BALLAST_EXAMPLES "/plantsim-50mw-training.toml",
                const std::string& extra_config = "", const std::string& loop_config = "")
      : dir_(scratch_dir(name)), plant_config_(std::move(plant_config)), modbus_port_(free_port()) {
    std::ofstream(dir_ / "token") << kToken << "\n";
    chmod((dir_ / "token").c_str(), 0600);
    std::ofstream(dir_ / "ballastd.toml")
        << ballastd_config(modbus_port_, mode, extra_config, loop_config);
    start_plant();
    start_daemon();
  }

  void start_plant() {
    std::filesystem::remove(dir_ / "plant.json");
    plant_.emplace(
        exe("PLANTSIM_EXE", PLANTSIM_EXE),
        std::vector<std::string>{plant_config_, "--port", std::to_string(modbus_port_),
                                 "--control-port", "0", "--trace", (dir_ / "trace.csv").string(),
                                 "--ready-file", (dir_ / "plant.json").string()},
        dir_ / "plant.log");
    if (!eventually([&] { return std::filesystem::exists(dir_ / "plant.json"); })) {
      throw std::runtime_error("plantsim did not start: " + read_text(dir_ / "plant.log"));
    }
    control_port_ = nlohmann::json::parse(read_text(dir_ / "plant.json"))["control_port"];
  }

  void start_daemon() {
    std::filesystem::remove(dir_ / "ballastd.json");
    daemon_.emplace(exe("BALLASTD_EXE", BALLASTD_EXE),
                    std::vector<std::string>{(dir_ / "ballastd.toml").string(), "--ready-file",
                                             (dir_ / "ballastd.json").string()},
                    dir_ / "ballastd.log");
    if (!eventually([&] { return std::filesystem::exists(dir_ / "ballastd.json"); })) {
      throw std::runtime_error("ballastd did not start: " + read_text(dir_ / "ballastd.log"));
    }
    http_port_ = nlohmann::json::parse(read_text(dir_ / "ballastd.json"))["http_port"];
  }

  Process& plant() { return *plant_; }
  Process& daemon() { return *daemon_; }
  const std::filesystem::path& dir() const { return dir_; }
  int http_port() const { return http_port_; }
  int modbus_port() const { return modbus_port_; }

  /// ballastd's GET /status (null when it does not answer).
  nlohmann::json status() const { return get(http_port_, "/status"); }
  /// plantsim's GET /state.
  nlohmann::json plant_state() const { return get(control_port_, "/state"); }
  /// Switches a plantsim fault on or off.
  void fault(const std::string& name, bool on, int delay_ms = 300) const {
    httplib::Client c("127.0.0.1", control_port_);
    const nlohmann::json body{{"fault", name}, {"on", on}, {"delay_ms", delay_ms}};
    auto r = c.Post("/fault", body.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error("plantsim refused fault " + name);
  }
  /// POST to ballastd's API with `token` ("" = no Authorization header).
  int post(const std::string& path, const std::string& body,
           const std::string& token = kToken) const {
    httplib::Client c("127.0.0.1", http_port_);
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto r = c.Post(path.c_str(), h, body, "application/json");
    return r ? r->status : -1;
  }
  /// True once ballastd reports `state` ("running", "safe").
  bool reaches(const std::string& state) const {
    return eventually([&] {
      const nlohmann::json s = status();
      return !s.is_null() && s["state"] == state;
    });
  }

 private:
  static nlohmann::json get(int port, const char* path) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(2, 0);
    auto r = c.Get(path);
    if (!r || r->status != 200) return nullptr;
    return nlohmann::json::parse(r->body);
  }

  std::filesystem::path dir_;
  std::string plant_config_;
  int modbus_port_;
  int control_port_ = 0;
  int http_port_ = 0;
  std::optional<Process> plant_;
  std::optional<Process> daemon_;
};

}  // namespace ballast::testing

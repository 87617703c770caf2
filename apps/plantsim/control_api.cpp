#include "plantsim/control_api.h"

#include <fmt/format.h>
#include <httplib.h>

#include "ballast/core/error.h"

namespace ballast::plantsim {

nlohmann::json state_json(const PlantTruth& t, const FaultState& faults, std::uint64_t requests,
                          int clients) {
  return {{"time_s", t.time_s},
          {"site_mw", t.site_mw},
          {"battery_mw", t.battery_mw},
          {"upstream_mw", t.upstream_mw},
          {"soc", t.soc},
          {"setpoint_mw", t.setpoint_mw},
          {"frequency_hz", t.frequency_hz},
          {"faults", faults.active()},
          {"requests", requests},
          {"clients", clients}};
}

nlohmann::json faults_json(const FaultState& faults) {
  return {
      {"faults", faults.active()}, {"delay_ms", faults.delay_ms}, {"code", faults.exception_code}};
}

std::string apply_fault_command(const std::string& body, Faults& faults) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "the body must be a JSON object";
  const auto fault = j.find("fault");
  if (fault == j.end() || !fault->is_string()) {
    return R"(give the fault by name: {"fault": "drop", "on": true})";
  }
  const auto on = j.find("on");
  const auto delay = j.find("delay_ms");
  const auto code = j.find("code");
  if ((on != j.end() && !on->is_boolean()) || (delay != j.end() && !delay->is_number_integer()) ||
      (code != j.end() && !code->is_number_integer())) {
    return "'on' must be true or false; 'delay_ms' and 'code' whole numbers";
  }
  return faults.apply(fault->get<std::string>(), on == j.end() || on->get<bool>(),
                      delay == j.end() ? 0 : delay->get<int>(),
                      code == j.end() ? 0 : code->get<int>());
}

ControlApi::ControlApi(const std::string& host, int port, const PlantRunner& runner, Faults& faults,
                       const ModbusServer& server)
    : http_(std::make_unique<httplib::Server>()) {
  constexpr const char* kJson = "application/json";
  http_->Get(
      "/state", [&runner, &faults, &server](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            state_json(runner.truth(), faults.get(), server.requests(), server.clients()).dump(),
            kJson);
      });
  http_->Get("/faults", [&faults](const httplib::Request&, httplib::Response& res) {
    res.set_content(faults_json(faults.get()).dump(), kJson);
  });
  http_->Post("/fault", [&faults](const httplib::Request& req, httplib::Response& res) {
    const std::string error = apply_fault_command(req.body, faults);
    if (!error.empty()) {
      res.status = 400;
      res.set_content(nlohmann::json{{"error", error}}.dump(), kJson);
      return;
    }
    res.set_content(faults_json(faults.get()).dump(), kJson);
  });
  port_ = port == 0 ? http_->bind_to_any_port(host) : (http_->bind_to_port(host, port) ? port : -1);
  if (port_ <= 0) {
    throw InputError(
        fmt::format("cannot serve the control API on {}:{}; give a free port (0 "
                    "picks one)",
                    host, port));
  }
}

ControlApi::~ControlApi() { stop(); }

void ControlApi::start() {
  if (thread_.joinable()) return;
  listening_done_ = false;
  thread_ = std::thread([this] {
    http_->listen_after_bind();
    listening_done_ = true;
  });
  // stop() only reaches a server that is running: wait until it is (or has given up).
  while (!http_->is_running() && !listening_done_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void ControlApi::stop() {
  if (!thread_.joinable()) return;
  http_->stop();
  thread_.join();
}

}  // namespace ballast::plantsim

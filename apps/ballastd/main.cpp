// ballastd: the real-time battery controller. Reads its configuration, opens the historian,
// starts the HTTP API and runs the control loop until SIGTERM or SIGINT; then sends the safe
// set-point, flushes the historian and exits 0. Exit 2: bad configuration or an address or
// database that cannot be used.

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "config.h"
#include "control_loop.h"
#include "historian.h"
#include "http_api.h"

namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);  // stored from a signal handler

void on_signal(int) { g_stop.store(true); }

// "HOST:PORT" into an endpoint's fields; throws InputError.
void set_address(const std::string& text, const char* option, std::string& host, int& port) {
  if (!ballast::ballastd::parse_host_port(text, host, port)) {
    throw ballast::InputError(std::string(option) + " must be HOST:PORT (got '" + text + "')");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ballast;
  using namespace ballast::ballastd;
  CLI::App app{
      "ballastd: the real-time battery controller (Modbus TCP, HTTP API, historian).\n"
      "Configuration keys: docs/ballastd.md."};
  std::string config_path, meter, inverter, http, ready_file, historian_path, token_file;
  std::string tls_cert, tls_key;
  bool check = false;
  app.add_option("config", config_path, "configuration file (TOML)")->required();
  app.add_flag("--check", check, "read and check the configuration, then exit");
  app.add_option("--meter", meter, "meter address HOST:PORT (overrides the configuration)");
  app.add_option("--inverter", inverter, "inverter address HOST:PORT (overrides)");
  app.add_option("--http", http, "HTTP API address HOST:PORT; port 0 picks a free one");
  app.add_option("--historian", historian_path, "historian database (overrides)");
  app.add_option("--token-file", token_file, "file holding the API's bearer token (overrides)");
  app.add_option("--tls-cert", tls_cert, "PEM certificate chain: serve the API over HTTPS");
  app.add_option("--tls-key", tls_key, "PEM private key of --tls-cert");
  app.add_option("--ready-file", ready_file,
                 "once running, write {\"http_port\", \"pid\"} as JSON to this file");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    DaemonConfig config = read_config(config_path, token_file);
    auto& map = config.registers;
    if (!meter.empty())
      set_address(meter, "--meter", map.meter_endpoint.host, map.meter_endpoint.port);
    if (!inverter.empty()) {
      set_address(inverter, "--inverter", map.inverter_endpoint.host, map.inverter_endpoint.port);
    }
    if (!http.empty()) set_address(http, "--http", config.http.host, config.http.port);
    if (!historian_path.empty()) config.historian_path = historian_path;
    if (!tls_cert.empty() || !tls_key.empty()) {
      if (tls_cert.empty() || tls_key.empty()) {
        throw InputError("--tls-cert and --tls-key go together: give both for HTTPS");
      }
      config.http.tls_cert = tls_cert;
      config.http.tls_key = tls_key;
    }
    if (const std::string warning = plain_http_warning(config.http); !warning.empty()) {
      std::cerr << "ballastd: " << warning << "\n";
    }
    if (check) {
      std::cout << "ballastd: " << config_path << " is valid\n";
      return 0;
    }

    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a peer closing a socket is an error code, not a death

    SharedState shared;
    std::unique_ptr<Historian> historian;
    if (!config.historian_path.empty()) {
      historian = std::make_unique<Historian>(config.historian_path, &shared);
    }
    std::unique_ptr<HttpApi> api;
    if (config.http.enabled) {
      ApiConfig api_config;
      api_config.host = config.http.host;
      api_config.port = config.http.port;
      api_config.token = config.http.token;
      if (config.peak_shaving) api_config.modes.push_back(Mode::kPeakShaving);
      if (config.regulation) api_config.modes.push_back(Mode::kRegulation);
      api_config.tls_cert = config.http.tls_cert;
      api_config.tls_key = config.http.tls_key;
      if (historian) {
        // Each operator command is an event of its own, queued as it is answered.
        api_config.audit = [h = historian.get()](std::int64_t time_ms, const std::string& kind,
                                                 const std::string& detail) {
          h->event(time_ms, kind, detail);
        };
      }
      api = std::make_unique<HttpApi>(api_config, shared);
      api->start();
    }
    if (!ready_file.empty()) {
      nlohmann::ordered_json ready{{"http_port", api ? api->port() : 0}, {"pid", getpid()}};
      write_file_atomically(ready_file, ready.dump() + "\n");
    }
    std::cerr << "ballastd: running, mode " << to_string(config.initial_mode) << ", period "
              << config.loop.period_ms << " ms"
              << (api ? std::string(", API on ") +
                            (config.http.tls_cert.empty() ? "http://" : "https://") +
                            config.http.host + ":" + std::to_string(api->port())
                      : "")
              << "\n";
    ControlLoop(config, shared, historian.get()).run(g_stop);
    if (api) api->stop();
    if (historian) historian->stop();
    std::cerr << "ballastd: stopped\n";
    return 0;
  } catch (const InputError& e) {
    std::cerr << "ballastd: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ballastd: internal error: " << e.what() << "\n";
    return 1;
  }
}

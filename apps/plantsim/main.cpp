// plantsim: a Modbus TCP plant (grid meter + battery inverter) that ballastd is tested against.
// A thin shell: reads the configuration, starts the physics thread, the Modbus server and the
// control API, and waits for SIGTERM, SIGINT or --duration.

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/quantity.h"
#include "ballast/modbus/register_map.h"
#include "plantsim/config.h"
#include "plantsim/control_api.h"
#include "plantsim/modbus_server.h"
#include "plantsim/runner.h"

namespace {

using namespace ballast;
using namespace ballast::plantsim;

// Command-line values; each one given overrides the configuration file.
struct Options {
  std::string config_path;
  std::string host;
  int port = 0;
  std::string registers_path;
  int power_scale_factor = 0;
  int control_port = 0;
  std::string trace_path;
  std::int64_t trace_ms = 0;
  std::string ready_file;
  double duration_s = 0;
};

int run(const Config& c, const Options& o) {
  // Signals are taken synchronously by this thread (sigtimedwait); every thread started below
  // inherits the mask, so none is interrupted.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const modbus::RegisterMap map = c.registers_path.empty()
                                      ? modbus::RegisterMap::defaults()
                                      : modbus::read_register_map(c.registers_path);
  RegisterImages images(map, modbus::ServedScaleFactors{.power = c.power_scale_factor});
  Faults faults;
  std::unique_ptr<Trace> trace;
  if (!c.trace_path.empty()) trace = std::make_unique<Trace>(c.trace_path);
  PlantRunner runner(Plant(c.plant, make_site_load(c.load)), c.runner, images, faults, trace.get());
  ModbusServer server(c.host, c.port, images, faults);
  ControlApi api(c.control_host, c.control_port, runner, faults, server);
  runner.start();
  server.start();
  api.start();
  std::cerr << fmt::format("plantsim: Modbus on {}:{}, control API on http://{}:{}\n", c.host,
                           server.port(), c.control_host, api.port());
  if (!o.ready_file.empty()) {
    const nlohmann::json ready = {
        {"modbus_port", server.port()}, {"control_port", api.port()}, {"pid", getpid()}};
    write_file_atomically(o.ready_file, ready.dump() + "\n");
  }

  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  Clock::time_point flushed = start;
  const timespec wait{0, 200'000'000};  // look at the clock 5 times a second
  while (true) {
    if (sigtimedwait(&stop_signals, nullptr, &wait) > 0) break;
    const Clock::time_point now = Clock::now();
    if (trace && now - flushed >= std::chrono::seconds(1)) {
      trace->flush();
      flushed = now;
    }
    if (o.duration_s > 0 && now - start >= std::chrono::duration<double>(o.duration_s)) break;
  }
  api.stop();
  server.stop();
  runner.stop();
  return 0;  // the trace flushes as it closes
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"plantsim: a Modbus TCP plant (grid meter + battery inverter) for testing ballastd"};
  Options o;
  app.add_option("config", o.config_path, "configuration TOML (docs/plantsim.md)")
      ->check(CLI::ExistingFile);
  auto* host = app.add_option("--host", o.host, "Modbus server IPv4 address [127.0.0.1]");
  auto* port = app.add_option("--port", o.port, "Modbus server port, 0: a free one [1502]")
                   ->check(CLI::Range(0, 65535));
  auto* registers =
      app.add_option("--registers", o.registers_path, "register map TOML [ballastd's default map]")
          ->check(CLI::ExistingFile);
  auto* scale = app.add_option("--power-scale-factor", o.power_scale_factor,
                               "served power exponent: raw x 10^sf W [1]")
                    ->check(CLI::Range(-3, 6));
  auto* control_port =
      app.add_option("--control-port", o.control_port, "control API port, 0: a free one [8502]")
          ->check(CLI::Range(0, 65535));
  auto* trace = app.add_option("--trace", o.trace_path, "write the plant's truth to this CSV");
  auto* trace_ms = app.add_option("--trace-ms", o.trace_ms, "a trace row this often, ms [10]")
                       ->check(CLI::Range(1, 60000));
  app.add_option("--ready-file", o.ready_file,
                 "once listening, write {modbus_port, control_port, pid} JSON here");
  app.add_option("--duration", o.duration_s, "exit after this many seconds [run until SIGTERM]")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            const std::optional<double> s = parse_double(text);
            if (s && *s > 0 && *s <= limits::kSeconds) return "";
            return "expected a finite number of seconds above 0, e.g. 30";
          },
          "SECONDS"));
  try {
    app.parse(argc, argv);
    Config c = o.config_path.empty() ? Config{} : read_config(o.config_path);
    if (host->count() > 0) c.host = o.host;
    if (port->count() > 0) c.port = o.port;
    if (registers->count() > 0) c.registers_path = o.registers_path;
    if (scale->count() > 0) c.power_scale_factor = o.power_scale_factor;
    if (control_port->count() > 0) c.control_port = o.control_port;
    if (trace->count() > 0) c.trace_path = o.trace_path;
    if (trace_ms->count() > 0) c.runner.trace_ms = o.trace_ms;
    c.runner.validate(c.plant.step_us);
    return run(c, o);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // bad input
  } catch (const InputError& e) {
    std::cerr << "plantsim: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "plantsim: internal error: " << e.what() << "\n";
    return 1;
  }
}

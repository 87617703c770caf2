#include "plantsim/config.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/toml_reader.h"
#include "ballast/dynamics/scenario.h"

namespace ballast::plantsim {

namespace {

void read_server(const TomlReader& r, const toml::table& t, Config& c) {
  r.check_keys(t, {"host", "port", "registers", "power_scale_factor"}, "[server]");
  if (auto host = r.text(t, "host")) c.host = *host;
  c.port = static_cast<int>(r.integer(t, "port", 0, 65535, c.port));
  if (auto path = r.text(t, "registers")) c.registers_path = r.resolve(*path);
  c.power_scale_factor =
      static_cast<int>(r.integer(t, "power_scale_factor", -3, 6, c.power_scale_factor));
}

void read_battery(const TomlReader& r, const toml::table& t, Config& c) {
  c.plant.battery =
      dynamics::read_battery_params(r, t, c.plant.battery, {"comm_timeout_ms", "update_ms"});
  c.plant.comm_timeout_ms = r.integer(t, "comm_timeout_ms", 0, 3600000, c.plant.comm_timeout_ms);
  c.runner.inverter_update_ms = r.integer(t, "update_ms", 1, 60000, c.runner.inverter_update_ms);
}

StepProfile read_profile(const TomlReader& r, const toml::table& t, const toml::node& node) {
  StepProfile p;
  const toml::array* rows = node.as_array();
  if (rows == nullptr || rows->empty()) {
    r.fail(&node, "profile must be a list of [seconds, MW] pairs, e.g. [[0, 50], [10, 20]]");
  }
  for (const toml::node& row : *rows) {
    const toml::array* pair = row.as_array();
    const auto s = pair != nullptr && pair->size() == 2 ? (*pair)[0].value<double>() : std::nullopt;
    const auto mw =
        pair != nullptr && pair->size() == 2 ? (*pair)[1].value<double>() : std::nullopt;
    if (!s || !mw) r.fail(&row, "each profile entry must be [seconds, MW], e.g. [10, 20]");
    // nan and inf are TOML numbers too; a careful plant refuses them rather than serving the
    // register's saturated value (a NaN load would read as -21,474.8 MW).
    if (!(*s >= 0 && *s <= 366 * 86400.0) || !(*mw >= 0 && *mw <= limits::kPowerMw)) {
      r.fail(&row, fmt::format("profile entry [{}, {}] must be a time in seconds (0 .. 1 year) "
                               "and a finite load in [0, 1e7] MW",
                               *s, *mw));
    }
    p.levels.emplace_back(std::llround(*s * 1000), *mw);
  }
  p.transition_ms = r.integer(t, "transition_ms", 0, 3600000, p.transition_ms);
  p.repeat_ms = std::llround(r.number(t, "repeat_s", 0, 366 * 86400.0, 0) * 1000);
  try {
    p.validate();
  } catch (const InputError& e) {
    r.fail(&node, e.what());
  }
  return p;
}

void read_load(const TomlReader& r, const toml::table& t, Config& c) {
  r.check_keys(
      t, {"power_mw", "profile", "transition_ms", "repeat_s", "csv", "csv_column", "workload"},
      "[load]");
  int sources = 0;
  for (const char* key : {"power_mw", "profile", "csv", "workload"}) {
    if (t.get(key) != nullptr) ++sources;
  }
  if (sources > 1) {
    r.fail(&t, "[load] takes one of power_mw, profile, csv and workload");
  }
  if (const toml::node* profile = t.get("profile")) {
    c.load = read_profile(r, t, *profile);
  } else if (auto csv = r.text(t, "csv")) {
    c.load = CsvLoad{r.resolve(*csv), r.text(t, "csv_column").value_or("")};
  } else if (auto workload = r.text(t, "workload")) {
    c.load = WorkloadLoad{r.resolve(*workload)};
  } else {
    c.load = ConstantLoad{r.number(t, "power_mw", 0, 1e5, 50)};
  }
}

void read_meter(const TomlReader& r, const toml::table& t, Config& c) {
  r.check_keys(t, {"noise_mw", "frequency_hz", "seed", "update_ms"}, "[meter]");
  auto& m = c.plant.meter;
  m.noise_mw = r.number(t, "noise_mw", 0, 1000, m.noise_mw);
  if (const toml::node* f = t.get("frequency_hz"); f != nullptr && f->is_string()) {
    if (r.choice(t, "frequency_hz", "synthetic", {"synthetic"}) == "synthetic") {
      m.frequency_hz.reset();
    }
  } else {
    m.frequency_hz = r.number(t, "frequency_hz", 40, 70, m.frequency_hz.value_or(60.0));
  }
  m.seed = static_cast<std::uint64_t>(r.integer(t, "seed", 0, INT64_MAX, 1));
  c.runner.meter_update_ms = r.integer(t, "update_ms", 1, 60000, c.runner.meter_update_ms);
}

}  // namespace

Config read_config(const std::string& path) {
  const TomlReader r(path);
  Config c;
  r.check_keys(r.root(), {"server", "plant", "battery", "load", "meter", "control", "trace"},
               "the plantsim configuration");
  if (const toml::table* t = r.table(r.root(), "server")) read_server(r, *t, c);
  if (const toml::table* t = r.table(r.root(), "plant")) {
    r.check_keys(*t, {"step_ms"}, "[plant]");
    c.plant.step_us = r.integer(*t, "step_ms", 1, 100, c.plant.step_us / 1000) * 1000;
  }
  if (const toml::table* t = r.table(r.root(), "battery")) read_battery(r, *t, c);
  if (const toml::table* t = r.table(r.root(), "load")) read_load(r, *t, c);
  if (const toml::table* t = r.table(r.root(), "meter")) read_meter(r, *t, c);
  if (const toml::table* t = r.table(r.root(), "control")) {
    r.check_keys(*t, {"host", "port"}, "[control]");
    if (auto host = r.text(*t, "host")) c.control_host = *host;
    c.control_port = static_cast<int>(r.integer(*t, "port", 0, 65535, c.control_port));
  }
  if (const toml::table* t = r.table(r.root(), "trace")) {
    r.check_keys(*t, {"path", "interval_ms"}, "[trace]");
    if (auto trace = r.text(*t, "path")) c.trace_path = r.resolve(*trace);
    c.runner.trace_ms = r.integer(*t, "interval_ms", 1, 60000, c.runner.trace_ms);
  }
  try {
    c.plant.validate();
    c.runner.validate(c.plant.step_us);
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", path, e.what()));
  }
  return c;
}

}  // namespace ballast::plantsim

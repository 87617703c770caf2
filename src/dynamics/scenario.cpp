#include "ballast/dynamics/scenario.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "ballast/control/smoothing_toml.h"
#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/storage/spec.h"

namespace ballast::dynamics {
namespace {

using ballast::TomlReader;
constexpr double kBig = limits::kPowerMw;  // MW, MVA: the physical range

GridParams read_grid(const TomlReader& r, const toml::table& g) {
  r.check_keys(g,
               {"frequency_hz", "base_mva", "inertia_s", "damping", "droop", "governor_lag_s",
                "turbine_lag_s"},
               "[grid]");
  GridParams p;
  p.frequency_hz = r.number(g, "frequency_hz", 1, 1000, p.frequency_hz);
  p.base_mva = r.number(g, "base_mva", 1e-3, kBig, p.base_mva);
  p.inertia_s = r.number(g, "inertia_s", 1e-3, 100, p.inertia_s);
  p.damping = r.number(g, "damping", 0, 100, p.damping);
  p.droop = r.number(g, "droop", 1e-4, 1, p.droop);
  p.governor_lag_s = r.number(g, "governor_lag_s", 0, 1000, p.governor_lag_s);
  p.turbine_lag_s = r.number(g, "turbine_lag_s", 0, 1000, p.turbine_lag_s);
  return p;
}

IslandParams read_island(const TomlReader& r, const toml::table& g) {
  r.check_keys(g,
               {"frequency_hz", "turbines", "turbine_mw", "ramp_mw_per_s", "inertia_s", "damping",
                "droop", "governor_lag_s", "turbine_lag_s", "secondary_time_s", "min_load"},
               "[island]");
  IslandParams p;
  p.frequency_hz = r.number(g, "frequency_hz", 1, 1000, p.frequency_hz);
  p.turbines = static_cast<int>(r.integer(g, "turbines", 1, 10'000, p.turbines));
  p.turbine_mw = r.number(g, "turbine_mw", 1e-3, kBig, p.turbine_mw);
  p.ramp_mw_per_s = r.number(g, "ramp_mw_per_s", 1e-6, kBig, p.ramp_mw_per_s);
  p.inertia_s = r.number(g, "inertia_s", 1e-3, 100, p.inertia_s);
  p.damping = r.number(g, "damping", 0, 100, p.damping);
  p.droop = r.number(g, "droop", 1e-4, 1, p.droop);
  p.governor_lag_s = r.number(g, "governor_lag_s", 0, 1000, p.governor_lag_s);
  p.turbine_lag_s = r.number(g, "turbine_lag_s", 0, 1000, p.turbine_lag_s);
  p.secondary_time_s = r.number(g, "secondary_time_s", 0, 1e6, p.secondary_time_s);
  p.min_load = r.number(g, "min_load", 0, 0.999, p.min_load);
  return p;
}

}  // namespace

BatteryParams read_battery_params(const TomlReader& r, const toml::table& b, BatteryParams p,
                                  std::set<std::string> extra_keys) {
  // The storage unit has the keys, defaults and bounds of every scenario's storage table; the
  // inverter lag is the fast simulation's own.
  const FieldTable<StorageTable>& storage_fields = StorageTable::fields();
  extra_keys.insert("inverter_lag_ms");
  std::set<std::string> known = extra_keys;
  for (const auto& f : storage_fields.fields()) {
    known.insert(f.info.name);
    known.insert(f.info.old_names.begin(), f.info.old_names.end());
  }
  r.check_keys(b, known, "[battery]");
  StorageTable table;
  apply_toml(storage_fields, table, b, r, extra_keys);
  try {
    p.storage = storage_params(table);
  } catch (const InputError& e) {
    r.fail(&b, "[battery] " + e.reason());
  }
  if (table.initial_soc) p.initial_soc = *table.initial_soc;
  p.inverter_lag_ms = r.number(b, "inverter_lag_ms", 0, 60'000, p.inverter_lag_ms);
  try {
    p.validate();
  } catch (const InputError& e) {
    r.fail(&b, e.reason() + "; fix [battery]");
  }
  return p;
}

TransientScenario read_transient_scenario(const std::string& path) {
  const TomlReader r(path);
  const toml::table& root = r.root();
  r.check_keys(
      root, {"name", "step_ms", "duration_s", "workload", "battery", "control", "grid", "island"},
      "the scenario");
  TransientScenario s;
  s.name = r.text(root, "name").value_or(path);
  const std::int64_t step_ms = r.integer(root, "step_ms", 1, 100, 10);
  s.step_stated = root.get("step_ms") != nullptr;
  s.params.step_us = step_ms * 1000;
  const toml::table* w = r.table(root, "workload");
  if (w == nullptr) r.fail(nullptr, "the scenario needs a [workload] table");
  s.workload = workload::read_workload(r, *w);
  // The scenario's step (and duration, if given) rule the load.
  if (auto* p = std::get_if<workload::SyntheticParams>(&s.workload)) {
    if (w->get("step_ms") != nullptr && p->step_ms != step_ms) {
      r.fail(w->get("step_ms"),
             "[workload] step_ms differs from the scenario's step_ms; "
             "remove it (the scenario's step is used)");
    }
    p->step_ms = step_ms;
    p->duration_s = r.number(root, "duration_s", 1e-3, 366 * 86400.0, p->duration_s);
  } else {
    auto& t = std::get<workload::TraceSpec>(s.workload);
    t.scaling.step_ms = step_ms;
    if (root.get("duration_s") != nullptr) {
      r.fail(root.get("duration_s"), "duration_s does not apply to a trace (it runs whole)");
    }
  }
  if (const toml::table* c = r.table(root, "control")) {
    s.params.control = control::read_smoothing_params(r, *c, "[control]");
  }
  if (const toml::table* b = r.table(root, "battery")) {
    BatteryParams defaults;  // the inverter lag's default; the start SOC is the keeper's target
    defaults.initial_soc = s.params.control.soc.target_soc;
    s.params.battery = read_battery_params(r, *b, defaults);
  }
  const toml::table* grid = r.table(root, "grid");
  const toml::table* island = r.table(root, "island");
  if (grid != nullptr && island != nullptr) {
    r.fail(root.get("island"), "give either [grid] or [island], not both");
  }
  if (grid != nullptr) {
    s.params.upstream = UpstreamKind::kGrid;
    s.params.grid = read_grid(r, *grid);
  } else if (island != nullptr) {
    s.params.upstream = UpstreamKind::kIsland;
    s.params.island = read_island(r, *island);
  } else {
    s.params.upstream = UpstreamKind::kNone;
  }
  return s;
}

}  // namespace ballast::dynamics

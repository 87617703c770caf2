#include "ballast/dispatch/dispatch_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <optional>

#include "ballast/aging/assess.h"
#include "ballast/aging/model.h"
#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/lp/solver_fields.h"

namespace ballast::dispatch {
namespace {

FieldTable<DispatchRequest> make_fields() {
  using R = DispatchRequest;
  FieldTable<R> t;
  t.add({.name = "scenario",
         .help = "Scenario file (TOML; see docs/dispatch.md)",
         .kind = FieldKind::kText,
         .positional = true,
         .path = true},
        &R::scenario);
  t.add({.name = "objective",
         .help = "cost (least production cost), peak (least thermal peak), flat (steadiest "
                 "thermal output) or max_new_load (largest constant new load)",
         .kind = FieldKind::kChoice,
         .choices = {"cost", "peak", "flat", "max_new_load"}},
        &R::objective);
  t.add({.name = "window_s",
         .help = "Rolling horizon: LP window, e.g. 48h (whole scenario steps)",
         .unit = FieldUnit::kSeconds,
         .min = 0,
         .min_exclusive = true,
         .old_names = {"window"}},
        &R::window_s);
  t.add({.name = "commit_s",
         .help = "Rolling horizon: time committed per window, e.g. 24h (needs --window-s)",
         .unit = FieldUnit::kSeconds,
         .min = 0,
         .min_exclusive = true,
         .old_names = {"step"}},
        &R::step_s);
  t.add({.name = "curtailment",
         .help = "max_new_load: % of the new load's energy that may be curtailed",
         .unit = FieldUnit::kPercent,
         .min = 0,
         .max = 100,
         .max_exclusive = true},
        &R::curtailment_pct);
  t.add({.name = "thermal_cap_mw",
         .help = "Cap the thermal fleet's output (e.g. at today's thermal peak), MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::thermal_cap_mw);
  t.add({.name = "above_cap",
         .help = "A thermal cap below what today's load needs from the thermal fleet: shave (the "
                 "cap binds every period; storage must shave today's load too) or serve (today's "
                 "load is served above it; only new load and storage charging must fit under it, "
                 "as `ballast headroom` counts)",
         .kind = FieldKind::kChoice,
         .choices = {"shave", "serve"}},
        &R::above_cap);
  t.add({.name = "drop",
         .help = "Leave out the named asset (repeatable; for before/after comparisons)",
         .kind = FieldKind::kTexts},
        &R::drop);
  t.add({.name = "storage_unit",
         .help = "The storage unit --storage-power-mw and --storage-energy-mwh set (default: the "
                 "scenario's only battery)",
         .kind = FieldKind::kText,
         .group = "Scenario changes"},
        &R::storage_unit);
  t.add({.name = "storage_power_mw",
         .help = "Set that unit's charge and discharge power, MW (0 leaves the unit out)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .group = "Scenario changes"},
        &R::storage_power_mw);
  t.add({.name = "storage_energy_mwh",
         .help = "Set that unit's energy, MWh (0 leaves the unit out)",
         .unit = FieldUnit::kMwh,
         .min = 0,
         .group = "Scenario changes"},
        &R::storage_energy_mwh);
  t.add({.name = "new_load_mw",
         .help = "Add a constant new load served in full in every period, MW (beside the "
                 "scenario's own new loads)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .group = "Scenario changes"},
        &R::new_load_mw);
  t.add({.name = "out",
         .help = "Write DIR/dispatch.csv with every variable per period",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  t.add({.name = "write_mps",
         .help = "Write the (first) LP in MPS format",
         .kind = FieldKind::kText,
         .path = true},
        &R::write_mps);
  t.include(aging::AgingSpec::fields(), &R::aging);
  t.add({.name = "wear_cost_per_mwh",
         .help = "Price battery wear per MWh discharged in the LP (scenario currency); "
                 "overrides each battery's wear_cost_per_mwh",
         .min = 0,
         .group = "Aging"},
        &R::wear_cost_per_mwh);
  t.add({.name = "cycle_cost_segments",
         .help = "Price wear by cycle depth in the LP: J SOC segments with the --aging model's "
                 "marginal cycle-depth costs (Xu et al. 2018), from --replacement-per-kwh",
         .kind = FieldKind::kInteger,
         .min = 1,
         .max = 100,
         .group = "Aging"},
        &R::cycle_cost_segments);
  t.add(lp::lp_method_field("dual simplex after presolve; warm re-solves pick dual or primal"),
        &R::lp_method);
  t.add({.name = "lp_threads",
         .help = "Threads for the LP solver (CLP runs on one thread in this build: only 1 is "
                 "accepted)",
         .kind = FieldKind::kInteger,
         .min = 1,
         .max = 256,
         .group = "Solver"},
        &R::lp_threads);
  t.add(lp::time_limit_field(), &R::time_limit_s);
  t.add({.name = "cold_start",
         .help = "Solve every LP from scratch: the second stage of peak, flat and max_new_load "
                 "without the first stage's basis, each rolling window without the previous "
                 "window's (for comparisons; slower)",
         .kind = FieldKind::kFlag,
         .group = "Solver"},
        &R::cold_start);
  return t;
}

// A duration as a whole number of the scenario's steps.
std::size_t periods_of(const char* flag, double seconds, std::int64_t step_s) {
  const double periods = seconds / static_cast<double>(step_s);
  if (std::abs(periods - std::round(periods)) > 1e-9 || periods < 1) {
    throw InputError(fmt::format("{} {} s: must be a whole number of the scenario's {} s steps",
                                 flag, seconds, step_s));
  }
  return static_cast<std::size_t>(std::llround(periods));
}

// Piecewise-linear cycle-depth cost of every battery from the aging model and the replacement
// cost (Xu, Zhao, Shi, Kirschen, IEEE Trans. Power Systems 33(2), 2018; docs/aging.md).
void price_cycle_depth(const DispatchRequest& q, Scenario& s) {
  if (!q.aging.enabled()) throw InputError("--cycle-cost-segments needs --aging MODEL");
  const aging::EconomicsSpec& e = q.aging.economics;
  const std::optional<double> per_kwh =
      e.replacement_per_kwh ? e.replacement_per_kwh : e.capex_per_kwh;
  if (!per_kwh) {
    throw InputError("--cycle-cost-segments needs --replacement-per-kwh (or --capex-per-kwh)");
  }
  const aging::AgingModel model = aging::parse_model(q.aging.aging);
  for (StorageUnit& u : s.storage) {
    if (u.kind != "battery") continue;
    const double window = u.params.soc_max - u.params.soc_min;
    // Per MWh of usable energy: the whole pack's cost over its usable window.
    u.cycle_cost_per_mwh =
        aging::cycle_depth_costs(model, *per_kwh * 1000 / window, *q.cycle_cost_segments,
                                 q.aging.eol_pct / 100, q.aging.temperature_c);
  }
}

}  // namespace

const FieldTable<DispatchRequest>& DispatchRequest::fields() {
  static const FieldTable<DispatchRequest> table = make_fields();
  return table;
}

void drop_assets(Scenario& s, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const auto count = [&] {
      return s.generators.size() + s.renewables.size() + s.storage.size() + s.new_loads.size();
    };
    const std::size_t before = count();
    const auto named = [&](const auto& a) { return a.name == name; };
    std::erase_if(s.generators, named);
    std::erase_if(s.renewables, named);
    std::erase_if(s.storage, named);
    std::erase_if(s.new_loads, named);
    if (count() == before) {
      throw InputError(fmt::format("--drop '{}': no asset of that name in the scenario", name));
    }
  }
}

namespace {

// The storage unit the request names, or the scenario's only battery.
StorageUnit& unit_to_resize(const DispatchRequest& q, Scenario& s) {
  std::vector<StorageUnit*> found;
  for (StorageUnit& u : s.storage) {
    if (q.storage_unit.empty() ? u.kind == "battery" : u.name == q.storage_unit) {
      found.push_back(&u);
    }
  }
  if (found.size() == 1) return *found.front();
  std::vector<std::string> names;
  for (const StorageUnit& u : s.storage) names.push_back(fmt::format("'{}' ({})", u.name, u.kind));
  const std::string have = names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
  if (!q.storage_unit.empty()) {
    throw InputError(
        fmt::format("--storage-unit '{}': the scenario has no storage unit of that "
                    "name (it has {})",
                    q.storage_unit, have));
  }
  throw InputError(
      fmt::format("--storage-power-mw / --storage-energy-mwh: the scenario has {} "
                  "batteries; name the unit with --storage-unit (storage: {})",
                  found.size(), have));
}

// --storage-power-mw and --storage-energy-mwh; a size of 0 leaves the unit out.
void resize_storage(const DispatchRequest& q, Scenario& s) {
  if (!q.storage_power_mw && !q.storage_energy_mwh) {
    if (!q.storage_unit.empty()) {
      throw InputError("--storage-unit needs --storage-power-mw or --storage-energy-mwh");
    }
    return;
  }
  StorageUnit& u = unit_to_resize(q, s);
  if (q.storage_power_mw == 0.0 || q.storage_energy_mwh == 0.0) {
    drop_assets(s, {u.name});
    return;
  }
  resize(u, q.storage_power_mw, q.storage_energy_mwh);
}

}  // namespace

void resize(StorageUnit& unit, std::optional<double> power_mw, std::optional<double> energy_mwh) {
  StorageParams p = unit.params;
  if (power_mw) p.discharge_power_mw = p.charge_power_mw = *power_mw;
  if (energy_mwh) p.energy_mwh = *energy_mwh;
  p.validate();
  unit.params = p;
}

Scenario study_scenario(const DispatchRequest& q) {
  if (!q.scenario.empty() && q.scenario_data) {
    throw InputError("give either a scenario file or a scenario built in code, not both");
  }
  if (q.scenario.empty() && !q.scenario_data) {
    throw InputError("give a scenario file (TOML; see docs/dispatch.md)");
  }
  Scenario s = q.scenario_data ? *q.scenario_data : load_scenario(q.scenario);
  drop_assets(s, q.drop);
  resize_storage(q, s);
  if (q.new_load_mw && *q.new_load_mw > 0) {
    s.new_loads.push_back(
        {.name = "added load", .mw = std::vector<double>(s.periods(), *q.new_load_mw)});
  }
  if (q.thermal_cap_mw) s.thermal_cap_mw = *q.thermal_cap_mw;
  if (q.cycle_cost_segments) price_cycle_depth(q, s);
  if (q.wear_cost_per_mwh) {
    for (StorageUnit& u : s.storage) {
      if (u.kind == "battery") u.wear_cost_per_mwh = *q.wear_cost_per_mwh;
    }
  }
  return s;
}

DispatchOptions dispatch_options(const DispatchRequest& q, const Scenario& s) {
  DispatchOptions d;
  d.objective = parse_objective(q.objective);
  if (q.window_s) d.window_periods = periods_of("--window-s", *q.window_s, s.demand.step_s);
  if (q.step_s) d.step_periods = periods_of("--commit-s", *q.step_s, s.demand.step_s);
  if (q.step_s && !q.window_s) throw InputError("--commit-s needs --window-s");
  d.new_load_allowance = q.curtailment_pct / 100;
  d.above_cap = parse_above_cap(q.above_cap);
  d.write_mps = q.write_mps;
  d.solver.method = lp::parse_method(q.lp_method);
  d.solver.threads = q.lp_threads;
  d.solver.time_limit_s = q.time_limit_s;
  d.warm_start = !q.cold_start;
  lp::validate(d.solver);
  return d;
}

std::vector<aging::WearReport> battery_wear(const aging::AgingSpec& spec, const Scenario& s,
                                            const DispatchResult& r) {
  const aging::AgingModel model = aging::parse_model(spec.aging);
  const double h = s.step_h();
  std::vector<aging::WearReport> out;
  for (std::size_t k = 0; k < s.storage.size(); ++k) {
    if (s.storage[k].kind != "battery") continue;  // the models are for Li-ion cells
    const StorageParams& p = s.storage[k].params;
    aging::WearMeter meter(model, static_cast<double>(s.demand.step_s));
    const double e = p.energy_mwh > 0 ? p.energy_mwh : 1;
    meter.push(r.start_energy_mwh[k] / e, spec.temperature_c);
    for (double x : r.energy_mwh[k]) meter.push(x / e, spec.temperature_c);
    aging::Throughput flows;
    for (double x : r.discharge_mw[k]) flows.discharged_mwh += x * h;
    for (double x : r.charge_mw[k]) flows.charged_mwh += x * h;
    // n + 1 SOC samples (the start, then each period's end) span n periods, not n + 1.
    aging::Wear wear = meter.finish();
    wear.duration_s = static_cast<double>(r.energy_mwh[k].size() * s.demand.step_s);
    out.push_back(aging::assess_wear(spec, model, wear, p.discharge_power_mw, p.energy_mwh, flows));
    out.back().model = s.storage[k].name + ", " + model.name;
  }
  return out;
}

DispatchStudyResult run(const DispatchRequest& q, const Progress& progress) {
  DispatchStudyResult r;
  r.scenario = study_scenario(q);
  DispatchOptions d = dispatch_options(q, r.scenario);
  d.solver.progress = progress;
  notify(progress, {"dispatch LP", 0, 0, fmt::format("{} periods", r.scenario.periods())});
  // The MPS file appears only when the dispatch succeeds (no file left behind by an exit 2):
  // written beside its name, renamed into place after the solve, removed on any failure.
  std::optional<TemporaryBeside> mps;
  if (!d.write_mps.empty()) {
    mps.emplace(d.write_mps);
    d.write_mps = mps->temporary();
  }
  r.dispatch = run_dispatch(r.scenario, d);
  r.summary = summarize(r.scenario, r.dispatch);
  if (q.aging.enabled()) {
    // Money in the scenario's currency; a scenario file may carry an [economics] table.
    aging::AgingSpec spec = q.aging;
    if (spec.economics.economics.empty()) spec.economics.economics = q.scenario;
    if (!spec.economics.currency) spec.economics.currency = r.scenario.currency;
    notify(progress, {"battery wear", 0, 0, ""});
    r.aging = true;
    r.wear = battery_wear(spec, r.scenario, r.dispatch);
  }
  if (mps) mps->commit();
  return r;
}

}  // namespace ballast::dispatch

#include "ballast/plan/size_study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "ballast/core/error.h"
#include "ballast/plan/headroom_study.h"
#include "ballast/plan/plan_json.h"
#include "ballast/plan/plan_report.h"
#include "ballast/plan/simulate.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::plan {
namespace {

FieldTable<SizeRequest> make_fields() {
  using R = SizeRequest;
  FieldTable<R> t;
  t.add({.name = "cap_mw",
         .help = "Keep today's load under this MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::cap_mw);
  t.add({.name = "new_load_mw",
         .help = "Host this new constant load under the threshold",
         .unit = FieldUnit::kMw,
         .min = 0},
        &R::new_load_mw);
  t.add({.name = "power_mw",
         .help = "Storage power limit in MW (default unlimited); with --duration-h, a sweep "
                 "A:B:STEP or list",
         .kind = FieldKind::kNumbers,
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::power_mw);
  t.add({.name = "duration_h",
         .help = "Sweep: storage durations (energy / power), hours, e.g. 1,2,4,8",
         .kind = FieldKind::kNumbers,
         .min = 0,
         .min_exclusive = true,
         .old_names = {"hours"}},
        &R::hours);
  t.add({.name = "curtailment",
         .help = "With --new-load-mw: the curtailment the new load may have, % of its energy "
                 "(the least energy that keeps within it)",
         .unit = FieldUnit::kPercent,
         .min = 0,
         .max = 100,
         .max_exclusive = true},
        &R::curtailment);
  t.add({.name = "energy_mwh",
         .help = "With --new-load-mw: this energy, and find the least power",
         .unit = FieldUnit::kMwh,
         .min = 0,
         .min_exclusive = true},
        &R::energy_mwh);
  t.add({.name = "life_years",
         .help = "With --new-load-mw and --aging: size so the faded battery still hosts the load "
                 "at the end of this year",
         .kind = FieldKind::kInteger,
         .min = 1,
         .max = 50,
         .group = "Aging"},
        &R::life_years);
  t.add({.name = "augment",
         .help = "With --life-years: the least-cost initial size plus the energy to add as it "
                 "fades (needs --capex-per-kwh)",
         .kind = FieldKind::kFlag,
         .group = "Aging"},
        &R::augment);
  t.include(LoadSpec::fields(), &R::load);
  t.include(StorageSpec::fields(false), &R::storage);
  t.include(aging::AgingSpec::fields(), &R::aging);
  t.add(aging_years_field(), &R::aging_years);
  return t;
}

bool search_needed(const SizeRequest& q) {
  return q.curtailment > 0 || q.energy_mwh || q.life_years;
}

// What the greedy run of the found size does: its largest discharge, days drawing on storage
// and energy delivered.
SizingResult describe(const Grid& grid, double new_load_mw, const StorageParams& unit,
                      SocStart start) {
  const SimulationResult sim = simulate(grid, new_load_mw, unit, start, /*keep_traces=*/true);
  SizingResult r;
  r.energy_mwh = unit.energy_mwh;
  r.usable_mwh = unit.energy_mwh * (unit.soc_max - unit.soc_min);
  std::set<std::int64_t> days;
  for (std::size_t t = 0; t < grid.size(); ++t) {
    if (sim.storage_mw[t] > 0) {
      r.power_mw = std::max(r.power_mw, sim.storage_mw[t]);
      days.insert(grid.calendar.local_day(grid.load.time_s(t)));
    }
  }
  r.days_with_drawdown = static_cast<int>(days.size());
  r.discharged_mwh_per_year = sim.discharged_mwh / grid.years;
  return r;
}

// The searches: least energy within a curtailment limit, least power for a given energy, the
// size for the end of life, and the augmentation plan.
void search(const SizeRequest& q, SizeResult& r) {
  if (r.cap) {
    throw InputError(
        "--curtailment, --energy-mwh and --life-years size for a new load: use --new-load-mw");
  }
  if (q.augment && !q.life_years) throw InputError("--augment needs --life-years");
  if (q.life_years && !q.aging.enabled()) throw InputError("--life-years needs --aging MODEL");
  if (q.life_years && q.energy_mwh) {
    throw InputError("--life-years finds the energy: leave out --energy-mwh");
  }
  const Grid& g = r.grid.grid;
  StorageParams unit = r.unit;
  if (q.energy_mwh) {
    unit.energy_mwh = *q.energy_mwh;
    unit.discharge_power_mw = unit.charge_power_mw =
        least_power_mw(g, r.new_load_mw, r.curtailment_limit, unit, r.start);
    r.least_power = true;
  } else if (q.augment) {
    r.augmented = size_with_augmentation(q.aging, g, r.new_load_mw, r.curtailment_limit, unit,
                                         r.start, *q.life_years);
    unit.energy_mwh = r.augmented->initial_energy_mwh;
  } else if (q.life_years) {
    r.life =
        size_for_life(q.aging, g, r.new_load_mw, r.curtailment_limit, unit, r.start, *q.life_years);
    unit.energy_mwh = r.life->energy_mwh;
  } else {
    unit.energy_mwh = least_energy_mwh(g, r.new_load_mw, r.curtailment_limit, unit, r.start);
  }
  r.unit = unit;
  r.sized = describe(g, r.new_load_mw, unit, r.start);
}

void run_single(const SizeRequest& q, SizeResult& r) {
  if (!q.cap_mw && !q.new_load_mw) {
    throw InputError(
        "say what the storage must do: --cap-mw X (keep today's load under X MW) "
        "or --new-load-mw D (host a new constant load under the threshold); or "
        "sweep with --power-mw A:B:STEP --duration-h 1,2,4");
  }
  if (q.cap_mw && q.new_load_mw) throw InputError("--cap-mw and --new-load-mw exclude each other");
  if (q.power_mw.size() > 1) {
    throw InputError("--power-mw: expected one power in MW, e.g. 5000 (a list needs --duration-h)");
  }
  LoadSpec load = q.load;
  if (q.cap_mw) load.threshold = fmt::format("{}", *q.cap_mw);
  r.grid = load_grid(load, "seasonal");
  const double power = q.power_mw.empty() ? kUnlimited : q.power_mw[0];
  r.unit = storage_params(q.storage, power, 0);
  r.start = soc_start(q.storage);
  r.cap = q.cap_mw.has_value();
  r.new_load_mw = q.new_load_mw.value_or(0);
  // Peak shaving serves today's load under the cap; a new load uses the served capacity.
  r.capacity_mw = r.cap ? r.grid.grid.threshold_mw : r.grid.grid.capacity_mw;
  r.curtailment_limit = q.curtailment / 100;
  r.life_years = q.life_years.value_or(0);
  if (!search_needed(q)) {
    r.sized = min_storage_energy(r.grid.grid, r.capacity_mw, r.new_load_mw, r.unit, r.start);
  } else {
    search(q, r);
  }
  if (!q.aging.enabled()) return;
  // The sized storage's greedy run hosting the new load (or shaving under the cap) -> wear, and
  // the constant load it still hosts (or the excess it leaves) as its energy fades.
  StorageOption s{r.unit, r.start};
  s.params.energy_mwh = r.sized.energy_mwh;
  if (!std::isfinite(s.params.discharge_power_mw)) {
    s.params.discharge_power_mw = s.params.charge_power_mw = r.sized.power_mw;
  }
  if (r.cap) {
    r.wear = {shaving_wear(q.aging, r.grid.grid, r.capacity_mw, s.params, q.aging_years)};
  } else {
    HeadroomRow row;
    row.headroom_mw = r.new_load_mw;
    r.wear = plan_wear(q.aging, r.grid.grid, {row}, s, q.aging_years);
  }
}

void run_sweep(const SizeRequest& q, SizeResult& r, const Progress& progress) {
  if (q.cap_mw || q.new_load_mw) {
    throw InputError("--duration-h (a sweep) excludes --cap-mw and --new-load-mw");
  }
  if (q.power_mw.empty()) {
    throw InputError("--power-mw: the sweep needs powers, A:B:STEP or a list of MW > 0");
  }
  r.sweep = true;
  r.powers_mw = q.power_mw;
  std::sort(r.powers_mw.begin(), r.powers_mw.end());
  r.hours = q.hours;
  r.grid = load_grid(q.load, "seasonal");
  r.unit = storage_params(q.storage, 1, 1);
  r.start = soc_start(q.storage);
  notify(progress,
         {"sweep", 0, static_cast<double>(r.powers_mw.size() * r.hours.size()), "storage sizes"});
  r.cells =
      storage_sweep(r.grid.grid, r.powers_mw, r.hours, r.unit.round_trip_efficiency(), r.start);
}

}  // namespace

const FieldTable<SizeRequest>& SizeRequest::fields() {
  static const FieldTable<SizeRequest> table = make_fields();
  return table;
}

SizeResult run(const SizeRequest& request, const Progress& progress) {
  check_aging_years(request.aging_years);
  SizeResult r;
  if (request.hours.empty()) {
    run_single(request, r);
  } else {
    run_sweep(request, r, progress);
  }
  return r;
}

nlohmann::ordered_json to_json(const SizeResult& r) {
  if (r.sweep) {
    nlohmann::ordered_json j = {{"command", "size"},
                                {"load", grid_json(r.grid.grid, r.grid.source)},
                                {"round_trip_efficiency_frac", r.unit.round_trip_efficiency()},
                                {"sweep", nlohmann::ordered_json::array()}};
    for (const SweepCell& c : r.cells) j["sweep"].push_back(sweep_cell_json(c));
    return report::with_schema("size", std::move(j));
  }
  nlohmann::ordered_json j = sizing_json(r.sized);
  j["command"] = "size";
  j["load"] = grid_json(r.grid.grid, r.grid.source);
  // Sized to keep today's load under a cap (--cap-mw), there is no new load to curtail: null.
  const bool new_load = !r.cap;
  j["new_load_mw"] = new_load ? nlohmann::ordered_json(r.new_load_mw) : nlohmann::ordered_json();
  j["storage"] = storage_json(r.unit, r.start);
  j["storage"].erase("energy_mwh");  // the sized energy, given once at the top
  j["curtailment_limit_pct"] =
      new_load ? nlohmann::ordered_json(100 * r.curtailment_limit) : nlohmann::ordered_json();
  if (r.least_power) j["least_power_mw"] = r.unit.discharge_power_mw;
  if (r.life) {
    j["life"] = {{"life_years", r.life_years},
                 {"fresh_energy_mwh", r.life->fresh_energy_mwh},
                 {"energy_mwh", r.life->energy_mwh},
                 {"capacity_at_life_pct", 100 * r.life->capacity_at_life}};
  }
  if (r.augmented) {
    const AugmentedSize& a = *r.augmented;
    nlohmann::ordered_json adds = nlohmann::ordered_json::array();
    for (const Augmentation& x : a.additions)
      adds.push_back({{"year", x.year}, {"energy_mwh", x.energy_mwh}});
    j["augmentation"] = {{"life_years", r.life_years},
                         {"fresh_energy_mwh", a.fresh_energy_mwh},
                         {"initial_energy_mwh", a.initial_energy_mwh},
                         {"additions", adds},
                         {"currency", a.currency},
                         {"pv_cost", a.pv_cost},
                         {"fleet_energy_mwh_by_year", a.fleet_energy_mwh}};
  }
  if (!r.wear.empty()) j["aging"] = plan_wear_json(r.wear);
  return report::with_schema("size", std::move(j));
}

std::string to_text(const SizeResult& r) {
  using report::number;
  const Grid& g = r.grid.grid;
  if (r.sweep) {
    std::string s = fmt::format("load: {}, peak {} MW, mean {} MW\nthreshold: {}\n", r.grid.source,
                                number(g.peak_mw), number(g.mean_mw), g.threshold_label);
    s += notes_text(g.notes);
    s += "zero-curtailment headroom, MW (energy multiplier), by storage power and hours\n\n";
    std::vector<std::string> header = {"power MW"};
    for (double h : r.hours) header.push_back(fmt::format("{} h", h));
    report::Table t(header);
    for (std::size_t i = 0; i < r.powers_mw.size(); ++i) {
      std::vector<std::string> row = {number(r.powers_mw[i])};
      for (std::size_t k = 0; k < r.hours.size(); ++k) {
        const SweepCell& c = r.cells[i * r.hours.size() + k];
        row.push_back(fmt::format("{} ({:.3f})", number(c.headroom_mw), c.energy_multiplier));
      }
      t.add_row(row);
    }
    return s + t.render();
  }
  std::string s = fmt::format("load: {}, peak {} MW; limit: {}\n", r.grid.source, number(g.peak_mw),
                              g.threshold_label);
  s += notes_text(g.notes);
  if (r.new_load_mw > 0) {
    s += fmt::format("new load: {} MW", number(r.new_load_mw));
    if (r.curtailment_limit > 0) {
      s += fmt::format(", curtailed at most {} % of its energy",
                       number(100 * r.curtailment_limit, 2));
    }
    s += "\n";
  }
  if (r.least_power) {
    s += fmt::format("least power for {} MWh: {} MW\n", number(r.unit.energy_mwh),
                     number(r.unit.discharge_power_mw, 1));
  }
  if (r.life) {
    s += fmt::format(
        "sized for year {}: {} MWh installed fades to {} % and still holds the {} MWh a "
        "fresh battery needs\n",
        r.life_years, number(r.life->energy_mwh), number(100 * r.life->capacity_at_life, 1),
        number(r.life->fresh_energy_mwh));
  }
  if (r.augmented) {
    const AugmentedSize& a = *r.augmented;
    s += fmt::format("least-cost plan over {} years: install {} MWh (need {} MWh fresh)",
                     r.life_years, number(a.initial_energy_mwh), number(a.fresh_energy_mwh));
    for (const Augmentation& x : a.additions) {
      s += fmt::format("; add {} MWh in year {}", number(x.energy_mwh), x.year);
    }
    s += fmt::format("; energy purchases {} {} (present value)\n", number(a.pv_cost), a.currency);
  }
  s += fmt::format(
      "smallest storage: {} MWh ({} MWh usable), discharging up to {} MW\n"
      "days drawing on storage: {}; energy delivered: {} MWh/yr\n",
      number(r.sized.energy_mwh), number(r.sized.usable_mwh), number(r.sized.power_mw),
      r.sized.days_with_drawdown, number(r.sized.discharged_mwh_per_year));
  if (!r.wear.empty()) s += plan_wear_text(r.wear);
  return s;
}

report::HtmlReport to_html(const SizeResult& r) {
  if (r.sweep) {
    report::HtmlReport html = sweep_report(r.grid.grid, r.grid.source, r.cells);
    html.set_data(to_json(r));
    return html;
  }
  report::HtmlReport html = sizing_report(r.grid.grid, r.grid.source, r.capacity_mw, r.new_load_mw,
                                          r.unit, r.start, r.sized, r.curtailment_limit);
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    aging::add_wear_section(html, r.wear[i].wear, fmt::format("/aging/{}/wear", i));
  }
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::plan

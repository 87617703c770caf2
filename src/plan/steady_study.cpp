#include "ballast/plan/steady_study.h"

#include <fmt/format.h>

#include <algorithm>

#include "ballast/core/error.h"
#include "ballast/plan/headroom_study.h"
#include "ballast/plan/plan_json.h"
#include "ballast/plan/plan_report.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::plan {
namespace {

FieldTable<SteadyRequest> make_fields() {
  using R = SteadyRequest;
  FieldTable<R> t;
  t.add({.name = "storage_mean_load_h",
         .help = "Storage energy sizes, in hours of today's mean load",
         .kind = FieldKind::kNumbers,
         .min = 0,
         .old_names = {"hours"}},
        &R::hours);
  t.add({.name = "power_mw",
         .help = "Storage power limit, MW (default unlimited)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::power_mw);
  t.add(
      {.name = "target", .help = "Energy multiplier to find the storage for", .min = 1, .max = 100},
      &R::target);
  t.include(LoadSpec::fields(), &R::load);
  t.include(StorageSpec::fields(false), &R::storage);
  t.include(aging::AgingSpec::fields(), &R::aging);
  t.add(aging_years_field(), &R::aging_years);
  return t;
}

}  // namespace

const FieldTable<SteadyRequest>& SteadyRequest::fields() {
  static const FieldTable<SteadyRequest> table = make_fields();
  return table;
}

SteadyResult run(const SteadyRequest& q, const Progress& progress) {
  check_aging_years(q.aging_years);
  std::vector<double> hours = q.hours;
  std::sort(hours.begin(), hours.end());
  SteadyResult r;
  r.grid = load_grid(q.load, "peak");
  r.unit = storage_params(q.storage, q.power_mw.value_or(kUnlimited), 0);
  r.start = soc_start(q.storage);
  r.target = q.target;
  notify(progress, {"steady-output curve", 0, static_cast<double>(hours.size()), ""});
  r.curve = steady_curve(r.grid.grid, hours, r.unit, r.start, q.target);
  if (!q.aging.enabled()) return r;
  // Each storage size's greedy run at its zero-curtailment load -> wear, and the load it still
  // hosts as its energy fades.
  for (const SteadyPoint& p : r.curve.points) {
    if (p.storage_mwh <= 0) continue;
    StorageOption s{r.unit, r.start};
    s.params.energy_mwh = p.storage_mwh;
    HeadroomRow row;
    row.headroom_mw = p.headroom_mw;
    const std::vector<PlanWear> w = plan_wear(q.aging, r.grid.grid, {row}, s, q.aging_years);
    r.wear.insert(r.wear.end(), w.begin(), w.end());
  }
  return r;
}

nlohmann::ordered_json to_json(const SteadyResult& r) {
  nlohmann::ordered_json j = {{"command", "steady"},
                              {"load", grid_json(r.grid.grid, r.grid.source)},
                              {"storage", storage_json(r.unit, r.start)},
                              {"ceiling", r.curve.ceiling},
                              {"target_multiplier", r.target},
                              {"points", nlohmann::ordered_json::array()}};
  for (const SteadyPoint& p : r.curve.points) j["points"].push_back(steady_point_json(p));
  j["at_target"] =
      r.curve.at_target ? steady_point_json(*r.curve.at_target) : nlohmann::ordered_json(nullptr);
  if (!r.wear.empty()) j["aging"] = plan_wear_json(r.wear);
  return report::with_schema("steady", std::move(j));
}

std::string to_text(const SteadyResult& r) {
  using report::number;
  const Grid& g = r.grid.grid;
  const SteadyCurve& curve = r.curve;
  std::string s = fmt::format("load: {}, peak {} MW, mean {} MW, load factor {:.3f}\n",
                              r.grid.source, number(g.peak_mw), number(g.mean_mw), g.load_factor());
  s += notes_text(g.notes);
  s += fmt::format("fleet: {}; ceiling {:.3f}x today's energy\n\n", g.threshold_label,
                   curve.ceiling);
  report::Table t({"storage h", "storage MWh", "new load MW", "energy x", "of ceiling %"});
  for (const SteadyPoint& p : curve.points) {
    t.add_row({number(p.storage_hours, 1), number(p.storage_mwh), number(p.headroom_mw),
               number(p.energy_multiplier, 3), number(100 * p.share_of_ceiling, 1)});
  }
  s += t.render() + "\n";
  if (curve.at_target) {
    s += fmt::format(
        "{}x today's energy needs {} MWh of storage ({:.1f} h of mean "
        "load) and hosts {} MW of new constant load\n",
        r.target, number(curve.at_target->storage_mwh), curve.at_target->storage_hours,
        number(curve.at_target->headroom_mw));
  } else if (curve.ceiling < r.target) {
    s += fmt::format(
        "{}x is out of reach: even running at its limit every hour the "
        "fleet delivers only {:.3f}x today's energy\n",
        r.target, curve.ceiling);
  } else {
    s += fmt::format("{}x is not reached with up to 4 years of storage at this efficiency\n",
                     r.target);
  }
  if (!r.wear.empty()) s += plan_wear_text(r.wear);
  return s;
}

report::HtmlReport to_html(const SteadyResult& r) {
  report::HtmlReport html = steady_report(r.grid.grid, r.grid.source, r.curve);
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    aging::add_wear_section(html, r.wear[i].wear, fmt::format("/aging/{}/wear", i));
  }
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::plan

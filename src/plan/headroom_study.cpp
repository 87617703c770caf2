#include "ballast/plan/headroom_study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/plan/headroom_lp.h"
#include "ballast/plan/plan_json.h"
#include "ballast/plan/plan_report.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::plan {
namespace {

FieldTable<HeadroomRequest> make_fields() {
  using R = HeadroomRequest;
  FieldTable<R> t;
  t.add({.name = "curtailment",
         .help = "Curtailment limits in % of the new load's potential energy",
         .kind = FieldKind::kNumbers,
         .unit = FieldUnit::kPercent,
         .min = 0,
         .max = 100,
         .max_exclusive = true},
        &R::curtailment);
  t.include(LoadSpec::fields(), &R::load);
  t.include(StorageSpec::fields(), &R::storage);
  t.add({.name = "verify",
         .help = "Also solve each limit as an LP (COIN-OR CLP) and fail if the answers differ; "
                 "slow on many years: try --year",
         .kind = FieldKind::kFlag},
        &R::verify);
  t.include(aging::AgingSpec::fields(), &R::aging);
  t.add(aging_years_field(), &R::aging_years);
  return t;
}

// Solves each limit as an LP and fails if it differs from the greedy.
std::vector<LpCheck> verify(const Grid& grid, const std::vector<HeadroomRow>& rows,
                            const std::optional<StorageOption>& storage, const Progress& progress) {
  const StorageOption unit =
      storage.value_or(StorageOption{StorageParams::with_round_trip(0, 0, 1)});
  std::vector<LpCheck> out;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const HeadroomRow& row = rows[k];
    notify(progress,
           {"verify with the LP", static_cast<double>(k), static_cast<double>(rows.size()),
            fmt::format("{}% ({} steps)", row.limit * 100, grid.size())});
    const double lp = lp_headroom(grid, row.limit, unit);
    const double diff = std::abs(lp - row.headroom_mw) / std::max(1.0, std::abs(lp));
    out.push_back({row.limit, row.headroom_mw, lp, diff});
    if (diff > 1e-6) {
      throw InternalError(
          fmt::format("the greedy ({:.6f} MW) and the LP ({:.6f} MW) disagree "
                      "at {}%; please report this with your input",
                      row.headroom_mw, lp, row.limit * 100));
    }
  }
  return out;
}

}  // namespace

const FieldTable<HeadroomRequest>& HeadroomRequest::fields() {
  static const FieldTable<HeadroomRequest> table = make_fields();
  return table;
}

std::vector<double> curtailment_fractions(const std::vector<double>& pct) {
  std::vector<double> limits;
  for (double p : pct) {
    if (!(p >= 0 && p < 100)) {
      throw InputError(fmt::format("--curtailment {}: each limit must be in [0, 100) %", p));
    }
    limits.push_back(p / 100);
  }
  return limits;
}

void check_aging_years(const std::vector<int>& years) {
  for (int y : years) {
    if (y < 1 || y > 100)
      throw InputError(fmt::format("--aging-years {}: give whole years 1-100", y));
  }
}

HeadroomResult run(const HeadroomRequest& request, const Progress& progress) {
  const std::vector<double> limits = curtailment_fractions(request.curtailment);
  check_aging_years(request.aging_years);
  HeadroomResult r;
  r.method = request.load.method;
  r.grid = load_grid(request.load, "seasonal");
  if (const auto unit = storage_unit(request.storage)) {
    r.storage = StorageOption{*unit, soc_start(request.storage)};
  }
  if (request.aging.enabled() && !r.storage) {
    throw InputError("--aging needs storage: give --storage or --power-mw and --energy-mwh");
  }
  notify(progress, {"headroom", 0, static_cast<double>(limits.size()), ""});
  r.rows = headroom_table(r.grid.grid, limits, r.storage);
  notify(progress,
         {"headroom", static_cast<double>(limits.size()), static_cast<double>(limits.size()), ""});
  if (request.verify) r.checks = verify(r.grid.grid, r.rows, r.storage, progress);
  if (request.aging.enabled()) {
    r.wear = plan_wear(request.aging, r.grid.grid, r.rows, *r.storage, request.aging_years);
  }
  return r;
}

nlohmann::ordered_json to_json(const HeadroomResult& r) {
  nlohmann::ordered_json j = {{"command", "headroom"},
                              {"method", r.method},
                              {"load", grid_json(r.grid.grid, r.grid.source)},
                              {"results", nlohmann::ordered_json::array()}};
  if (r.storage) j["storage"] = storage_json(r.storage->params, r.storage->start);
  for (const HeadroomRow& row : r.rows) j["results"].push_back(headroom_row_json(r.grid.grid, row));
  if (!r.checks.empty()) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const LpCheck& c : r.checks) {
      checks.push_back({{"curtailment_limit_pct", c.limit * 100},
                        {"greedy_mw", c.greedy_mw},
                        {"lp_mw", c.lp_mw},
                        {"relative_difference_frac", c.relative_difference}});
    }
    j["verify"] = checks;
  }
  if (!r.wear.empty()) j["aging"] = plan_wear_json(r.wear);
  return report::with_schema("headroom", std::move(j));
}

std::string to_text(const HeadroomResult& r) {
  using report::number;
  const Grid& g = r.grid.grid;
  std::string s = fmt::format("load: {}, {} steps of {} s, {:.2f} years\n", r.grid.source, g.size(),
                              g.load.step_s, g.years);
  s += fmt::format("      peak {} MW, mean {} MW, load factor {:.3f}\n", number(g.peak_mw),
                   number(g.mean_mw), g.load_factor());
  s += "threshold: " + g.threshold_label + "\n" + notes_text(g.notes);
  if (r.storage) {
    const StorageParams& p = r.storage->params;
    s += fmt::format("storage: {} MW / {} MWh, round trip {:.0f}%, start {}\n",
                     number(p.discharge_power_mw), number(p.energy_mwh),
                     100 * p.round_trip_efficiency(), to_string(r.storage->start));
  }
  s += "\n";
  report::Table t({"limit %", "headroom MW", "% of peak", "curtailed h/yr", "mean event h",
                   ">=50% kept h/yr", ">=90% kept h/yr", "winter %", "new TWh/yr", "energy x"});
  for (const HeadroomRow& row : r.rows) {
    const CurtailmentStats& c = row.stats;
    t.add_row({number(row.limit * 100, 2), number(row.headroom_mw),
               number(100 * row.headroom_mw / g.peak_mw, 1), number(c.curtailed_hours_per_year, 1),
               number(c.mean_event_h, 1), number(c.hours_kept_50_per_year, 1),
               number(c.hours_kept_90_per_year, 1), number(100 * c.winter_share),
               number(c.new_energy_twh_per_year, 1), number(c.energy_multiplier, 3)});
  }
  s += t.render();
  if (!r.wear.empty()) s += plan_wear_text(r.wear);
  if (!r.checks.empty()) s += "\nverified: the LP agrees with every row to 1e-6\n";
  return s;
}

report::HtmlReport to_html(const HeadroomResult& r) {
  report::HtmlReport html = headroom_report(r.grid.grid, r.grid.source, r.rows, r.storage);
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    aging::add_wear_section(html, r.wear[i].wear, fmt::format("/aging/{}/wear", i));
  }
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::plan

// ballast headroom: the largest new constant load for each curtailment limit.

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "ballast/core/error.h"
#include "ballast/core/quantity.h"
#include "ballast/lp/headroom_lp.h"
#include "ballast/plan/headroom.h"
#include "ballast/report/plan_json.h"
#include "ballast/report/plan_report.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "common_options.h"
#include "plan_aging.h"

namespace ballast::cli {
namespace {

struct HeadroomOptions {
  LoadOptions load;
  StorageOptions storage;
  OutputOptions output;
  std::string curtailment = "0.25,0.5,1,5";
  bool verify = false;
  AgingOptions aging;
  std::string aging_years = "1,5,10,15,20";
};

std::vector<double> parse_limits(const std::string& text) {
  const auto pct = parse_number_list(text);
  if (!pct) {
    throw InputError(
        fmt::format("--curtailment '{}': expected percentages such as 0.25,0.5,1,5", text));
  }
  std::vector<double> limits;
  for (double p : *pct) {
    if (p < 0 || p >= 100) {
      throw InputError(fmt::format("--curtailment {}: each limit must be in [0, 100) %", p));
    }
    limits.push_back(p / 100);
  }
  return limits;
}

// Solves the same question as an LP and fails if the two answers differ.
nlohmann::ordered_json verify(const plan::Grid& grid, const std::vector<plan::HeadroomRow>& rows,
                              const std::optional<plan::StorageOption>& storage) {
  const plan::StorageOption unit =
      storage.value_or(plan::StorageOption{StorageParams::with_round_trip(0, 0, 1)});
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const plan::HeadroomRow& row : rows) {
    std::cerr << fmt::format("ballast: verifying {}% with the LP ({} steps)...\n", row.limit * 100,
                             grid.size());
    const double lp = lp::lp_headroom(grid, row.limit, unit);
    const double diff = std::abs(lp - row.headroom_mw) / std::max(1.0, std::abs(lp));
    out.push_back({{"curtailment_limit_pct", row.limit * 100},
                   {"greedy_mw", row.headroom_mw},
                   {"lp_mw", lp},
                   {"relative_difference", diff}});
    if (diff > 1e-6) {
      throw InternalError(
          fmt::format("the greedy ({:.6f} MW) and the LP ({:.6f} MW) disagree "
                      "at {}%; please report this with your input",
                      row.headroom_mw, lp, row.limit * 100));
    }
  }
  return out;
}

void print_table(const LoadedGrid& lg, const std::vector<plan::HeadroomRow>& rows,
                 const std::optional<plan::StorageOption>& storage) {
  const plan::Grid& g = lg.grid;
  std::cout << fmt::format("load: {}, {} steps of {} s, {:.2f} years\n", lg.source, g.size(),
                           g.load.step_s, g.years);
  std::cout << fmt::format("      peak {} MW, mean {} MW, load factor {:.3f}\n",
                           report::number(g.peak_mw), report::number(g.mean_mw), g.load_factor());
  std::cout << "threshold: " << g.threshold_label << "\n" << notes_text(g.notes);
  if (storage) {
    const StorageParams& p = storage->params;
    std::cout << fmt::format("storage: {} MW / {} MWh, round trip {:.0f}%, start {}\n",
                             report::number(p.discharge_power_mw), report::number(p.energy_mwh),
                             100 * p.round_trip_efficiency(), report::to_string(storage->start));
  }
  std::cout << "\n";
  report::Table t({"limit %", "headroom MW", "% of peak", "curtailed h/yr", "mean event h",
                   ">=50% kept h/yr", ">=90% kept h/yr", "winter %", "new TWh/yr", "energy x"});
  for (const plan::HeadroomRow& r : rows) {
    const plan::CurtailmentStats& s = r.stats;
    t.add_row({report::number(r.limit * 100, 2), report::number(r.headroom_mw),
               report::number(100 * r.headroom_mw / g.peak_mw, 1),
               report::number(s.curtailed_hours_per_year, 1), report::number(s.mean_event_h, 1),
               report::number(s.hours_kept_50_per_year, 1),
               report::number(s.hours_kept_90_per_year, 1), report::number(100 * s.winter_share),
               report::number(s.new_energy_twh_per_year, 1),
               report::number(s.energy_multiplier, 3)});
  }
  std::cout << t.render();
}

void run(const HeadroomOptions& o) {
  const std::vector<double> limits = parse_limits(o.curtailment);
  const LoadedGrid lg = load_grid(o.load, "seasonal");
  const std::optional<plan::StorageOption> storage = make_storage(o.storage);
  const std::vector<plan::HeadroomRow> rows = plan::headroom_table(lg.grid, limits, storage);
  nlohmann::ordered_json checks;
  if (o.verify) checks = verify(lg.grid, rows, storage);
  std::vector<PlanWear> wear;
  if (o.aging.enabled()) {
    if (!storage) throw InputError("--aging needs storage: give --storage or --storage-mw/-mwh");
    wear = plan_wear(o.aging, lg.grid, rows, *storage, parse_aging_years(o.aging_years));
  }
  if (!o.output.report.empty()) {
    report::HtmlReport html = report::headroom_report(lg.grid, lg.source, rows, storage);
    for (const PlanWear& w : wear) add_wear_section(html, w.wear);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "headroom"},
                                {"method", o.load.method},
                                {"load", report::grid_json(lg.grid, lg.source)},
                                {"results", nlohmann::ordered_json::array()}};
    if (storage) j["storage"] = report::storage_json(storage->params, storage->start);
    for (const plan::HeadroomRow& r : rows) {
      j["results"].push_back(report::headroom_row_json(lg.grid, r));
    }
    if (o.verify) j["verify"] = checks;
    if (o.aging.enabled()) j["aging"] = plan_wear_json(wear);
    std::cout << j.dump(2) << "\n";
    return;
  }
  print_table(lg, rows, storage);
  if (o.aging.enabled()) std::cout << plan_wear_text(wear);
  if (o.verify) std::cout << "\nverified: the LP agrees with every row to 1e-6\n";
}

}  // namespace

void register_headroom(CLI::App& app) {
  auto o = std::make_shared<HeadroomOptions>();
  CLI::App* cmd = app.add_subcommand(
      "headroom", "Largest new constant load for each curtailment limit, with optional storage");
  cmd->add_option("--curtailment", o->curtailment,
                  "Curtailment limits in % of the new load's potential energy")
      ->capture_default_str();
  add_load_options(*cmd, o->load, "seasonal");
  add_storage_options(*cmd, o->storage, true);
  cmd->add_flag("--verify", o->verify,
                "Also solve each limit as an LP (COIN-OR CLP) and fail if the answers differ; "
                "slow on many years: try --year");
  add_plan_aging_options(*cmd, o->aging, o->aging_years);
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli

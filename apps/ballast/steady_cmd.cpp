// ballast steady: storage size against how much more energy the existing fleet delivers.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "ballast/core/error.h"
#include "ballast/core/quantity.h"
#include "ballast/plan/steady.h"
#include "ballast/report/plan_json.h"
#include "ballast/report/plan_report.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "common_options.h"
#include "plan_aging.h"

namespace ballast::cli {
namespace {

struct SteadyOptions {
  LoadOptions load;
  StorageOptions storage;
  OutputOptions output;
  std::string hours = "0,1,2,4,8,12,24,48,168,720,2190";
  std::optional<double> power_mw;
  double target = 2;
  AgingOptions aging;
  std::string aging_years = "1,10,20";
};

void run(const SteadyOptions& o) {
  auto hours = parse_number_list(o.hours);
  if (!hours) throw InputError(fmt::format("--hours '{}': expected e.g. 0,1,2,4,8", o.hours));
  for (double h : *hours) {
    if (h < 0) throw InputError("--hours: each storage size must be >= 0 hours");
  }
  std::sort(hours->begin(), hours->end());
  const LoadedGrid lg = load_grid(o.load, "peak");
  const StorageParams unit = storage_params(o.storage, o.power_mw.value_or(kUnlimited), 0);
  std::cerr << "ballast: computing the steady-output curve...\n";
  const plan::SteadyCurve curve =
      plan::steady_curve(lg.grid, *hours, unit, soc_start(o.storage), o.target);
  // --aging: each storage size's greedy run at its zero-curtailment load -> wear, and the
  // load it still hosts as its energy fades.
  std::vector<PlanWear> wear;
  if (o.aging.enabled()) {
    const std::vector<int> years = parse_aging_years(o.aging_years);
    for (const plan::SteadyPoint& p : curve.points) {
      if (p.storage_mwh <= 0) continue;
      plan::StorageOption s{unit, soc_start(o.storage)};
      s.params.energy_mwh = p.storage_mwh;
      plan::HeadroomRow row;
      row.limit = 0;
      row.headroom_mw = p.headroom_mw;
      const std::vector<PlanWear> w = plan_wear(o.aging, lg.grid, {row}, s, years);
      wear.insert(wear.end(), w.begin(), w.end());
    }
  }
  if (!o.output.report.empty()) {
    report::HtmlReport html = report::steady_report(lg.grid, lg.source, curve);
    for (const PlanWear& w : wear) add_wear_section(html, w.wear);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "steady"},
                                {"load", report::grid_json(lg.grid, lg.source)},
                                {"storage", report::storage_json(unit, soc_start(o.storage))},
                                {"ceiling", curve.ceiling},
                                {"target_multiplier", o.target},
                                {"points", nlohmann::ordered_json::array()}};
    for (const plan::SteadyPoint& p : curve.points) {
      j["points"].push_back(report::steady_point_json(p));
    }
    j["at_target"] = curve.at_target ? report::steady_point_json(*curve.at_target)
                                     : nlohmann::ordered_json(nullptr);
    if (o.aging.enabled()) j["aging"] = plan_wear_json(wear);
    std::cout << j.dump(2) << "\n";
    return;
  }
  const plan::Grid& g = lg.grid;
  std::cout << fmt::format("load: {}, peak {} MW, mean {} MW, load factor {:.3f}\n", lg.source,
                           report::number(g.peak_mw), report::number(g.mean_mw), g.load_factor());
  std::cout << notes_text(g.notes);
  std::cout << fmt::format("fleet: {}; ceiling {:.3f}x today's energy\n\n", g.threshold_label,
                           curve.ceiling);
  report::Table t({"storage h", "storage MWh", "new load MW", "energy x", "of ceiling %"});
  for (const plan::SteadyPoint& p : curve.points) {
    t.add_row({report::number(p.storage_hours, 1), report::number(p.storage_mwh),
               report::number(p.headroom_mw), report::number(p.energy_multiplier, 3),
               report::number(100 * p.share_of_ceiling, 1)});
  }
  std::cout << t.render() << "\n";
  if (curve.at_target) {
    std::cout << fmt::format(
        "{}x today's energy needs {} MWh of storage ({:.1f} h of mean "
        "load) and hosts {} MW of new constant load\n",
        o.target, report::number(curve.at_target->storage_mwh), curve.at_target->storage_hours,
        report::number(curve.at_target->headroom_mw));
  } else if (curve.ceiling < o.target) {
    std::cout << fmt::format(
        "{}x is out of reach: even running at its limit every hour the "
        "fleet delivers only {:.3f}x today's energy\n",
        o.target, curve.ceiling);
  } else {
    std::cout << fmt::format(
        "{}x is not reached with up to 4 years of storage at this "
        "efficiency\n",
        o.target);
  }
  if (o.aging.enabled()) std::cout << plan_wear_text(wear);
}

}  // namespace

void register_steady(CLI::App& app) {
  auto o = std::make_shared<SteadyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "steady", "Storage size against how much more energy the existing fleet can deliver");
  cmd->add_option("--hours", o->hours, "Storage sizes in hours of today's mean load")
      ->capture_default_str();
  cmd->add_option("--power-mw", o->power_mw, "Storage power limit, MW (default unlimited)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--target", o->target, "Energy multiplier to find the storage for")
      ->check(CLI::Range(1.0, 100.0))
      ->capture_default_str();
  add_load_options(*cmd, o->load, "peak");
  add_storage_options(*cmd, o->storage, false);
  add_plan_aging_options(*cmd, o->aging, o->aging_years);
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli

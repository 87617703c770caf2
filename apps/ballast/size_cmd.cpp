// ballast size: the smallest storage that keeps load under a limit, or a power x duration sweep.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "ballast/core/error.h"
#include "ballast/core/quantity.h"
#include "ballast/plan/sizing.h"
#include "ballast/report/plan_json.h"
#include "ballast/report/plan_report.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "common_options.h"
#include "plan_aging.h"

namespace ballast::cli {
namespace {

struct SizeOptions {
  LoadOptions load;
  StorageOptions storage;
  OutputOptions output;
  std::optional<double> cap_mw;
  std::optional<double> new_load_mw;
  std::string power_mw;  // one value, a list, or start:stop:step for a sweep
  std::string hours;     // durations for a sweep
  AgingOptions aging;
  std::string aging_years = "1,10,20";
};

void run_single(const SizeOptions& o) {
  if (!o.cap_mw && !o.new_load_mw) {
    throw InputError(
        "say what the storage must do: --cap-mw X (keep today's load under X MW) "
        "or --new-load-mw D (host a new constant load under the threshold); or "
        "sweep with --power-mw A:B:STEP --hours 1,2,4");
  }
  LoadOptions lo = o.load;
  if (o.cap_mw) lo.threshold = fmt::format("{}", *o.cap_mw);
  const LoadedGrid lg = load_grid(lo, "seasonal");
  double power = kUnlimited;
  if (!o.power_mw.empty()) {
    const std::optional<double> p = parse_power_mw(o.power_mw);
    if (!p || *p <= 0) throw InputError("--power-mw: expected one power in MW, e.g. 5000");
    power = *p;
  }
  const StorageParams unit = storage_params(o.storage, power, 0);
  const double new_load = o.new_load_mw.value_or(0);
  // Peak shaving serves today's load under the cap; a new load uses the served capacity.
  const std::vector<double>& capacity = o.cap_mw ? lg.grid.threshold_mw : lg.grid.capacity_mw;
  const plan::SizingResult r =
      plan::min_storage_energy(lg.grid, capacity, new_load, unit, soc_start(o.storage));
  // --aging: the sized storage's greedy run hosting the new load (or shaving under the cap) ->
  // wear, and the constant load it still hosts (or the excess it leaves) as its energy fades.
  std::vector<PlanWear> wear;
  if (o.aging.enabled()) {
    plan::StorageOption s{unit, soc_start(o.storage)};
    s.params.energy_mwh = r.energy_mwh;
    if (!std::isfinite(s.params.discharge_power_mw)) {
      s.params.discharge_power_mw = s.params.charge_power_mw = r.power_mw;
    }
    if (o.cap_mw) {  // peak shaving: wear, and the excess the faded battery leaves
      wear = {shaving_wear(o.aging, lg.grid, capacity, s.params, parse_aging_years(o.aging_years))};
    } else {
      plan::HeadroomRow row;
      row.limit = 0;
      row.headroom_mw = new_load;
      wear = plan_wear(o.aging, lg.grid, {row}, s, parse_aging_years(o.aging_years));
    }
  }
  if (!o.output.report.empty()) {
    report::HtmlReport html = report::sizing_report(lg.grid, lg.source, capacity, new_load, unit,
                                                    soc_start(o.storage), r);
    for (const PlanWear& w : wear) add_wear_section(html, w.wear);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = report::sizing_json(r);
    j["command"] = "size";
    j["load"] = report::grid_json(lg.grid, lg.source);
    j["new_load_mw"] = new_load;
    j["storage"] = report::storage_json(unit, soc_start(o.storage));
    if (o.aging.enabled()) j["aging"] = plan_wear_json(wear);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format("load: {}, peak {} MW; limit: {}\n", lg.source,
                           report::number(lg.grid.peak_mw), lg.grid.threshold_label);
  std::cout << notes_text(lg.grid.notes);
  if (new_load > 0) std::cout << fmt::format("new load: {} MW\n", report::number(new_load));
  std::cout << fmt::format(
      "smallest storage: {} MWh ({} MWh usable), discharging up to {} MW\n"
      "days drawing on storage: {}; energy delivered: {} MWh/yr\n",
      report::number(r.energy_mwh), report::number(r.usable_mwh), report::number(r.power_mw),
      r.days_with_drawdown, report::number(r.discharged_mwh_per_year));
  if (o.aging.enabled()) std::cout << plan_wear_text(wear);
}

void run_sweep(const SizeOptions& o) {
  auto powers = parse_range_or_list(o.power_mw);
  const auto hours = parse_number_list(o.hours);
  if (!powers || powers->empty() || (*powers)[0] <= 0) {
    throw InputError(
        fmt::format("--power-mw '{}': expected A:B:STEP or a list of MW > 0", o.power_mw));
  }
  if (!hours || hours->empty()) {
    throw InputError(fmt::format("--hours '{}': expected durations such as 1,2,4,8", o.hours));
  }
  for (double h : *hours) {
    if (h <= 0) throw InputError("--hours: each duration must be > 0");
  }
  std::sort(powers->begin(), powers->end());
  const LoadedGrid lg = load_grid(o.load, "seasonal");
  const double rte = storage_params(o.storage, 1, 1).round_trip_efficiency();
  std::cerr << fmt::format("ballast: sweeping {} storage sizes...\n",
                           powers->size() * hours->size());
  const std::vector<plan::SweepCell> cells =
      plan::storage_sweep(lg.grid, *powers, *hours, rte, soc_start(o.storage));
  if (!o.output.report.empty()) {
    write_report(o.output, report::sweep_report(lg.grid, lg.source, cells).render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "size"},
                                {"load", report::grid_json(lg.grid, lg.source)},
                                {"round_trip_efficiency", rte},
                                {"sweep", nlohmann::ordered_json::array()}};
    for (const plan::SweepCell& c : cells) j["sweep"].push_back(report::sweep_cell_json(c));
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format("load: {}, peak {} MW, mean {} MW\nthreshold: {}\n", lg.source,
                           report::number(lg.grid.peak_mw), report::number(lg.grid.mean_mw),
                           lg.grid.threshold_label);
  std::cout << notes_text(lg.grid.notes);
  std::cout << "zero-curtailment headroom, MW (energy multiplier), by storage power and hours\n\n";
  std::vector<std::string> header = {"power MW"};
  for (double h : *hours) header.push_back(fmt::format("{} h", h));
  report::Table t(header);
  for (std::size_t i = 0; i < powers->size(); ++i) {
    std::vector<std::string> row = {report::number((*powers)[i])};
    for (std::size_t k = 0; k < hours->size(); ++k) {
      const plan::SweepCell& c = cells[i * hours->size() + k];
      row.push_back(fmt::format("{} ({:.3f})", report::number(c.headroom_mw), c.energy_multiplier));
    }
    t.add_row(row);
  }
  std::cout << t.render();
}

}  // namespace

void register_size(CLI::App& app) {
  auto o = std::make_shared<SizeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "size", "Smallest storage energy that keeps load under a limit; or a power x hours sweep");
  CLI::Option* cap = cmd->add_option("--cap-mw", o->cap_mw, "Keep today's load under this MW")
                         ->check(CLI::PositiveNumber);
  CLI::Option* load = cmd->add_option("--new-load-mw", o->new_load_mw,
                                      "Host this new constant load under the threshold")
                          ->check(CLI::NonNegativeNumber);
  cap->excludes(load);
  cmd->add_option("--power-mw", o->power_mw,
                  "Storage power limit in MW (default unlimited); with --hours, a sweep "
                  "A:B:STEP or list");
  CLI::Option* hours =
      cmd->add_option("--hours", o->hours, "Sweep: storage durations in hours, e.g. 1,2,4,8");
  hours->excludes(cap)->excludes(load);
  add_load_options(*cmd, o->load, "seasonal");
  add_storage_options(*cmd, o->storage, false);
  add_plan_aging_options(*cmd, o->aging, o->aging_years);
  add_output_options(*cmd, o->output);
  cmd->callback([o] { o->hours.empty() ? run_single(*o) : run_sweep(*o); });
}

}  // namespace ballast::cli

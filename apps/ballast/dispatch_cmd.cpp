// ballast dispatch: the LP dispatch of a whole fleet over a scenario's horizon.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "aging_output.h"
#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/quantity.h"
#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/dispatch_report.h"
#include "ballast/dispatch/summary.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

struct DispatchCmdOptions {
  std::string scenario;
  std::string objective;
  std::string window;
  std::string step;
  std::optional<double> curtailment_pct;
  std::optional<double> thermal_cap_mw;
  std::vector<std::string> drop;
  std::string out_dir;
  std::string write_mps;
  AgingOptions aging;
  std::optional<double> wear_cost_per_mwh;
  int cycle_cost_segments = 0;
  OutputOptions output;
};

std::size_t periods_of(const std::string& flag, const std::string& text, std::int64_t step_s) {
  const std::optional<double> s = parse_duration_s(text);
  if (!s)
    throw InputError(fmt::format("{} '{}': expected a duration such as 48h or 30min", flag, text));
  const double periods = *s / static_cast<double>(step_s);
  if (std::abs(periods - std::round(periods)) > 1e-9 || periods < 1) {
    throw InputError(fmt::format("{} {}: must be a whole number of the scenario's {} s steps", flag,
                                 text, step_s));
  }
  return static_cast<std::size_t>(std::llround(periods));
}

// Removes the assets named in --drop (for before/after comparisons).
void drop_assets(dispatch::Scenario& s, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    const auto before =
        s.generators.size() + s.renewables.size() + s.storage.size() + s.new_loads.size();
    const auto named = [&](const auto& a) { return a.name == name; };
    std::erase_if(s.generators, named);
    std::erase_if(s.renewables, named);
    std::erase_if(s.storage, named);
    std::erase_if(s.new_loads, named);
    if (s.generators.size() + s.renewables.size() + s.storage.size() + s.new_loads.size() ==
        before) {
      throw InputError(fmt::format("--drop '{}': no asset of that name in the scenario", name));
    }
  }
}

void print(const dispatch::Scenario& s, const dispatch::DispatchResult& r,
           const dispatch::DispatchSummary& d) {
  std::cout << fmt::format("scenario: {} — {} periods of {} s, {} LP window(s), {} variables\n",
                           s.name, s.periods(), s.demand.step_s, r.windows, r.variables);
  std::cout << fmt::format("objective {}: {:.6g}\n", dispatch::to_string(r.objective),
                           r.objective_value);
  if (r.new_load_mw) {
    std::cout << fmt::format("largest constant new load: {} MW\n", report::number(*r.new_load_mw));
  }
  std::cout << fmt::format(
      "cost {} {}; unserved {} MWh; renewables curtailed {} MWh\n"
      "net load peak {} MW; thermal peak {} MW, {} h at >= 99 % of it\n\n",
      report::number(d.cost), s.currency, report::number(d.unserved_mwh),
      report::number(d.renewable_curtailed_mwh), report::number(d.net_load_peak_mw),
      report::number(d.thermal_peak_mw), report::number(d.thermal_hours_near_peak, 1));
  report::Table g({"generator", "energy MWh", "capacity factor", "hours at full", "starts proxy"});
  for (const auto& x : d.generators) {
    g.add_row({x.name, report::number(x.energy_mwh), report::number(x.capacity_factor, 3),
               report::number(x.hours_at_full, 1), report::number(x.starts_proxy, 1)});
  }
  std::cout << g.render();
  if (d.storage.empty()) return;
  report::Table t({"storage", "in MWh", "out MWh", "full cycles", "losses MWh"});
  for (const auto& x : d.storage) {
    t.add_row({x.name, report::number(x.energy_in_mwh), report::number(x.energy_out_mwh),
               report::number(x.equivalent_full_cycles, 1), report::number(x.losses_mwh)});
  }
  std::cout << "\n" << t.render();
}

void run(const DispatchCmdOptions& o) {
  dispatch::Scenario s = dispatch::load_scenario(o.scenario);
  drop_assets(s, o.drop);
  if (o.thermal_cap_mw) s.thermal_cap_mw = *o.thermal_cap_mw;
  if (o.cycle_cost_segments > 0) {
    // Piecewise-linear cycle-depth cost from the aging model and the replacement cost.
    if (!o.aging.enabled()) throw InputError("--cycle-cost-segments needs --aging MODEL");
    const auto& e = o.aging.economics;
    const std::optional<double> per_kwh =
        e.replacement_per_kwh ? e.replacement_per_kwh : e.capex_per_kwh;
    if (!per_kwh) {
      throw InputError("--cycle-cost-segments needs --replacement-per-kwh (or --capex-per-kwh)");
    }
    const aging::AgingModel model = aging::parse_model(o.aging.aging);
    for (dispatch::StorageUnit& u : s.storage) {
      if (u.kind != "battery") continue;
      const double window = u.params.soc_max - u.params.soc_min;
      // R per MWh of usable energy: the whole pack's cost over its usable window.
      u.cycle_cost_per_mwh =
          aging::cycle_depth_costs(model, *per_kwh * 1000 / window, o.cycle_cost_segments,
                                   o.aging.eol_pct / 100, o.aging.temperature_c);
    }
  }
  if (o.wear_cost_per_mwh) {
    for (dispatch::StorageUnit& u : s.storage) {
      if (u.kind == "battery") u.wear_cost_per_mwh = *o.wear_cost_per_mwh;
    }
  }
  dispatch::DispatchOptions d;
  d.objective = dispatch::parse_objective(o.objective.empty() ? "cost" : o.objective);
  if (!o.window.empty()) d.window_periods = periods_of("--window", o.window, s.demand.step_s);
  if (!o.step.empty()) d.step_periods = periods_of("--step", o.step, s.demand.step_s);
  if (!o.step.empty() && o.window.empty()) throw InputError("--step needs --window");
  d.new_load_allowance = o.curtailment_pct.value_or(0) / 100;
  d.write_mps = o.write_mps;
  std::cerr << fmt::format("ballast: solving {} periods...\n", s.periods());
  const dispatch::DispatchResult r = dispatch::run_dispatch(s, d);
  const dispatch::DispatchSummary summary = dispatch::summarize(s, r);
  // --aging: each storage unit's SOC per period -> rainflow -> model.
  std::vector<WearReport> wear;
  if (o.aging.enabled()) {
    AgingOptions ao = o.aging;  // the scenario may carry [economics]; money in its currency
    if (ao.economics.economics.empty()) ao.economics.economics = o.scenario;
    if (!ao.economics.currency) ao.economics.currency = s.currency;
    const aging::AgingModel model = aging::parse_model(o.aging.aging);
    for (std::size_t k = 0; k < s.storage.size(); ++k) {
      if (s.storage[k].kind != "battery") continue;  // the models are for Li-ion cells
      const StorageParams& p = s.storage[k].params;
      aging::WearMeter meter(model, static_cast<double>(s.demand.step_s));
      const double e = p.energy_mwh > 0 ? p.energy_mwh : 1;
      meter.push(r.start_energy_mwh[k] / e, o.aging.temperature_c);
      for (double x : r.energy_mwh[k]) meter.push(x / e, o.aging.temperature_c);
      Throughput flows;
      const double h = s.demand.step_h();
      for (double x : r.discharge_mw[k]) flows.discharged_mwh += x * h;
      for (double x : r.charge_mw[k]) flows.charged_mwh += x * h;
      wear.push_back(
          assess_wear(ao, model, meter.finish(), p.discharge_power_mw, p.energy_mwh, flows));
      wear.back().model = s.storage[k].name + ", " + model.name;
    }
  }
  if (!o.out_dir.empty()) {
    std::filesystem::create_directories(o.out_dir);
    const std::string path = (std::filesystem::path(o.out_dir) / "dispatch.csv").string();
    write_file_atomically(path, dispatch::dispatch_csv(s, r));
    std::cerr << "ballast: wrote " << path << "\n";
  }
  if (!o.output.report.empty()) {
    report::HtmlReport html = dispatch::dispatch_html(s, r, summary);
    for (const WearReport& w : wear) add_wear_section(html, w);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = dispatch::dispatch_json(s, r, summary);
    if (r.wear_cost > 0) j["wear_cost"] = r.wear_cost;
    if (o.aging.enabled()) {
      j["aging"] = nlohmann::ordered_json::array();
      for (const WearReport& w : wear) j["aging"].push_back(wear_json(w));
    }
    std::cout << j.dump(2) << "\n";
  } else {
    print(s, r, summary);
    if (r.wear_cost > 0) {
      std::cout << fmt::format("\nbattery wear priced in the LP: {} {}\n",
                               report::number(r.wear_cost), s.currency);
    }
    for (const WearReport& w : wear) std::cout << "\n" << wear_text(w);
  }
}

}  // namespace

void register_dispatch(CLI::App& app) {
  auto o = std::make_shared<DispatchCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "dispatch", "LP dispatch of generators, renewables, storage and new loads (COIN-OR CLP)");
  cmd->add_option("scenario", o->scenario, "Scenario file (TOML; see docs/dispatch.md)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--objective", o->objective,
                  "cost (default), peak (least thermal peak), flat (steadiest thermal output) "
                  "or max_new_load (largest constant new load)")
      ->check(CLI::IsMember({"cost", "peak", "flat", "max_new_load"}));
  cmd->add_option("--window", o->window, "Rolling horizon: LP window, e.g. 48h");
  cmd->add_option("--step", o->step, "Rolling horizon: periods committed per window, e.g. 24h");
  cmd->add_option("--curtailment", o->curtailment_pct,
                  "max_new_load: % of the new load's energy that may be curtailed (default 0)")
      ->check(CLI::Range(0.0, 99.99));
  cmd->add_option("--thermal-cap-mw", o->thermal_cap_mw,
                  "Cap the thermal fleet's output (e.g. at today's thermal peak)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--drop", o->drop, "Leave out the named asset (repeatable)");
  cmd->add_option("--out", o->out_dir, "Write DIR/dispatch.csv with every variable per period")
      ->option_text("DIR");
  cmd->add_option("--write-mps", o->write_mps, "Write the (first) LP in MPS format")
      ->option_text("FILE.mps");
  add_aging_options(*cmd, o->aging);
  cmd->add_option("--wear-cost-per-mwh", o->wear_cost_per_mwh,
                  "Price battery wear per MWh discharged in the LP (scenario currency); "
                  "overrides each battery's wear_cost_per_mwh")
      ->check(CLI::NonNegativeNumber)
      ->group("Aging");
  cmd->add_option("--cycle-cost-segments", o->cycle_cost_segments,
                  "Price wear by cycle depth in the LP: J SOC segments with the --aging model's "
                  "marginal cycle-depth costs (Xu et al. 2018), from --replacement-per-kwh")
      ->check(CLI::Range(1, 100))
      ->group("Aging");
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli

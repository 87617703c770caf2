#pragma once
/// @file The dispatch study: a scenario (a TOML file, or one built in code) with the run's
/// changes (assets left out, a thermal cap, battery wear priced in the LP), its LP dispatch, the
/// summary and, with `aging`, each battery's wear; and its renderers (text, JSON, HTML, the
/// per-period CSV).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/scenario.h"
#include "ballast/dispatch/summary.h"
#include "ballast/report/html.h"

namespace ballast::dispatch {

struct DispatchRequest {
  std::string scenario;  ///< TOML file (docs/dispatch.md); field "scenario", positional
  /// A scenario built in code (e.g. a file's scenario with its battery fleet resized); used
  /// when `scenario` names no file. Not a field: front ends set it directly.
  std::optional<Scenario> scenario_data;
  std::string objective = "cost";  ///< cost, peak, flat or max_new_load
  std::optional<double> window_s;  ///< field "window": rolling horizon, the LP window
  std::optional<double> step_s;    ///< field "step": rolling horizon, periods committed per LP
  double curtailment_pct = 0;      ///< field "curtailment": max_new_load, % of its energy lost
  std::optional<double> thermal_cap_mw;  ///< overrides the scenario's
  std::string above_cap = "serve";       ///< the cap below today's need: serve or shave
  std::vector<std::string> drop;         ///< assets left out, by name
  /// Scenario changes a sweep can take as axes: the storage unit resized (default: the
  /// scenario's only battery), its power (both ways) and energy (0: left out), and a constant
  /// new load added.
  std::string storage_unit;
  std::optional<double> storage_power_mw, storage_energy_mwh;
  std::optional<double> new_load_mw;
  std::string out;        ///< folder for dispatch.csv (the front end writes it: write_csv)
  std::string write_mps;  ///< write the (first) LP here in MPS format
  aging::AgingSpec aging;
  std::optional<double> wear_cost_per_mwh;  ///< every battery's, overriding the scenario's
  std::optional<int> cycle_cost_segments;   ///< price wear by cycle depth (needs aging)
  // LP solver (DispatchOptions::solver); values CLP cannot honour are refused (lp::validate).
  std::string lp_method = "auto";  ///< auto, dual, primal or barrier
  int lp_threads = 1;
  std::optional<double> time_limit_s;  ///< wall clock for the LPs of the whole run
  bool cold_start = false;             ///< every LP from scratch, no warm start (for comparisons)

  static constexpr const char* kName = "dispatch";
  static const FieldTable<DispatchRequest>& fields();
};

struct DispatchStudyResult {
  Scenario scenario;  ///< as solved: assets dropped, caps and wear costs applied
  DispatchResult dispatch;
  DispatchSummary summary;
  bool aging = false;                   ///< wear was asked for (reported even with no battery)
  std::vector<aging::WearReport> wear;  ///< one per battery, in scenario order
};

/// Runs the study. InputError for bad input; InfeasibleError when no dispatch exists.
DispatchStudyResult run(const DispatchRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const DispatchStudyResult& result);
std::string to_text(const DispatchStudyResult& result);
report::HtmlReport to_html(const DispatchStudyResult& result);
/// One row per period with every variable (MW, or MWh for stored energy).
std::string to_csv(const DispatchStudyResult& result);
/// Writes to_csv() to DIR/dispatch.csv atomically (creating DIR); returns the file's path.
std::string write_csv(const DispatchStudyResult& result, const std::string& dir);

/// The scenario the request names (its file, or scenario_data) with the request's changes.
Scenario study_scenario(const DispatchRequest& request);
/// Sets a storage unit's power (charge and discharge alike) and/or energy; InputError, with the
/// unit unchanged, when the result is not a valid storage.
void resize(StorageUnit& unit, std::optional<double> power_mw, std::optional<double> energy_mwh);
/// Leaves out the named assets (generators, renewables, storage, new loads); InputError for a
/// name the scenario does not have.
void drop_assets(Scenario& scenario, const std::vector<std::string>& names);
/// The LP options of the request on the scenario's time grid; InputError unless the window and
/// step are whole numbers of the scenario's steps.
DispatchOptions dispatch_options(const DispatchRequest& request, const Scenario& scenario);
/// Each battery's SOC over the run -> rainflow -> the aging model -> wear (and economics), in
/// scenario order; pumped hydro is left out (the models are for Li-ion cells).
std::vector<aging::WearReport> battery_wear(const aging::AgingSpec& spec, const Scenario& scenario,
                                            const DispatchResult& result);

}  // namespace ballast::dispatch

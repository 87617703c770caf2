#pragma once
/// @file The transient study: a datacenter, its battery and controller, and the grid or
/// on-site plant, simulated at millisecond steps without and with the battery; `size` first
/// finds the smallest battery that keeps the ramp limit; with aging, the battery's wear. And
/// its renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/core/step_table.h"
#include "ballast/dynamics/run.h"
#include "ballast/dynamics/scenario.h"
#include "ballast/dynamics/sizing.h"
#include "ballast/dynamics/swing_zoom.h"
#include "ballast/report/html.h"
#include "ballast/workload/scenario.h"

namespace ballast::dynamics {

/// The SOC window a battery sized by `size` may use when the scenario has no [battery]: the
/// common Li-ion operating window (the examples' batteries use it too).
inline constexpr double kSizingSocMin = 0.1;
inline constexpr double kSizingSocMax = 0.9;

struct TransientRequest {
  std::string scenario;     ///< transient scenario TOML; may be empty when `series` is given
  bool no_battery = false;  ///< ignore the scenario's battery
  bool size = false;        ///< size the battery first (power and energy)
  std::optional<double> ramp_mw_per_min;  ///< overrides the controller's ramp limit
  std::optional<double> duration_s;       ///< overrides a synthetic load's length
  std::string out;  ///< per-step CSV (time_s,site_mw,upstream_mw,battery_mw,soc,frequency_hz)
  aging::AgingSpec aging;  ///< the battery's wear over the run
  /// The site's power in memory (Python), instead of the scenario's [workload]; its step is
  /// the simulation's. Without a scenario: no battery, no upstream model, default controller.
  std::optional<workload::SeriesSpec> series;
  /// Keep every step of the reported run in the result (TransientStudyResult::steps; the rows
  /// `out` writes). Not a field: the CLI writes CSV instead.
  bool keep_steps = false;

  static constexpr const char* kName = "transient";
  static const FieldTable<TransientRequest>& fields();
};

struct TransientStudyResult {
  std::string scenario;                   ///< the scenario's name
  TransientParams params;                 ///< as run; the battery is the sized one with `size`
  std::optional<BatterySize> sized;       ///< with `size`
  TransientResult without;                ///< the site without a battery
  std::optional<TransientResult> with;    ///< with the battery, when there is one
  std::optional<aging::WearReport> wear;  ///< with aging and a battery
  std::string out;                        ///< the per-step CSV written; empty: none
  /// With keep_steps: the run with the battery (without, when there is none), step by step.
  std::optional<StepTable> steps;
  std::vector<SwingWindow> swings;  ///< the first seconds of the run's large swings
};

/// The battery `size` starts from when the scenario has none: the storage table's defaults
/// (round trip kDefaultRoundTrip) in the SOC window kSizingSocMin-kSizingSocMax, the default
/// inverter lag, starting at the SOC keeper's target. Power and energy are what sizing finds.
BatteryParams default_sizing_battery(const control::SmoothingParams& control);

/// The scenario the request describes, with its overrides applied (the in-memory load, the
/// duration, the ramp limit, no battery, the battery to size). InputError for bad input.
TransientScenario transient_scenario(const TransientRequest& request);

/// Runs the study. InputError for bad input; InfeasibleError when sizing finds no battery.
TransientStudyResult run(const TransientRequest& request, const Progress& progress = {});

/// A run's KPIs as JSON (the "without_battery" and "with_battery" objects).
nlohmann::ordered_json kpi_json(const TransientKpis& kpis);
/// What is upstream, in words, e.g. "grid 60 Hz, 5,000 MVA, H 5 s, D 1, R 0.05".
std::string upstream_text(const TransientParams& params);

nlohmann::ordered_json to_json(const TransientStudyResult& result);
std::string to_text(const TransientStudyResult& result);
report::HtmlReport to_html(const TransientStudyResult& result);

}  // namespace ballast::dynamics

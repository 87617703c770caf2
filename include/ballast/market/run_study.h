#pragma once
/// @file The market run study (`ballast market run`): a battery in dReg / E-dReg second by
/// second, scored and settled as Taipower does, for one controller or both; optional battery
/// wear and a per-second CSV; and its renderers.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/core/step_table.h"
#include "ballast/market/market_spec.h"
#include "ballast/market/simulation.h"
#include "ballast/report/html.h"

namespace ballast::market {

/// The aging options of a market run: money in NTD, the settlement's currency, so revenue and
/// costs add up.
aging::AgingSpec market_aging_defaults();

struct MarketRunRequest {
  MarketScenarioSpec scenario;
  std::string controller;  ///< naive, managed or both; empty: the scenario's
  std::string out;         ///< per-second CSV of the first controller's run; empty: none
  aging::AgingSpec aging = market_aging_defaults();
  /// Keep every second of the first controller's run in the result (MarketRunResult::steps;
  /// the rows `out` writes). Not a field: the CLI writes CSV instead.
  bool keep_steps = false;

  static constexpr const char* kName = "market run";
  static const FieldTable<MarketRunRequest>& fields();
};

struct MarketRunResult {
  MarketScenario scenario;       ///< as run (start and offset from the frequency)
  std::string frequency_source;  ///< the CSV, "series in memory", or "" for synthetic
  std::int64_t seconds = 0;
  std::vector<MarketResult> runs;       ///< one per controller; managed first with "both"
  std::vector<aging::WearReport> wear;  ///< with --aging: one per run, if run all year
  std::string out;                      ///< the per-second CSV written, if any
  /// With keep_steps: the CSV's columns after time, one row a second (UTC, local at the
  /// scenario's offset).
  std::optional<StepTable> steps;
};

/// Runs the study; writes the per-second CSV atomically when `request.out` is set.
MarketRunResult run(const MarketRunRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const MarketRunResult& result);
std::string to_text(const MarketRunResult& result);
report::HtmlReport to_html(const MarketRunResult& result);

/// The per-second CSV: the header line, and one line for a second (local time at
/// `calendar`), each ending in a newline.
std::string seconds_csv_header();
void append_seconds_csv_row(std::string& out, const SecondRecord& second, const Calendar& calendar);

}  // namespace ballast::market

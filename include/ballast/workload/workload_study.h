#pragma once
/// @file The workload study: an AI datacenter's power — synthetic, a measured trace, a
/// scenario's [workload] or a series in memory — summarised (levels, ramps, swings, spectrum)
/// in one streaming pass, optionally written step by step as CSV or kept in memory; and its
/// renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/core/step_table.h"
#include "ballast/report/html.h"
#include "ballast/workload/scenario.h"
#include "ballast/workload/summary.h"

namespace ballast::workload {

/// Where the load comes from, in this order: `series`, else `scenario`, else `trace`, else
/// `synthetic` (which then needs some GPUs).
struct WorkloadRequest {
  std::string scenario;       ///< TOML with a [workload] table (top-level step_ms, duration_s)
  SyntheticParams synthetic;  ///< a synthetic site
  std::string trace;          ///< a measured trace CSV
  std::string column;         ///< its power column (empty: found from the header)
  TraceScaling scaling;       ///< how the trace becomes a site
  std::string out;            ///< CSV of the site power (time_s,site_mw); empty: none
  /// The site's power in memory (Python), instead of a file or a synthetic site.
  std::optional<SeriesSpec> series;
  /// Keep every step in the result (WorkloadResult::steps; what `out` writes). Not a field:
  /// the CLI writes CSV instead.
  bool keep_steps = false;

  static constexpr const char* kName = "workload";
  static const FieldTable<WorkloadRequest>& fields();
};

struct WorkloadResult {
  std::string source;                   ///< what the load is, in words
  TraceSummary summary;                 ///< levels, ramps, swings, spectrum
  std::vector<double> time_s, site_mw;  ///< the power decimated for a chart (min/max a bucket)
  std::string out;                      ///< the CSV written; empty: none
  /// With keep_steps: site_mw at each step's start, seconds from the run's start.
  std::optional<StepTable> steps;
};

/// The load the request names (a scenario is read now). InputError for bad input.
WorkloadSpec workload_spec(const WorkloadRequest& request);
/// One line saying what the load is, e.g. "synthetic: 100,000 training + 0 inference H100 ...".
std::string describe(const WorkloadSpec& spec);

/// Runs the study: one pass over the load (and the CSV, written atomically, when `out` is set).
WorkloadResult run(const WorkloadRequest& request, const Progress& progress = {});

/// The summary as JSON (the "summary" object of `ballast workload --json`).
nlohmann::ordered_json summary_json(const TraceSummary& summary);
nlohmann::ordered_json to_json(const WorkloadResult& result);
std::string to_text(const WorkloadResult& result);
report::HtmlReport to_html(const WorkloadResult& result);

}  // namespace ballast::workload

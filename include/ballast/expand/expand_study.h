#pragma once
/// @file The capacity-expansion study: a case file (docs/expansion.md) with the run's changes
/// (fuel price, storage cost, new load), its least-cost build and, with `compare`, the same case
/// with storage only and with generators only; and its renderers (text, JSON, HTML, CSV).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/expand/case.h"
#include "ballast/expand/expansion.h"
#include "ballast/report/html.h"

namespace ballast::expand {

struct ExpandRequest {
  std::string case_file;  ///< TOML file; field "scenario", positional
  /// A case built in code; used when `case_file` names no file. Not a field.
  std::optional<ExpansionCase> case_data;
  bool compare = false;  ///< also solve with storage candidates only and generators only
  std::optional<double> fuel_price_per_mmbtu;  ///< overrides the case's
  double storage_cost_scale = 1;               ///< multiplies every storage candidate's capex
  std::optional<double> new_load_mw;           ///< a constant new load instead of the case's
  std::optional<double> thermal_cap_mw;        ///< overrides the system's (today's thermal fleet)
  std::optional<double> step_s;    ///< field "step": solve on this coarser step (series averaged)
  std::string out;                 ///< folder for expand.csv (the front end writes it: write_csv)
  std::string write_mps;           ///< write the LP in MPS format
  std::string lp_method = "auto";  ///< auto, dual, primal or barrier (ExpansionOptions)
  std::optional<double> time_limit_s;  ///< wall clock for each LP
  aging::AgingSpec aging;              ///< wear of each storage candidate built

  static constexpr const char* kName = "expand";
  static const FieldTable<ExpandRequest>& fields();
};

/// One solved variant of the case.
struct ExpandVariant {
  std::string label;  ///< "both", "storage only", "generators only"
  ExpansionResult result;
};

struct ExpandStudyResult {
  ExpansionCase expansion_case;         ///< as solved (the request's changes applied)
  std::vector<ExpandVariant> variants;  ///< "both" first
  /// With aging: the wear of each storage candidate built in the first variant, from its state
  /// of charge over the horizon (rainflow, the aging model, the economics).
  std::vector<aging::WearReport> wear;
};

/// Runs the study. InputError for bad input; InfeasibleError when no build serves the case.
ExpandStudyResult run(const ExpandRequest& request, const Progress& progress = {});

/// The case the request names with the request's changes.
ExpansionCase study_case(const ExpandRequest& request);
/// The case without one kind of candidate: "storage only" or "generators only" (generators and
/// renewables).
ExpansionCase restricted(ExpansionCase c, bool storage, bool plants);

nlohmann::ordered_json to_json(const ExpandStudyResult& result);
std::string to_text(const ExpandStudyResult& result);
report::HtmlReport to_html(const ExpandStudyResult& result);
/// One row per period: demand, new load served, price, every candidate's output (storage net
/// power and stored energy), existing thermal output.
std::string to_csv(const ExpandStudyResult& result);
/// Writes to_csv() to DIR/expand.csv atomically (creating DIR); returns the file's path.
std::string write_csv(const ExpandStudyResult& result, const std::string& dir);

}  // namespace ballast::expand

#pragma once
/// @file The headroom study: the largest new constant load for each curtailment limit, with
/// optional storage, its LP cross-check and battery wear; and its renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/plan/aging_years.h"
#include "ballast/plan/headroom.h"
#include "ballast/plan/load_spec.h"
#include "ballast/plan/wear.h"
#include "ballast/report/html.h"
#include "ballast/storage/spec.h"

namespace ballast::plan {

struct HeadroomRequest {
  LoadSpec load;
  StorageSpec storage;
  std::vector<double> curtailment = {0.25, 0.5, 1, 5};  ///< limits, % of the new load's energy
  bool verify = false;  ///< also solve each limit as an LP and fail if the answers differ
  aging::AgingSpec aging;
  std::vector<int> aging_years = kDefaultAgingYears;

  static constexpr const char* kName = "headroom";
  static const FieldTable<HeadroomRequest>& fields();
};

/// The greedy and the LP at one limit.
struct LpCheck {
  double limit = 0;  ///< fraction
  double greedy_mw = 0;
  double lp_mw = 0;
  double relative_difference = 0;
};

struct HeadroomResult {
  LoadedGrid grid;
  std::string method;  ///< "duke" or "pooled"
  std::optional<StorageOption> storage;
  std::vector<HeadroomRow> rows;
  std::vector<LpCheck> checks;  ///< when verified
  std::vector<PlanWear> wear;   ///< with aging
};

/// Runs the study. InputError for bad input; InternalError if the LP disagrees with the greedy.
HeadroomResult run(const HeadroomRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const HeadroomResult& result);
std::string to_text(const HeadroomResult& result);
report::HtmlReport to_html(const HeadroomResult& result);

/// Curtailment limits in % -> fractions; InputError unless each is in [0, 100).
std::vector<double> curtailment_fractions(const std::vector<double>& pct);
/// InputError unless each year is a whole number 1-100.
void check_aging_years(const std::vector<int>& years);

}  // namespace ballast::plan

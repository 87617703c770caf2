#pragma once
/// @file The steady study: storage size against how much more energy the existing fleet
/// delivers; and its renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/plan/aging_years.h"
#include "ballast/plan/load_spec.h"
#include "ballast/plan/steady.h"
#include "ballast/plan/wear.h"
#include "ballast/report/html.h"
#include "ballast/storage/spec.h"

namespace ballast::plan {

struct SteadyRequest {
  std::vector<double> hours = {0, 1, 2, 4, 8, 12, 24, 48, 168, 720, 2190};
  std::optional<double> power_mw;  ///< storage power limit; none: unlimited
  double target = 2;               ///< energy multiplier to find the storage for
  LoadSpec load;
  StorageSpec storage;
  aging::AgingSpec aging;
  std::vector<int> aging_years = kDefaultAgingYears;

  static constexpr const char* kName = "steady";
  static const FieldTable<SteadyRequest>& fields();
};

struct SteadyResult {
  LoadedGrid grid;
  StorageParams unit;
  SocStart start = SocStart::kCyclic;
  double target = 2;
  SteadyCurve curve;
  std::vector<PlanWear> wear;
};

SteadyResult run(const SteadyRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const SteadyResult& result);
std::string to_text(const SteadyResult& result);
report::HtmlReport to_html(const SteadyResult& result);

}  // namespace ballast::plan

#pragma once
/// @file The size study: the smallest storage that keeps load under a cap or hosts a new load;
/// or a power x duration sweep of zero-curtailment headroom; and its renderers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/plan/load_spec.h"
#include "ballast/plan/sizing.h"
#include "ballast/plan/wear.h"
#include "ballast/report/html.h"
#include "ballast/storage/spec.h"

namespace ballast::plan {

struct SizeRequest {
  std::optional<double> cap_mw;       ///< keep today's load under this
  std::optional<double> new_load_mw;  ///< host this new constant load under the threshold
  std::vector<double> power_mw;       ///< one power limit; with `hours`, the powers to sweep
  std::vector<double> hours;          ///< sweep: storage durations
  LoadSpec load;
  StorageSpec storage;
  aging::AgingSpec aging;
  std::vector<int> aging_years = {1, 10, 20};

  static constexpr const char* kName = "size";
  static const FieldTable<SizeRequest>& fields();
};

struct SizeResult {
  LoadedGrid grid;
  bool sweep = false;
  // One size (sweep false):
  std::vector<double> capacity_mw;  ///< the limit sized against, per step
  bool cap = false;                 ///< sized against a cap (peak shaving), not a new load
  double new_load_mw = 0;
  StorageParams unit;  ///< power limit, efficiencies, window (energy: the sized one)
  SocStart start = SocStart::kCyclic;
  SizingResult sized;
  std::vector<PlanWear> wear;
  // A sweep (sweep true):
  std::vector<double> powers_mw, hours;
  std::vector<SweepCell> cells;  ///< power-major
};

SizeResult run(const SizeRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const SizeResult& result);
std::string to_text(const SizeResult& result);
report::HtmlReport to_html(const SizeResult& result);

}  // namespace ballast::plan

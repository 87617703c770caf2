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
#include "ballast/plan/aging_years.h"
#include "ballast/plan/load_spec.h"
#include "ballast/plan/size_search.h"
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
  double curtailment = 0;             ///< % of the new load's energy it may lose
  std::optional<double> energy_mwh;   ///< given energy: find the least power instead
  std::optional<int> life_years;      ///< size so the faded battery still hosts the load
  bool augment = false;               ///< with life_years: least-cost initial size + additions
  LoadSpec load;
  StorageSpec storage;
  aging::AgingSpec aging;
  std::vector<int> aging_years = kDefaultAgingYears;

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
  double curtailment_limit = 0;            ///< fraction the size was found for
  bool least_power = false;                ///< the power was searched for a given energy
  std::optional<LifeSize> life;            ///< sized for the end of life_years
  std::optional<AugmentedSize> augmented;  ///< the least-cost augmentation plan
  int life_years = 0;
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

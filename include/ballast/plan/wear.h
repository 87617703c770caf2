#pragma once
/// @file Battery wear of the planning studies (`aging` set): the wear of the greedy storage run
/// at a found load, and the headroom year by year as the battery's capacity fades.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/plan/headroom.h"

namespace ballast::plan {

/// Headroom of one curtailment limit in one year of the battery's life.
struct FadedHeadroom {
  int year = 0;
  double capacity = 1;  ///< at the end of that year
  double headroom_mw = 0;
  /// Peak shaving (size with a cap): excess the faded battery cannot shave, MWh/yr; else 0.
  double shortfall_mwh_per_year = 0;
};

struct PlanWear {
  bool shaving = false;  ///< peak shaving under a cap, not a new load
  double limit = 0;
  double headroom_mw = 0;
  aging::WearReport wear;
  std::vector<FadedHeadroom> by_year;
};

/// For each row: the greedy run at its headroom -> SOC -> wear; then, for each of `years`, the
/// headroom with the energy faded to that year's end. Economics use the storage's energy out,
/// and the new energy the storage adds over the no-storage headroom at the same limit.
std::vector<PlanWear> plan_wear(const aging::AgingSpec& spec, const Grid& grid,
                                const std::vector<HeadroomRow>& rows, const StorageOption& storage,
                                const std::vector<int>& years);

/// Peak shaving under `cap_mw` (per step): the greedy run (discharge the excess over the cap,
/// recharge below it, start full) of `unit` -> wear; then, for each of `years`, the excess the
/// faded battery leaves unshaved.
PlanWear shaving_wear(const aging::AgingSpec& spec, const Grid& grid,
                      const std::vector<double>& cap_mw, const StorageParams& unit,
                      const std::vector<int>& years);

nlohmann::ordered_json plan_wear_json(const std::vector<PlanWear>& w);
std::string plan_wear_text(const std::vector<PlanWear>& w);

}  // namespace ballast::plan

#pragma once
// --aging for the planning commands: the wear of the greedy storage run at a found load, and
// the headroom year by year as the battery's capacity fades.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aging_output.h"
#include "ballast/plan/headroom.h"

namespace ballast::cli {

/// Headroom of one curtailment limit in one year of the battery's life.
struct FadedHeadroom {
  int year = 0;
  double capacity = 1;  ///< at the end of that year
  double headroom_mw = 0;
  /// Peak shaving (size --cap-mw): excess the faded battery cannot shave, MWh/yr; else 0.
  double shortfall_mwh_per_year = 0;
};

struct PlanWear {
  bool shaving = false;  ///< peak shaving under a cap (size --cap-mw), not a new load
  double limit = 0;
  double headroom_mw = 0;
  WearReport wear;
  std::vector<FadedHeadroom> by_year;
};

/// For each row: the greedy run at its headroom -> SOC -> wear; then, for each of `years`, the
/// headroom with the energy faded to that year's end. Economics use the storage's energy out,
/// and the new energy the storage adds over the no-storage headroom at the same limit.
std::vector<PlanWear> plan_wear(const AgingOptions& o, const plan::Grid& grid,
                                const std::vector<plan::HeadroomRow>& rows,
                                const plan::StorageOption& storage, const std::vector<int>& years);

/// Peak shaving under `cap_mw` (per step): the greedy run (discharge the excess over the cap,
/// recharge below it, start full) of `unit` -> wear; then, for each of `years`, the excess the
/// faded battery leaves unshaved.
PlanWear shaving_wear(const AgingOptions& o, const plan::Grid& grid,
                      const std::vector<double>& cap_mw, const StorageParams& unit,
                      const std::vector<int>& years);

/// --aging and friends plus --aging-years (years of battery life to re-plan for).
void add_plan_aging_options(CLI::App& app, AgingOptions& o, std::string& years);
/// "1,5,10" -> {1, 5, 10}; InputError unless whole years 1-100.
std::vector<int> parse_aging_years(const std::string& text);

nlohmann::ordered_json plan_wear_json(const std::vector<PlanWear>& w);
std::string plan_wear_text(const std::vector<PlanWear>& w);

}  // namespace ballast::cli

#pragma once
/// @file What a curtailment pattern means for the new load: hours, events, seasons, energy.

#include <cstddef>
#include <span>
#include <vector>

#include "ballast/plan/grid.h"

namespace ballast::plan {

/// Statistics of the new load's curtailment (Norris et al. 2025 report the same kinds).
struct CurtailmentStats {
  double curtailment_rate = 0;          ///< fraction of potential energy (by the grid's method)
  double curtailed_hours_per_year = 0;  ///< hours with any curtailment, per year
  double mean_event_h = 0;              ///< mean length of a run of curtailed hours
  double max_event_h = 0;               ///< longest run of curtailed hours
  double hours_kept_50_per_year = 0;    ///< curtailed hours that still serve >= 50 % of D
  double hours_kept_75_per_year = 0;    ///< ... >= 75 %
  double hours_kept_90_per_year = 0;    ///< ... >= 90 %
  double winter_share = 0;              ///< share of curtailed energy in Nov-Mar
  double summer_share = 0;              ///< share of curtailed energy in Apr-Oct
  double new_energy_twh_per_year = 0;   ///< new load's energy actually served
  double energy_multiplier = 1;         ///< (today's energy + new served) / today's energy
};

/// A step at which the new load is curtailed: its index and the MW curtailed there (not 0).
struct CurtailedStep {
  std::size_t step = 0;
  double mw = 0;
};

/// The steps with curtailment other than 0 in `curtailed_mw` (one value per step), in time order.
std::vector<CurtailedStep> curtailed_steps(const std::vector<double>& curtailed_mw);

/// Computes the statistics of curtailment `curtailed_mw` (per step) of new load D.
CurtailmentStats curtailment_stats(const Grid& grid, double new_load_mw,
                                   const std::vector<double>& curtailed_mw);
/// The same from the curtailed steps alone (every step with curtailment other than 0, in time
/// order): the same numbers, bit for bit, in time proportional to the curtailed steps.
CurtailmentStats curtailment_stats(const Grid& grid, double new_load_mw,
                                   std::span<const CurtailedStep> curtailed);

}  // namespace ballast::plan

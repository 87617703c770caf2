#pragma once
/// @file The smallest storage that keeps load under a limit, and storage sweeps.

#include <vector>

#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::plan {

/// The smallest storage energy that serves every excess max(0, load + D - capacity).
struct SizingResult {
  double energy_mwh = 0;       ///< nameplate energy (usable / SOC window)
  double usable_mwh = 0;       ///< energy between the SOC floor and ceiling
  double power_mw = 0;         ///< largest discharge needed, MW
  int days_with_drawdown = 0;  ///< local days on which storage discharges
  double discharged_mwh_per_year = 0;
};

/// Sizes storage for new load D against `capacity_mw` (per step) with the unit's power limits,
/// efficiencies, SOC window and standing loss (its energy_mwh is ignored). Full and cyclic
/// starts are exact by a backward required-energy recursion; an empty start by bisection.
/// Throws InfeasibleError when no energy suffices (power too small, or losses too large).
SizingResult min_storage_energy(const Grid& grid, const std::vector<double>& capacity_mw,
                                double new_load_mw, const StorageParams& unit, SocStart start);

/// One cell of a power x duration sweep: zero-curtailment headroom with that storage.
struct SweepCell {
  double power_mw = 0;
  double hours = 0;
  double energy_mwh = 0;
  double headroom_mw = 0;
  double energy_multiplier = 1;
};

/// For each power and duration, the largest new load served with zero curtailment.
std::vector<SweepCell> storage_sweep(const Grid& grid, const std::vector<double>& powers_mw,
                                     const std::vector<double>& hours, double round_trip,
                                     SocStart start);

}  // namespace ballast::plan

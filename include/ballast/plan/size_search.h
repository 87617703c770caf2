#pragma once
/// @file The sizing questions planners ask that the exact recursion does not answer: the least
/// energy (or, for a given energy, the least power) that hosts a new load at a curtailment
/// limit; the size that still hosts it after N years of fade; and the least-cost initial size
/// plus augmentation schedule. Each is a monotone search over the exact greedy run.

#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::plan {

/// Whether `unit` hosts new load D with a curtailment rate within `limit` (greedy, exact for one
/// unit).
bool hosts(const Grid& grid, double new_load_mw, double limit, const StorageParams& unit,
           SocStart start);

/// The least nameplate energy that hosts D within `limit` with `unit`'s power, efficiencies and
/// window (its energy is ignored), to 1e-7 relative. The curtailment of the greedy never rises
/// with energy, so bisection finds the edge. InfeasibleError when no energy suffices.
double least_energy_mwh(const Grid& grid, double new_load_mw, double limit,
                        const StorageParams& unit, SocStart start);

/// The least power, both ways, that hosts D within `limit` with `unit`'s energy, to 1e-7
/// relative. InfeasibleError when even the largest excess is not enough.
double least_power_mw(const Grid& grid, double new_load_mw, double limit, const StorageParams& unit,
                      SocStart start);

/// Storage sized so that, after `life_years` of its own duty, its faded energy still hosts D.
struct LifeSize {
  double fresh_energy_mwh = 0;  ///< what a battery that never fades would need
  double energy_mwh = 0;        ///< nameplate to install
  double capacity_at_life = 1;  ///< its capacity fraction at the end of year `life_years`
  aging::WearReport wear;       ///< wear of the installed size hosting D
};

/// The least energy E with E x capacity_after(life_years of E's duty) >= the fresh need. A
/// larger battery cycles shallower, so its fade per year is no faster: E x capacity rises with E.
LifeSize size_for_life(const aging::AgingSpec& aging, const Grid& grid, double new_load_mw,
                       double limit, const StorageParams& unit, SocStart start, int life_years);

/// Energy bought at the start of a year to keep hosting D.
struct Augmentation {
  int year = 0;  ///< installed at the start of this year (1 = the first year)
  double energy_mwh = 0;
};

/// The least-cost plan: an initial size and the additions that keep the fleet's faded energy at
/// or above the fresh need through `life_years`; each addition fades by its own age.
struct AugmentedSize {
  double fresh_energy_mwh = 0;
  double initial_energy_mwh = 0;
  std::vector<Augmentation> additions;
  double pv_cost = 0;  ///< energy purchases, discounted (capex_per_kwh now; replacement later)
  std::string currency;
  std::vector<double> fleet_energy_mwh;  ///< effective energy at the end of each year
};

/// Searches the initial oversize (1.00 to 2.00 of the fresh need, step 0.01) for the least
/// present cost of energy purchases. Needs the economics' capex_per_kwh (and
/// replacement_per_kwh for later purchases, default the capex); InputError without them.
AugmentedSize size_with_augmentation(const aging::AgingSpec& aging, const Grid& grid,
                                     double new_load_mw, double limit, const StorageParams& unit,
                                     SocStart start, int life_years);

}  // namespace ballast::plan

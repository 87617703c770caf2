#pragma once
/// @file Capacity expansion as one LP over the whole chronology (COIN-OR CLP): today's fleet
/// dispatched as in `ballast dispatch`, plus candidates whose sizes are variables, charged their
/// annualised capital and fixed costs. docs/expansion.md gives the formulation.

#include <string>
#include <vector>

#include "ballast/dispatch/dispatch.h"
#include "ballast/expand/case.h"

namespace ballast::expand {

/// One candidate as built, with its year in numbers (every money figure per year).
struct BuiltAsset {
  std::string name;
  std::string type;       ///< "storage", "generator" or "renewable"
  double power_mw = 0;    ///< built power (storage: both ways)
  double energy_mwh = 0;  ///< storage only
  double capital_per_year = 0;
  double fixed_om_per_year = 0;
  double variable_per_year = 0;
  double energy_mwh_per_year = 0;  ///< delivered (storage: discharged)
  double capacity_factor = 0;      ///< delivered / (power x hours)
  double full_load_hours = 0;      ///< per year
  double cycles_per_year = 0;      ///< storage: discharged / usable energy
  double revenue_per_year = 0;     ///< sum over periods of price x output (storage: net)
  double profit_per_year = 0;      ///< revenue - variable - capital - fixed O&M
  bool at_bound = false;           ///< a size at one of its bounds (profit need not be zero)
  std::vector<double> output_mw;   ///< per period (storage: net, > 0 discharging)
  std::vector<double> stored_mwh;  ///< storage: at each period's end
};

/// An existing generator's year with and without the new load and build.
struct ExistingUse {
  std::string name;
  double capacity_mw = 0;
  double energy_mwh_per_year = 0;
  double today_mwh_per_year = 0;  ///< today's dispatch, without the new load
  double capacity_factor = 0;
  double today_capacity_factor = 0;
};

/// The annual cost split, currency per year.
struct CostSplit {
  double capital = 0;   ///< new build's capital annuity
  double fixed_om = 0;  ///< new build's fixed O&M
  double variable = 0;  ///< every generator's energy cost + storage variable cost
  double unserved = 0;  ///< existing demand at the value of lost load + new load not served
  double total() const { return capital + fixed_om + variable + unserved; }
};

struct ExpansionResult {
  double years = 1;                  ///< horizon, years of 8760 h
  CostSplit cost;                    ///< per year
  CostSplit today;                   ///< per year, today's system without the new load
  double new_load_mwh_per_year = 0;  ///< served
  double new_load_unserved_mwh_per_year = 0;
  double cost_per_new_mwh = 0;        ///< (cost - today) / new load served
  std::vector<BuiltAsset> built;      ///< every candidate, in case order (storage first)
  std::vector<ExistingUse> existing;  ///< every existing generator
  std::vector<double> price_per_mwh;  ///< marginal price of energy per period (balance duals)
  std::vector<double> new_load_served_mw;
  dispatch::DispatchResult dispatch;  ///< the existing assets with the new load
  double build_s = 0, solve_s = 0;    ///< the expansion LP: building it, CLP solving it
  double baseline_s = 0;              ///< today's dispatch (build and solve)
  std::size_t variables = 0, rows = 0;
};

struct ExpansionOptions {
  std::string write_mps{};  ///< write the LP here (free MPS) before solving
  bool baseline = true;     ///< also run today's dispatch (for cost per MWh and existing use)
  /// The expansion LP's solver. kAuto: the dual simplex, or from half a year of hourly periods
  /// on the barrier without crossover. With the barrier, presolve is off: it would substitute
  /// away the chained capacity copies that keep the barrier's normal equations sparse.
  lp::SolveOptions solver{};
};

/// Solves the case. InfeasibleError names the constraint family and period.
ExpansionResult solve_expansion(const ExpansionCase& c, const ExpansionOptions& options = {});

/// The price duration curve: prices sorted from highest to lowest.
std::vector<double> duration_curve(std::vector<double> prices);

}  // namespace ballast::expand

#pragma once
/// @file Multi-asset dispatch as a linear program (COIN-OR CLP): one LP over the whole horizon
/// or a rolling horizon that carries every storage state forward. docs/dispatch.md gives the
/// formulation of each objective.

#include <optional>
#include <string>
#include <vector>

#include "ballast/dispatch/scenario.h"
#include "ballast/lp/solver.h"

namespace ballast::dispatch {

enum class Objective {
  kCost,        ///< least production cost (+ value of lost load for unserved energy)
  kPeak,        ///< least peak of the thermal fleet's output, then least cost
  kFlat,        ///< thermal output as steady as possible (least absolute deviation from a
                ///< constant level), then least cost
  kMaxNewLoad,  ///< largest constant new load served, then least cost
};

/// Parses "cost", "peak", "flat" or "max_new_load"; throws InputError otherwise.
Objective parse_objective(const std::string& text);
std::string to_string(Objective objective);

/// What a thermal cap below today's need means (issue 12 item 7).
enum class AboveCap {
  kShave,  ///< the cap binds in every period: storage must shave today's load above it too
  kServe,  ///< today's load is served above the cap; only what is added (new load, storage
           ///< charging) must fit under it, as `ballast headroom` counts
};

/// Parses "shave" or "serve"; throws InputError otherwise.
AboveCap parse_above_cap(const std::string& text);

struct DispatchOptions {
  Objective objective = Objective::kCost;
  std::size_t window_periods = 0;         ///< rolling horizon: periods per LP; 0 = one LP for all
  std::size_t step_periods = 0;           ///< rolling horizon: periods committed per LP
  double new_load_allowance = 0;          ///< kMaxNewLoad: fraction of its energy it may lose
  std::string write_mps{};                ///< write the (first) LP here in MPS format
  AboveCap above_cap = AboveCap::kServe;  ///< the thermal cap below today's need
  /// LP algorithm, threads, a wall-clock limit for the whole run and progress: each LP's
  /// iterations and, over a rolling horizon, phase "rolling horizon" with done = windows
  /// committed (0 first, then one report a window) of total = the run's windows.
  lp::SolveOptions solver{};
  /// Start every LP after the first from a basis: the second stage of a two-stage objective
  /// from the first stage's, each rolling window from the previous window's. false solves
  /// every LP cold (the former way, kept for benchmarks and tests).
  bool warm_start = true;
};

/// Per-period results; every vector has one value per period.
struct DispatchResult {
  double wear_cost = 0;  ///< sum of wear_cost_per_mwh x MWh discharged (in objective_value)
  Objective objective = Objective::kCost;
  double objective_value = 0;  ///< cost, peak MW, total deviation MWh, or new load MW
  double cost = 0;             ///< production cost + unserved energy at the value of lost load
  std::optional<double> new_load_mw;               ///< kMaxNewLoad: the load found
  std::vector<std::vector<double>> generation_mw;  ///< [generator][period]
  std::vector<std::vector<double>> renewable_mw;   ///< used, [renewable][period]
  std::vector<std::vector<double>> charge_mw;      ///< [storage][period], drawn
  std::vector<std::vector<double>> discharge_mw;   ///< [storage][period], delivered
  std::vector<std::vector<double>> energy_mwh;     ///< [storage][period], at its end
  /// [storage][period]: energy the store lost beyond its efficiencies. Zero unless the system
  /// had to get rid of energy (the LP's only alternative to charging and discharging at once).
  std::vector<std::vector<double>> dumped_mwh;
  std::vector<double> start_energy_mwh;                 ///< [storage], before the first period
  std::vector<std::vector<double>> new_load_served_mw;  ///< [new load][period]
  std::vector<double> added_load_served_mw;             ///< kMaxNewLoad: the found load, served
  std::vector<double> unserved_mw;
  std::vector<double> spill_mw;    ///< surplus of must-run/must-take supply
  std::vector<double> thermal_mw;  ///< thermal fleet output
  /// [period]: the marginal price of energy (currency/MWh), the LP dual of the period's balance
  /// row: what one more MWh of demand in that period would cost. For objectives other than
  /// cost, the dual of the cost stage that runs with the first objective held at its optimum.
  std::vector<double> marginal_price_per_mwh;
  std::size_t windows = 1;
  double build_s = 0;           ///< time spent building LPs
  double solve_s = 0;           ///< time spent in CLP
  std::vector<double> stage_s;  ///< time in CLP per stage (first objective, least cost)
  long iterations = 0;          ///< simplex iterations of every LP
  /// Set when --time-limit-s stopped an LP: what was stopped and what the result is.
  std::string limit_note;
  std::size_t variables = 0;  ///< of the largest LP
  std::size_t rows = 0;
};

/// Solves the scenario. Throws InfeasibleError naming the constraint family and period in
/// words when no dispatch exists (or when the objective is unbounded).
DispatchResult run_dispatch(const Scenario& scenario, const DispatchOptions& options);

/// Solves each variant as run_dispatch would (same results), reusing one LP solver and its
/// basis while consecutive variants differ only in numbers that are LP bounds or costs (e.g.
/// storage energy or power, capacities, prices, demand): a sweep pays for one cold solve and
/// a warm re-solve per further case. The cost objective over one LP; other objectives, rolling
/// horizons, `warm_start = false` or `write_mps` solve each variant by run_dispatch.
std::vector<DispatchResult> run_dispatch_sequence(const std::vector<Scenario>& variants,
                                                  const DispatchOptions& options);

}  // namespace ballast::dispatch

#pragma once
/// @file A persistent LP solver: a model loaded once into COIN-OR CLP, re-solved after changes
/// to bounds, costs or added rows from the last optimal basis (a warm start), with the run's
/// solver options (algorithm, threads, time limit, progress).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballast/core/progress.h"
#include "ballast/lp/model.h"

class ClpSimplex;

namespace ballast::lp {
namespace detail {
struct Watch;  // solver.cpp
}

/// The simplex or interior-point algorithm of a cold solve.
enum class Method {
  kAuto,     ///< dual simplex after presolve; warm re-solves pick dual or primal by the change
  kDual,     ///< dual simplex, cold and warm
  kPrimal,   ///< primal simplex, cold and warm
  kBarrier,  ///< interior point with crossover for a cold solve; warm re-solves use the simplex
};

/// Parses "auto", "dual", "primal" or "barrier"; throws InputError otherwise.
Method parse_method(const std::string& text);
std::string to_string(Method method);

struct SolveOptions {
  Method method = Method::kAuto;
  /// CLP's presolve before a cold solve. Off keeps the model's structure as built, e.g. the
  /// chained capacity copies that keep a barrier's normal equations sparse (presolve would
  /// substitute them away).
  bool presolve = true;
  /// After a barrier solve, cross over to a vertex (a basis for warm re-solves). Off: the
  /// barrier's interior optimum as it stands (same objective to the tolerance, optimal duals;
  /// on a year of hourly capacity expansion ten times faster than the crossover).
  bool crossover = true;
  /// Threads CLP may use. CLP's simplex in this build runs on one thread, so a value above 1
  /// is accepted only with the barrier method (its factorisation) and refused otherwise.
  int threads = 1;
  /// Wall-clock limit for every solve of one Solver together, s. When it is hit, solve()
  /// returns Status::kLimit with the best point so far (see Solution::feasible).
  std::optional<double> time_limit_s{};
  /// Simplex iterations per solve() (tests and diagnostics); none by default.
  std::optional<int> iteration_limit{};
  /// LP progress ("LP", iteration count, objective), about once a second.
  Progress progress{};
  /// The phase name of progress events, e.g. "LP stage 1".
  std::string phase{"LP"};
};

/// Checks options against what the solver can honour; InputError naming the option otherwise.
void validate(const SolveOptions& options);

/// Counters of one Solver's work.
struct SolveStats {
  int solves = 0;       ///< calls of solve()
  long iterations = 0;  ///< simplex iterations of every solve
  double seconds = 0;   ///< wall time inside CLP
};

/// A model loaded into CLP once. Change it, then solve() again: every solve after the first
/// starts from the previous basis (dual simplex after bound changes and for a lexicographic
/// second stage, primal after other cost changes or added rows).
class Solver {
 public:
  explicit Solver(const Model& model, SolveOptions options = {});
  ~Solver();
  Solver(const Solver&) = delete;
  Solver& operator=(const Solver&) = delete;

  int variables() const;
  int rows() const;

  void set_variable_bounds(int var, double lb, double ub);
  void set_row_bounds(int row, double lb, double ub);
  void set_objective_coefficient(int var, double cost);
  /// Replaces every objective coefficient (one per variable).
  void set_objective(const std::vector<double>& cost);
  void set_sense(Sense sense);
  /// Takes every bound, cost and the sense of `model`, which must have the matrix of the model
  /// the solver was built from (Model::same_matrix; InternalError otherwise): the next LP of a
  /// sequence, solved from the last basis.
  void update(const Model& model);
  /// Adds the row lb <= sum(coef * x[var]) <= ub (keeping the basis); returns its index.
  int add_row(double lb, double ub, const std::vector<Term>& terms);

  /// Solves: cold with the options' method the first time, warm from the last basis after.
  Solution solve();
  /// Solves, then among the optimal solutions (objective within `tolerance` relative) takes
  /// one that minimises `secondary_cost`, warm-started from the first stage's basis. The
  /// first objective is held by a bound when it is one variable, by an added row otherwise.
  /// The returned objective is the first stage's. Leaves the solver in the second stage.
  Solution solve_lexicographic(const std::vector<double>& secondary_cost, double tolerance = 1e-9);
  /// The second stage of solve_lexicographic after an optimal solve() gave `first`.
  Solution solve_second_stage(const Solution& first, const std::vector<double>& secondary_cost,
                              double tolerance = 1e-9);

  /// The status of every variable and row in the last basis (CLP's codes), to start another
  /// model of the same shape from (set_basis).
  struct Basis {
    std::vector<unsigned char> variables, rows;
  };
  Basis basis() const;
  /// Starts the next solve() from this basis (dual simplex, no presolve). A basis with too
  /// many or too few basic entries is repaired by CLP's factorisation.
  void set_basis(const Basis& basis);

  /// Forgets the basis: the next solve() is cold (for comparisons).
  void reset_basis();
  const SolveStats& stats() const { return stats_; }
  /// The time the limit leaves, s (none without a limit).
  std::optional<double> seconds_left() const;

 private:
  enum Change : unsigned { kNone = 0, kBounds = 1, kCosts = 2, kRows = 4 };
  Solution finish();

  std::unique_ptr<ClpSimplex> clp_;
  std::unique_ptr<detail::Watch> watch_;  // the time limit and progress, shared with CLP's handler
  SolveOptions options_;
  std::chrono::steady_clock::time_point start_;
  bool solved_ = false;  // a basis is loaded
  unsigned changes_ = kNone;
  bool second_stage_ = false;  // the next solve is a lexicographic second stage
  SolveStats stats_;
};

}  // namespace ballast::lp

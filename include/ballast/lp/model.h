#pragma once
/// @file A small sparse linear-programming model, solved by COIN-OR CLP.

#include <limits>
#include <string>
#include <utility>
#include <vector>

class CoinPackedMatrix;
class ClpSimplex;

namespace ballast::lp {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Sense { kMinimize, kMaximize };
/// kLimit: the solver stopped at its time or iteration limit (Solution::feasible says whether
/// the point it stopped at satisfies every constraint).
enum class Status { kOptimal, kInfeasible, kUnbounded, kFailed, kLimit };

/// One coefficient of a row: (variable index, value).
using Term = std::pair<int, double>;

/// A solved model.
struct Solution {
  Status status = Status::kFailed;
  double objective = 0;
  std::vector<double> x;  ///< primal values, by variable index
  /// Row duals (shadow prices), by row index: the change of the objective per unit increase of
  /// the row's active bound, in the model's own sense (a minimisation's balance row gives the
  /// marginal cost of one more unit of demand).
  std::vector<double> row_duals;
  /// x satisfies every bound and row (always for kOptimal; for kLimit, the best point so far
  /// is usable only when this holds).
  bool feasible = false;
};

/// Variables with bounds and costs, rows lb <= a.x <= ub. Build, then solve.
class Model {
 public:
  /// Adds a variable in [lb, ub] with objective coefficient `cost`; returns its index.
  int add_variable(double lb, double ub, double cost, std::string name = {});
  /// Adds the row lb <= sum(coef * x[var]) <= ub; returns its index.
  int add_row(double lb, double ub, const std::vector<Term>& terms, std::string name = {});
  void set_sense(Sense sense) { sense_ = sense; }
  /// Changes a variable's objective coefficient.
  void set_objective_coefficient(int var, double cost) { cost_[var] = cost; }
  /// Changes a variable's bounds.
  void set_variable_bounds(int var, double lb, double ub) {
    col_lb_[var] = lb;
    col_ub_[var] = ub;
  }

  /// The same variables, rows and coefficients (bounds, costs and names may differ): a model
  /// a Solver loaded with this one can take by update().
  bool same_matrix(const Model& other) const {
    return variables() == other.variables() && rows() == other.rows() &&
           row_index_ == other.row_index_ && col_index_ == other.col_index_ &&
           values_ == other.values_;
  }

  int variables() const { return static_cast<int>(cost_.size()); }
  int rows() const { return static_cast<int>(row_lb_.size()); }
  std::size_t nonzeros() const { return values_.size(); }

  /// Solves with CLP's dual simplex (the default for models like ours). To re-solve after
  /// changes from the last basis, load the model into an lp::Solver (solver.h) instead.
  Solution solve() const;
  /// Solves, then among the optimal solutions (objective within `tolerance` relative) takes
  /// one that minimises `secondary_cost` (one coefficient per variable): a lexicographic
  /// second stage, warm-started from the first stage's basis (lp::Solver::solve_lexicographic).
  /// The returned objective is the first stage's.
  Solution solve_lexicographic(const std::vector<double>& secondary_cost,
                               double tolerance = 1e-9) const;
  /// For an infeasible model: the rows that must be violated in a least-violation
  /// relaxation (every row gets slack at cost 1). Each entry: (row, violation).
  std::vector<std::pair<int, double>> infeasible_rows() const;
  /// For an unbounded model: the variables along which the objective improves without bound.
  std::vector<int> unbounded_variables() const;
  /// The name given to a variable or row (or a generated one).
  std::string variable_name(int var) const;
  std::string row_name(int row) const;
  /// Writes the model in free MPS format, readable by any LP solver.
  void write_mps(const std::string& path) const;

 private:
  friend class Solver;
  CoinPackedMatrix matrix() const;
  void load_into(ClpSimplex& clp) const;

  Sense sense_ = Sense::kMinimize;
  std::vector<double> col_lb_, col_ub_, cost_;
  std::vector<double> row_lb_, row_ub_;
  std::vector<int> row_index_, col_index_;  // coefficient triplets
  std::vector<double> values_;
  std::vector<std::string> col_names_, row_names_;
};

}  // namespace ballast::lp

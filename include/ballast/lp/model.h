#pragma once
/// @file A small sparse linear-programming model, solved by COIN-OR CLP.

#include <limits>
#include <string>
#include <utility>
#include <vector>

class CoinPackedMatrix;

namespace ballast::lp {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Sense { kMinimize, kMaximize };
enum class Status { kOptimal, kInfeasible, kUnbounded, kFailed };

/// One coefficient of a row: (variable index, value).
using Term = std::pair<int, double>;

/// A solved model.
struct Solution {
  Status status = Status::kFailed;
  double objective = 0;
  std::vector<double> x;  ///< primal values, by variable index
};

/// Variables with bounds and costs, rows lb <= a.x <= ub. Build, then solve.
class Model {
 public:
  /// Adds a variable in [lb, ub] with objective coefficient `cost`; returns its index.
  int add_variable(double lb, double ub, double cost, std::string name = {});
  /// Adds the row lb <= sum(coef * x[var]) <= ub; returns its index.
  int add_row(double lb, double ub, const std::vector<Term>& terms, std::string name = {});
  void set_sense(Sense sense) { sense_ = sense; }

  int variables() const { return static_cast<int>(cost_.size()); }
  int rows() const { return static_cast<int>(row_lb_.size()); }
  std::size_t nonzeros() const { return values_.size(); }

  /// Solves with CLP's dual simplex (the default for models like ours).
  Solution solve() const;
  /// Writes the model in free MPS format, readable by any LP solver.
  void write_mps(const std::string& path) const;

 private:
  CoinPackedMatrix matrix() const;

  Sense sense_ = Sense::kMinimize;
  std::vector<double> col_lb_, col_ub_, cost_;
  std::vector<double> row_lb_, row_ub_;
  std::vector<int> row_index_, col_index_;  // coefficient triplets
  std::vector<double> values_;
  std::vector<std::string> col_names_, row_names_;
};

}  // namespace ballast::lp

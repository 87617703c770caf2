#include "ballast/lp/model.h"

#include <fmt/format.h>

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/lp/solver.h"
#include "clp_load.h"

namespace ballast::lp {
int Model::add_variable(double lb, double ub, double cost, std::string name) {
  col_lb_.push_back(lb);
  col_ub_.push_back(ub);
  cost_.push_back(cost);
  col_names_.push_back(std::move(name));  // generated on demand when empty
  return static_cast<int>(cost_.size()) - 1;
}

int Model::add_row(double lb, double ub, const std::vector<Term>& terms, std::string name) {
  const int row = static_cast<int>(row_lb_.size());
  for (const auto& [var, coef] : terms) {
    if (var < 0 || var >= variables()) throw InternalError("lp::Model: row names no variable");
    row_index_.push_back(row);
    col_index_.push_back(var);
    values_.push_back(coef);
  }
  row_lb_.push_back(lb);
  row_ub_.push_back(ub);
  row_names_.push_back(std::move(name));
  return row;
}

namespace {

void load(ClpSimplex& clp, const CoinPackedMatrix& matrix, const std::vector<double>& col_lb,
          const std::vector<double>& col_ub, const std::vector<double>& cost,
          const std::vector<double>& row_lb, const std::vector<double>& row_ub) {
  const std::vector<double> cl = to_clp(col_lb), cu = to_clp(col_ub), rl = to_clp(row_lb),
                            ru = to_clp(row_ub);
  clp.loadProblem(matrix, cl.data(), cu.data(), cost.data(), rl.data(), ru.data());
}

}  // namespace

CoinPackedMatrix Model::matrix() const {
  CoinPackedMatrix m(true, row_index_.data(), col_index_.data(), values_.data(),
                     static_cast<CoinBigIndex>(values_.size()));
  m.setDimensions(rows(), variables());  // variables or rows without coefficients count too
  return m;
}

void Model::load_into(ClpSimplex& clp) const {
  clp.setLogLevel(0);
  load(clp, matrix(), col_lb_, col_ub_, cost_, row_lb_, row_ub_);
  clp.setOptimizationDirection(sense_ == Sense::kMinimize ? 1.0 : -1.0);
}

Solution Model::solve() const { return Solver(*this).solve(); }

Solution Model::solve_lexicographic(const std::vector<double>& secondary_cost,
                                    double tolerance) const {
  return Solver(*this).solve_lexicographic(secondary_cost, tolerance);
}

std::vector<std::pair<int, double>> Model::infeasible_rows() const {
  // Elastic relaxation: lb <= a.x + p - n <= ub, p, n >= 0, minimise sum(p + n).
  Model elastic = *this;
  elastic.sense_ = Sense::kMinimize;
  std::fill(elastic.cost_.begin(), elastic.cost_.end(), 0.0);
  std::vector<int> plus(rows()), minus(rows());
  for (int r = 0; r < rows(); ++r) {
    plus[r] = elastic.add_variable(0, kInf, 1);
    minus[r] = elastic.add_variable(0, kInf, 1);
    elastic.row_index_.push_back(r);
    elastic.col_index_.push_back(plus[r]);
    elastic.values_.push_back(1);
    elastic.row_index_.push_back(r);
    elastic.col_index_.push_back(minus[r]);
    elastic.values_.push_back(-1);
  }
  const Solution s = elastic.solve();
  std::vector<std::pair<int, double>> out;
  if (s.status != Status::kOptimal) return out;
  for (int r = 0; r < rows(); ++r) {
    const double violation = s.x[plus[r]] + s.x[minus[r]];
    if (violation > 1e-7) out.emplace_back(r, violation);
  }
  return out;
}

std::vector<int> Model::unbounded_variables() const {
  ClpSimplex clp;
  load_into(clp);
  clp.primal();
  std::vector<int> out;
  if (!clp.isProvenDualInfeasible()) return out;
  const double* ray = clp.unboundedRay();
  if (ray == nullptr) return out;
  for (int j = 0; j < variables(); ++j) {
    if (std::abs(ray[j]) > 1e-9) out.push_back(j);
  }
  delete[] ray;
  return out;
}

std::string Model::variable_name(int var) const {
  return col_names_[var].empty() ? fmt::format("x{}", var) : col_names_[var];
}

std::string Model::row_name(int row) const {
  return row_names_[row].empty() ? fmt::format("r{}", row) : row_names_[row];
}

void Model::write_mps(const std::string& path) const {
  ClpSimplex clp;
  load_into(clp);
  std::vector<std::string> rows(row_names_.size()), cols(col_names_.size());
  // MPS separates fields by blanks, so names must not contain any.
  const auto mps_name = [](std::string n) {
    for (char& c : n) {
      if (c == ' ' || c == '\t') c = '_';
    }
    return n;
  };
  for (int r = 0; r < this->rows(); ++r) rows[r] = mps_name(row_name(r));
  for (int j = 0; j < variables(); ++j) cols[j] = mps_name(variable_name(j));
  clp.copyNames(rows, cols);
  if (clp.writeMps(path.c_str(), 1, 1, sense_ == Sense::kMinimize ? 1.0 : -1.0) != 0) {
    throw InputError("cannot write the MPS file", {path});
  }
}

}  // namespace ballast::lp

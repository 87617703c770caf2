#include "ballast/lp/model.h"

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>
#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::lp {
namespace {

// CLP spells infinity as COIN_DBL_MAX.
double to_clp(double v) {
  if (v == kInf) return COIN_DBL_MAX;
  if (v == -kInf) return -COIN_DBL_MAX;
  return v;
}

std::vector<double> to_clp(const std::vector<double>& v) {
  std::vector<double> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_clp(v[i]);
  return out;
}

}  // namespace

int Model::add_variable(double lb, double ub, double cost, std::string name) {
  col_lb_.push_back(lb);
  col_ub_.push_back(ub);
  cost_.push_back(cost);
  col_names_.push_back(name.empty() ? fmt::format("x{}", cost_.size() - 1) : std::move(name));
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
  row_names_.push_back(name.empty() ? fmt::format("r{}", row) : std::move(name));
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

Solution Model::solve() const {
  ClpSimplex clp;
  clp.setLogLevel(0);
  load(clp, matrix(), col_lb_, col_ub_, cost_, row_lb_, row_ub_);
  clp.setOptimizationDirection(sense_ == Sense::kMinimize ? 1.0 : -1.0);
  clp.dual();
  Solution s;
  if (clp.isProvenOptimal()) {
    s.status = Status::kOptimal;
  } else if (clp.isProvenPrimalInfeasible()) {
    s.status = Status::kInfeasible;
  } else if (clp.isProvenDualInfeasible()) {
    s.status = Status::kUnbounded;
  }
  s.objective = clp.objectiveValue();
  const double* x = clp.primalColumnSolution();
  s.x.assign(x, x + clp.numberColumns());
  return s;
}

void Model::write_mps(const std::string& path) const {
  ClpSimplex clp;
  load(clp, matrix(), col_lb_, col_ub_, cost_, row_lb_, row_ub_);
  clp.setOptimizationDirection(sense_ == Sense::kMinimize ? 1.0 : -1.0);
  clp.copyNames(std::vector<std::string>(row_names_), std::vector<std::string>(col_names_));
  if (clp.writeMps(path.c_str(), 1, 1, sense_ == Sense::kMinimize ? 1.0 : -1.0) != 0) {
    throw InputError("cannot write the MPS file", {path});
  }
}

}  // namespace ballast::lp

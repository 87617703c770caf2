#pragma once
// Conversions between lp:: values and CLP's, shared by the model and the solver. Private to
// the lp module.

#include <ClpSimplex.hpp>
#include <vector>

#include "ballast/lp/model.h"

namespace ballast::lp {

// CLP spells infinity as COIN_DBL_MAX.
inline double to_clp(double v) {
  if (v == kInf) return COIN_DBL_MAX;
  if (v == -kInf) return -COIN_DBL_MAX;
  return v;
}

inline double from_clp(double v) {
  if (v >= COIN_DBL_MAX) return kInf;
  if (v <= -COIN_DBL_MAX) return -kInf;
  return v;
}

inline std::vector<double> to_clp(const std::vector<double>& v) {
  std::vector<double> out(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out[i] = to_clp(v[i]);
  return out;
}

// The primal values, row duals and objective of CLP's current point (status left to the caller).
inline Solution solution_of(const ClpSimplex& clp) {
  Solution s;
  s.objective = clp.objectiveValue();
  const double* x = clp.primalColumnSolution();
  s.x.assign(x, x + clp.numberColumns());
  const double* y = clp.dualRowSolution();
  s.row_duals.assign(y, y + clp.numberRows());
  return s;
}

}  // namespace ballast::lp

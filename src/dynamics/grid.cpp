#include "ballast/dynamics/grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/dynamics/battery.h"

namespace ballast::dynamics {
namespace {

void check(bool ok, const std::string& what) {
  if (!ok) throw InputError(what);
}

Mat4 multiply(const Mat4& a, const Mat4& b) {
  Mat4 c{};
  for (int i = 0; i < 4; ++i) {
    for (int k = 0; k < 4; ++k) {
      for (int j = 0; j < 4; ++j) c[i][j] += a[i][k] * b[k][j];
    }
  }
  return c;
}

}  // namespace

// Scaling and squaring with a Taylor series: scale until the norm is below 1/2, where 20 terms
// leave a truncation error under 1e-25, then square back. Small (4 x 4) and run once per grid.
Mat4 expm(const Mat4& a) {
  double norm = 0;
  for (const auto& row : a) {
    double s = 0;
    for (double v : row) s += std::fabs(v);
    norm = std::max(norm, s);
  }
  int squarings = 0;
  double scale = 1;
  while (norm * scale > 0.5) {
    scale *= 0.5;
    ++squarings;
  }
  Mat4 x{};
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) x[i][j] = a[i][j] * scale;
  }
  Mat4 result{};
  Mat4 term{};
  for (int i = 0; i < 4; ++i) result[i][i] = term[i][i] = 1;
  for (int n = 1; n <= 20; ++n) {
    term = multiply(term, x);
    for (auto& row : term) {
      for (double& v : row) v /= n;
    }
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) result[i][j] += term[i][j];
    }
  }
  for (int k = 0; k < squarings; ++k) result = multiply(result, result);
  return result;
}

void GridParams::validate() const {
  check(frequency_hz > 0, fmt::format("grid: frequency_hz must be > 0 (got {})", frequency_hz));
  check(base_mva > 0, fmt::format("grid: base_mva must be > 0 (got {})", base_mva));
  check(inertia_s > 0, fmt::format("grid: inertia_s must be > 0 (got {})", inertia_s));
  check(damping >= 0, fmt::format("grid: damping must be >= 0 (got {})", damping));
  check(droop > 0, fmt::format("grid: droop must be > 0 (got {})", droop));
  check(governor_lag_s >= 0 && turbine_lag_s >= 0, "grid: lags must be >= 0 s");
}

SwingGrid::SwingGrid(const GridParams& p, double dt_s, double initial_load_mw)
    : f0_(p.frequency_hz), inv_base_(1.0 / p.base_mva), load0_mw_(initial_load_mw) {
  p.validate();
  if (!(dt_s > 0)) throw InputError(fmt::format("grid: the step must be > 0 s (got {})", dt_s));
  // States (df, xg, pm): 2H df' = pm - u - D df; Tg xg' = -df/R - xg; Tt pm' = xg - pm.
  // A zero lag makes its state algebraic: xg = -df/R, pm = xg.
  const double inv_r = 1.0 / p.droop;
  Mat4 m{};
  double xg_eff[3] = {0, 1, 0};
  if (p.governor_lag_s == 0) xg_eff[0] = -inv_r, xg_eff[1] = 0;
  double pm_eff[3] = {0, 0, 1};
  if (p.turbine_lag_s == 0) std::copy(xg_eff, xg_eff + 3, pm_eff);
  const double k = 1.0 / (2 * p.inertia_s);
  for (int j = 0; j < 3; ++j) m[0][j] = k * pm_eff[j];
  m[0][0] -= k * p.damping;
  m[0][3] = -k;  // the input column B
  if (p.governor_lag_s > 0) {
    m[1][0] = -inv_r / p.governor_lag_s;
    m[1][1] = -1 / p.governor_lag_s;
  }
  if (p.turbine_lag_s > 0) {
    for (int j = 0; j < 3; ++j) m[2][j] = xg_eff[j] / p.turbine_lag_s;
    m[2][2] -= 1 / p.turbine_lag_s;
  }
  for (int j = 0; j < 4; ++j) c_[j] = m[0][j];
  // exp([[A, B], [0, 0]] dt) = [[Phi, Gamma], [0, 1]] (Van Loan 1978).
  for (auto& row : m) {
    for (double& v : row) v *= dt_s;
  }
  const Mat4 e = expm(m);
  for (int r = 0; r < 3; ++r) {
    for (int j = 0; j < 3; ++j) phi_[r][j] = e[r][j];
    gamma_[r] = e[r][3];
  }
}

void IslandParams::validate() const {
  check(frequency_hz > 0, fmt::format("island: frequency_hz must be > 0 (got {})", frequency_hz));
  check(turbines >= 1, fmt::format("island: turbines must be >= 1 (got {})", turbines));
  check(turbine_mw > 0, fmt::format("island: turbine_mw must be > 0 (got {})", turbine_mw));
  check(ramp_mw_per_s > 0, "island: ramp_mw_per_s must be > 0");
  check(inertia_s > 0, "island: inertia_s must be > 0");
  check(damping >= 0, "island: damping must be >= 0");
  check(droop > 0, "island: droop must be > 0");
  check(governor_lag_s >= 0 && turbine_lag_s >= 0, "island: lags must be >= 0 s");
  check(secondary_time_s >= 0, "island: secondary_time_s must be >= 0 (0: off)");
  check(min_load >= 0 && min_load < 1, "island: min_load must be in [0, 1)");
}

IslandPlant::IslandPlant(const IslandParams& p, double dt_s, double initial_load_mw)
    : f0_(p.frequency_hz),
      base_mw_(p.capacity_mw()),
      inv_base_(1.0 / p.capacity_mw()),
      damping_(p.damping),
      inv_droop_(1.0 / p.droop),
      k_(dt_s / (2 * p.inertia_s)),
      a_governor_(lag_alpha(dt_s, p.governor_lag_s)),
      a_turbine_(lag_alpha(dt_s, p.turbine_lag_s)),
      max_move_mw_(p.turbines * p.ramp_mw_per_s * dt_s),
      min_mw_(p.min_load * p.capacity_mw()),
      reset_gain_(p.secondary_time_s > 0 ? p.capacity_mw() / p.droop * dt_s / p.secondary_time_s
                                         : 0.0),
      pset_mw_(initial_load_mw),
      xg_mw_(initial_load_mw),
      pm_mw_(initial_load_mw) {
  p.validate();
  if (!(initial_load_mw >= min_mw_ && initial_load_mw <= base_mw_)) {
    throw InputError(fmt::format(
        "island: the plant ({} x {} MW, min load {}) cannot carry the initial load of {:.1f} MW; "
        "add turbines or lower the minimum load",
        p.turbines, p.turbine_mw, p.min_load, initial_load_mw));
  }
}

}  // namespace ballast::dynamics

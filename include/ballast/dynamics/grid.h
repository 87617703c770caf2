#pragma once
/// @file Upstream of the site: an aggregate grid (swing equation, load damping, governor droop
/// with governor and turbine lags) or an islanded plant of ramp-limited turbines.
///
/// Per unit on the system base S: 2 H d(df)/dt = dPm - dPe - D df; the governor's output
/// follows -df / R through its lag, the turbine's through its own. For a load step dP (MW) the
/// initial RoCoF is -dP f0 / (2 H S) and the settled deviation -dP R / (1 + D R) per unit
/// (Kundur, Power System Stability and Control, 1994, ch. 11).

#include <array>

namespace ballast::dynamics {

/// A 4 x 4 matrix, row-major.
using Mat4 = std::array<std::array<double, 4>, 4>;
/// The matrix exponential exp(a) (scaling and squaring of a Taylor series).
Mat4 expm(const Mat4& a);

/// An interconnected grid, aggregated.
struct GridParams {
  double frequency_hz = 60;     ///< nominal frequency f0, Hz
  double base_mva = 5000;       ///< system base S (online generation), MVA
  double inertia_s = 5;         ///< inertia constant H on S, s
  double damping = 1;           ///< load damping D, pu power / pu frequency
  double droop = 0.05;          ///< governor droop R, pu frequency / pu power
  double governor_lag_s = 0.2;  ///< governor time constant, s
  double turbine_lag_s = 0.3;   ///< turbine time constant, s

  /// Throws InputError naming the first parameter out of range.
  void validate() const;
};

/// The swing equation with droop governors at a fixed step, discretised exactly: the model is
/// linear, so one step is x <- Phi x + Gamma u with Phi = exp(A dt) and Gamma its integral
/// times B (zero-order hold: the site's load held over the step). Sampled states equal the
/// continuous solution for any step length; the frequency nadir at 5 ms is exact but for where
/// the samples fall. Zero lags are algebraic (the governor or turbine follows at once).
class SwingGrid {
 public:
  /// Starts in equilibrium with a load of `initial_load_mw`. Validates; throws InputError.
  SwingGrid(const GridParams& params, double dt_s, double initial_load_mw);

  /// Advances one step with the site drawing `load_mw`; returns the frequency, Hz.
  double step(double load_mw) {
    const double u = (load_mw - load0_mw_) * inv_base_;
    const double x0 = x_[0], x1 = x_[1], x2 = x_[2];
    rocof_pu_ = c_[0] * x0 + c_[1] * x1 + c_[2] * x2 + c_[3] * u;
    for (int r = 0; r < 3; ++r) {
      x_[r] = phi_[r][0] * x0 + phi_[r][1] * x1 + phi_[r][2] * x2 + gamma_[r] * u;
    }
    return f0_ * (1 + x_[0]);
  }
  /// Frequency deviation now, per unit of f0.
  double deviation_pu() const { return x_[0]; }
  /// The rate of change of frequency at the start of the last step (its state, its load), Hz/s:
  /// on the first step after a load step of dP, -dP f0 / (2 H S) exactly.
  double rocof_hz_per_s() const { return f0_ * rocof_pu_; }

 private:
  double f0_, inv_base_, load0_mw_;
  double phi_[3][3] = {};
  double gamma_[3] = {};
  double c_[4] = {};  // d(df)/dt = c . (df, xg, pm, u)
  double x_[3] = {};  // df (pu of f0), governor output and mechanical power (pu of S)
  double rocof_pu_ = 0;
};

/// An islanded on-site plant of identical turbines sharing the load equally.
struct IslandParams {
  double frequency_hz = 60;      ///< nominal frequency, Hz
  int turbines = 4;              ///< turbines online
  double turbine_mw = 25;        ///< rating of one turbine, MW (system base = turbines x this)
  double ramp_mw_per_s = 1;      ///< ramp limit of one turbine, MW/s
  double inertia_s = 4;          ///< inertia constant H of a turbine-generator on its rating, s
  double damping = 1;            ///< load damping D, pu / pu
  double droop = 0.04;           ///< governor droop R, pu / pu
  double governor_lag_s = 0.5;   ///< governor time constant, s
  double turbine_lag_s = 0.5;    ///< turbine time constant, s
  double secondary_time_s = 30;  ///< isochronous reset time restoring f0, s (0: droop only)
  double min_load = 0;           ///< lowest stable output, fraction of rating

  /// Throws InputError naming the first parameter out of range.
  void validate() const;
  /// Total rating, MW.
  double capacity_mw() const { return turbines * turbine_mw; }
};

/// The island: the same swing equation on the plant's own base, governor droop plus an optional
/// integral (isochronous) reset, and each turbine's ramp limit and output range.
class IslandPlant {
 public:
  /// Starts in equilibrium with `initial_load_mw`; throws InputError if the plant cannot carry
  /// it or the parameters are out of range.
  IslandPlant(const IslandParams& params, double dt_s, double initial_load_mw);

  /// Advances one step with the site drawing `load_mw`; returns the frequency, Hz.
  double step(double load_mw) {
    const double df = df_pu_ + k_ * ((pm_mw_ - load_mw) * inv_base_ - damping_ * df_pu_);
    const double governor_target = pset_mw_ - df_pu_ * inv_droop_ * base_mw_;
    double move = a_turbine_ * (xg_mw_ - pm_mw_);
    move = move > max_move_mw_ ? max_move_mw_ : (move < -max_move_mw_ ? -max_move_mw_ : move);
    double pm = pm_mw_ + move;
    pm = pm > base_mw_ ? base_mw_ : (pm < min_mw_ ? min_mw_ : pm);
    xg_mw_ += a_governor_ * (governor_target - xg_mw_);
    pset_mw_ -= reset_gain_ * df_pu_;
    pm_mw_ = pm;
    df_pu_ = df;
    return f0_ * (1 + df_pu_);
  }
  /// Mechanical power of all turbines now, MW.
  double mechanical_mw() const { return pm_mw_; }

 private:
  double f0_, base_mw_, inv_base_, damping_, inv_droop_, k_, a_governor_, a_turbine_;
  double max_move_mw_, min_mw_, reset_gain_;
  double df_pu_ = 0, pset_mw_, xg_mw_, pm_mw_;
};

}  // namespace ballast::dynamics

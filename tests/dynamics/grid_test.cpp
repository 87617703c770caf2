#include "ballast/dynamics/grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

// A 60 Hz grid of 5,000 MVA, H = 5 s, D = 1, R = 5 %, and a 30 MW load step.
constexpr double kDt = 0.001, kStep = 30, kLoad = 50;

TEST(SwingGrid, InitialRocofIsTheClosedForm) {
  const GridParams p;
  SwingGrid g(p, kDt, kLoad);
  g.step(kLoad + kStep);
  // The derivative at the start of the step (the exact integrator's first-step difference
  // quotient is the mean slope over the step, which the governor already bends).
  const double rocof = g.rocof_hz_per_s();
  const double closed = -kStep * p.frequency_hz / (2 * p.inertia_s * p.base_mva);
  EXPECT_NEAR(rocof, closed, 1e-12 * std::fabs(closed) + 1e-12);
  EXPECT_NEAR(closed, -0.036, 1e-12);
}

TEST(SwingGrid, SettledDeviationIsTheClosedForm) {
  const GridParams p;
  SwingGrid g(p, kDt, kLoad);
  double f = 0;
  for (int k = 0; k < 200'000; ++k) f = g.step(kLoad + kStep);  // 200 s
  const double dp_pu = kStep / p.base_mva;
  const double closed_pu = -dp_pu * p.droop / (1 + p.damping * p.droop);
  EXPECT_NEAR(g.deviation_pu(), closed_pu, 1e-9 * std::fabs(closed_pu));
  EXPECT_NEAR(f, p.frequency_hz * (1 + closed_pu), 1e-9);
}

TEST(SwingGrid, SettledDeviationWithOtherParameters) {
  GridParams p{.frequency_hz = 50,
               .base_mva = 800,
               .inertia_s = 3,
               .damping = 2,
               .droop = 0.04,
               .governor_lag_s = 0.5,
               .turbine_lag_s = 1};
  SwingGrid g(p, 0.01, 100);
  for (int k = 0; k < 300'000; ++k) g.step(100 - 20);  // a 20 MW load drop, 3000 s
  const double closed_pu = (20 / p.base_mva) * p.droop / (1 + p.damping * p.droop);
  EXPECT_NEAR(g.deviation_pu(), closed_pu, 1e-9 * closed_pu);
}

// --- against the exact solution of the same linear model, derived by Laplace transform ---
//
// For a load step u (pu) at t = 0: df(s) = -(u / s) G(s), G(s) = N(s) / Q(s) with
// N(s) = (1 + s Tg)(1 + s Tt) and Q(s) = (2 H s + D) N(s) + 1/R. By residues,
// df(t) = -u [G(0) + sum_i N(p_i) e^{p_i t} / (p_i Q'(p_i))] over the roots p_i of Q, found
// here by Durand-Kerner iteration: independent of the simulator's matrix exponential.
using C = std::complex<double>;

struct ExactStep {
  std::vector<C> poles, weights;
  double dc = 0;
  double u = 0;

  ExactStep(const GridParams& p, double u_pu) : u(u_pu) {
    const double h2 = 2 * p.inertia_s, tg = p.governor_lag_s, tt = p.turbine_lag_s;
    // Q(s) = a3 s^3 + a2 s^2 + a1 s + a0.
    const double a3 = h2 * tg * tt;
    const double a2 = h2 * (tg + tt) + p.damping * tg * tt;
    const double a1 = h2 + p.damping * (tg + tt);
    const double a0 = p.damping + 1 / p.droop;
    auto q = [&](C s) { return ((a3 * s + a2) * s + a1) * s + a0; };
    auto dq = [&](C s) { return (3 * a3 * s + 2 * a2) * s + a1; };
    auto n = [&](C s) { return (1.0 + s * tg) * (1.0 + s * tt); };
    std::vector<C> z = {C(0.4, 0.9), C(0.4, 0.9) * C(0.4, 0.9),
                        C(0.4, 0.9) * C(0.4, 0.9) * C(0.4, 0.9)};
    for (int it = 0; it < 500; ++it) {
      for (std::size_t i = 0; i < 3; ++i) {
        C den = a3;
        for (std::size_t j = 0; j < 3; ++j) {
          if (j != i) den *= z[i] - z[j];
        }
        z[i] -= q(z[i]) / den;
      }
    }
    poles = z;
    for (const C& pi : poles) weights.push_back(n(pi) / (pi * dq(pi)));
    dc = 1 / a0;
  }
  double df(double t) const {
    C sum = dc;
    for (std::size_t i = 0; i < poles.size(); ++i) sum += weights[i] * std::exp(poles[i] * t);
    return -u * sum.real();
  }
};

TEST(SwingGrid, MatchesTheExactStepResponseAtEverySample) {
  const GridParams p;
  const double dt = 0.005;
  SwingGrid g(p, dt, kLoad);
  const ExactStep exact(p, kStep / p.base_mva);
  for (int k = 1; k <= 4000; ++k) {  // 20 s
    g.step(kLoad + kStep);
    ASSERT_NEAR(g.deviation_pu(), exact.df(k * dt), 1e-12 * std::fabs(exact.df(5.0))) << k;
  }
}

TEST(SwingGrid, NadirAtFiveMillisecondsIsWithinAHalfPerMilleOfExact) {
  const GridParams p;
  const double dt = 0.005;
  const ExactStep exact(p, kStep / p.base_mva);
  // The exact nadir: a fine scan, then golden-section refinement around the lowest sample.
  double t_lo = 0;
  double lo = 0;
  for (double t = 0; t < 20; t += 1e-3) {
    if (exact.df(t) < lo) lo = exact.df(t), t_lo = t;
  }
  double a = t_lo - 1e-3, b = t_lo + 1e-3;
  for (int it = 0; it < 100; ++it) {
    const double m1 = b - 0.618033988749895 * (b - a), m2 = a + 0.618033988749895 * (b - a);
    (exact.df(m1) < exact.df(m2) ? b : a) = exact.df(m1) < exact.df(m2) ? m2 : m1;
  }
  const double exact_nadir = exact.df(0.5 * (a + b));
  SwingGrid g(p, dt, kLoad);
  double sim_nadir = 0;
  for (int k = 0; k < 4000; ++k) {
    g.step(kLoad + kStep);
    sim_nadir = std::min(sim_nadir, g.deviation_pu());
  }
  EXPECT_LT(exact_nadir, 0);
  EXPECT_NEAR(sim_nadir / exact_nadir, 1.0, 5e-4);
}

TEST(SwingGrid, ZeroLagsAreAlgebraic) {
  // Without lags the model is first order: df(t) = -u/(D + 1/R) (1 - exp(-(D + 1/R) t / 2H)).
  GridParams p;
  p.governor_lag_s = 0;
  p.turbine_lag_s = 0;
  SwingGrid g(p, 0.01, kLoad);
  const double u = kStep / p.base_mva, k = p.damping + 1 / p.droop;
  for (int n = 1; n <= 500; ++n) {
    g.step(kLoad + kStep);
    ASSERT_NEAR(g.deviation_pu(), -u / k * -std::expm1(-k * n * 0.01 / (2 * p.inertia_s)), 1e-15)
        << n;
  }
}

TEST(SwingGrid, RejectsBadParameters) {
  EXPECT_THROW(SwingGrid(GridParams{.inertia_s = 0}, kDt, 0), InputError);
}

TEST(IslandPlant, SameClosedFormsWhenRampsDoNotBind) {
  IslandParams p{.turbines = 4, .turbine_mw = 25, .ramp_mw_per_s = 1e6, .secondary_time_s = 0};
  IslandPlant g(p, kDt, 50);
  const double f1 = g.step(50 + 5);
  EXPECT_NEAR((f1 - 60) / kDt, -5 * 60 / (2 * p.inertia_s * 100), 1e-9);
  for (int k = 0; k < 300'000; ++k) g.step(55);
  const double closed_pu = -(5.0 / 100) * p.droop / (1 + p.damping * p.droop);
  double f = g.step(55);
  EXPECT_NEAR(f, 60 * (1 + closed_pu), 1e-9);
}

TEST(IslandPlant, SecondaryControlRestoresNominalFrequency) {
  IslandParams p{.turbines = 4, .turbine_mw = 25, .secondary_time_s = 20};
  IslandPlant g(p, 0.01, 50);
  double f = 0;
  for (int k = 0; k < 60'000; ++k) f = g.step(60);  // 600 s
  EXPECT_NEAR(f, 60, 1e-6);
  EXPECT_NEAR(g.mechanical_mw(), 60 - 0, 1e-3 * 60);
}

TEST(IslandPlant, RampLimitDeepensTheNadir) {
  const auto nadir = [](double ramp) {
    IslandParams p{.turbines = 4, .turbine_mw = 25, .ramp_mw_per_s = ramp};
    IslandPlant g(p, kDt, 50);
    double lo = 60;
    for (int k = 0; k < 60'000; ++k) lo = std::min(lo, g.step(70));
    return lo;
  };
  EXPECT_LT(nadir(0.5), nadir(100) - 0.1);
}

TEST(IslandPlant, RejectsALoadAboveCapacity) {
  EXPECT_THROW(IslandPlant(IslandParams{.turbines = 1, .turbine_mw = 10}, kDt, 20), InputError);
}

}  // namespace
}  // namespace ballast::dynamics

#include "ballast/dynamics/grid.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

// A 60 Hz grid of 5,000 MVA, H = 5 s, D = 1, R = 5 %, and a 30 MW load step.
constexpr double kDt = 0.001, kStep = 30, kLoad = 50;

TEST(SwingGrid, InitialRocofIsTheClosedForm) {
  const GridParams p;
  SwingGrid g(p, kDt, kLoad);
  g.step(kLoad + kStep);
  const double rocof = g.deviation_pu() * p.frequency_hz / kDt;
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

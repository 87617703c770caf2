#include "ballast/control/regulation_controller.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/error.h"

namespace ballast::control {
namespace {

using taipower::Product;

TEST(RegulationController, DregIsTheCurveTimesTheBid) {
  RegulationController c({.product = Product::kDreg, .bid_mw = 10, .steer = false});
  const RegulationCurve curve(Product::kDreg);
  for (double f = 59.4; f <= 60.6; f += 0.01) {
    const RegulationStep s = c.step(0, f, 5, 5);
    EXPECT_NEAR(s.band_mw.lo, curve.band_pu(f).lo * 10, 1e-12) << f;
    EXPECT_NEAR(s.band_mw.hi, curve.band_pu(f).hi * 10, 1e-12) << f;
    EXPECT_DOUBLE_EQ(s.setpoint_mw, s.band_mw.center());
    EXPECT_EQ(s.shift_mw, 0);
  }
}

TEST(RegulationController, EdregShiftsOnItsScheduleInsideTheBid) {
  RegulationController c(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({0, 6})});
  EXPECT_EQ(c.step(0, 60, 5, 5).shift_mw, 0);
  EXPECT_NEAR(c.step(900 + 150, 60, 5, 5).shift_mw, 3, 1e-9);  // halfway up the ramp
  const RegulationStep s = c.step(900 + 300, 60.5, 5, 5);      // high frequency: charge
  EXPECT_NEAR(s.shift_mw, 6, 1e-9);
  EXPECT_GE(s.band_mw.lo, -10);
  EXPECT_LE(s.band_mw.hi, 10);
  EXPECT_LT(s.band_mw.hi, 6);  // regulation pulls the output below the shifting power
}

TEST(RegulationController, RepeatingASecondGivesTheSameShift) {
  RegulationController c(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({4, -8, 2})});
  for (std::int64_t t = 0; t < 2700; ++t) {
    const double once = c.step(t, 60, 5, 5).shift_mw;
    EXPECT_EQ(c.step(t, 60, 5, 5).shift_mw, once) << t;  // ballastd calls it 100 times a second
  }
}

TEST(RegulationController, LowFrequencyWhileChargingCancelsTheSchedule) {
  RegulationController c(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({-5, -5, -5})});
  EXPECT_LT(c.step(100, 60, 5, 5).shift_mw, 0);
  const RegulationStep s = c.step(101, 59.45, 5, 5);
  ASSERT_TRUE(s.cancelled_until_s);
  EXPECT_EQ(s.shift_mw, 0);
  EXPECT_EQ(c.low_frequency_events(), 1);
  EXPECT_EQ(c.step(500, 60, 5, 5).shift_mw, 0);  // still cancelled
}

TEST(RegulationController, SkippedSecondsAreCaughtUp) {
  RegulationController every(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({2, -6, 5})});
  RegulationController sparse(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({2, -6, 5})});
  std::mt19937 rng(9);
  std::int64_t next = 0;
  for (std::int64_t t = 0; t < 2700; ++t) {
    const double want = every.step(t, 60, 5, 5).shift_mw;
    if (t == next) {  // the sparse caller misses 0-4 s at a time, across interval boundaries
      EXPECT_DOUBLE_EQ(sparse.step(t, 60, 5, 5).shift_mw, want) << t;
      next += 1 + std::uniform_int_distribution<int>(0, 4)(rng);
    }
  }
}

TEST(RegulationController, NoShiftingBeforeTheScheduleStarts) {
  RegulationController c(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({7})});
  EXPECT_EQ(c.step(-30, 60, 5, 5).shift_mw, 0);
}

TEST(RegulationController, SteeringStaysInTheBandOnRandomInputs) {
  RegulationController c(
      {.product = Product::kEdreg, .bid_mw = 10, .schedule = ShiftSchedule({3, -3, 9, -9})});
  std::mt19937 rng(4);
  std::normal_distribution<double> f(60, 0.1);
  std::uniform_real_distribution<double> e(0, 10);
  for (std::int64_t t = 0; t < 3600; ++t) {
    const RegulationStep s = c.step(t, f(rng), e(rng), 5);
    EXPECT_GE(s.setpoint_mw, s.band_mw.lo - 1e-12);
    EXPECT_LE(s.setpoint_mw, s.band_mw.hi + 1e-12);
  }
}

TEST(RegulationController, RejectsSregAndABadBid) {
  EXPECT_THROW(RegulationController({.product = Product::kSreg, .bid_mw = 10}), InputError);
  EXPECT_THROW(RegulationController({.product = Product::kDreg, .bid_mw = 0}), InputError);
}

}  // namespace
}  // namespace ballast::control

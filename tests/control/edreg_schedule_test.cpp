// E-dReg schedule following, the low-frequency rule, SOC steering and sReg (digest, "E-dReg
// specifics" and "Products", rulebook v5).

#include "ballast/control/edreg_schedule.h"

#include <gtest/gtest.h>

#include "ballast/control/low_frequency_rule.h"
#include "ballast/control/soc_steering.h"
#include "ballast/control/sreg.h"

namespace {

using namespace ballast::control;

TEST(Ramp, ReachesTheTargetAtSecond300) { EXPECT_DOUBLE_EQ(ramp_power_mw(0, 10, 300), 10.0); }
TEST(Ramp, StartsFromTheLastPower) { EXPECT_DOUBLE_EQ(ramp_power_mw(4, 10, 0), 4.0); }
TEST(Ramp, IsLinearHalfwayAtSecond150) { EXPECT_NEAR(ramp_power_mw(0, 10, 150), 5.0, 1e-12); }
TEST(Ramp, RoundsUpTowardAHigherTarget) {
  // P_1 = 0 + 10/300 = 0.0333 MW, rounded toward the target to 1 kW: 0.034 MW.
  EXPECT_NEAR(ramp_power_mw(0, 10, 1), 0.034, 1e-12);
}
TEST(Ramp, RoundsDownTowardALowerTarget) { EXPECT_NEAR(ramp_power_mw(10, 0, 1), 9.966, 1e-12); }
TEST(Ramp, HoldsTheTargetAfterSecond300) { EXPECT_DOUBLE_EQ(ramp_power_mw(0, -8, 600), -8.0); }

TEST(Follower, HoldsTheFirstTargetFromTheStart) {
  ScheduleFollower f(ShiftSchedule({5, -3}));
  EXPECT_DOUBLE_EQ(f.step(0), 5.0);
}
TEST(Follower, RampsBetweenIntervals) {
  ScheduleFollower f(ShiftSchedule({5, -3}));
  double p = 0;
  for (int t = 0; t <= 1050; ++t) p = f.step(t);
  EXPECT_NEAR(p, 1.0, 1e-9);  // 5 + 150 * (-3 - 5) / 300
}
TEST(Follower, ReachesTheNextTargetAtSecond300OfTheInterval) {
  ScheduleFollower f(ShiftSchedule({5, -3}));
  double p = 0;
  for (int t = 0; t <= 1200; ++t) p = f.step(t);
  EXPECT_DOUBLE_EQ(p, -3.0);
}
TEST(Follower, IsZeroPastTheSchedule) {
  ScheduleFollower f(ShiftSchedule({5}));
  double p = 0;
  for (int t = 0; t <= 1800; ++t) p = f.step(t);
  EXPECT_DOUBLE_EQ(p, 0.0);
}
TEST(Follower, CancellationStopsShiftingAtOnce) {
  ScheduleFollower f(ShiftSchedule({-5, -5, -5, -5}));
  f.step(0);
  f.cancel_until(1800);
  EXPECT_DOUBLE_EQ(f.step(1), 0.0);
}
TEST(Follower, AfterACancellationTheScheduleRampsFromZero) {
  ScheduleFollower f(ShiftSchedule({-6, -6, -6, -6}));
  f.step(0);
  f.cancel_until(1800);
  double p = 0;
  for (int t = 1; t <= 1800 + 150; ++t) p = f.step(t);
  EXPECT_NEAR(p, -3.0, 1e-9);
}

TEST(LowFrequencyRule, FiresAt5950WhileCharging) {
  LowFrequencyRule r;
  EXPECT_TRUE(r.step(100, 59.50, -5).has_value());
}
TEST(LowFrequencyRule, DoesNotFireAbove5950) {
  LowFrequencyRule r;
  EXPECT_FALSE(r.step(100, 59.51, -5).has_value());
}
TEST(LowFrequencyRule, DoesNotFireWhileDischarging) {
  LowFrequencyRule r;
  EXPECT_FALSE(r.step(100, 59.40, 5).has_value());
}
TEST(LowFrequencyRule, CancelsThroughTheEndOfTheNextInterval) {
  // Fired at second 100 of interval 0: interval 1 is cancelled, so shifting resumes at 1800 s,
  // which also covers the 900 s of regulation only.
  LowFrequencyRule r;
  EXPECT_EQ(r.step(100, 59.45, -5).value(), 1800);
}
TEST(LowFrequencyRule, RegulationOnlyLastsAtLeast900s) {
  LowFrequencyRule r;
  EXPECT_EQ(r.step(899, 59.45, -5).value(), 1800);
}
TEST(LowFrequencyRule, FiresOnceWhileActive) {
  LowFrequencyRule r;
  r.step(100, 59.45, -5);
  r.step(101, 59.40, -5);
  EXPECT_EQ(r.events(), 1);
}

TEST(SocSteering, TooMuchEnergyPicksTheBandTop) {
  EXPECT_DOUBLE_EQ(SocSteering().choose_mw({-0.9, 0.9}, 15, 12), 0.9);
}
TEST(SocSteering, TooLittleEnergyPicksTheBandBottom) {
  EXPECT_DOUBLE_EQ(SocSteering().choose_mw({-0.9, 0.9}, 9, 12), -0.9);
}
TEST(SocSteering, OnTargetPicksTheMiddle) {
  EXPECT_NEAR(SocSteering().choose_mw({9.1, 10}, 12, 12), 9.55, 1e-12);
}
TEST(SocSteering, HalfTheFullErrorUsesHalfTheRoom) {
  EXPECT_DOUBLE_EQ(SocSteering({1.0}).choose_mw({-0.9, 0.9}, 12.5, 12), 0.45);
}
TEST(SocSteering, APointBandLeavesNoChoice) {
  EXPECT_DOUBLE_EQ(SocSteering().choose_mw({5.2, 5.2}, 0, 12), 5.2);
}

TEST(Sreg, TriggersAt5990) {
  SregController s;
  EXPECT_DOUBLE_EQ(s.step(59.90, 1), 0.1);
}
TEST(Sreg, DoesNotTriggerAt5991) {
  SregController s;
  EXPECT_DOUBLE_EQ(s.step(59.91, 1), 0.0);
}
TEST(Sreg, ReachesFullOutputWithin10s) {
  SregController s;
  double p = 0;
  for (int i = 0; i < 10; ++i) p = s.step(59.85, 1);
  EXPECT_DOUBLE_EQ(p, 1.0);
}
TEST(Sreg, HoldsBelow5998) {
  SregController s;
  for (int i = 0; i < 10; ++i) s.step(59.85, 1);
  EXPECT_DOUBLE_EQ(s.step(59.97, 1), 1.0);
}
TEST(Sreg, ReleasesAt5998) {
  SregController s;
  for (int i = 0; i < 10; ++i) s.step(59.85, 1);
  EXPECT_DOUBLE_EQ(s.step(59.98, 1), 0.0);
}

}  // namespace

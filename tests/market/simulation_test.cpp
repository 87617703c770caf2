// The market simulator: E-dReg rules in the loop, SOC management, streaming and sizing.

#include "ballast/market/simulation.h"

#include <gtest/gtest.h>

#include <vector>

#include "ballast/core/error.h"
#include "ballast/market/frequency.h"
#include "ballast/market/sizing.h"

namespace {

using namespace ballast::market;
using ballast::taipower::Product;

MarketConfig edreg_10mw() {
  MarketConfig c;
  c.product = Product::kEdreg;
  c.bid_mw = 10;
  c.storage = ballast::StorageParams::with_round_trip(10, 25, 0.88);
  c.initial_soc = 0.5;
  return c;
}

TEST(Simulation, ShiftingPlusRegulationNeverExceedsTheBid) {
  // Discharging 10 MW at 59.70 Hz: the curve asks for more, the band stops at the bid.
  MarketConfig c = edreg_10mw();
  c.schedule = ballast::control::ShiftSchedule({10});
  MarketSimulator sim(c, 10);
  double hi = 0;
  sim.on_second([&](const SecondRecord& s) { hi = s.band_hi_mw; });
  sim.step(59.70);
  EXPECT_DOUBLE_EQ(hi, 10.0);
}
TEST(Simulation, TheLowFrequencyRuleStopsScheduledCharging) {
  MarketConfig c = edreg_10mw();
  c.schedule = ballast::control::ShiftSchedule({-8, -8, -8, -8});
  std::vector<double> f(3600, 60.0);
  f[100] = 59.49;
  MarketSimulator sim(c, 3600);
  double shift_after = -1;
  sim.on_second([&](const SecondRecord& s) {
    if (s.time_s == 101) shift_after = s.shift_mw;
  });
  for (double x : f) sim.step(x);
  const MarketResult r = sim.finish();
  EXPECT_EQ(r.low_frequency_events, 1);
  EXPECT_DOUBLE_EQ(shift_after, 0.0);
}
TEST(Simulation, TheLowFrequencyRuleIsListedWithItsTime) {
  MarketConfig c = edreg_10mw();
  c.schedule = ballast::control::ShiftSchedule({-8, -8});
  std::vector<double> f(1200, 60.0);
  f[100] = 59.49;
  const MarketResult r = simulate(c, f);
  ASSERT_FALSE(r.violations.empty());
  EXPECT_EQ(r.violations.front().rule, "low-frequency rule");
  EXPECT_EQ(r.violations.front().start_s, 100);
}
TEST(Simulation, ADayHas24Hours) {
  MarketConfig c = edreg_10mw();
  EXPECT_EQ(simulate(c, std::vector<double>(86400, 60.0)).hours.size(), 24u);
}
TEST(Simulation, ThePerformancePriceIs275OnADayWithoutShifting) {
  MarketConfig c = edreg_10mw();
  const MarketResult r = simulate(c, std::vector<double>(3600, 60.0));
  EXPECT_DOUBLE_EQ(r.performance_ntd, 275 * 10);
}
TEST(Simulation, TracesAreDecimatedToTwoPointsABucket) {
  MarketConfig c = edreg_10mw();
  c.trace_buckets = 100;
  EXPECT_EQ(simulate(c, std::vector<double>(86400, 60.0)).trace.time_s.size(), 200u);
}
TEST(Simulation, ManagedSteeringHoldsSocWhereNaiveDrifts) {
  // Frequency held at 59.99 Hz (inside the dead band): the curve allows 0 MW, the managed
  // controller discharges within the +9 % allowance toward its 50 % target from 70 %.
  MarketConfig c = edreg_10mw();
  c.initial_soc = 0.7;
  const std::vector<double> f(7200, 59.99);
  c.controller = ControllerKind::kNaive;
  const double naive = simulate(c, f).soc_end;
  c.controller = ControllerKind::kManaged;
  const double managed = simulate(c, f).soc_end;
  EXPECT_DOUBLE_EQ(naive, 0.7);
  EXPECT_LT(managed, 0.7 - 0.05);
}
TEST(Simulation, ManagedSteeringNeverLeavesTheBand) {
  MarketConfig c = edreg_10mw();
  c.initial_soc = 0.9;
  c.inverter_lag_s = 0;
  ballast::market::SyntheticFrequencyParams p;
  const MarketResult r = simulate(c, synthetic_frequency(p, 7200));
  EXPECT_DOUBLE_EQ(r.min_execution_rate_pct, 100);
}
TEST(Simulation, SregIsNotSimulated) {
  MarketConfig c = edreg_10mw();
  c.product = Product::kSreg;
  EXPECT_THROW(simulate(c, std::vector<double>{60.0}), ballast::InputError);
}
TEST(Simulation, EdregNeedsAtLeast25Mwh) {
  MarketConfig c = edreg_10mw();
  c.bid_mw = 1;
  c.storage = ballast::StorageParams::with_round_trip(1, 2, 0.9);
  EXPECT_THROW(simulate(c, std::vector<double>{60.0}), ballast::InputError);
}

TEST(DefaultSchedule, DischargesTheBidFrom17To19Local) {
  const auto s = default_edreg_schedule(10, ballast::StorageParams::with_round_trip(10, 25, 0.88),
                                        0, -8 * 3600, 86400, ballast::Calendar(480));
  EXPECT_DOUBLE_EQ(s.target_mw(17 * 4), 10.0);
  EXPECT_DOUBLE_EQ(s.target_mw(19 * 4), 0.0);
}
// In a zone with daylight saving the discharge stays at 17:00-19:00 on the local clock. America/
// Chicago springs forward at 02:00 on 2023-03-12: from then on 17:00 local is 22:00 UTC, not
// 23:00 as at the standard offset. The schedule starts at local midnight (06:00 UTC).
TEST(DefaultSchedule, FollowsTheLocalClockAcrossDaylightSaving) {
  const std::int64_t start = 1678600800;  // 2023-03-12T06:00:00Z = 00:00 CST
  const auto battery = ballast::StorageParams::with_round_trip(10, 25, 0.88);
  const auto s =
      default_edreg_schedule(10, battery, 0, start, 2 * 86400,
                             ballast::Calendar(ballast::TimeZone::named("America/Chicago")));
  const int q = 4;  // intervals an hour
  EXPECT_DOUBLE_EQ(s.target_mw(16 * q - 1), 0.0);
  EXPECT_DOUBLE_EQ(s.target_mw(16 * q), 10.0);  // 16 h after local midnight: 17:00 CDT
  EXPECT_DOUBLE_EQ(s.target_mw(18 * q - 1), 10.0);
  EXPECT_DOUBLE_EQ(s.target_mw(18 * q), 0.0);
  EXPECT_DOUBLE_EQ(s.target_mw(40 * q), 10.0);  // the next day, 17:00 CDT
  // At the fixed standard offset the same day discharges an hour later in UTC.
  const auto fixed =
      default_edreg_schedule(10, battery, 0, start, 2 * 86400, ballast::Calendar(-360));
  EXPECT_DOUBLE_EQ(fixed.target_mw(16 * q), 0.0);
  EXPECT_DOUBLE_EQ(fixed.target_mw(17 * q), 10.0);
}

TEST(Sizing, TheBidRulesCapA25MwhBatteryAt10Mw) {
  MarketConfig c = edreg_10mw();
  c.storage = ballast::StorageParams::with_round_trip(12, 25, 0.88);
  c.initial_soc = 0.1;
  const SizingResult s = size_bid(c, std::vector<double>(3600, 60.0), 1, true);
  ASSERT_TRUE(s.best.has_value());
  EXPECT_DOUBLE_EQ(s.rows[*s.best].bid_mw, 10);
}

}  // namespace

// Per-second score, rolling score, hourly execution rate and the quality-index table (digest,
// "Performance measurement" and "Settlement", rulebook v5).

#include "ballast/market/scoring.h"

#include <gtest/gtest.h>

#include <vector>

#include "ballast/market/simulation.h"

namespace {

using ballast::control::Band;
using namespace ballast::market;

TEST(SecondScore, InsideTheBandIs100) {
  EXPECT_DOUBLE_EQ(second_score_pct({-0.9, 0.9}, 0.5, 10), 100);
}
TEST(SecondScore, FivePercentOfBidOutsideIs95) {
  // dReg at 59.86 Hz allows +52 %; delivering 47 % scores 100 - |47 - 52| = 95.
  EXPECT_NEAR(second_score_pct({5.2, 5.2}, 4.7, 10), 95, 1e-9);
}
TEST(SecondScore, EdregDeviationIsMeasuredAgainstShiftPlusRegulation) {
  // 100 % - |P - (P_reg + P_shift)| / P_bid: band 10 MW shifting + [-0.9, 0.9], metered 8 MW.
  EXPECT_NEAR(second_score_pct({9.1, 10}, 8, 10), 89, 1e-9);
}
TEST(SecondScore, NeverBelowZero) { EXPECT_DOUBLE_EQ(second_score_pct({10, 10}, -10, 10), 0); }

TEST(RollingScore, IsTheMaxOfTheLastFourSeconds) {
  RollingScore r;
  std::vector<double> rolled;
  for (double s : {100.0, 50.0, 50.0, 50.0, 50.0}) rolled.push_back(r.push(s));
  EXPECT_EQ(rolled, (std::vector<double>{100, 100, 100, 100, 50}));
}

TEST(QualityIndex, At95Is1) { EXPECT_EQ(quality_index(95), 1.0); }
TEST(QualityIndex, At100Is1) { EXPECT_EQ(quality_index(100), 1.0); }
TEST(QualityIndex, JustBelow95Is08) { EXPECT_EQ(quality_index(94.99), 0.8); }
TEST(QualityIndex, At94Is08) { EXPECT_EQ(quality_index(94), 0.8); }
TEST(QualityIndex, At93Is06) { EXPECT_EQ(quality_index(93), 0.6); }
TEST(QualityIndex, JustBelow93Is04) { EXPECT_EQ(quality_index(92.99), 0.4); }
TEST(QualityIndex, At92Is04) { EXPECT_EQ(quality_index(92), 0.4); }
TEST(QualityIndex, At91Is02) { EXPECT_EQ(quality_index(91), 0.2); }
TEST(QualityIndex, JustBelow91Is0) { EXPECT_EQ(quality_index(90.99), 0.0); }
TEST(QualityIndex, At90Is0) { EXPECT_EQ(quality_index(90), 0.0); }
TEST(QualityIndex, At70Is0) { EXPECT_EQ(quality_index(70), 0.0); }
TEST(QualityIndex, Below70IsMinus1) { EXPECT_EQ(quality_index(69.99), -1.0); }
TEST(QualityIndex, At0IsMinus1) { EXPECT_EQ(quality_index(0), -1.0); }

// Hand-made traces through the simulator: an empty 1 MW dReg battery at 60.00 Hz (0 % is
// allowed) sees `dip_s` seconds at 59.75 Hz (+100 % required) that it cannot deliver.
MarketResult empty_battery_run(int dip_s, int dip_at_s, int seconds) {
  MarketConfig c;
  c.product = ballast::taipower::Product::kDreg;
  c.bid_mw = 1;
  c.storage = ballast::StorageParams::with_round_trip(1, 1, 1);
  c.initial_soc = 0;
  c.inverter_lag_s = 0;
  c.controller = ControllerKind::kNaive;
  std::vector<double> f(static_cast<std::size_t>(seconds), 60.0);
  for (int i = 0; i < dip_s; ++i) f[static_cast<std::size_t>(dip_at_s + i)] = 59.75;
  return simulate(c, f);
}

TEST(ExecutionRate, AThreeSecondShortfallIsHiddenByTheRollingMax) {
  EXPECT_DOUBLE_EQ(empty_battery_run(3, 1000, 3600).hours.at(0).execution_rate_pct, 100);
}
TEST(ExecutionRate, AFourSecondShortfallSetsTheHoursRate) {
  EXPECT_DOUBLE_EQ(empty_battery_run(4, 1000, 3600).hours.at(0).execution_rate_pct, 0);
}
TEST(ExecutionRate, IsTheMinimumOfItsOwnHourOnly) {
  const MarketResult r = empty_battery_run(10, 5000, 7200);
  EXPECT_DOUBLE_EQ(r.hours.at(0).execution_rate_pct, 100);
  EXPECT_DOUBLE_EQ(r.hours.at(1).execution_rate_pct, 0);
}
TEST(ExecutionRate, FrequencyAtTIsScoredAgainstPowerDeliveredByTPlus1) {
  // A 200 ms inverter lag leaves e^-5 of a 1 MW step undelivered by the next second's meter.
  MarketConfig c;
  c.product = ballast::taipower::Product::kDreg;
  c.bid_mw = 1;
  c.storage = ballast::StorageParams::with_round_trip(1, 1, 1);
  c.initial_soc = 0.5;
  c.inverter_lag_s = 0.2;
  MarketSimulator sim(c, 2);
  double score = 0;
  sim.on_second([&](const SecondRecord& s) { score = s.score_pct; });
  sim.step(59.75);
  EXPECT_NEAR(score, 100 - 100 * std::exp(-5.0), 1e-9);
}

}  // namespace

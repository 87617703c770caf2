#include "ballast/control/peak_shaver.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/error.h"

namespace ballast::control {
namespace {

TEST(PeakShaver, DischargesTheExcessAboveTheThreshold) {
  const PeakShaver shaver({.threshold_mw = 40}, 10);
  EXPECT_DOUBLE_EQ(shaver.step(47.5, 5), 7.5);
}

TEST(PeakShaver, RechargesUpToTheThresholdLessTheMargin) {
  const PeakShaver shaver({.threshold_mw = 40, .recharge_margin_mw = 2}, 10);
  EXPECT_DOUBLE_EQ(shaver.step(30, 5), -8);
}

TEST(PeakShaver, RechargeIsCappedByItsLimit) {
  const PeakShaver shaver({.threshold_mw = 40, .recharge_max_mw = 3}, 10);
  EXPECT_DOUBLE_EQ(shaver.step(30, 5), -3);
}

TEST(PeakShaver, StopsRechargingAtTheTargetSoc) {
  const PeakShaver shaver({.threshold_mw = 40, .target_soc = 0.8}, 10);
  EXPECT_DOUBLE_EQ(shaver.step(30, 8), 0);
  EXPECT_LT(shaver.step(30, 7.9), 0);
}

TEST(PeakShaver, NoRechargeInsideTheMargin) {
  const PeakShaver shaver({.threshold_mw = 40, .recharge_margin_mw = 5}, 10);
  EXPECT_DOUBLE_EQ(shaver.step(36, 0), 0);
}

TEST(PeakShaver, ImportNeverExceedsTheThresholdOnRandomLoads) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> load(0, 80);
  for (int c = 0; c < 100; ++c) {
    const double threshold = 20 + 40 * std::uniform_real_distribution<double>(0, 1)(rng);
    const PeakShaver shaver({.threshold_mw = threshold, .recharge_margin_mw = 1}, 10);
    for (int k = 0; k < 1000; ++k) {
      const double site = load(rng);
      const double battery = shaver.step(site, 5);
      const double import_mw = site - battery;
      EXPECT_LE(import_mw, threshold + 1e-9);
      if (battery < 0) {
        EXPECT_LE(import_mw, threshold - 1 + 1e-9);  // recharging keeps the margin
      }
    }
  }
}

TEST(PeakShaver, RejectsBadParameters) {
  EXPECT_THROW(PeakShaver({.threshold_mw = 40, .target_soc = 1.5}, 10), InputError);
  EXPECT_THROW(PeakShaver({.threshold_mw = 40, .recharge_max_mw = 0}, 10), InputError);
  EXPECT_THROW(PeakShaver({.threshold_mw = 40}, 0), InputError);
}

}  // namespace
}  // namespace ballast::control

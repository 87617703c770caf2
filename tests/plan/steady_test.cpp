#include "ballast/plan/steady.h"

#include <gtest/gtest.h>

#include "support/grids.h"

namespace ballast::plan {
namespace {

using testing::small_grid;

// A day of load with a 4-hour peak: peak 100, base 50, mean 58.3 MW.
Grid daily_peak() {
  std::vector<double> load(24, 50.0);
  for (int h = 17; h < 21; ++h) load[h] = 100;
  return small_grid(load, std::vector<double>(24, 100.0));
}

TEST(Steady, CeilingIsCapacityOverLoadEnergy) {
  const Grid g = daily_peak();
  const SteadyCurve c =
      steady_curve(g, {0}, StorageParams::with_round_trip(kUnlimited, 0, 1), SocStart::kCyclic, 2);
  EXPECT_NEAR(c.ceiling, 2400.0 / 1400.0, 1e-12);
}

TEST(Steady, NoStorageMeansNoZeroCurtailmentHeadroomAtThePeak) {
  const Grid g = daily_peak();
  const SteadyCurve c =
      steady_curve(g, {0}, StorageParams::with_round_trip(kUnlimited, 0, 1), SocStart::kCyclic, 2);
  EXPECT_DOUBLE_EQ(c.points[0].energy_multiplier, 1);
}

TEST(Steady, LosslessUnlimitedStorageReachesTheCeiling) {
  // Enough storage flattens the fleet completely: D = 100 - mean.
  const Grid g = daily_peak();
  const SteadyCurve c =
      steady_curve(g, {24}, StorageParams::with_round_trip(kUnlimited, 0, 1), SocStart::kCyclic, 2);
  EXPECT_NEAR(c.points[0].energy_multiplier, c.ceiling, 1e-6);
  EXPECT_NEAR(c.points[0].share_of_ceiling, 1, 1e-6);
}

TEST(Steady, MultiplierRisesWithStorage) {
  const Grid g = daily_peak();
  const SteadyCurve c = steady_curve(
      g, {0.5, 1, 2, 4}, StorageParams::with_round_trip(kUnlimited, 0, 0.85), SocStart::kCyclic, 2);
  for (std::size_t i = 1; i < c.points.size(); ++i) {
    EXPECT_GT(c.points[i].energy_multiplier, c.points[i - 1].energy_multiplier);
  }
}

TEST(Steady, TargetBeyondTheCeilingIsNotReached) {
  const Grid g = daily_peak();  // ceiling 1.71
  const SteadyCurve c =
      steady_curve(g, {1}, StorageParams::with_round_trip(kUnlimited, 0, 1), SocStart::kCyclic, 2);
  EXPECT_FALSE(c.at_target.has_value());
}

TEST(Steady, FindsTheSmallestStorageForATargetBelowTheCeiling) {
  const Grid g = daily_peak();
  const SteadyCurve c = steady_curve(g, {1}, StorageParams::with_round_trip(kUnlimited, 0, 1),
                                     SocStart::kCyclic, 1.5);
  ASSERT_TRUE(c.at_target.has_value());
  EXPECT_NEAR(c.at_target->energy_multiplier, 1.5, 1e-3);
}

}  // namespace
}  // namespace ballast::plan

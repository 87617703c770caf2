#include "ballast/plan/headroom.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/plan/simulate.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

using testing::small_grid;

TEST(Headroom, WithoutStorageIsTheExactSweep) {
  const Grid g = small_grid({90, 70}, {100, 100});
  EXPECT_NEAR(headroom(g, 0.25, std::nullopt), 20.0, 1e-12);
}

TEST(Headroom, StorageRaisesZeroCurtailmentHeadroomByItsPowerWhenEnergySuffices) {
  // One short peak: slack 0 in hour 0, 50 MW elsewhere. A 10 MW / 100 MWh lossless store
  // can hold D = 10 through the peak and recharge.
  const Grid g = small_grid({100, 50, 50, 50}, {100, 100, 100, 100});
  const StorageOption s{StorageParams::with_round_trip(10, 100, 1.0), SocStart::kCyclic};
  EXPECT_NEAR(headroom(g, 0, s), 10.0, 1e-6);
}

TEST(Headroom, ResultMeetsTheLimitAndSlightlyMoreDoesNot) {
  std::mt19937 rng(21);
  for (int trial = 0; trial < 50; ++trial) {
    const Grid g = testing::random_grid(rng, 300);
    const StorageOption s{testing::random_storage(rng), SocStart::kCyclic};
    const double limit = 0.01 * (trial % 5);
    const double d = headroom(g, limit, s);
    EXPECT_LE(simulate(g, d, s.params, s.start).curtailment_rate, limit + 1e-9);
    EXPECT_GT(simulate(g, d * (1 + 1e-6) + 1e-6, s.params, s.start).curtailment_rate, limit);
  }
}

TEST(Headroom, TableReportsEnergyMultiplierAboveOne) {
  const Grid g = small_grid({90, 70}, {100, 100});
  const std::vector<HeadroomRow> rows = headroom_table(g, {0, 0.25}, std::nullopt);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NEAR(rows[1].stats.energy_multiplier, 1 + (20 * 2 - 10) / 160.0, 1e-12);
}

TEST(Headroom, StatsCountEventsAndSeasons) {
  // January grid (winter): two separate curtailed hours of 10 MW at D = 20.
  const Grid g = small_grid({90, 70, 90, 70}, {100, 100, 100, 100});
  const std::vector<HeadroomRow> rows = headroom_table(g, {0.25}, std::nullopt);
  EXPECT_NEAR(rows[0].headroom_mw, 20, 1e-9);
  EXPECT_DOUBLE_EQ(rows[0].stats.mean_event_h, 1);
  EXPECT_DOUBLE_EQ(rows[0].stats.winter_share, 1);
  EXPECT_DOUBLE_EQ(rows[0].stats.hours_kept_50_per_year * g.years, 2);
}

}  // namespace
}  // namespace ballast::plan

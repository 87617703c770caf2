// The greedy planner against the LP on many random small cases: they must agree to 1e-6.

#include "ballast/plan/headroom_lp.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/plan/curtailment.h"
#include "ballast/plan/headroom.h"
#include "ballast/plan/simulate.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

SocStart start_of(int trial) {
  return trial % 3 == 0 ? SocStart::kCyclic : trial % 3 == 1 ? SocStart::kFull : SocStart::kEmpty;
}

TEST(HeadroomLp, HandCaseMatchesTheGreedy) {
  const plan::Grid g = testing::small_grid({100, 50, 50, 50}, {100, 100, 100, 100});
  const plan::StorageOption s{StorageParams::with_round_trip(10, 100, 1.0), SocStart::kCyclic};
  EXPECT_NEAR(lp_headroom(g, 0, s), 10, 1e-6);
}

TEST(HeadroomLp, GreedyCurtailmentEqualsLpOptimumOnRandomCases) {
  std::mt19937 rng(101);
  int storage_mattered = 0;  // cases where storage cut curtailment but not to zero
  for (int trial = 0; trial < 200; ++trial) {
    const plan::Grid g = testing::random_grid(rng, 12 + trial % 60);
    const plan::StorageOption s{testing::random_storage(rng), start_of(trial)};
    const double d = std::uniform_real_distribution<double>(5, 60)(rng);
    const double greedy = plan::simulate(g, d, s.params, s.start).curtailment_rate;
    const double lp = lp_curtailment_rate(g, d, s);
    EXPECT_NEAR(greedy, lp, 1e-6 * std::max(1e-3, lp)) << "trial " << trial;
    if (lp > 0 && lp < plan::curtailment_rate(g, plan::curtailment_without_storage(g, d), d)) {
      ++storage_mattered;
    }
  }
  EXPECT_GT(storage_mattered, 100);
}

TEST(HeadroomLp, GreedyHeadroomEqualsLpHeadroomOnRandomCases) {
  std::mt19937 rng(202);
  for (int trial = 0; trial < 150; ++trial) {
    const plan::Grid g = testing::random_grid(rng, 12 + trial % 60);
    const plan::StorageOption s{testing::random_storage(rng), start_of(trial)};
    const double limit = 0.02 * (trial % 4);
    const double greedy = plan::headroom(g, limit, s);
    const double lp = lp_headroom(g, limit, s);
    EXPECT_NEAR(greedy, lp, 1e-6 * std::max(1.0, lp)) << "trial " << trial << " limit " << limit;
  }
}

}  // namespace
}  // namespace ballast::plan

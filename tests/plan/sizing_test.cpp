#include "ballast/plan/sizing.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/error.h"
#include "ballast/plan/simulate.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

using testing::small_grid;

StorageParams lossless_unlimited() { return StorageParams::with_round_trip(kUnlimited, 0, 1); }

TEST(Sizing, FullStartNeedsTheLargestDeficit) {
  const Grid g = small_grid({110, 50}, {100, 100});
  const SizingResult r =
      min_storage_energy(g, g.threshold_mw, 0, lossless_unlimited(), SocStart::kFull);
  EXPECT_DOUBLE_EQ(r.energy_mwh, 10);
  EXPECT_DOUBLE_EQ(r.power_mw, 10);
  EXPECT_EQ(r.days_with_drawdown, 1);
}

TEST(Sizing, DischargeEfficiencyRaisesTheEnergyNeeded) {
  const Grid g = small_grid({110, 50}, {100, 100});
  StorageParams p = lossless_unlimited();
  p.discharge_efficiency = 0.8;
  EXPECT_DOUBLE_EQ(min_storage_energy(g, g.threshold_mw, 0, p, SocStart::kFull).energy_mwh, 12.5);
}

TEST(Sizing, SocWindowScalesNameplateEnergy) {
  const Grid g = small_grid({110, 50}, {100, 100});
  StorageParams p = lossless_unlimited();
  p.soc_min = 0.1;
  p.soc_max = 0.9;
  EXPECT_DOUBLE_EQ(min_storage_energy(g, g.threshold_mw, 0, p, SocStart::kFull).energy_mwh, 12.5);
}

TEST(Sizing, ConsecutiveDeficitsAddUp) {
  const Grid g = small_grid({110, 120, 50, 50}, {100, 100, 100, 100});
  EXPECT_DOUBLE_EQ(
      min_storage_energy(g, g.threshold_mw, 0, lossless_unlimited(), SocStart::kCyclic).energy_mwh,
      30);
}

TEST(Sizing, CyclicRunMustRechargeWhatItDelivers) {
  // 10 MWh deficit, only 5 MWh of surplus at 100 % efficiency: impossible over a cycle.
  const Grid g = small_grid({110, 95}, {100, 100});
  EXPECT_THROW(min_storage_energy(g, g.threshold_mw, 0, lossless_unlimited(), SocStart::kCyclic),
               InfeasibleError);
}

TEST(Sizing, TooLittlePowerIsInfeasible) {
  const Grid g = small_grid({110, 50}, {100, 100});
  StorageParams p = lossless_unlimited();
  p.discharge_power_mw = 5;
  EXPECT_THROW(min_storage_energy(g, g.threshold_mw, 0, p, SocStart::kFull), InfeasibleError);
}

TEST(Sizing, EmptyStartChargesBeforeTheDeficit) {
  const Grid g = small_grid({50, 110}, {100, 100});
  EXPECT_NEAR(
      min_storage_energy(g, g.threshold_mw, 0, lossless_unlimited(), SocStart::kEmpty).energy_mwh,
      10, 1e-8);
}

TEST(Sizing, SweepGivesOneCellPerPowerAndDuration) {
  const Grid g = small_grid({100, 50, 50, 50}, {100, 100, 100, 100});
  const std::vector<SweepCell> cells = storage_sweep(g, {5, 10}, {1, 4}, 1.0, SocStart::kCyclic);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_NEAR(cells[3].headroom_mw, 10, 1e-6);  // 10 MW / 40 MWh covers the 1-hour peak
}

// The exact recursion against the slow obvious answer: bisection on energy with the greedy.
TEST(Sizing, ExactSizeMatchesBisectionWithTheGreedy) {
  std::mt19937 rng(31);
  int checked = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const Grid g = testing::random_grid(rng, 50 + trial);
    StorageParams p = testing::random_storage(rng);
    p.discharge_power_mw = 120;  // enough power: only energy matters
    const SocStart start = trial % 3 == 0   ? SocStart::kFull
                           : trial % 3 == 1 ? SocStart::kCyclic
                                            : SocStart::kEmpty;
    const double d = 10 + trial % 30;
    SizingResult r;
    try {
      r = min_storage_energy(g, g.capacity_mw, d, p, start);
    } catch (const InfeasibleError&) {
      continue;
    }
    const auto rate = [&](double e) {
      StorageParams q = p;
      q.energy_mwh = e;
      return simulate(g, d, q, start).curtailment_rate;
    };
    EXPECT_LE(rate(r.energy_mwh * (1 + 1e-7) + 1e-9), 1e-9) << "trial " << trial;
    if (r.energy_mwh > 1e-6) {
      EXPECT_GT(rate(r.energy_mwh * (1 - 1e-4)), 0) << "trial " << trial;
    }
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace ballast::plan

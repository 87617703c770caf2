#include "ballast/plan/simulate.h"

#include <gtest/gtest.h>

#include <random>

#include "support/grids.h"

namespace ballast::plan {
namespace {

using testing::small_grid;

StorageParams lossless(double power_mw, double energy_mwh) {
  return StorageParams::with_round_trip(power_mw, energy_mwh, 1.0);
}

TEST(Simulate, StorageCoversExcessFromAFullStart) {
  // D = 20: excess 10 MW in hour 0; a full 10 MWh store covers it.
  const Grid g = small_grid({90, 50}, {100, 100});
  const SimulationResult r = simulate(g, 20, lossless(10, 10), SocStart::kFull);
  EXPECT_DOUBLE_EQ(r.curtailment_rate, 0);
}

TEST(Simulate, EmptyStartCurtailsTheFirstExcess) {
  const Grid g = small_grid({90, 50}, {100, 100});
  const SimulationResult r = simulate(g, 20, lossless(10, 10), SocStart::kEmpty, true);
  EXPECT_DOUBLE_EQ(r.curtailed_mw[0], 10);
  EXPECT_DOUBLE_EQ(r.energy_mwh[1], 10);  // recharged in hour 1
}

TEST(Simulate, CyclicStartIsTheLargestSustainableEnergy) {
  // Hour 1 recharges 5 MWh at most (power 5): a cyclic run may start with only 5 MWh.
  const Grid g = small_grid({90, 50}, {100, 100});
  StorageParams p = lossless(10, 10);
  p.charge_power_mw = 5;
  const SimulationResult r = simulate(g, 20, p, SocStart::kCyclic, true);
  EXPECT_NEAR(r.initial_energy_mwh, 5, 1e-9);
  EXPECT_NEAR(r.curtailed_mw[0], 5, 1e-9);
  EXPECT_GE(r.final_energy_mwh, r.initial_energy_mwh - 1e-9);
}

TEST(Simulate, DischargeEfficiencyDrainsMoreThanDelivered) {
  const Grid g = small_grid({90, 90}, {100, 100});
  StorageParams p = lossless(100, 100);
  p.discharge_efficiency = 0.8;
  const SimulationResult r = simulate(g, 20, p, SocStart::kFull, true);
  EXPECT_NEAR(r.energy_mwh[0], 100 - 10 / 0.8, 1e-12);
}

TEST(Simulate, ChargesOnlyFromSlackBelowCapacity) {
  const Grid g = small_grid({70, 90}, {100, 100});
  const SimulationResult r = simulate(g, 20, lossless(100, 100), SocStart::kEmpty, true);
  EXPECT_DOUBLE_EQ(r.storage_mw[0], -10);  // slack of 10 MW at D = 20
  EXPECT_DOUBLE_EQ(r.storage_mw[1], 10);
}

TEST(Simulate, CurtailmentRateNeverRisesWithMoreEnergy) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 100; ++trial) {
    const Grid g = testing::random_grid(rng, 200);
    StorageParams p = testing::random_storage(rng);
    const double small = simulate(g, 40, p, SocStart::kCyclic).curtailment_rate;
    p.energy_mwh *= 2;
    EXPECT_LE(simulate(g, 40, p, SocStart::kCyclic).curtailment_rate, small + 1e-12);
  }
}

TEST(Simulate, CurtailmentRateNeverFallsWithMoreLoad) {
  std::mt19937 rng(12);
  for (int trial = 0; trial < 100; ++trial) {
    const Grid g = testing::random_grid(rng, 200);
    const StorageParams p = testing::random_storage(rng);
    double prev = 0;
    for (double d = 5; d < 120; d += 5) {
      const double r = simulate(g, d, p, SocStart::kCyclic).curtailment_rate;
      EXPECT_GE(r, prev - 1e-12) << "trial " << trial << " D " << d;
      prev = r;
    }
  }
}

}  // namespace
}  // namespace ballast::plan

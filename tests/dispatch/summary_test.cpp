#include "ballast/dispatch/summary.h"

#include <gtest/gtest.h>

#include "support/scenarios.h"

namespace ballast::dispatch {
namespace {

using testing::generator;
using testing::scenario;
using testing::store;

TEST(Summary, CountsHoursAtFullOutputAndCapacityFactor) {
  Scenario s = scenario({100, 50, 100, 50});
  s.generators = {generator("fleet", 100, {1})};
  const DispatchSummary d = summarize(s, run_dispatch(s, {}));
  EXPECT_DOUBLE_EQ(d.generators[0].hours_at_full, 2);
  EXPECT_DOUBLE_EQ(d.generators[0].capacity_factor, 0.75);
  EXPECT_DOUBLE_EQ(d.generators[0].starts_proxy, 0.5);  // one rise of 50 MW on 100 MW
}

TEST(Summary, StorageLossesCloseTheBalance) {
  Scenario s = scenario({0, 8});
  s.generators = {generator("grid", 1000, {1, 10})};
  s.storage = {store(100, 100, 0.0)};
  s.storage[0].params.charge_efficiency = 0.9;
  s.storage[0].params.discharge_efficiency = 0.8;
  const DispatchSummary d = summarize(s, run_dispatch(s, {}));
  EXPECT_NEAR(d.storage[0].energy_in_mwh, 8 / 0.72, 1e-6);
  EXPECT_NEAR(d.storage[0].energy_out_mwh, 8, 1e-6);
  EXPECT_NEAR(d.storage[0].losses_mwh, 8 / 0.72 - 8, 1e-6);
  EXPECT_NEAR(d.storage[0].equivalent_full_cycles, 0.08, 1e-9);
}

TEST(Summary, ThermalHoursNearPeakGrowWhenStorageFlattens) {
  Scenario s = scenario({50, 100, 50, 100});
  s.generators = {generator("fleet", 200, {1})};
  const double before =
      summarize(s, run_dispatch(s, {.objective = Objective::kPeak})).thermal_hours_near_peak;
  s.storage = {store(50, 50, std::nullopt)};
  const double after =
      summarize(s, run_dispatch(s, {.objective = Objective::kPeak})).thermal_hours_near_peak;
  EXPECT_DOUBLE_EQ(before, 2);
  EXPECT_DOUBLE_EQ(after, 4);
}

}  // namespace
}  // namespace ballast::dispatch

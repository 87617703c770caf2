// The sizing searches against brute force over a grid of sizes, and against the exact
// recursion where the two answer the same question.

#include "ballast/plan/size_search.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/simulate.h"
#include "ballast/plan/sizing.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

Grid pjm_2023() {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  auto s = read_time_series_csv(
      std::string(BALLAST_DATA_DIR) + "/eia930/PJM_2016-2024_hourly_utc.csv", o);
  const Calendar cal(-300);
  return make_grid(select_year(s.series, cal, 2023), cal, {ThresholdKind::kSeasonal},
                   RateMethod::kYearlyMean);
}

double rate(const Grid& g, double d, const StorageParams& p) {
  return simulate(g, d, p, SocStart::kCyclic).curtailment_rate;
}

TEST(SizeSearch, ZeroCurtailmentEnergyEqualsTheExactRecursion) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 30; ++trial) {
    const Grid g = testing::random_grid(rng, 200);
    StorageParams unit = testing::random_storage(rng);
    unit.discharge_power_mw = unit.charge_power_mw = kUnlimited;
    const double d = 5 + 10 * (trial % 3);
    const double exact =
        min_storage_energy(g, g.capacity_mw, d, unit, SocStart::kCyclic).energy_mwh;
    EXPECT_NEAR(least_energy_mwh(g, d, 0, unit, SocStart::kCyclic), exact, 1e-5 * exact + 1e-6)
        << "trial " << trial;
  }
}

// Brute force: the smallest energy on a 1 % grid that keeps within the limit brackets the
// search's answer from above, and the grid point below it does not keep within the limit.
TEST(SizeSearch, LeastEnergyAgreesWithBruteForceOnRealData) {
  const Grid g = pjm_2023();
  const double d = 6000;
  StorageParams unit = StorageParams::with_round_trip(6500, 0, 0.85);
  for (double limit : {0.0, 0.001, 0.005}) {
    const double found = least_energy_mwh(g, d, limit, unit, SocStart::kCyclic);
    const double step = 200;
    double first_ok = -1;
    for (double e = 0; e < 200000; e += step) {
      unit.energy_mwh = e;
      if (rate(g, d, unit) <= limit + 1e-12) {
        first_ok = e;
        break;
      }
    }
    ASSERT_GE(first_ok, 0) << limit;
    EXPECT_LE(found, first_ok + 1e-6) << limit;
    EXPECT_GT(found, first_ok - step) << limit;
    unit.energy_mwh = found;
    EXPECT_LE(rate(g, d, unit), limit + 1e-9);
  }
}

TEST(SizeSearch, LeastPowerAgreesWithBruteForceOnRealData) {
  const Grid g = pjm_2023();
  const double d = 6000, limit = 0.001;
  StorageParams unit = StorageParams::with_round_trip(0, 20000, 0.85);
  const double found = least_power_mw(g, d, limit, unit, SocStart::kCyclic);
  const double step = 25;
  double first_ok = -1;
  for (double p = 0; p < 20000; p += step) {
    unit.discharge_power_mw = unit.charge_power_mw = p;
    if (rate(g, d, unit) <= limit + 1e-12) {
      first_ok = p;
      break;
    }
  }
  ASSERT_GE(first_ok, 0);
  EXPECT_LE(found, first_ok + 1e-6);
  EXPECT_GT(found, first_ok - step);
}

TEST(SizeSearch, NoEnergySufficesWhenThePowerIsTooSmall) {
  const Grid g = testing::small_grid({50, 120, 50}, {100, 100, 100});
  const StorageParams unit = StorageParams::with_round_trip(5, 0, 0.9);
  EXPECT_THROW(least_energy_mwh(g, 10, 0, unit, SocStart::kFull), InfeasibleError);
}

TEST(SizeSearch, SizedForLifeStillHoldsTheFreshNeedAndNoLess) {
  const Grid g = pjm_2023();
  aging::AgingSpec spec;
  spec.aging = "xu2018";
  const StorageParams unit = StorageParams::with_round_trip(3000, 0, 0.85);
  const aging::AgingModel model = aging::parse_model("xu2018");
  const LifeSize s = size_for_life(spec, g, 2000, 0, unit, SocStart::kCyclic, 10);
  EXPECT_GT(s.energy_mwh, s.fresh_energy_mwh);
  EXPECT_GE(s.energy_mwh * s.capacity_at_life, s.fresh_energy_mwh * (1 - 1e-9));
  // One per mille less, with its own (no slower) fade, falls short of the fresh need.
  const double less = s.energy_mwh * 0.999;
  EXPECT_LT(less * s.capacity_at_life, s.fresh_energy_mwh);
  // The faded battery at year 10 hosts the load; a battery sized only for year 1 does not.
  StorageParams faded = unit;
  faded.energy_mwh = s.energy_mwh * s.capacity_at_life;
  EXPECT_LE(rate(g, 2000, faded), 1e-9);
}

TEST(SizeSearch, AugmentationKeepsTheFleetAtTheNeedAndPricesItsPurchases) {
  const Grid g = pjm_2023();
  aging::AgingSpec spec;
  spec.aging = "xu2018";
  spec.economics.capex_per_kwh = 300;
  spec.economics.replacement_per_kwh = 150;  // cheaper later: augmenting pays
  const StorageParams unit = StorageParams::with_round_trip(3000, 0, 0.85);
  const AugmentedSize a = size_with_augmentation(spec, g, 2000, 0, unit, SocStart::kCyclic, 10);
  ASSERT_EQ(a.fleet_energy_mwh.size(), 10u);
  for (double e : a.fleet_energy_mwh) EXPECT_GE(e, a.fresh_energy_mwh * (1 - 1e-9));
  EXPECT_GE(a.initial_energy_mwh, a.fresh_energy_mwh);
  // The present value of the plan's own purchases: now at 300/kWh, later at 150/kWh, 7 %.
  double pv = a.initial_energy_mwh * 300e3;
  for (const Augmentation& x : a.additions) pv += x.energy_mwh * 150e3 / std::pow(1.07, x.year - 1);
  EXPECT_NEAR(a.pv_cost, pv, 1e-6 * pv);
  aging::AgingSpec no_capex = spec;
  no_capex.economics.capex_per_kwh.reset();
  EXPECT_THROW(size_with_augmentation(no_capex, g, 2000, 0, unit, SocStart::kCyclic, 10),
               InputError);
}

}  // namespace
}  // namespace ballast::plan

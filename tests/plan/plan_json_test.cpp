#include "ballast/plan/plan_json.h"

#include <gtest/gtest.h>

namespace ballast::plan {
namespace {

TEST(PlanJson, UnlimitedPowerIsNull) {
  const auto j =
      storage_json(StorageParams::with_round_trip(kUnlimited, 10, 0.81), SocStart::kCyclic);
  EXPECT_TRUE(j["discharge_power_mw"].is_null());
  EXPECT_NEAR(j["charge_efficiency_frac"].get<double>(), 0.9, 1e-12);
  EXPECT_EQ(j["soc_start"], "cyclic");
}

TEST(PlanJson, HeadroomRowGivesLimitInPercentAndShareOfPeak) {
  plan::Grid g;
  g.peak_mw = 200;
  plan::HeadroomRow row;
  row.limit = 0.005;
  row.headroom_mw = 50;
  const auto j = headroom_row_json(g, row);
  EXPECT_DOUBLE_EQ(j["curtailment_limit_pct"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["headroom_pct_of_peak"].get<double>(), 25);
}

TEST(PlanJson, SizingKeysCarryUnits) {
  const auto j = sizing_json({.energy_mwh = 10, .power_mw = 2, .days_with_drawdown = 3});
  EXPECT_EQ(j["energy_mwh"], 10);
  EXPECT_EQ(j["power_mw"], 2);
  EXPECT_EQ(j["days_with_drawdown"], 3);
}

}  // namespace
}  // namespace ballast::plan

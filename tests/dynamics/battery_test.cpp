#include "ballast/dynamics/battery.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

BatteryParams unit(double lag_ms) {
  BatteryParams b;
  b.storage = StorageParams::with_round_trip(10, 1, 0.81);
  b.inverter_lag_ms = lag_ms;
  b.initial_soc = 0.5;
  return b;
}

TEST(InverterBattery, WithoutLagIsExactlyTheStorageModel) {
  InverterBattery b(unit(0), 0.01);
  StorageModel m(unit(0).storage, 0.01 / 3600);
  StorageState s{.energy_mwh = 0.5};
  for (int k = 0; k < 1000; ++k) {
    const double r = 8 * std::sin(k * 0.01);
    ASSERT_DOUBLE_EQ(b.step(r), m.step(s, r));
    ASSERT_DOUBLE_EQ(b.stored_mwh(), s.energy_mwh);
  }
}

TEST(InverterBattery, FirstOrderLagReaches63PercentInOneTimeConstant) {
  InverterBattery b(unit(20), 0.001);
  double y = 0;
  for (int k = 0; k < 20; ++k) y = b.step(5);
  EXPECT_NEAR(y, 5 * (1 - std::exp(-1.0)), 1e-9);
}

TEST(InverterBattery, ClipsTheSetPointToItsRating) {
  InverterBattery b(unit(0), 0.001);
  EXPECT_DOUBLE_EQ(b.step(50), 10);
  EXPECT_DOUBLE_EQ(b.step(-50), -10);
}

TEST(InverterBattery, EmptyBatteryFallsShortAndCountsIt) {
  BatteryParams p = unit(0);
  p.storage.soc_min = 0.4;
  p.initial_soc = 0.4;
  InverterBattery b(p, 0.01);
  EXPECT_DOUBLE_EQ(b.step(5), 0);
  EXPECT_EQ(b.short_steps(), 1);
  EXPECT_DOUBLE_EQ(b.soc(), 0.4);
}

TEST(InverterBattery, LossesAccountForTheEnergy) {
  BatteryParams p = unit(5);
  p.storage.standing_loss_per_h = 0.01;
  InverterBattery b(p, 0.01);
  double net_mwh = 0;
  for (int k = 0; k < 100'000; ++k) net_mwh += b.step(9 * std::sin(k * 0.003)) * 0.01 / 3600;
  const double given = b.initial_mwh() - b.stored_mwh();
  EXPECT_NEAR(net_mwh, given - b.standing_loss_mwh() - b.conversion_loss_mwh(), 1e-12);
  EXPECT_GT(b.standing_loss_mwh(), 0);
}

TEST(InverterBattery, RejectsStartOutsideWindow) {
  BatteryParams p = unit(0);
  p.initial_soc = 0.95;
  p.storage.soc_max = 0.9;
  EXPECT_THROW(InverterBattery(p, 0.01), InputError);
}

}  // namespace
}  // namespace ballast::dynamics

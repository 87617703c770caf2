#include "safety.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace ballast::ballastd {
namespace {

const BatteryConfig kBattery{.power_mw = 60, .energy_mwh = 5, .soc_min = 0.1, .soc_max = 0.9};

modbus::InverterValues inverter(double soc_pct, double discharge_mw = 60, double charge_mw = 60) {
  return {.soc_pct = soc_pct,
          .max_discharge_power_w = discharge_mw * 1e6,
          .max_charge_power_w = charge_mw * 1e6,
          .status = 3};
}

TEST(Safety, WithinEveryLimitPassesUnchanged) {
  const Limited l = limit_setpoint(12.5, kBattery, inverter(50));
  EXPECT_DOUBLE_EQ(l.mw, 12.5);
  EXPECT_EQ(l.alarms, 0u);
}

TEST(Safety, CutToTheRating) {
  const Limited l = limit_setpoint(-80, kBattery, inverter(50, 100, 100));
  EXPECT_DOUBLE_EQ(l.mw, -60);
  EXPECT_EQ(l.alarms, kPowerLimit);
}

TEST(Safety, CutToWhatTheInverterReportsAvailable) {
  EXPECT_DOUBLE_EQ(limit_setpoint(30, kBattery, inverter(50, 20, 60)).mw, 20);
  EXPECT_DOUBLE_EQ(limit_setpoint(-30, kBattery, inverter(50, 60, 5)).mw, -5);
}

TEST(Safety, NoDischargeAtTheSocFloorButChargingIsAllowed) {
  const Limited l = limit_setpoint(10, kBattery, inverter(10));
  EXPECT_DOUBLE_EQ(l.mw, 0);
  EXPECT_EQ(l.alarms, kSocLimit);
  EXPECT_DOUBLE_EQ(limit_setpoint(-10, kBattery, inverter(10)).mw, -10);
}

TEST(Safety, NoChargeAtTheSocCeiling) {
  EXPECT_DOUBLE_EQ(limit_setpoint(-10, kBattery, inverter(90)).mw, 0);
  EXPECT_DOUBLE_EQ(limit_setpoint(10, kBattery, inverter(90)).mw, 10);
}

TEST(Safety, NonFiniteRequestGivesTheSafeSetpoint) {
  BatteryConfig b = kBattery;
  b.safe_setpoint_mw = 0;
  EXPECT_DOUBLE_EQ(limit_setpoint(std::numeric_limits<double>::quiet_NaN(), b, inverter(50)).mw, 0);
}

TEST(Safety, RandomRequestsNeverLeaveAnyLimit) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 100'000; ++i) {
    const double soc = 100 * u(rng);
    const double dis = 80 * u(rng), chg = 80 * u(rng);
    const double request = 200 * u(rng) - 100;
    const double mw = limit_setpoint(request, kBattery, inverter(soc, dis, chg)).mw;
    EXPECT_LE(mw, std::min(60.0, dis) + 1e-12);
    EXPECT_GE(mw, -std::min(60.0, chg) - 1e-12);
    if (soc <= 10) {
      EXPECT_LE(mw, 0);
    }
    if (soc >= 90) {
      EXPECT_GE(mw, 0);
    }
    EXPECT_LE(std::fabs(mw), std::fabs(request) + 1e-12);  // never more than asked
  }
}

}  // namespace
}  // namespace ballast::ballastd

#include "plantsim/plant.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::plantsim {
namespace {

PlantParams quiet() {
  PlantParams p;
  p.meter.noise_mw = 0;
  return p;
}

Plant constant_site(const PlantParams& p, double mw = 50) {
  return Plant(p, make_site_load(ConstantLoad{mw}));
}

void run_s(Plant& plant, double s) {
  const auto ticks = static_cast<std::int64_t>(s * 1e6) / plant.params().step_us;
  for (std::int64_t i = 0; i < ticks; ++i) plant.step();
}

TEST(Plant, UpstreamIsSiteMinusBattery) {
  Plant plant = constant_site(quiet());
  plant.write_setpoint_mw(20);
  run_s(plant, 1);
  const PlantTruth t = plant.truth();
  EXPECT_NEAR(t.battery_mw, 20, 1e-6);
  EXPECT_DOUBLE_EQ(t.upstream_mw, t.site_mw - t.battery_mw);
  EXPECT_NEAR(plant.read_meter().active_power_w, 30e6, 1);
}

TEST(Plant, InverterLagsTheSetpoint) {
  Plant plant = constant_site(quiet());
  plant.write_setpoint_mw(20);
  run_s(plant, 0.02);  // one time constant
  EXPECT_NEAR(plant.truth().battery_mw, 20 * (1 - std::exp(-1.0)), 0.05);
}

TEST(Plant, StoredEnergyFollowsTheSetpoint) {
  PlantParams p = quiet();
  p.comm_timeout_ms = 0;  // one write, a minute of discharge
  Plant plant = constant_site(p);
  plant.write_setpoint_mw(30);
  run_s(plant, 60);
  // 30 MW for 60 s less one lag time constant (20 ms), drawn through 95 % efficiency, of 5 MWh.
  const double drawn_mwh = 30 * (60 - 0.02) / 3600 / 0.95;
  EXPECT_NEAR(plant.truth().soc, 0.5 - drawn_mwh / 5, 1e-5);
}

TEST(Plant, ChargingRaisesSoc) {
  PlantParams p = quiet();
  p.comm_timeout_ms = 0;
  Plant plant = constant_site(p);
  plant.write_setpoint_mw(-30);
  run_s(plant, 60);
  EXPECT_NEAR(plant.truth().soc, 0.5 + 30 * (60 - 0.02) / 3600 * 0.95 / 5, 1e-5);
  EXPECT_NEAR(plant.truth().upstream_mw, 80, 1e-6);
}

TEST(Plant, SocFloorCutsDischarge) {
  PlantParams p = quiet();
  p.comm_timeout_ms = 0;
  p.battery.initial_soc = 0.12;  // 0.1 MWh above the 10 % floor: 5.7 s at 60 MW
  Plant plant = constant_site(p);
  plant.write_setpoint_mw(60);
  run_s(plant, 10);
  EXPECT_NEAR(plant.truth().battery_mw, 0, 1e-9);
  EXPECT_NEAR(plant.truth().soc, 0.1, 1e-12);
  const modbus::InverterValues v = plant.read_inverter();
  EXPECT_EQ(v.max_discharge_power_w, 0);
  EXPECT_EQ(v.max_charge_power_w, 60e6);
  EXPECT_NEAR(v.soc_pct, 10, 1e-9);
}

TEST(Plant, SocCeilingCutsCharge) {
  PlantParams p = quiet();
  p.comm_timeout_ms = 0;
  p.battery.initial_soc = 0.89;
  Plant plant = constant_site(p);
  plant.write_setpoint_mw(-60);
  run_s(plant, 10);
  EXPECT_NEAR(plant.truth().battery_mw, 0, 1e-9);
  EXPECT_EQ(plant.read_inverter().max_charge_power_w, 0);
  EXPECT_EQ(plant.read_inverter().max_discharge_power_w, 60e6);
}

TEST(Plant, CommWatchdogReturnsSetpointToZero) {
  Plant plant = constant_site(quiet());  // comm_timeout_ms = 2000
  plant.write_setpoint_mw(10);
  run_s(plant, 1.999);
  EXPECT_EQ(plant.truth().setpoint_mw, 10);
  run_s(plant, 0.001);
  EXPECT_EQ(plant.truth().setpoint_mw, 0);
  run_s(plant, 1);
  EXPECT_NEAR(plant.truth().battery_mw, 0, 1e-6);
}

TEST(Plant, NewWriteRestartsTheWatchdog) {
  Plant plant = constant_site(quiet());
  plant.write_setpoint_mw(10);
  run_s(plant, 1.5);
  plant.write_setpoint_mw(12);
  run_s(plant, 1.5);
  EXPECT_EQ(plant.truth().setpoint_mw, 12);
}

TEST(Plant, InverterFaultStopsFollowing) {
  Plant plant = constant_site(quiet());
  plant.write_setpoint_mw(10);
  plant.set_inverter_fault(true);
  run_s(plant, 1);
  EXPECT_EQ(plant.truth().setpoint_mw, 0);
  EXPECT_NEAR(plant.truth().battery_mw, 0, 1e-9);
  EXPECT_EQ(plant.read_inverter().status, 4);
  plant.set_inverter_fault(false);
  EXPECT_EQ(plant.read_inverter().status, 3);
}

TEST(Plant, HeartbeatsAdvanceAndWrap) {
  Plant plant = constant_site(quiet());
  EXPECT_EQ(plant.read_meter().heartbeat, 1u);
  EXPECT_EQ(plant.read_meter().heartbeat, 2u);
  for (int i = 0; i < 65533; ++i) plant.read_meter();
  EXPECT_EQ(plant.read_meter().heartbeat, 0u);  // 65536 readings: a uint16 wraps
  EXPECT_EQ(plant.read_inverter().heartbeat, 1u);
}

TEST(Plant, MeterNoiseIsSeededAndSmall) {
  PlantParams p;  // noise 0.01 MW
  Plant a = constant_site(p);
  Plant b = constant_site(p);
  double sum_sq = 0;
  double last = 0;
  for (int i = 0; i < 1000; ++i) {
    const double w = a.read_meter().active_power_w;
    EXPECT_EQ(w, b.read_meter().active_power_w);
    EXPECT_NE(w, last);
    last = w;
    sum_sq += (w - 50e6) * (w - 50e6);
  }
  EXPECT_NEAR(std::sqrt(sum_sq / 1000), 0.01e6, 0.002e6);
}

TEST(Plant, ConstantFrequencyByDefault) {
  Plant plant = constant_site(quiet());
  run_s(plant, 1);
  EXPECT_EQ(plant.read_meter().frequency_hz, 60.0);
}

TEST(Plant, SyntheticFrequencyMovesAroundNominal) {
  PlantParams p = quiet();
  p.meter.frequency_hz.reset();
  Plant plant = constant_site(p);
  const double first = plant.truth().frequency_hz;
  run_s(plant, 5);
  EXPECT_NE(plant.truth().frequency_hz, first);
  EXPECT_NEAR(plant.truth().frequency_hz, 60, 0.3);
}

TEST(Plant, SiteFollowsTheLoadProfile) {
  StepProfile profile{.levels = {{0, 50}, {10000, 20}}, .transition_ms = 100};
  Plant plant(quiet(), make_site_load(profile));
  run_s(plant, 10.05);
  EXPECT_NEAR(plant.truth().site_mw, 35, 1e-9);
}

TEST(Plant, RejectsABadStep) {
  PlantParams p = quiet();
  p.step_us = 30000;  // does not divide 100 ms
  EXPECT_THROW(constant_site(p), InputError);
}

}  // namespace
}  // namespace ballast::plantsim

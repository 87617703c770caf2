// Tests src/storage/storage.cpp and include/ballast/storage/storage.h: the one step() physics.

#include "ballast/storage/storage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "ballast/core/error.h"

namespace ballast {
namespace {

using ::testing::DoubleNear;
using ::testing::StartsWith;

StorageParams battery(double power_mw, double energy_mwh) {
  StorageParams p;
  p.discharge_power_mw = power_mw;
  p.charge_power_mw = power_mw;
  p.energy_mwh = energy_mwh;
  return p;
}

StorageState holding(double energy_mwh) {
  StorageState s;
  s.energy_mwh = energy_mwh;
  return s;
}

// --- power limits ---

TEST(StorageStep, DischargeIsLimitedByPower) {
  StorageState s = holding(500);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, 200), 100);
}

TEST(StorageStep, DischargeBelowTheLimitIsDeliveredInFull) {
  StorageState s = holding(500);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, 60), 60);
}

TEST(StorageStep, DischargeRemovesEnergy) {
  StorageState s = holding(500);
  StorageModel(battery(100, 1000), 1.0).step(s, 200);
  EXPECT_EQ(s.energy_mwh, 400);
}

TEST(StorageStep, ChargeIsLimitedByPower) {
  StorageState s = holding(500);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, -200), -100);
}

TEST(StorageStep, ChargeAddsEnergy) {
  StorageState s = holding(500);
  StorageModel(battery(100, 1000), 1.0).step(s, -200);
  EXPECT_EQ(s.energy_mwh, 600);
}

TEST(StorageStep, ChargeAndDischargeLimitsAreSeparate) {
  StorageParams p = battery(100, 1000);
  p.charge_power_mw = 50;
  StorageState s = holding(500);
  EXPECT_EQ(StorageModel(p, 1.0).step(s, -200), -50);
}

TEST(StorageStep, ZeroRequestDoesNothing) {
  StorageState s = holding(500);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, 0), 0);
}

TEST(StorageStep, DefaultPowerIsUnlimited) {
  StorageParams p;
  p.energy_mwh = 100;
  StorageState s = holding(100);
  EXPECT_EQ(StorageModel(p, 1.0).step(s, 1e9), 100);
}

// --- energy window ---

TEST(StorageStep, DischargeIsLimitedByStoredEnergy) {
  StorageState s = holding(30);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, 100), 30);
}

TEST(StorageStep, DischargeStopsAtEmpty) {
  StorageState s = holding(30);
  StorageModel(battery(100, 1000), 1.0).step(s, 100);
  EXPECT_EQ(s.energy_mwh, 0);
}

TEST(StorageStep, ShortStepDeliversStoredEnergyOverTheStep) {
  StorageState s = holding(10);
  EXPECT_EQ(StorageModel(battery(100, 1000), 0.25).step(s, 100), 40);
}

TEST(StorageStep, ChargeIsLimitedByRoom) {
  StorageState s = holding(980);
  EXPECT_EQ(StorageModel(battery(100, 1000), 1.0).step(s, -100), -20);
}

TEST(StorageStep, ChargeStopsAtFull) {
  StorageState s = holding(980);
  StorageModel(battery(100, 1000), 1.0).step(s, -100);
  EXPECT_EQ(s.energy_mwh, 1000);
}

TEST(StorageStep, DischargeStopsAtTheSocFloor) {
  StorageParams p = battery(1000, 100);
  p.soc_min = 0.2;
  StorageState s = holding(50);
  EXPECT_EQ(StorageModel(p, 1.0).step(s, 1000), 30);
}

TEST(StorageStep, DischargeLeavesTheSocFloor) {
  StorageParams p = battery(1000, 100);
  p.soc_min = 0.2;
  StorageState s = holding(50);
  StorageModel(p, 1.0).step(s, 1000);
  EXPECT_EQ(s.energy_mwh, 20);
}

TEST(StorageStep, ChargeStopsAtTheSocCeiling) {
  StorageParams p = battery(1000, 100);
  p.soc_max = 0.8;
  StorageState s = holding(50);
  EXPECT_EQ(StorageModel(p, 1.0).step(s, -1000), -30);
}

TEST(StorageStep, ChargeFillsToTheSocCeiling) {
  StorageParams p = battery(1000, 100);
  p.soc_max = 0.8;
  StorageState s = holding(50);
  StorageModel(p, 1.0).step(s, -1000);
  EXPECT_EQ(s.energy_mwh, 80);
}

// --- efficiencies ---

TEST(StorageStep, ChargingOneMwhStoresEtaC) {
  StorageParams p = battery(100, 1000);
  p.charge_efficiency = 0.9;
  StorageState s = holding(0);
  StorageModel(p, 1.0).step(s, -1);
  EXPECT_DOUBLE_EQ(s.energy_mwh, 0.9);
}

TEST(StorageStep, ChargedCountsTerminalEnergy) {
  StorageParams p = battery(100, 1000);
  p.charge_efficiency = 0.9;
  StorageState s = holding(0);
  StorageModel(p, 0.5).step(s, -2);
  EXPECT_DOUBLE_EQ(s.charged_mwh, 1.0);
}

TEST(StorageStep, DeliveringOneMwhTakesOneOverEtaD) {
  StorageParams p = battery(100, 1000);
  p.discharge_efficiency = 0.8;
  StorageState s = holding(10);
  StorageModel(p, 1.0).step(s, 1);
  EXPECT_DOUBLE_EQ(s.energy_mwh, 10 - 1.25);
}

TEST(StorageStep, DischargedCountsTerminalEnergy) {
  StorageParams p = battery(100, 1000);
  p.discharge_efficiency = 0.8;
  StorageState s = holding(10);
  StorageModel(p, 0.25).step(s, 4);
  EXPECT_DOUBLE_EQ(s.discharged_mwh, 1.0);
}

TEST(StorageStep, StoredEnergyLimitIncludesDischargeEfficiency) {
  StorageParams p = battery(100, 1000);
  p.discharge_efficiency = 0.5;
  StorageState s = holding(8);
  EXPECT_DOUBLE_EQ(StorageModel(p, 1.0).step(s, 100), 4);
}

TEST(StorageStep, RoomLimitIncludesChargeEfficiency) {
  StorageParams p = battery(100, 9);
  p.charge_efficiency = 0.9;
  StorageState s = holding(0);
  EXPECT_DOUBLE_EQ(StorageModel(p, 1.0).step(s, -100), -10);
}

TEST(StorageStep, FullCycleReturnsTheRoundTripEfficiency) {
  const StorageModel model(StorageParams::with_round_trip(10, 100, 0.81), 1.0);
  StorageState s = holding(0);
  for (int h = 0; h < 20; ++h) model.step(s, -10);
  for (int h = 0; h < 20; ++h) model.step(s, 10);
  EXPECT_DOUBLE_EQ(s.discharged_mwh / s.charged_mwh, 0.81);
}

// --- standing loss ---

StorageParams lossy() {
  StorageParams p = battery(100, 100);
  p.soc_min = 0.2;
  p.standing_loss_per_h = 0.01;
  return p;
}

TEST(StorageStep, StandingLossActsOnEnergyAboveTheFloor) {
  StorageState s = holding(60);
  StorageModel(lossy(), 1.0).step(s, 0);
  EXPECT_DOUBLE_EQ(s.energy_mwh, 20 + 40 * 0.99);
}

TEST(StorageStep, StandingLossSparesTheFloor) {
  StorageState s = holding(20);
  StorageModel(lossy(), 1.0).step(s, 0);
  EXPECT_EQ(s.energy_mwh, 20);
}

TEST(StorageStep, RetentionCompoundsOverTheStep) {
  EXPECT_DOUBLE_EQ(StorageModel(lossy(), 0.25).retention(), std::pow(0.99, 0.25));
}

TEST(StorageStep, StandingLossComesBeforeDischarge) {
  StorageState s = holding(60);
  EXPECT_DOUBLE_EQ(StorageModel(lossy(), 1.0).step(s, 1000), 40 * 0.99);
}

TEST(StorageStep, NoStandingLossMeansFullRetention) {
  EXPECT_EQ(StorageModel(battery(1, 1), 1.0).retention(), 1.0);
}

// --- the model's view of the window ---

TEST(StorageModel, FullStartIsTheCeiling) {
  StorageParams p = battery(1, 100);
  p.soc_max = 0.9;
  EXPECT_DOUBLE_EQ(StorageModel(p, 1.0).initial_energy_mwh(SocStart::kFull), 90);
}

TEST(StorageModel, EmptyStartIsTheFloor) {
  StorageParams p = battery(1, 100);
  p.soc_min = 0.1;
  EXPECT_DOUBLE_EQ(StorageModel(p, 1.0).initial_energy_mwh(SocStart::kEmpty), 10);
}

TEST(StorageModel, KeepsTheStep) { EXPECT_EQ(StorageModel(battery(1, 1), 0.25).dt_h(), 0.25); }

TEST(StorageModel, ConstructorValidates) {
  EXPECT_THROW(StorageModel(battery(-1, 1), 1.0), InputError);
}

// --- properties over long random request sequences (fixed seed, portable arithmetic) ---

struct RunStats {
  double min_energy = std::numeric_limits<double>::infinity();
  double max_energy = -std::numeric_limits<double>::infinity();
  double worst_identity_error = 0;  // |stored change - (eta_c C - D / eta_d - losses)|, per step
  double start_energy = 0;
  double end_energy = 0;
  double charged = 0;
  double discharged = 0;
  double losses = 0;
  bool power_within_limits = true;
  bool power_follows_request = true;
};

StorageParams random_battery() {
  StorageParams p;
  p.discharge_power_mw = 100;
  p.charge_power_mw = 80;
  p.energy_mwh = 400;
  p.charge_efficiency = 0.92;
  p.discharge_efficiency = 0.95;
  p.soc_min = 0.1;
  p.soc_max = 0.9;
  p.standing_loss_per_h = 0.002;
  return p;
}

RunStats random_run(const StorageParams& p, double dt_h, int steps, std::uint64_t seed) {
  const StorageModel model(p, dt_h);
  std::mt19937_64 rng(seed);
  const auto uniform = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  StorageState s = holding(model.initial_energy_mwh(SocStart::kEmpty));
  RunStats r;
  r.start_energy = s.energy_mwh;
  for (int i = 0; i < steps; ++i) {
    // Mostly moderate requests, with runs of large ones that pin the SOC at its limits.
    const double scale = (i / 500) % 3 == 0 ? 1000.0 : 150.0;
    const double request = rng() % 17 == 0 ? 0.0 : (2 * uniform() - 1) * scale;
    const StorageState before = s;
    const double loss = (before.energy_mwh - model.min_energy_mwh()) * (1 - model.retention());
    const double p_mw = model.step(s, request);
    r.min_energy = std::min(r.min_energy, s.energy_mwh);
    r.max_energy = std::max(r.max_energy, s.energy_mwh);
    r.losses += loss;
    const double charged = s.charged_mwh - before.charged_mwh;
    const double discharged = s.discharged_mwh - before.discharged_mwh;
    const double expected =
        p.charge_efficiency * charged - discharged / p.discharge_efficiency - loss;
    r.worst_identity_error =
        std::max(r.worst_identity_error, std::abs((s.energy_mwh - before.energy_mwh) - expected));
    if (p_mw > p.discharge_power_mw || p_mw < -p.charge_power_mw) r.power_within_limits = false;
    if (request >= 0 ? (p_mw < 0 || p_mw > request) : (p_mw > 0 || p_mw < request)) {
      r.power_follows_request = false;
    }
  }
  r.end_energy = s.energy_mwh;
  r.charged = s.charged_mwh;
  r.discharged = s.discharged_mwh;
  return r;
}

class StorageProperty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    run_ = new RunStats(random_run(random_battery(), 0.25, 200'000, 20240601));
  }
  static void TearDownTestSuite() { delete run_; }
  static RunStats* run_;
};
RunStats* StorageProperty::run_ = nullptr;

TEST_F(StorageProperty, NeverBelowTheSocFloor) { EXPECT_GE(run_->min_energy, 0.1 * 400 - 1e-9); }

TEST_F(StorageProperty, NeverAboveTheSocCeiling) { EXPECT_LE(run_->max_energy, 0.9 * 400 + 1e-9); }

TEST_F(StorageProperty, ReachesTheFloor) { EXPECT_NEAR(run_->min_energy, 40, 1e-6); }

TEST_F(StorageProperty, ReachesTheCeiling) { EXPECT_NEAR(run_->max_energy, 360, 1e-6); }

TEST_F(StorageProperty, PowerWithinLimits) { EXPECT_TRUE(run_->power_within_limits); }

TEST_F(StorageProperty, PowerHasTheRequestsSignAndAtMostItsSize) {
  EXPECT_TRUE(run_->power_follows_request);
}

TEST_F(StorageProperty, EnergyBalancesEveryStep) { EXPECT_LT(run_->worst_identity_error, 1e-9); }

TEST_F(StorageProperty, EnergyBalancesOverTheRun) {
  const StorageParams p = random_battery();
  const double expected = p.charge_efficiency * run_->charged -
                          run_->discharged / p.discharge_efficiency - run_->losses;
  EXPECT_NEAR(run_->end_energy - run_->start_energy, expected, 1e-6);
}

TEST(StoragePropertyOneSecondSteps, StaysInTheWindow) {
  StorageParams p = random_battery();
  p.soc_min = 0.05;
  p.soc_max = 0.95;
  const RunStats r = random_run(p, 1.0 / 3600, 200'000, 7);
  EXPECT_TRUE(r.min_energy >= 0.05 * 400 - 1e-9 && r.max_energy <= 0.95 * 400 + 1e-9);
}

// --- validate ---

std::string invalid(const StorageParams& p) {
  try {
    p.validate();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(valid)";
}

StorageParams with(void (*change)(StorageParams&)) {
  StorageParams p = battery(100, 400);
  change(p);
  return p;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(StorageValidate, DefaultsAreValid) { EXPECT_EQ(invalid(StorageParams{}), "(valid)"); }

TEST(StorageValidate, TypicalBatteryIsValid) {
  EXPECT_EQ(invalid(StorageParams::with_round_trip(100, 400, 0.85)), "(valid)");
}

TEST(StorageValidate, ZeroEnergyIsValid) { EXPECT_EQ(invalid(battery(100, 0)), "(valid)"); }

TEST(StorageValidate, NegativeDischargePower) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.discharge_power_mw = -1; })),
              StartsWith("storage discharge power"));
}

TEST(StorageValidate, NanDischargePower) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.discharge_power_mw = kNaN; })),
              StartsWith("storage discharge power"));
}

TEST(StorageValidate, NegativeChargePower) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_power_mw = -1; })),
              StartsWith("storage charge power"));
}

TEST(StorageValidate, NanChargePower) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_power_mw = kNaN; })),
              StartsWith("storage charge power"));
}

TEST(StorageValidate, NegativeEnergy) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.energy_mwh = -1; })),
              StartsWith("storage energy"));
}

TEST(StorageValidate, InfiniteEnergy) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.energy_mwh = kUnlimited; })),
              StartsWith("storage energy"));
}

TEST(StorageValidate, NanEnergy) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.energy_mwh = kNaN; })),
              StartsWith("storage energy"));
}

TEST(StorageValidate, ZeroChargeEfficiency) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_efficiency = 0; })),
              StartsWith("charge efficiency"));
}

TEST(StorageValidate, ChargeEfficiencyAboveOne) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_efficiency = 1.01; })),
              StartsWith("charge efficiency"));
}

TEST(StorageValidate, NanChargeEfficiency) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_efficiency = kNaN; })),
              StartsWith("charge efficiency"));
}

TEST(StorageValidate, ZeroDischargeEfficiency) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.discharge_efficiency = 0; })),
              StartsWith("discharge efficiency"));
}

TEST(StorageValidate, DischargeEfficiencyAboveOne) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.discharge_efficiency = 1.5; })),
              StartsWith("discharge efficiency"));
}

TEST(StorageValidate, NegativeSocMin) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.soc_min = -0.1; })), StartsWith("SOC window"));
}

TEST(StorageValidate, SocMaxAboveOne) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.soc_max = 1.1; })), StartsWith("SOC window"));
}

TEST(StorageValidate, EmptySocWindow) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.soc_min = p.soc_max = 0.5; })),
              StartsWith("SOC window"));
}

TEST(StorageValidate, InvertedSocWindow) {
  EXPECT_THAT(invalid(with([](StorageParams& p) {
                p.soc_min = 0.8;
                p.soc_max = 0.2;
              })),
              StartsWith("SOC window"));
}

TEST(StorageValidate, NanSocMin) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.soc_min = kNaN; })), StartsWith("SOC window"));
}

TEST(StorageValidate, StandingLossOfOne) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.standing_loss_per_h = 1; })),
              StartsWith("standing loss"));
}

TEST(StorageValidate, NegativeStandingLoss) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.standing_loss_per_h = -0.01; })),
              StartsWith("standing loss"));
}

TEST(StorageValidate, NanStandingLoss) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.standing_loss_per_h = kNaN; })),
              StartsWith("standing loss"));
}

TEST(StorageValidate, MessageShowsTheValue) {
  EXPECT_THAT(invalid(with([](StorageParams& p) { p.charge_efficiency = 1.5; })),
              ::testing::HasSubstr("(got 1.5)"));
}

// --- with_round_trip ---

TEST(WithRoundTrip, ChargeEfficiencyIsSqrtRte) {
  EXPECT_DOUBLE_EQ(StorageParams::with_round_trip(100, 400, 0.81).charge_efficiency, 0.9);
}

TEST(WithRoundTrip, DischargeEfficiencyIsSqrtRte) {
  EXPECT_DOUBLE_EQ(StorageParams::with_round_trip(100, 400, 0.81).discharge_efficiency, 0.9);
}

TEST(WithRoundTrip, RoundTripIsTheProduct) {
  EXPECT_DOUBLE_EQ(StorageParams::with_round_trip(100, 400, 0.85).round_trip_efficiency(), 0.85);
}

TEST(WithRoundTrip, SamePowerBothWays) {
  const StorageParams p = StorageParams::with_round_trip(100, 400, 0.85);
  EXPECT_TRUE(p.charge_power_mw == 100 && p.discharge_power_mw == 100);
}

TEST(WithRoundTrip, KeepsTheEnergy) {
  EXPECT_EQ(StorageParams::with_round_trip(100, 400, 0.85).energy_mwh, 400);
}

TEST(WithRoundTrip, FullSocWindow) {
  const StorageParams p = StorageParams::with_round_trip(100, 400, 0.85);
  EXPECT_TRUE(p.soc_min == 0 && p.soc_max == 1);
}

}  // namespace
}  // namespace ballast

#include "ballast/dynamics/sizing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

struct Case {
  workload::VectorSource source;
  TransientParams params;
};

Case random_case(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> v(3000);  // 30 s at 10 ms
  double level = 40;
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (u(rng) < 0.004) level = 10 + 40 * u(rng);
    v[k] = level + (k % 200 < 150 ? 0 : -15 * u(rng) - 5);
  }
  TransientParams p;
  p.step_us = 10'000;
  BatteryParams b;
  b.storage = StorageParams::with_round_trip(1, 1, 0.8 + 0.2 * u(rng));
  b.storage.soc_min = 0.2 * u(rng);
  b.storage.soc_max = 0.8 + 0.2 * u(rng);
  b.initial_soc =
      b.storage.soc_min + (b.storage.soc_max - b.storage.soc_min) * (0.2 + 0.6 * u(rng));
  b.inverter_lag_ms = seed % 2 == 0 ? 0 : 30 * u(rng);
  p.battery = b;
  p.control.ramp_mw_per_s = 0.5 + 3 * u(rng);
  p.control.soc.target_soc = b.initial_soc;
  p.control.soc.correction_time_s = 30 + 300 * u(rng);
  p.upstream = UpstreamKind::kNone;
  return {workload::VectorSource(v, 10'000), p};
}

TransientParams sized(TransientParams p, double power_mw, double energy_mwh) {
  p.battery->storage.discharge_power_mw = p.battery->storage.charge_power_mw = power_mw;
  p.battery->storage.energy_mwh = energy_mwh;
  return p;
}

// The sized battery works; and a coarse grid search over power and energy finds no feasible
// battery with less power or less energy than the sizing's answer.
TEST(Sizing, AgreesWithABruteForceGridSearch) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Case c = random_case(seed);
    const BatterySize s = size_battery(c.source, c.params);
    ASSERT_GT(s.power_mw, 0);
    ASSERT_GT(s.energy_mwh, 0);
    EXPECT_TRUE(check_battery(c.source, sized(c.params, s.power_mw, s.energy_mwh)).ok());
    const double big_e = 4 * s.energy_mwh, big_p = 4 * s.power_mw;
    double min_p = 1e300, min_e = 1e300;
    for (int i = 1; i <= 40; ++i) {
      const double power = big_p * i / 40.0;
      if (check_battery(c.source, sized(c.params, power, big_e)).ok())
        min_p = std::min(min_p, power);
      const double energy = big_e * i / 40.0;
      if (check_battery(c.source, sized(c.params, big_p, energy)).ok()) {
        min_e = std::min(min_e, energy);
      }
    }
    // The smallest feasible grid point is the first grid point at or above the answer.
    EXPECT_GE(min_p, s.power_mw * (1 - 1e-9)) << seed;
    EXPECT_LT(min_p, s.power_mw + big_p / 40.0 + 1e-9) << seed;
    EXPECT_GE(min_e, s.energy_mwh * (1 - 1e-6)) << seed;
    EXPECT_LT(min_e, s.energy_mwh + big_e / 40.0 + 1e-9) << seed;
    // Just below the answer fails.
    EXPECT_FALSE(check_battery(c.source, sized(c.params, s.power_mw * 0.99, s.energy_mwh)).ok());
    EXPECT_FALSE(check_battery(c.source, sized(c.params, s.power_mw, s.energy_mwh * 0.99)).ok());
  }
}

// The binding window is where the answer comes from: sizing only the trace up to its end
// gives the same energy, and the trace up to just before its peak gives less. The power is
// set at the step reported: the trace up to it needs the full power, the trace before it less.
TEST(Sizing, ReportsTheWindowThatBinds) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Case c = random_case(seed);
    c.params.battery->storage.standing_loss_per_h = 0;
    const BatterySize s = size_battery(c.source, c.params);
    EXPECT_NEAR(s.trace_s, 30.0, 1e-9);
    ASSERT_GT(s.energy_window_to_s, s.energy_window_from_s) << seed;
    ASSERT_LE(s.energy_window_to_s, s.trace_s + 1e-9);
    const double dt = c.params.dt_s();
    const auto prefix = [&](double until_s) {
      std::vector<double> v;
      c.source.rewind();
      const auto n = static_cast<std::size_t>(std::llround(until_s / dt));
      for (std::size_t k = 0; k < n; ++k) v.push_back(c.source.next_mw());
      c.source.rewind();
      return workload::VectorSource(v, 10'000);
    };
    workload::VectorSource through = prefix(s.energy_window_to_s);
    const BatterySize a = size_battery(through, c.params);
    EXPECT_NEAR(a.energy_mwh, s.energy_mwh, 1e-6 * s.energy_mwh) << seed;
    workload::VectorSource before = prefix(s.energy_window_to_s - dt);
    EXPECT_LT(size_battery(before, c.params).energy_mwh, s.energy_mwh) << seed;
    workload::VectorSource power_through = prefix(s.power_at_s);
    EXPECT_NEAR(size_battery(power_through, c.params).power_mw, s.power_mw, 1e-9 * s.power_mw);
    if (s.power_at_s > dt) {
      workload::VectorSource power_before = prefix(s.power_at_s - dt);
      EXPECT_LT(size_battery(power_before, c.params).power_mw, s.power_mw) << seed;
    }
  }
}

TEST(Sizing, StandingLossIsCoveredByBisection) {
  Case c = random_case(3);
  c.params.battery->storage.standing_loss_per_h = 0.5;
  const BatterySize s = size_battery(c.source, c.params);
  EXPECT_TRUE(check_battery(c.source, sized(c.params, s.power_mw, s.energy_mwh)).ok());
  EXPECT_FALSE(
      check_battery(c.source, sized(c.params, s.power_mw, s.energy_mwh * (1 - 1e-3))).ok());
}

TEST(Sizing, StartOnTheWindowEdgeHasNoAnswer) {
  Case c = random_case(1);
  c.params.battery->initial_soc = c.params.battery->storage.soc_max;
  EXPECT_THROW(size_battery(c.source, c.params), InfeasibleError);
}

}  // namespace
}  // namespace ballast::dynamics

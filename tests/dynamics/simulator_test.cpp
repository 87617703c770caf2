#include "ballast/dynamics/simulator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ballast/dynamics/run.h"
#include "ballast/workload/load_source.h"

namespace ballast::dynamics {
namespace {

// A training site: 50 MW computing, 20 MW communicating, 2 s iterations, plus a 60 s pause.
std::vector<double> swinging_site(std::size_t steps, double dt_s) {
  std::vector<double> v(steps);
  for (std::size_t k = 0; k < steps; ++k) {
    const double t = static_cast<double>(k) * dt_s;
    const bool pause = t > 100 && t < 160;
    v[k] = pause ? 15 : (std::fmod(t, 2.0) < 1.5 ? 50 : 20);
  }
  return v;
}

TransientParams reference(double power_mw, double energy_mwh) {
  TransientParams p;
  p.step_us = 10'000;
  BatteryParams b;
  b.storage = StorageParams::with_round_trip(power_mw, energy_mwh, 0.85);
  b.storage.soc_min = 0.1;
  b.storage.soc_max = 0.9;
  b.inverter_lag_ms = 20;
  p.battery = b;
  p.control.ramp_mw_per_s = 10.0 / 60;
  return p;
}

TEST(Simulator, WithoutBatteryUpstreamIsTheSite) {
  TransientParams p = reference(1, 1);
  p.battery.reset();
  workload::VectorSource src(swinging_site(30'000, 0.01), 10'000);
  const TransientResult r = run_transient(src, p);
  EXPECT_DOUBLE_EQ(r.kpis.upstream_max_ramp_mw_per_s, 3500);  // 50 -> 15 MW in 10 ms
  EXPECT_LT(*r.kpis.frequency_nadir_hz, 60);
  EXPECT_EQ(r.kpis.energy_balance_residual, 0);
}

// The load jumps 35 MW within one 10 ms step; through a 20 ms lag the inverter must be asked
// for 35 / (1 - e^-0.5) = 89 MW to deliver it on time, so the rating has that headroom.
TEST(Simulator, LargeBatteryKeepsTheRampLimitExactly) {
  workload::VectorSource src(swinging_site(30'000, 0.01), 10'000);
  const TransientResult r = run_transient(src, reference(100, 20));
  EXPECT_EQ(r.kpis.ramp_violations, 0u);
  EXPECT_EQ(r.kpis.battery_short_steps, 0);
  EXPECT_LE(r.kpis.upstream_max_ramp_mw_per_s, 10.0 / 60 * (1 + 1e-9) + 1e-7);
  EXPECT_GT(r.kpis.frequency_nadir_hz.value(), 59.99);
}

TEST(Simulator, TimeIsIntegerTicks) {
  workload::VectorSource src(std::vector<double>(100'000, 10.0), 1'000);
  TransientParams p = reference(10, 1);
  p.step_us = 1'000;
  std::int64_t last_us = 0;
  run_transient(src, p, {.each = [&](std::int64_t t_us, const StepState&) { last_us = t_us; }});
  EXPECT_EQ(last_us, 100'000'000);  // exactly 100 s: no summed float time
}

// Energy balance: site = upstream + battery output, and the battery's output equals the energy
// it gave up minus conversion and standing losses; checked over random runs to 1e-9 relative.
TEST(Simulator, EnergyBalanceClosesOnRandomRuns) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    TransientParams p = reference(5 + 40 * u(rng), 0.01 + 2 * u(rng));
    p.battery->storage.standing_loss_per_h = 0.05 * u(rng);
    p.battery->storage.charge_efficiency = 0.8 + 0.2 * u(rng);
    p.battery->inverter_lag_ms = 50 * u(rng);
    p.control.ramp_mw_per_s = 0.1 + 5 * u(rng);
    std::vector<double> v(50'000);
    double x = 40;
    for (double& s : v)
      s = x = std::clamp(x + (u(rng) < 0.01 ? 30 * (u(rng) - 0.5) : 0), 5.0, 80.0);
    workload::VectorSource src(v, 10'000);
    const TransientResult r = run_transient(src, p);
    ASSERT_LT(std::fabs(r.kpis.energy_balance_residual), 1e-9) << seed;
  }
}

// Property: whatever the load and however small the battery, SOC never leaves its window.
TEST(Simulator, SocNeverLeavesItsWindow) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    std::mt19937_64 rng(seed + 100);
    std::uniform_real_distribution<double> u(0, 1);
    TransientParams p = reference(1 + 30 * u(rng), 0.001 + 0.05 * u(rng));
    const double lo = 0.3 * u(rng), hi = 0.7 + 0.3 * u(rng);
    p.battery->storage.soc_min = lo;
    p.battery->storage.soc_max = hi;
    p.battery->initial_soc = lo + (hi - lo) * u(rng);
    p.control.soc.target_soc = lo + (hi - lo) * u(rng);
    p.control.soc.correction_time_s = 1 + 600 * u(rng);
    std::vector<double> v(40'000);
    for (double& s : v) s = 60 * u(rng);
    workload::VectorSource src(v, 10'000);
    run_transient(src, p, {.each = [&](std::int64_t, const StepState& s) {
                    ASSERT_GE(s.soc, lo - 1e-12);
                    ASSERT_LE(s.soc, hi + 1e-12);
                  }});
  }
}

TEST(Simulator, IslandedPlantSeesTheSwingsWithoutABattery) {
  TransientParams p = reference(1, 1);
  p.battery.reset();
  p.upstream = UpstreamKind::kIsland;
  workload::VectorSource src(swinging_site(30'000, 0.01), 10'000);
  const TransientResult r = run_transient(src, p);
  EXPECT_LT(*r.kpis.frequency_nadir_hz, 59.5);
  EXPECT_GT(*r.kpis.frequency_zenith_hz, 60.5);
}

TEST(Simulator, ChartsAreDecimatedToTheBucketCount) {
  workload::VectorSource src(swinging_site(100'000, 0.01), 10'000);
  const TransientResult r = run_transient(src, reference(100, 20), {.chart_buckets = 500});
  EXPECT_LE(r.traces.time_s.size(), 1000u);
  EXPECT_EQ(r.traces.site_mw.size(), r.traces.time_s.size());
  EXPECT_DOUBLE_EQ(*std::max_element(r.traces.site_mw.begin(), r.traces.site_mw.end()), 50);
  EXPECT_DOUBLE_EQ(*std::min_element(r.traces.site_mw.begin(), r.traces.site_mw.end()), 15);
}

}  // namespace
}  // namespace ballast::dynamics

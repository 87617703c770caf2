#include "ballast/workload/synthetic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"

namespace ballast::workload {
namespace {

SyntheticParams fifty_mw() {
  SyntheticParams p;
  p.training_gpus = 50.0 / 1.2 / 1.275 * 1000;  // 50 MW at full load and PUE 1.2
  p.step_ms = 1;
  p.duration_s = 10;
  p.jitter_ms = 0;
  return p;
}

TEST(Synthetic, SameSeedSameTrace) {
  SyntheticParams p = fifty_mw();
  p.jitter_ms = 5;
  p.failures_per_h = 100;
  SyntheticSite a(p), b(p);
  EXPECT_EQ(collect(a), collect(b));
}

TEST(Synthetic, RewindRepeatsTheTrace) {
  SyntheticParams p = fifty_mw();
  p.jitter_ms = 5;
  p.inference_gpus = 1000;
  SyntheticSite a(p);
  EXPECT_EQ(collect(a), collect(a));
}

TEST(Synthetic, OtherSeedOtherTrace) {
  SyntheticParams p = fifty_mw();
  p.jitter_ms = 5;
  SyntheticSite a(p);
  p.seed = 2;
  SyntheticSite b(p);
  EXPECT_NE(collect(a), collect(b));
}

TEST(Synthetic, PhasesReachComputeAndCommunicationLevels) {
  SyntheticSite site(fifty_mw());
  const std::vector<double> v = collect(site);
  EXPECT_NEAR(*std::max_element(v.begin(), v.end()), 50.0, 1e-9);
  EXPECT_NEAR(*std::min_element(v.begin(), v.end()), 50.0 * 0.4, 1e-9);
  // Step count from integer ticks: 10 s at 1 ms.
  EXPECT_EQ(v.size(), 10'000u);
}

TEST(Synthetic, CommunicationPhaseStartsAtComputeShare) {
  SyntheticSite site(fifty_mw());
  const std::vector<double> v = collect(site);
  // 2 s iterations, 90 % compute: full load at 1.0 s, falling edge 1.8-1.82 s, low at 1.9 s.
  EXPECT_NEAR(v[1000], 50.0, 1e-9);
  EXPECT_NEAR(v[1810], 50.0 * (0.4 + 0.6 * 0.5), 1e-9);
  EXPECT_NEAR(v[1900], 20.0, 1e-9);
}

TEST(Synthetic, PowerFloorHoldsTheDips) {
  SyntheticParams p = fifty_mw();
  p.power_floor = 0.8;
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  EXPECT_NEAR(*std::min_element(v.begin(), v.end()), 40.0, 1e-9);
}

TEST(Synthetic, GpuRampLimitBoundsEveryStep) {
  SyntheticParams p = fifty_mw();
  p.gpu_ramp_per_s = 2;  // full power in 0.5 s
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  const double max_step = 50.0 * 2 * 0.001;
  for (std::size_t k = 1; k < v.size(); ++k) {
    ASSERT_LE(std::fabs(v[k] - v[k - 1]), max_step * (1 + 1e-9)) << k;
  }
}

TEST(Synthetic, CheckpointDropsToCheckpointLevel) {
  SyntheticParams p = fifty_mw();
  p.step_ms = 100;
  p.duration_s = 200;
  p.checkpoint_every_s = 60;
  p.checkpoint_s = 10;
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  EXPECT_NEAR(v[605], 50.0 * 0.3, 1e-9);   // 60.5 s
  EXPECT_NEAR(v[1205], 50.0 * 0.3, 1e-9);  // 120.5 s
  EXPECT_GT(v[710], 19.0);                 // training again at 71 s
}

TEST(Synthetic, FailureIdlesThenRampsBack) {
  SyntheticParams p = fifty_mw();
  p.step_ms = 1000;
  p.duration_s = 4 * 3600;
  p.failures_per_h = 1;
  p.restart_s = 300;
  p.restart_ramp_s = 60;
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  // Runs of idle steps; each that ends before the trace does lasts restart_s.
  const double idle = 50.0 * 0.25;
  std::vector<std::size_t> runs;
  std::size_t run = 0;
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (std::fabs(v[k] - idle) < 1e-9) {
      ++run;
    } else if (run > 0) {
      runs.push_back(run);
      run = 0;
      // The restart ramps back: one step above idle, below full load.
      EXPECT_GT(v[k], idle);
      EXPECT_LT(v[k], 50.0 * 0.4);
    }
  }
  ASSERT_FALSE(runs.empty());  // at 1 failure an hour over 4 h (seed 1)
  // 300 s down, then the ramp back starts from idle: 301 steps at the idle level.
  for (std::size_t r : runs) EXPECT_EQ(r, 301u);
}

TEST(Synthetic, InferenceFollowsTheDailyPattern) {
  SyntheticParams p;
  p.inference_gpus = 10'000;
  p.pue = 1;
  p.inference_noise = 0;
  p.step_ms = 1000;
  p.duration_s = 86400;
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  const double full = 10'000 * 1.275 / 1000;
  EXPECT_NEAR(v[14 * 3600], full * 0.8, 1e-9);  // peak at 14:00
  EXPECT_NEAR(v[2 * 3600], full * 0.3, 1e-9);   // trough 12 h later
}

TEST(Synthetic, CoolingLagSmoothsTheOverhead) {
  SyntheticParams p = fifty_mw();
  p.cooling_lag_s = 60;
  SyntheticSite site(p);
  const std::vector<double> v = collect(site);
  // Without the lag the site swings 30 MW (IT 25 MW x PUE 1.2); with it, cooling barely moves
  // in 10 s and the site swings little more than the IT's 25 MW.
  const double swing =
      *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
  EXPECT_LT(swing, 27.0);
  EXPECT_GT(swing, 25.0);
}

TEST(Synthetic, RejectsBadParameters) {
  SyntheticParams p = fifty_mw();
  p.pue = 0.9;
  EXPECT_THROW(SyntheticSite{p}, InputError);
  p = fifty_mw();
  p.step_ms = 2000;
  EXPECT_THROW(SyntheticSite{p}, InputError);
  p = fifty_mw();
  p.edge_ms = 500;  // longer than the 200 ms communication phase
  EXPECT_THROW(SyntheticSite{p}, InputError);
}

}  // namespace
}  // namespace ballast::workload

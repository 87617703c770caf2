#include "ballast/workload/summary.h"

#include <gtest/gtest.h>

namespace ballast::workload {
namespace {

TEST(Summary, SquareWaveLevelsRampsAndSwings) {
  // 1 ms steps; 50 MW for 1.5 s, 20 MW for 0.5 s, repeated: steps of 30 MW in one step.
  std::vector<double> v;
  for (int k = 0; k < 20'000; ++k) v.push_back(k % 2000 < 1500 ? 50.0 : 20.0);
  VectorSource src(v, 1000);
  const TraceSummary s = summarize(src);
  EXPECT_EQ(s.steps, 20'000u);
  EXPECT_DOUBLE_EQ(s.peak_mw, 50);
  EXPECT_DOUBLE_EQ(s.min_mw, 20);
  EXPECT_NEAR(s.mean_mw, 42.5, 1e-9);
  EXPECT_DOUBLE_EQ(*s.fall_100ms_mw, 30);
  EXPECT_DOUBLE_EQ(*s.rise_100ms_mw, 30);
  EXPECT_DOUBLE_EQ(s.max_ramp_mw_per_s, 30'000);
  EXPECT_DOUBLE_EQ(s.p99_ramp_mw_per_s, 0);  // 19 edges in 19,999 ramps: under 1 %
  EXPECT_NEAR(s.dominant.at(0).frequency_hz, 0.5, s.spectrum_resolution_hz);
  EXPECT_GT(s.band_share, 0.9);
}

TEST(Summary, CoarseStepHasNo100msSwing) {
  VectorSource src({1, 2, 3, 4}, 1'000'000);
  const TraceSummary s = summarize(src);
  EXPECT_FALSE(s.rise_100ms_mw.has_value());
  EXPECT_DOUBLE_EQ(s.rise_1s_mw, 1);
}

}  // namespace
}  // namespace ballast::workload

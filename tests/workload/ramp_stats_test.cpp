#include "ballast/workload/ramp_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace ballast::workload {
namespace {

// The obvious O(n w) definition.
std::pair<double, double> brute_swing(const std::vector<double>& p, std::size_t w) {
  double rise = 0, fall = 0;
  for (std::size_t j = 0; j < p.size(); ++j) {
    for (std::size_t i = j >= w ? j - w : 0; i < j; ++i) {
      rise = std::max(rise, p[j] - p[i]);
      fall = std::max(fall, p[i] - p[j]);
    }
  }
  return {rise, fall};
}

TEST(WindowSwing, MatchesBruteForceOnRandomSeries) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> z(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> p(300);
    double x = 50;
    for (double& v : p) v = x += z(rng);
    const std::size_t w = 1 + static_cast<std::size_t>(trial % 40);
    WindowSwing s(w);
    for (double v : p) s.add(v);
    const auto [rise, fall] = brute_swing(p, w);
    ASSERT_DOUBLE_EQ(s.rise_mw(), rise) << trial;
    ASSERT_DOUBLE_EQ(s.fall_mw(), fall) << trial;
  }
}

TEST(WindowSwing, StepDownWithinWindow) {
  WindowSwing s(100);
  for (int k = 0; k < 50; ++k) s.add(50);
  for (int k = 0; k < 50; ++k) s.add(20);
  EXPECT_DOUBLE_EQ(s.fall_mw(), 30);
  EXPECT_DOUBLE_EQ(s.rise_mw(), 0);
}

TEST(QuantileHistogram, WithinHalfAPermilleOfTheExactOrderStatistic) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> d(0, 3);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> v(5000);
    QuantileHistogram h;
    for (double& x : v) {
      x = d(rng);
      h.add(x);
    }
    std::sort(v.begin(), v.end());
    for (double q : {0.5, 0.9, 0.99, 1.0}) {
      const auto rank = static_cast<std::size_t>(std::ceil(q * 5000.0));
      const double exact = v[rank - 1];
      ASSERT_NEAR(h.quantile(q), exact, exact * 5e-4) << q;
    }
  }
}

TEST(QuantileHistogram, ZerosAndMax) {
  QuantileHistogram h;
  for (int k = 0; k < 99; ++k) h.add(0);
  h.add(-30);
  EXPECT_EQ(h.quantile(0.99), 0);
  EXPECT_EQ(h.quantile(1.0), 30);
  EXPECT_EQ(h.max(), 30);
}

}  // namespace
}  // namespace ballast::workload

#include "ballast/plan/curtailment.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/error.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

using testing::small_grid;

TEST(Curtailment, ZeroLimitHeadroomIsTheSmallestSlack) {
  const Grid g = small_grid({50, 70, 60}, {100, 100, 100});
  EXPECT_DOUBLE_EQ(headroom_without_storage(g, 0), 30);
}

TEST(Curtailment, QuarterLimitOnFourHoursSolvedByHand) {
  // Slacks 3, 2, 1, 0: at D = 1 only the peak hour is curtailed (fully): rate = 1/4.
  const Grid g = small_grid({1, 2, 3, 4}, {4, 4, 4, 4});
  EXPECT_NEAR(headroom_without_storage(g, 0.25), 1.0, 1e-12);
}

TEST(Curtailment, SolvesInsideAnInterval) {
  // Slacks 10 and 30, pooled: for 10 < D <= 30 the rate is (1 - 10/D)/2; 0.25 -> D = 20.
  const Grid g = small_grid({90, 70}, {100, 100});
  EXPECT_NEAR(headroom_without_storage(g, 0.25), 20.0, 1e-12);
}

TEST(Curtailment, RateOfCurtailmentVectorMatchesDefinition) {
  const Grid g = small_grid({90, 70}, {100, 100});
  const std::vector<double> c = curtailment_without_storage(g, 20);
  EXPECT_DOUBLE_EQ(c[0], 10);
  EXPECT_DOUBLE_EQ(c[1], 0);
  EXPECT_DOUBLE_EQ(curtailment_rate(g, c, 20), 0.25);
}

TEST(Curtailment, RejectsLimitOfOneHundredPercent) {
  const Grid g = small_grid({90, 70}, {100, 100});
  EXPECT_THROW(headroom_without_storage(g, 1.0), Error);
}

// The closed-form sweep against a plain bisection on the rate, on many random grids.
TEST(Curtailment, SweepMatchesBisectionOnRandomGrids) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const Grid g = testing::random_grid(rng, 10 + trial % 200);
    const double limit = std::uniform_real_distribution<double>(0, 0.2)(rng);
    const auto rate = [&](double d) {
      return curtailment_rate(g, curtailment_without_storage(g, d), d);
    };
    double lo = 0, hi = 1000;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (rate(mid) <= limit ? lo : hi) = mid;
    }
    EXPECT_NEAR(headroom_without_storage(g, limit), lo, 1e-9 * std::max(1.0, lo))
        << "trial " << trial;
  }
}

// Whole megawatts over three calendar years (2020 a leap year, so the years' steps weigh
// differently): thousands of equal slacks, and slacks that share most of their bytes, for the
// sort inside the sweep. Against a plain bisection on the rate, for several limits.
TEST(Curtailment, SweepMatchesBisectionWithManyEqualSlacks) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> mw(500, 1000);
  TimeSeries s;
  s.start_s = 1577836800;  // 2020-01-01T00:00Z
  s.step_s = 3600;
  for (int h = 0; h < (366 + 365 + 365) * 24; ++h) s.values.push_back(mw(rng));
  const Grid g =
      make_grid(s, Calendar(0), {ThresholdKind::kConstant, 980}, RateMethod::kYearlyMean);
  const auto rate = [&](double d) {
    return curtailment_rate(g, curtailment_without_storage(g, d), d);
  };
  const std::vector<double> limits = {0, 0.001, 0.0025, 0.01, 0.05, 0.3};
  const std::vector<double> swept = headroom_without_storage(g, limits);
  for (std::size_t k = 0; k < limits.size(); ++k) {
    double lo = 0, hi = 1000;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (rate(mid) <= limits[k] ? lo : hi) = mid;
    }
    EXPECT_NEAR(swept[k], lo, 1e-9 * std::max(1.0, lo)) << "limit " << limits[k];
  }
}

}  // namespace
}  // namespace ballast::plan

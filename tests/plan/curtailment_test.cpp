#include "ballast/plan/curtailment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

// The sweep in the order SlackOrder promises (rooms ascending, equal rooms in time order), over
// pairs sorted by std::sort: the reference for the order SlackOrder keeps in 64-bit words or in
// (room, step) pairs.
double sorted_sweep(const Grid& g, double limit) {
  std::vector<std::pair<double, std::size_t>> rooms;
  double a = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double s = g.capacity_mw[i] - g.load.values[i];
    if (s <= 0) {
      a += g.weight[i];
    } else {
      rooms.emplace_back(s, i);
    }
  }
  std::sort(rooms.begin(), rooms.end());
  double b = 0;
  for (const auto& [room, step] : rooms) {
    if (a > limit && b / (a - limit) <= room) return b / (a - limit);
    a += g.weight[step];
    b += g.weight[step] * room;
  }
  return a > limit ? b / (a - limit) : std::numeric_limits<double>::infinity();
}

void expect_sorted_sweep(const Grid& g, const std::string& what) {
  const std::vector<double> limits = {0, 1e-4, 0.001, 0.01, 0.05, 0.2, 0.5, 0.9};
  const std::vector<double> swept = headroom_without_storage(g, limits);
  for (std::size_t k = 0; k < limits.size(); ++k) {
    EXPECT_EQ(swept[k], sorted_sweep(g, limits[k])) << what << ", limit " << limits[k];
  }
}

// Bit for bit: rooms in whole megawatts (their differing bits and the step index fit in one
// word), fractional rooms (they do not), and rooms whose differing bits span exactly 64 bits
// with the index, and one more.
TEST(Curtailment, SweepIsTheSortedSweepBitForBit) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 60; ++trial) {
    std::uniform_real_distribution<double> u(0, 1);
    const std::size_t n = 50 + trial * 37;
    std::vector<double> load(n), capacity(n);
    for (std::size_t i = 0; i < n; ++i) {
      load[i] = 20 + 80 * u(rng);
      capacity[i] = u(rng) < 0.2 ? 100 - 30 * u(rng) : 100;
      if (trial % 2 == 0) load[i] = std::round(load[i]), capacity[i] = std::round(capacity[i]);
    }
    expect_sorted_sweep(testing::small_grid(load, capacity), "trial " + std::to_string(trial));
  }
  // Rooms 1, the next double above 1 (they differ in bit 0) and 2^-128 (its exponent differs
  // from 1's in bit 59): 60 bits, and 4 bits of index for 8 steps, 5 for 16.
  const double rooms[] = {1.0, std::nextafter(1.0, 2.0), std::ldexp(1.0, -128)};
  for (const std::size_t n : {8, 16}) {
    std::vector<double> capacity(n);
    for (std::size_t i = 0; i < n; ++i) capacity[i] = rooms[(i * 5) % 3];
    expect_sorted_sweep(testing::small_grid(std::vector<double>(n, 0.0), capacity),
                        std::to_string(n) + " steps");
  }
}

}  // namespace
}  // namespace ballast::plan

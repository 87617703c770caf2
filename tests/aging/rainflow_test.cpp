// Rainflow counting: the ASTM E1049-85 worked example, and long random signals against a
// brute-force implementation of the standard's steps written here, plus invariance to
// repeated samples.

#include "ballast/aging/rainflow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <list>
#include <map>
#include <random>
#include <tuple>

namespace ballast::aging {
namespace {

std::map<double, double> by_range(const std::vector<Cycle>& cycles) {
  std::map<double, double> m;
  for (const Cycle& c : cycles) m[c.range] += c.count;
  return m;
}

// ASTM E1049-85 (2017), Fig. 6 / X1: the load history -2, 1, -3, 5, -1, 3, -4, 4, -2 counts
// range 3: 0.5, range 4: 1.5, range 6: 0.5, range 8: 1.0, range 9: 0.5 cycles.
TEST(Rainflow, AstmWorkedExample) {
  const std::vector<double> x = {-2, 1, -3, 5, -1, 3, -4, 4, -2};
  const std::map<double, double> expected = {{3, 0.5}, {4, 1.5}, {6, 0.5}, {8, 1.0}, {9, 0.5}};
  EXPECT_EQ(by_range(count_cycles(x)), expected);
}

TEST(Rainflow, AstmExampleCyclesHaveIndicesAndMeans) {
  const std::vector<double> x = {-2, 1, -3, 5, -1, 3, -4, 4, -2};
  const std::vector<Cycle> c = count_cycles(x);
  // The first range closed is -2 -> 1: a half cycle from the starting point.
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].count, 0.5);
  EXPECT_EQ(c[0].range, 3);
  EXPECT_EQ(c[0].mean, -0.5);
  EXPECT_EQ(c[0].start, 0u);
  EXPECT_EQ(c[0].end, 1u);
  // The only full cycle of range 4 is -1 -> 3 (samples 4 and 5), mean 1.
  const auto full4 =
      std::find_if(c.begin(), c.end(), [](const Cycle& y) { return y.count == 1 && y.range == 4; });
  ASSERT_NE(full4, c.end());
  EXPECT_EQ(full4->mean, 1);
  EXPECT_EQ(full4->start, 4u);
  EXPECT_EQ(full4->end, 5u);
}

TEST(Rainflow, ConstantSignalHasNoCycles) {
  EXPECT_TRUE(count_cycles(std::vector<double>(100, 0.5)).empty());
  EXPECT_TRUE(count_cycles(std::vector<double>{}).empty());
}

TEST(Rainflow, OneRampIsOneHalfCycle) {
  const std::vector<Cycle> c = count_cycles(std::vector<double>{0.2, 0.4, 0.6, 0.9});
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].count, 0.5);
  EXPECT_DOUBLE_EQ(c[0].range, 0.7);
  EXPECT_EQ(c[0].start, 0u);
  EXPECT_EQ(c[0].end, 3u);
}

// The obvious, slow reading of ASTM E1049-85 5.4.4: first list every peak and valley of the
// whole signal, then walk a linked list of points exactly as the standard's steps 1-6 say.
std::vector<Cycle> brute_force(const std::vector<double>& x) {
  struct P {
    double v;
    std::uint64_t i;
  };
  std::vector<P> rev;
  // Reversals: drop repeats, then keep the ends and every point where the slope changes sign.
  std::vector<P> dedup;
  for (std::uint64_t i = 0; i < x.size(); ++i) {
    if (dedup.empty() || dedup.back().v != x[i]) dedup.push_back({x[i], i});
  }
  for (std::size_t k = 0; k < dedup.size(); ++k) {
    if (k == 0 || k + 1 == dedup.size()) {
      rev.push_back(dedup[k]);
      continue;
    }
    const double a = dedup[k].v - dedup[k - 1].v, b = dedup[k + 1].v - dedup[k].v;
    if ((a > 0) != (b > 0)) rev.push_back(dedup[k]);
  }
  std::vector<Cycle> out;
  const auto cycle = [&](const P& a, const P& b, double n) {
    out.push_back({n, std::abs(a.v - b.v), (a.v + b.v) / 2, a.i, b.i, 0, 0});
  };
  std::list<P> pts;
  for (const P& p : rev) {
    pts.push_back(p);          // step 1: read the next peak or valley
    while (pts.size() >= 3) {  // step 2: X = last range, Y = the one before
      auto c = std::prev(pts.end()), b = std::prev(c), a = std::prev(b);
      const double X = std::abs(c->v - b->v), Y = std::abs(b->v - a->v);
      if (X < Y) break;        // step 3a
      if (a == pts.begin()) {  // step 4: Y contains the starting point -> step 5
        cycle(*a, *b, 0.5);
        pts.erase(a);
      } else {
        cycle(*a, *b, 1.0);
        pts.erase(a);
        pts.erase(b);
      }
    }
  }
  for (auto it = pts.begin(); it != pts.end() && std::next(it) != pts.end(); ++it) {
    cycle(*it, *std::next(it), 0.5);  // step 6
  }
  return out;
}

auto key(const Cycle& c) { return std::tie(c.start, c.end, c.count, c.range, c.mean); }

void expect_same(std::vector<Cycle> a, std::vector<Cycle> b) {
  const auto less = [](const Cycle& p, const Cycle& q) { return key(p) < key(q); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) ASSERT_TRUE(key(a[k]) == key(b[k])) << k;
}

TEST(Rainflow, AstmExampleMatchesBruteForce) {
  const std::vector<double> x = {-2, 1, -3, 5, -1, 3, -4, 4, -2};
  expect_same(count_cycles(x), brute_force(x));
}

TEST(Rainflow, LongRandomSignalsMatchBruteForce) {
  std::mt19937_64 rng(6);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<double> x(20000);
    // A random walk on a coarse grid, so plateaus and equal ranges (the X >= Y tie) occur.
    std::uniform_int_distribution<int> step(-3, 3);
    int level = 0;
    for (double& v : x) {
      level = std::clamp(level + step(rng), -50, 50);
      v = level * 0.01;
    }
    expect_same(count_cycles(x), brute_force(x));
  }
}

TEST(Rainflow, UniformNoiseMatchesBruteForce) {
  std::mt19937_64 rng(61);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> x(100000);
  for (double& v : x) v = u(rng);
  expect_same(count_cycles(x), brute_force(x));
}

TEST(Rainflow, RepeatingEachSampleChangesOnlyTheIndices) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> x(5000);
  for (double& v : x) v = u(rng);
  for (int k : {2, 3, 7}) {
    std::vector<double> y;
    for (double v : x) y.insert(y.end(), k, v);
    const std::vector<Cycle> a = count_cycles(x), b = count_cycles(y);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t n = 0; n < a.size(); ++n) {
      EXPECT_EQ(a[n].count, b[n].count);
      EXPECT_EQ(a[n].range, b[n].range);
      EXPECT_EQ(a[n].mean, b[n].mean);
      EXPECT_EQ(b[n].start, a[n].start * k);  // a plateau's first sample is its reversal
      EXPECT_EQ(b[n].end, a[n].end * k);
    }
  }
}

TEST(Rainflow, CountsAddUpToTheReversals) {
  // n reversals make n - 1 ranges: a full cycle uses two, a half cycle one.
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> x(10000);
  for (double& v : x) v = u(rng);
  double ranges = 0;
  for (const Cycle& c : count_cycles(x)) ranges += c.count == 1 ? 2 : 1;
  std::size_t reversals = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i == 0 || i + 1 == x.size() || (x[i] - x[i - 1]) * (x[i + 1] - x[i]) < 0) ++reversals;
  }
  EXPECT_EQ(ranges, static_cast<double>(reversals - 1));
}

TEST(Rainflow, ResidualStaysSmallOnALongBoundedSignal) {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(0, 1);
  Rainflow rf;
  std::size_t worst = 0;
  auto sink = [](const Cycle&) {};
  for (int i = 0; i < 1000000; ++i) {
    rf.push(u(rng), sink);
    worst = std::max(worst, rf.residual());
  }
  EXPECT_LT(worst, 64u);
}

}  // namespace
}  // namespace ballast::aging

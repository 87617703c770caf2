#include "timing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace ballast::ballastd {
namespace {

// The obvious way: sort everything and take the nearest rank.
double nearest_rank_us(std::vector<std::int64_t> ns, double q) {
  std::sort(ns.begin(), ns.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(ns.size())));
  return static_cast<double>(ns[std::max<std::size_t>(rank, 1) - 1]) / 1000;
}

TEST(LatencyHistogram, EmptyReportsZeros) {
  const TimingSummary s = LatencyHistogram().summary();
  EXPECT_EQ(s.count, 0);
  EXPECT_EQ(s.p99_us, 0);
}

TEST(LatencyHistogram, PercentilesMatchSortingWithinABucketOnRandomData) {
  std::mt19937_64 rng(11);
  for (int c = 0; c < 50; ++c) {
    LatencyHistogram h;
    std::vector<std::int64_t> ns;
    std::lognormal_distribution<double> d(std::log(50'000.0 + 1000.0 * c), 1.0);
    const int n = 200 + 100 * c;
    for (int i = 0; i < n; ++i) {
      const auto v = static_cast<std::int64_t>(d(rng));
      ns.push_back(v);
      h.record(v);
    }
    const TimingSummary s = h.summary();
    EXPECT_EQ(s.count, n);
    for (auto [q, got] : {std::pair{0.5, s.p50_us}, std::pair{0.99, s.p99_us}}) {
      const double want = nearest_rank_us(ns, q);
      const double bucket = want < 10'000 ? 1.0 : 1000.0;  // 1 us below 10 ms, then 1 ms
      EXPECT_NEAR(got, want, bucket) << "q " << q << " case " << c;
    }
    EXPECT_DOUBLE_EQ(s.max_us, static_cast<double>(*std::max_element(ns.begin(), ns.end())) / 1000);
  }
}

TEST(LatencyHistogram, NegativeDurationsCountAsZero) {
  LatencyHistogram h;
  h.record(-5);
  EXPECT_EQ(h.summary().count, 1);
  EXPECT_EQ(h.summary().max_us, 0);
}

}  // namespace
}  // namespace ballast::ballastd

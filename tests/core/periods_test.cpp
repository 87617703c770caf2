// Tests src/core/periods.cpp: which local periods a record covers, and the weights that make a
// per-period average, checked against sums done here step by step.

#include "ballast/core/periods.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace ballast {
namespace {

constexpr std::int64_t k2016 = 1451606400;  // 2016-01-01T00:00Z
constexpr std::int64_t kHour = 3600;

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// Hours 2016-2017 in UTC, shifted so that local (UTC-6) time starts 7 hours before 2016.
PeriodWeights ercot_like(PartialPeriods mode) {
  const std::size_t n = 8784 + 8760;  // the two whole years, in UTC
  return period_weights(k2016 - kHour, kHour, n, Calendar(-360), PeriodKind::kYear, mode);
}

TEST(PeriodWeights, WholeYearsInUtcAreAllCounted) {
  const PeriodWeights w = period_weights(k2016, kHour, 8784 + 8760, Calendar(0), PeriodKind::kYear,
                                         PartialPeriods::kDrop);
  ASSERT_EQ(w.periods.size(), 2u);
  EXPECT_TRUE(w.periods[0].full());
  EXPECT_EQ(w.periods[0].length_h, 8784);
  EXPECT_NEAR(sum(w.weight), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(w.weight[0], 0.5 / 8784);
  EXPECT_DOUBLE_EQ(w.weight.back(), 0.5 / 8760);
  EXPECT_EQ(w.partial_note(), "");
  EXPECT_FALSE(w.scaled_up());
}

TEST(PeriodWeights, DropLeavesOutTheStubs) {
  const PeriodWeights w = ercot_like(PartialPeriods::kDrop);
  // Local: 2015-12-31T17:00 .. 2017-12-31T17:00: 7 h of 2015, all of 2016, 8,753 h of 2017.
  ASSERT_EQ(w.periods.size(), 3u);
  EXPECT_EQ(w.periods[0].steps, 7u);
  EXPECT_EQ(w.periods[2].steps, 8760u - 6u - 1u);
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(w.weight[i], 0);
  EXPECT_DOUBLE_EQ(w.weight[7], 1.0 / 8784);
  EXPECT_EQ(w.weight.back(), 0);
  EXPECT_NEAR(sum(w.weight), 1.0, 1e-12);
  EXPECT_EQ(w.counted_h, 8784);
  EXPECT_EQ(w.partial_note(),
            "per-year figures leave out the partly covered years 2015 (7 h of 8,760) and 2017 "
            "(8,753 h of 8,760) (--partial-years weight counts them by the share covered)");
}

TEST(PeriodWeights, WeightCountsEachYearByItsShare) {
  const PeriodWeights w = ercot_like(PartialPeriods::kWeight);
  // A mean over periods weighted by share covered = sum over steps of x / (length of its year),
  // normalised. Check on x = 1 in 2015 only.
  const double shares = 7.0 / 8760 + 1.0 + 8753.0 / 8760;
  double in_2015 = 0;
  for (std::size_t i = 0; i < 7; ++i) in_2015 += w.weight[i];
  EXPECT_NEAR(in_2015, (7.0 / 8760) / shares, 1e-15);
  EXPECT_NEAR(sum(w.weight), 1.0, 1e-12);
  EXPECT_EQ(w.counted_h, 8784 + 8760);
}

TEST(PeriodWeights, KeepCountsAStubAsAWholeYear) {
  const PeriodWeights w = ercot_like(PartialPeriods::kKeep);
  double in_2015 = 0;
  for (std::size_t i = 0; i < 7; ++i) in_2015 += w.weight[i];
  EXPECT_NEAR(in_2015, 1.0 / 3, 1e-15);
}

TEST(PeriodWeights, AShortRecordIsOnePeriodAndScaled) {
  // 73 days inside one year.
  const PeriodWeights w = period_weights(k2016 + 100 * 24 * kHour, kHour, 73 * 24, Calendar(480),
                                         PeriodKind::kYear, PartialPeriods::kDrop);
  EXPECT_TRUE(w.no_full_period);
  EXPECT_DOUBLE_EQ(w.weight[5], 1.0 / (73 * 24));
  EXPECT_TRUE(w.scaled_up());
  EXPECT_EQ(w.scaling_note(), "per-year figures are scaled up from 73.0 days of data");
}

TEST(PeriodWeights, MonthsInLocalCivilTimeHaveDstLengths) {
  // All of 2023 in Chicago, hourly: March has 743 instants' hours, November 721.
  const Calendar c(TimeZone::named("America/Chicago"));
  const std::int64_t from = c.year_start_s(2023);
  const std::int64_t to = c.year_start_s(2024);
  const PeriodWeights w = period_weights(from, kHour, static_cast<std::size_t>((to - from) / kHour),
                                         c, PeriodKind::kMonth, PartialPeriods::kDrop);
  ASSERT_EQ(w.periods.size(), 12u);
  EXPECT_EQ(w.periods[2].length_h, 31 * 24 - 1);
  EXPECT_EQ(w.periods[10].length_h, 30 * 24 + 1);
  for (const PeriodCoverage& p : w.periods) EXPECT_TRUE(p.full()) << p.label();
  EXPECT_EQ(w.record_h, 8760);
}

TEST(PartialPeriods, ParsesItsNames) {
  EXPECT_EQ(parse_partial_periods("weight"), PartialPeriods::kWeight);
  EXPECT_EQ(to_string(PartialPeriods::kKeep), "keep");
  EXPECT_FALSE(parse_partial_periods("Drop").has_value());
}

}  // namespace
}  // namespace ballast

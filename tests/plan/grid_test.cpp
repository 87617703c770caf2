#include "ballast/plan/grid.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "ballast/core/error.h"

namespace ballast::plan {
namespace {

// Two years of hourly load: 100 MW, except one July hour (300) and one January hour (200)
// and one April hour (250) per year.
TimeSeries two_years() {
  TimeSeries s;
  s.start_s = 1609459200;  // 2021-01-01T00:00Z
  s.values.assign(2 * 8760, 100.0);
  s.values[24 * 190] = 300;        // 2021-07-10
  s.values[24 * 10] = 200;         // 2021-01-11
  s.values[24 * 100] = 250;        // 2021-04-11
  s.values[8760 + 24 * 20] = 180;  // 2022-01-21
  return s;
}

TEST(Grid, SeasonalThresholdUsesSummerPeakForAprilToOctober) {
  const Grid g = make_grid(two_years(), Calendar(0), {}, RateMethod::kYearlyMean);
  EXPECT_EQ(g.summer_peak_mw, 300);
  EXPECT_EQ(g.threshold_mw[24 * 100], 300);  // April
}

TEST(Grid, SeasonalThresholdUsesWinterPeakForNovemberToMarch) {
  const Grid g = make_grid(two_years(), Calendar(0), {}, RateMethod::kYearlyMean);
  EXPECT_EQ(g.winter_peak_mw, 200);
  EXPECT_EQ(g.threshold_mw[24 * 330], 200);  // late November
}

TEST(Grid, CapacityNeverFallsBelowTodaysLoad) {
  TimeSeries s = two_years();
  s.values[24 * 60] = 260;  // a March hour above the winter peak of 200
  const Grid g = make_grid(s, Calendar(0), {}, RateMethod::kYearlyMean);
  EXPECT_EQ(g.threshold_mw[24 * 60], 200);
  EXPECT_EQ(g.capacity_mw[24 * 60], 260);
}

TEST(Grid, YearlyMeanWeightsSumToOneAndSplitEvenlyByYear) {
  const Grid g = make_grid(two_years(), Calendar(0), {}, RateMethod::kYearlyMean);
  EXPECT_NEAR(std::accumulate(g.weight.begin(), g.weight.end(), 0.0), 1.0, 1e-12);
  EXPECT_NEAR(g.weight[0], 1.0 / (2 * 8760), 1e-18);
}

TEST(Grid, LocalCalendarMovesHoursAcrossTheYearBoundary) {
  // At UTC-6 the record's first 6 hours (from 2021-01-01T00:00Z, 2020-12-31T18:00 local) are
  // 2020, and local 2022 misses its last 6: both partial years, left out of per-year figures.
  const Grid g = make_grid(two_years(), Calendar(-6 * 60), {}, RateMethod::kYearlyMean);
  EXPECT_FALSE(g.counted[5]);
  EXPECT_TRUE(g.counted[6]);
  EXPECT_TRUE(g.counted[6 + 8759]);
  EXPECT_FALSE(g.counted[6 + 8760]);
  EXPECT_DOUBLE_EQ(g.counted_years, 8760.0 / 8766.0);  // years of 8,766 h
}

TEST(Grid, SeasonalNeedsSummerAndWinterData) {
  TimeSeries s;
  s.start_s = 1609459200;
  s.values.assign(24 * 30, 100.0);  // January only
  EXPECT_THROW(make_grid(s, Calendar(0), {}, RateMethod::kYearlyMean), InputError);
}

// A load that is not a finite number is refused, at its time, whatever front end made the series
// (the CSV reader refuses it at its cell before; a C++ or Python caller's series reaches here).
TEST(Grid, RefusesANonFiniteLoadAtItsTime) {
  for (const double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    TimeSeries s = two_years();
    s.step_s = 3600;
    s.values[30] = bad;  // 2021-01-02T06:00Z, 01:00 at UTC-5
    try {
      make_grid(s, Calendar(-300), {}, RateMethod::kYearlyMean);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("2021-01-02T01:00:00-05:00 (step 30)"),
                std::string::npos)
          << e.what();
      EXPECT_NE(std::string(e.what()).find(std::isnan(bad) ? "is NaN" : "is infinite"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(Grid, SelectYearKeepsOneLocalYear) {
  const TimeSeries y = select_year(two_years(), Calendar(0), 2022);
  EXPECT_EQ(y.size(), 8760u);
  EXPECT_EQ(y.values[24 * 20], 180);
}

TEST(Grid, SelectYearRejectsAYearOutsideTheRecord) {
  EXPECT_THROW(select_year(two_years(), Calendar(0), 2019), InputError);
}

TEST(Grid, LoadFactorIsMeanOverPeak) {
  const Grid g = make_grid(two_years(), Calendar(0), {ThresholdKind::kPeak}, RateMethod::kPooled);
  EXPECT_NEAR(g.load_factor(), g.mean_mw / 300.0, 1e-15);
}

}  // namespace
}  // namespace ballast::plan

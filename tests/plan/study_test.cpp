// The planning studies in-process: the same numbers as the lower-level library calls, requests
// from field text, and bad requests refused.

#include <gtest/gtest.h>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/headroom_study.h"
#include "ballast/plan/size_study.h"
#include "ballast/plan/steady_study.h"

namespace ballast::plan {
namespace {

Grid pjm(Threshold threshold) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  auto s = read_time_series_csv(
      std::string(BALLAST_DATA_DIR) + "/eia930/PJM_2016-2024_hourly_utc.csv", o);
  return make_grid(s.series, Calendar(-300), threshold, RateMethod::kYearlyMean);
}

TEST(HeadroomStudy, EqualsTheExactHeadroomWithoutStorage) {
  HeadroomRequest q;
  HeadroomRequest::fields().set_text(q, "grid=pjm");
  HeadroomRequest::fields().set_text(q, "curtailment=0.5%,1");
  const HeadroomResult r = run(q);
  const Grid g = pjm({ThresholdKind::kSeasonal});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(r.rows[0].headroom_mw, headroom_without_storage(g, 0.005));
  EXPECT_DOUBLE_EQ(r.rows[1].headroom_mw, headroom_without_storage(g, 0.01));
  EXPECT_FALSE(r.storage);
  EXPECT_EQ(to_json(r)["results"][0]["curtailment_limit_pct"], 0.5);
}

TEST(HeadroomStudy, StorageShorthandAndEfficiencyOverride) {
  HeadroomRequest q;
  HeadroomRequest::fields().set_text(q, "storage=1GW/4GWh@90%");
  HeadroomRequest::fields().set_text(q, "efficiency=0.8");
  HeadroomRequest::fields().set_text(q, "curtailment=0");
  HeadroomRequest::fields().set_text(q, "year=2023");
  const HeadroomResult r = run(q);
  ASSERT_TRUE(r.storage);
  EXPECT_NEAR(r.storage->params.round_trip_efficiency(), 0.8, 1e-12);
  EXPECT_EQ(r.storage->params.energy_mwh, 4000);
  EXPECT_DOUBLE_EQ(r.rows[0].headroom_mw, headroom(r.grid.grid, 0, r.storage));
}

TEST(HeadroomStudy, InMemorySeriesIsTheSameAsTheFile) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  auto s = read_time_series_csv(
      std::string(BALLAST_DATA_DIR) + "/eia930/PJM_2016-2024_hourly_utc.csv", o);
  HeadroomRequest from_file, in_memory;
  HeadroomRequest::fields().set_text(from_file, "grid=PJM");
  in_memory.load.series = s.series;
  in_memory.load.utc_offset_h = -5;
  EXPECT_EQ(to_json(run(from_file))["results"], to_json(run(in_memory))["results"]);
}

TEST(HeadroomStudy, BadRequestsAreInputErrors) {
  HeadroomRequest q;
  q.aging.aging = "xu2018";
  EXPECT_THROW(run(q), InputError);  // aging without storage
  HeadroomRequest p;
  p.storage.storage_mw = 10;
  EXPECT_THROW(run(p), InputError);  // power without energy
  EXPECT_THROW(HeadroomRequest::fields().set_text(p, "curtailment=100"), InputError);
}

TEST(SizeStudy, EqualsTheSizingFunction) {
  SizeRequest q;
  SizeRequest::fields().set_text(q, "cap_mw=140GW");
  SizeRequest::fields().set_text(q, "grid=PJM");
  const SizeResult r = run(q);
  const Grid g = pjm({ThresholdKind::kConstant, 140000});
  const SizingResult want = min_storage_energy(
      g, g.threshold_mw, 0, StorageParams::with_round_trip(kUnlimited, 0, kDefaultRoundTrip),
      SocStart::kCyclic);
  EXPECT_DOUBLE_EQ(r.sized.energy_mwh, want.energy_mwh);
  EXPECT_DOUBLE_EQ(r.sized.power_mw, want.power_mw);
}

TEST(SizeStudy, SweepNeedsPowersAndExcludesACap) {
  SizeRequest q;
  q.hours = {1, 2};
  EXPECT_THROW(run(q), InputError);
  q.power_mw = {1000};
  q.cap_mw = 1;
  EXPECT_THROW(run(q), InputError);
  SizeRequest none;
  EXPECT_THROW(run(none), InputError);
}

TEST(SteadyStudy, CurveStartsAtOneAndRises) {
  SteadyRequest q;
  SteadyRequest::fields().set_text(q, "hours=0,8,2");
  SteadyRequest::fields().set_text(q, "grid=NEVP");
  const SteadyResult r = run(q);
  ASSERT_EQ(r.curve.points.size(), 3u);
  EXPECT_DOUBLE_EQ(r.curve.points[0].storage_hours, 0);  // sorted
  EXPECT_DOUBLE_EQ(r.curve.points[0].energy_multiplier, 1);
  EXPECT_GT(r.curve.points[2].energy_multiplier, r.curve.points[1].energy_multiplier);
}

}  // namespace
}  // namespace ballast::plan

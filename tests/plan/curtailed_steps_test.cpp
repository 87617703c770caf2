// The fast route to a headroom table's statistics (SlackOrder::curtailed: the steps a new load is
// curtailed at, from the sorted slack, and curtailment_stats over those steps alone) against the
// obvious one: every step's curtailment and one pass over every step, written out here as it
// stood before the fast route. Compared bit for bit, on random multi-year grids with partial
// years and on PJM's record.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/event_stats.h"
#include "ballast/plan/headroom.h"

namespace ballast::plan {
namespace {

// Every statistic by one pass over every step (the reference).
CurtailmentStats every_step(const Grid& g, double d, const std::vector<double>& c) {
  CurtailmentStats s;
  const double dt = g.step_h(), years = g.counted_years, eps = 1e-6 * std::max(1.0, d);
  double mwh = 0, winter = 0, hours = 0, k50 = 0, k75 = 0, k90 = 0, run = 0, steps = 0, rate = 0;
  int events = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    rate += g.weight[i] * c[i];
    if (!g.counted[i]) {
      run = 0;
      continue;
    }
    steps += 1;
    mwh += c[i] * dt;
    if (g.winter[i]) winter += c[i] * dt;
    if (c[i] > eps) {
      hours += dt;
      const double kept = 1.0 - c[i] / d;
      k50 += kept >= 0.5 ? dt : 0;
      k75 += kept >= 0.75 ? dt : 0;
      k90 += kept >= 0.9 ? dt : 0;
      if (run == 0) ++events;
      run += dt;
      s.max_event_h = std::max(s.max_event_h, run);
    } else {
      run = 0;
    }
  }
  s.curtailment_rate = d > 0 ? rate / d : 0;
  s.curtailed_hours_per_year = hours / years;
  s.mean_event_h = events > 0 ? hours / events : 0;
  s.hours_kept_50_per_year = k50 / years;
  s.hours_kept_75_per_year = k75 / years;
  s.hours_kept_90_per_year = k90 / years;
  s.winter_share = mwh > 0 ? winter / mwh : 0;
  s.summer_share = mwh > 0 ? 1.0 - s.winter_share : 0;
  const double served = (d * steps * dt - mwh) / years;
  s.new_energy_twh_per_year = served * 1e-6;
  s.energy_multiplier = 1.0 + served / g.energy_mwh_per_year();
  return s;
}

void expect_same(const Grid& g, const SlackOrder& order, double d, const std::string& where) {
  SCOPED_TRACE(where + ", D = " + std::to_string(d));
  const std::vector<double> c = curtailment_without_storage(g, d);
  std::vector<CurtailedStep> slow;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] != 0) slow.push_back({i, c[i]});
  }
  const std::vector<CurtailedStep> fast = order.curtailed(d);
  ASSERT_EQ(fast.size(), slow.size());
  for (std::size_t k = 0; k < fast.size(); ++k) {
    ASSERT_EQ(fast[k].step, slow[k].step) << k;
    ASSERT_EQ(fast[k].mw, slow[k].mw) << k;
  }
  const CurtailmentStats a = curtailment_stats(g, d, fast), b = every_step(g, d, c);
  const CurtailmentStats from_vector = curtailment_stats(g, d, c);
  for (const CurtailmentStats* s : {&a, &from_vector}) {
    EXPECT_EQ(s->curtailment_rate, b.curtailment_rate);
    EXPECT_EQ(s->curtailed_hours_per_year, b.curtailed_hours_per_year);
    EXPECT_EQ(s->mean_event_h, b.mean_event_h);
    EXPECT_EQ(s->max_event_h, b.max_event_h);
    EXPECT_EQ(s->hours_kept_50_per_year, b.hours_kept_50_per_year);
    EXPECT_EQ(s->hours_kept_75_per_year, b.hours_kept_75_per_year);
    EXPECT_EQ(s->hours_kept_90_per_year, b.hours_kept_90_per_year);
    EXPECT_EQ(s->winter_share, b.winter_share);
    EXPECT_EQ(s->summer_share, b.summer_share);
    EXPECT_EQ(s->new_energy_twh_per_year, b.new_energy_twh_per_year);
    EXPECT_EQ(s->energy_multiplier, b.energy_multiplier);
  }
}

// Two to three years of hourly load from a random start (partial first and last years), with
// whole-megawatt loads (many steps tie) or fractional ones (where load + D - capacity rounds
// above zero at D equal to a step's slack), and every rule for partial years.
TEST(CurtailedSteps, SameStepsAndStatisticsAsEveryStepOnRandomGrids) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  const PartialPeriods rules[] = {PartialPeriods::kDrop, PartialPeriods::kWeight,
                                  PartialPeriods::kKeep};
  for (int trial = 0; trial < 30; ++trial) {
    TimeSeries s;
    s.start_s = 1577836800 + static_cast<std::int64_t>(u(rng) * 365) * 86400;  // in 2020
    s.step_s = 3600;
    const std::size_t n = 17520 + static_cast<std::size_t>(u(rng) * 8760);
    for (std::size_t i = 0; i < n; ++i) {
      const double daily = 0.5 + 0.3 * std::sin(static_cast<double>(i % 24) / 24.0 * 6.283);
      const double mw = 1000 * (daily + 0.2 * u(rng));
      s.values.push_back(trial % 4 < 2 ? std::round(mw) : mw);
    }
    const RateMethod method = trial % 2 == 0 ? RateMethod::kYearlyMean : RateMethod::kPooled;
    const Grid g = make_grid(s, Calendar(-300), {}, method, rules[trial % 3]);
    const SlackOrder order(g);
    std::vector<double> loads = {0, 0.5, 1, 10, 1e9};
    for (const double limit : {0.0, 0.001, 0.01, 0.05, 0.3}) loads.push_back(order.headroom(limit));
    for (int k = 0; k < 40; ++k) {  // a step's slack exactly: the boundary of the curtailed set
      const std::size_t i = static_cast<std::size_t>(u(rng) * static_cast<double>(n));
      loads.push_back(g.capacity_mw[i] - g.load.values[i]);
    }
    for (const double d : loads) expect_same(g, order, d, "trial " + std::to_string(trial));
  }
}

TEST(CurtailedSteps, SameStepsAndStatisticsAsEveryStepOnPjm) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  TimeSeries s = read_time_series_csv(
                     std::string(BALLAST_DATA_DIR) + "/eia930/PJM_2016-2024_hourly_utc.csv", o)
                     .series;
  const Grid g = make_grid(std::move(s), Calendar(TimeZone::named("America/New_York")), {},
                           RateMethod::kYearlyMean);
  const SlackOrder order(g);
  for (const double limit : {0.0025, 0.005, 0.01, 0.05}) {
    expect_same(g, order, order.headroom(limit), "PJM");
  }
  // The table reports the statistics of the same steps.
  const std::vector<HeadroomRow> rows = headroom_table(g, {0.01}, std::nullopt);
  EXPECT_EQ(rows[0].stats.curtailed_hours_per_year,
            every_step(g, rows[0].headroom_mw, curtailment_without_storage(g, rows[0].headroom_mw))
                .curtailed_hours_per_year);
}

}  // namespace
}  // namespace ballast::plan

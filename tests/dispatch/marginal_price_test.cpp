// The marginal price of each period (the dual of its balance row), on cases whose price is
// derived by hand: the cost of the unit that serves one more MWh of demand in that period.

#include <gtest/gtest.h>

#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/dispatch_report.h"
#include "ballast/dispatch/summary.h"
#include "support/scenarios.h"

namespace ballast::dispatch {
namespace {

using testing::generator;
using testing::scenario;
using testing::store;

// Merit order: 30 MW is served by the cheap unit (10/MWh, 50 MW), 80 MW needs the expensive
// one (40/MWh) at the margin. Neither unit is at a bound, so each price is unique.
TEST(MarginalPrice, IsTheCostOfTheMarginalUnit) {
  Scenario s = scenario({30, 80});
  s.generators = {generator("cheap", 50, {10, 10}), generator("dear", 100, {40, 40})};
  const DispatchResult r = run_dispatch(s, {});
  ASSERT_EQ(r.marginal_price_per_mwh.size(), 2u);
  EXPECT_NEAR(r.marginal_price_per_mwh[0], 10, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[1], 40, 1e-6);
}

// Per MWh whatever the step: half-hour periods give the same prices as hours.
TEST(MarginalPrice, IsPerMwhForAnyStep) {
  Scenario s = scenario({30, 80});
  s.demand.step_s = 1800;
  s.generators = {generator("cheap", 50, {10, 10}), generator("dear", 100, {40, 40})};
  const DispatchResult r = run_dispatch(s, {});
  EXPECT_NEAR(r.marginal_price_per_mwh[0], 10, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[1], 40, 1e-6);
}

// An ideal store that starts empty: period 1's extra MWh can only come from the grid at 10;
// period 2's at the grid price 1; period 3's is bought at 1 in period 2 and stored (the store
// is neither empty nor full then), so it also costs 1.
TEST(MarginalPrice, StorageCarriesTheCheapPriceForward) {
  Scenario s = scenario({5, 5, 20});
  s.generators = {generator("grid", 1000, {10, 1, 10})};
  s.storage = {store(100, 100, 0.0)};
  const DispatchResult r = run_dispatch(s, {});
  EXPECT_NEAR(r.marginal_price_per_mwh[0], 10, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[1], 1, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[2], 1, 1e-6);
}

// A rolling horizon of one period a window: each period's own LP prices it at its grid price.
TEST(MarginalPrice, FilledForEveryWindowOfARollingHorizon) {
  Scenario s = scenario({30, 80, 30});
  s.generators = {generator("cheap", 50, {10, 10, 10}), generator("dear", 100, {40, 40, 40})};
  const DispatchResult r = run_dispatch(s, {.window_periods = 1, .step_periods = 1});
  EXPECT_EQ(r.windows, 3u);
  EXPECT_NEAR(r.marginal_price_per_mwh[0], 10, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[1], 40, 1e-6);
  EXPECT_NEAR(r.marginal_price_per_mwh[2], 10, 1e-6);
}

// The per-period CSV carries the price as its last column.
TEST(MarginalPrice, IsTheLastColumnOfTheCsv) {
  Scenario s = scenario({30, 80});
  s.generators = {generator("cheap", 50, {10, 10}), generator("dear", 100, {40, 40})};
  const std::string csv = dispatch_csv(s, run_dispatch(s, {}));
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(header.substr(header.rfind(',') + 1), "marginal_price_per_mwh");
  const auto last = [](const std::string& line) {
    return std::stod(line.substr(line.rfind(',') + 1));
  };
  const std::size_t row1 = csv.find('\n') + 1;
  const std::size_t row2 = csv.find('\n', row1) + 1;
  EXPECT_NEAR(last(csv.substr(row1, row2 - row1 - 1)), 10, 1e-6);
  EXPECT_NEAR(last(csv.substr(row2, csv.find('\n', row2) - row2)), 40, 1e-6);
}

// The JSON summarizes the prices: 10 and 40 by merit order, then 200 MW of demand against 150 MW
// of units sheds 50 MW, so the third period is priced at the value of lost load (1000 here).
TEST(MarginalPrice, JsonSummaryOfHandDerivedPrices) {
  Scenario s = scenario({30, 80, 200});
  s.value_of_lost_load_per_mwh = 1000;
  s.generators = {generator("cheap", 50, {10, 10, 10}), generator("dear", 100, {40, 40, 40})};
  const DispatchResult r = run_dispatch(s, {});
  const nlohmann::ordered_json j = dispatch_json(s, r, summarize(s, r))["marginal_price"];
  EXPECT_NEAR(j["mean_per_mwh"].get<double>(), (10 + 40 + 1000) / 3.0, 1e-6);
  EXPECT_NEAR(j["demand_weighted_mean_per_mwh"].get<double>(),
              (30 * 10 + 80 * 40 + 200 * 1000) / 310.0, 1e-6);
  EXPECT_NEAR(j["min_per_mwh"].get<double>(), 10, 1e-6);
  EXPECT_NEAR(j["max_per_mwh"].get<double>(), 1000, 1e-6);
  EXPECT_EQ(j["value_of_lost_load_per_mwh"].get<double>(), 1000);
  EXPECT_EQ(j["hours_at_value_of_lost_load"].get<double>(), 1);
  EXPECT_EQ(j["hours_at_or_below_zero"].get<double>(), 0);
}

// Half-hour periods count half an hour each; a must-take surplus (demand 0 with a unit whose
// minimum output is forced) prices the period at zero or below.
TEST(MarginalPrice, SummaryCountsHoursNotPeriods) {
  const PriceSummary p = summarize_price({-5, 0, 20, 1000}, {1, 1, 1, 1}, 0.5, 1000);
  EXPECT_DOUBLE_EQ(p.hours_at_or_below_zero, 1.0);
  EXPECT_DOUBLE_EQ(p.hours_at_value_of_lost_load, 0.5);
  EXPECT_DOUBLE_EQ(p.mean_per_mwh, (-5 + 0 + 20 + 1000) / 4.0);
  EXPECT_DOUBLE_EQ(p.min_per_mwh, -5);
}

// No demand at all: no demand-weighted mean (null in the JSON), not 0.
TEST(MarginalPrice, NoDemandWeightedMeanWithoutDemand) {
  EXPECT_FALSE(summarize_price({10, 10}, {0, 0}, 1, 1000).demand_weighted_mean_per_mwh);
  Scenario s = scenario({0, 0});
  s.generators = {generator("cheap", 50, {10, 10})};
  const DispatchResult r = run_dispatch(s, {});
  EXPECT_TRUE(dispatch_json(s, r, summarize(s, r))["marginal_price"]["demand_weighted_mean_per_mwh"]
                  .is_null());
}

}  // namespace
}  // namespace ballast::dispatch

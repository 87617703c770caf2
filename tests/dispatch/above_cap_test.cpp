// Issue 12 item 7: with a thermal cap below today's load peak, `--above-cap serve` (the
// default) makes dispatch's max_new_load count as `ballast headroom` does (today's load always
// served, the new load curtailed above the cap), and `shave` makes storage shave today's load
// too.

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "ballast/core/error.h"
#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/dispatch_study.h"
#include "ballast/plan/headroom.h"
#include "support/grids.h"
#include "support/scenarios.h"

namespace ballast::dispatch {
namespace {

using testing::generator;
using testing::scenario;

TEST(DispatchAboveCap, TheDefaultEqualsPlanHeadroomWithCapsBelowTheLoadPeak) {
  std::mt19937 rng(71);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 25; ++trial) {
    const std::size_t n = 24 + trial % 48;
    std::vector<double> load(n);
    for (double& l : load) l = 30 + 70 * u(rng);
    const double peak = *std::max_element(load.begin(), load.end());
    const double cap = peak * (0.8 + 0.15 * u(rng));  // below today's peak
    const StorageParams p = testing::random_storage(rng);
    const double limit = 0.02 * (trial % 3);

    // headroom: capacity = max(cap, today's load) in every step (plan::make_grid's rule).
    const plan::Grid grid = testing::small_grid(load, std::vector<double>(n, cap));
    const double expected = plan::headroom(grid, limit, plan::StorageOption{p, SocStart::kCyclic});

    Scenario s = scenario(load);
    s.generators = {generator("fleet", 10 * peak, {1})};
    s.thermal_cap_mw = cap;
    dispatch::StorageUnit unit;
    unit.name = "store";
    unit.params = p;
    s.storage = {unit};
    // Options as the CLI makes them by default: one default for both commands.
    const DispatchResult r =
        run_dispatch(s, {.objective = Objective::kMaxNewLoad,
                         .new_load_allowance = limit,
                         .above_cap = parse_above_cap(DispatchRequest{}.above_cap)});
    EXPECT_NEAR(r.objective_value, expected, 1e-6 * std::max(1.0, expected)) << "trial " << trial;
  }
}

// Load [50, 120, 50] under a cap of 100 with a lossless 30 MW / 30 MWh store starting full
// (no end condition), x[t] its discharge: the fleet gives load + D - x[t].
TEST(DispatchAboveCap, ShaveMakesStorageCoverTodaysLoadAboveTheCap) {
  Scenario s = scenario({50, 120, 50});
  s.generators = {generator("fleet", 1000, {1})};
  s.thermal_cap_mw = 100;
  dispatch::StorageUnit unit;
  unit.name = "store";
  unit.params = StorageParams::with_round_trip(30, 30, 1.0);
  unit.initial_soc = 1.0;
  s.storage = {unit};
  // serve: period 1's cap is today's need, 120: 120 + D - x1 <= 120, x1 <= 30 -> D = 30.
  const DispatchResult serve =
      run_dispatch(s, {.objective = Objective::kMaxNewLoad, .above_cap = AboveCap::kServe});
  EXPECT_NEAR(serve.objective_value, 30, 1e-6);
  // shave: 120 + D - x1 <= 100, x1 <= 30 -> D = 10.
  const DispatchResult shave =
      run_dispatch(s, {.objective = Objective::kMaxNewLoad, .above_cap = AboveCap::kShave});
  EXPECT_NEAR(shave.objective_value, 10, 1e-6);
  EXPECT_EQ(parse_above_cap("serve"), AboveCap::kServe);
  EXPECT_EQ(DispatchOptions{}.above_cap, AboveCap::kServe);
  EXPECT_THROW(parse_above_cap("both"), InputError);
}

}  // namespace
}  // namespace ballast::dispatch

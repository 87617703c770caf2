// Warm starts change how fast the LPs are solved, never their optima: every objective warm
// against cold (two stages from scratch), rolling windows from the shifted basis against cold
// windows, and a sequence of LPs reusing one solver against each solved on its own.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "ballast/core/error.h"
#include "ballast/dispatch/dispatch.h"
#include "support/scenarios.h"

namespace ballast::dispatch {
namespace {

using testing::generator;
using testing::scenario;
using testing::store;

// Two generators (one ramp-limited), a must-run base and two stores on random demand and prices.
Scenario random_case(std::mt19937& rng, std::size_t n) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> demand(n), price(n);
  for (std::size_t t = 0; t < n; ++t) {
    demand[t] = 60 + 30 * std::sin(6.283 * static_cast<double>(t) / 24) + 20 * u(rng);
    price[t] = 20 + 60 * u(rng);
  }
  Scenario s = scenario(demand);
  s.generators = {generator("grid", 200, price), generator("base", 40, {5}),
                  generator("peaker", 60, {90})};
  s.generators[1].must_run = true;
  s.generators[1].min_stable_mw = 20 * u(rng);
  s.generators[0].ramp_up_mw_per_min = 0.5 + u(rng);
  s.generators[0].ramp_down_mw_per_min = 0.5 + u(rng);
  s.storage = {store(15 + 20 * u(rng), 60 + 100 * u(rng), std::nullopt),
               store(10 + 10 * u(rng), 40 + 40 * u(rng), 0.5)};
  s.storage[0].params.charge_efficiency = 0.85 + 0.1 * u(rng);
  s.storage[0].params.discharge_efficiency = 0.9;
  s.storage[1].name = "second";
  s.storage[1].params.standing_loss_per_h = 0.002;
  return s;
}

double rel(double a) { return 1e-6 * std::max(1.0, std::abs(a)); }

TEST(DispatchWarmStart, EveryObjectiveWarmEqualsTwoColdStages) {
  std::mt19937 rng(41);
  for (int trial = 0; trial < 8; ++trial) {
    const Scenario s = random_case(rng, 72 + 24 * (trial % 3));
    for (Objective o :
         {Objective::kCost, Objective::kPeak, Objective::kFlat, Objective::kMaxNewLoad}) {
      const DispatchResult warm = run_dispatch(s, {.objective = o, .new_load_allowance = 0.01});
      const DispatchResult cold =
          run_dispatch(s, {.objective = o, .new_load_allowance = 0.01, .warm_start = false});
      const std::string what = "trial " + std::to_string(trial) + " " + to_string(o);
      EXPECT_NEAR(warm.objective_value, cold.objective_value, rel(cold.objective_value)) << what;
      // The second stage: least cost with the first objective held.
      EXPECT_NEAR(warm.cost, cold.cost, rel(cold.cost)) << what;
      EXPECT_EQ(warm.stage_s.size(), o == Objective::kCost ? 1u : 2u) << what;
    }
  }
}

TEST(DispatchWarmStart, RollingWindowsFromTheShiftedBasisEqualColdWindows) {
  std::mt19937 rng(43);
  for (int trial = 0; trial < 6; ++trial) {
    const Scenario s = random_case(rng, 24 * 7);
    for (Objective o : {Objective::kCost, Objective::kPeak}) {
      const DispatchOptions warm_options{.objective = o, .window_periods = 48, .step_periods = 24};
      DispatchOptions cold_options = warm_options;
      cold_options.warm_start = false;
      const DispatchResult warm = run_dispatch(s, warm_options);
      const DispatchResult cold = run_dispatch(s, cold_options);
      const std::string what = "trial " + std::to_string(trial) + " " + to_string(o);
      ASSERT_EQ(warm.windows, 6u) << what;  // windows start at 0, 24, ..., 120
      EXPECT_NEAR(warm.objective_value, cold.objective_value, rel(cold.objective_value)) << what;
      EXPECT_NEAR(warm.cost, cold.cost, rel(cold.cost)) << what;
    }
  }
}

// A sweep over the first store's energy and power: one solver for all, the same optima as each
// case solved alone.
TEST(DispatchWarmStart, ASequenceOfLpsEqualsEachSolvedAlone) {
  std::mt19937 rng(47);
  const Scenario base = random_case(rng, 96);
  std::vector<Scenario> variants;
  for (int k = 0; k < 8; ++k) {
    Scenario v = base;
    v.storage[0].params.energy_mwh = 20 + 30 * k;
    v.storage[0].params.discharge_power_mw = 5 + 4 * k;
    v.storage[0].params.charge_power_mw = 5 + 4 * k;
    variants.push_back(v);
  }
  // One variant with another efficiency changes a coefficient: a fresh solver, same answer.
  variants[5].storage[0].params.charge_efficiency = 0.8;
  const std::vector<DispatchResult> seq = run_dispatch_sequence(variants, {});
  ASSERT_EQ(seq.size(), variants.size());
  double previous = 0;
  for (std::size_t k = 0; k < variants.size(); ++k) {
    const DispatchResult alone = run_dispatch(variants[k], {.warm_start = false});
    EXPECT_NEAR(seq[k].cost, alone.cost, rel(alone.cost)) << "variant " << k;
    EXPECT_NEAR(seq[k].objective_value, alone.objective_value, rel(alone.objective_value));
    if (k > 0 && k != 5 && k != 6) {
      // More storage never costs more (same efficiency as the case before).
      EXPECT_LE(seq[k].cost, previous + rel(previous)) << "variant " << k;
    }
    previous = seq[k].cost;
  }
}

TEST(DispatchWarmStart, AnExpiredTimeLimitSaysWhatToDo) {
  std::mt19937 rng(53);
  const Scenario s = random_case(rng, 48);
  DispatchOptions o{.objective = Objective::kPeak};
  o.solver.time_limit_s = 1e-12;
  try {
    run_dispatch(s, o);
    FAIL() << "expected the time limit to stop the run";
  } catch (const InfeasibleError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("--time-limit-s"), std::string::npos) << what;
    EXPECT_NE(what.find("raise the limit"), std::string::npos) << what;
  }
}

// An iteration limit (the same stop as the time limit, without a clock): the first stage of a
// real LP cannot finish in one iteration, and no feasible dispatch is reported as one.
TEST(DispatchWarmStart, AnLpStoppedBeforeFeasibilityIsAnErrorNotAnAnswer) {
  std::mt19937 rng(59);
  const Scenario s = random_case(rng, 96);
  DispatchOptions o{.objective = Objective::kCost};
  o.solver.iteration_limit = 1;
  o.solver.method = lp::Method::kDual;
  EXPECT_THROW(run_dispatch(s, o), InfeasibleError);
}

}  // namespace
}  // namespace ballast::dispatch

#include "ballast/lp/solver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "ballast/core/error.h"

namespace ballast::lp {
namespace {

// A random feasible, bounded LP: min c.x over a box with rows lb <= a.x <= ub built around a
// random interior point x0 (so the model is feasible by construction). Costs are drawn from a
// few values so that many optima tie (a real test of lexicographic stages).
Model random_lp(std::mt19937& rng, int vars, int rows) {
  std::uniform_real_distribution<double> u(0, 1);
  Model m;
  std::vector<double> x0(vars);
  for (int j = 0; j < vars; ++j) {
    const double lo = -5 * u(rng), hi = 5 * u(rng) + 0.1;
    x0[j] = lo + (hi - lo) * u(rng);
    m.add_variable(lo, hi, std::floor(4 * u(rng)) - 1);
  }
  for (int i = 0; i < rows; ++i) {
    std::vector<Term> terms;
    double at_x0 = 0;
    for (int j = 0; j < vars; ++j) {
      if (u(rng) < 0.3) {
        const double a = std::round(20 * u(rng) - 10);
        if (a == 0) continue;
        terms.emplace_back(j, a);
        at_x0 += a * x0[j];
      }
    }
    const double kind = u(rng);
    const double lb = kind < 0.3 ? -kInf : at_x0 - 3 * u(rng);
    const double ub = kind > 0.7 ? kInf : at_x0 + 3 * u(rng);
    m.add_row(lb, ub, terms);
  }
  return m;
}

double dot(const std::vector<double>& c, const std::vector<double>& x) {
  double s = 0;
  for (std::size_t j = 0; j < c.size(); ++j) s += c[j] * x[j];
  return s;
}

TEST(LpSolver, WarmResolveAfterBoundAndCostChangesEqualsAColdSolve) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 20; ++trial) {
    Model m = random_lp(rng, 30 + trial, 20 + trial);
    Solver warm(m);
    ASSERT_EQ(warm.solve().status, Status::kOptimal) << trial;
    // Bounds only (dual simplex), then costs only (primal simplex), then both.
    for (int round = 0; round < 3; ++round) {
      Model changed = m;
      for (int k = 0; k < 5; ++k) {
        const int j = static_cast<int>(u(rng) * m.variables());
        if (round != 1) {
          // Narrow the box around its middle, so it keeps the random interior point's region.
          const double lo = -4 * u(rng), hi = 4 * u(rng) + 0.2;
          warm.set_variable_bounds(j, lo, hi);
          changed.set_variable_bounds(j, lo, hi);
        }
        if (round != 0) {
          const double c = std::round(6 * u(rng) - 3);
          warm.set_objective_coefficient(j, c);
          changed.set_objective_coefficient(j, c);
        }
      }
      const Solution a = warm.solve();
      const Solution b = changed.solve();
      ASSERT_EQ(a.status, b.status) << "trial " << trial << " round " << round;
      if (b.status == Status::kOptimal) {
        EXPECT_NEAR(a.objective, b.objective, 1e-7 * std::max(1.0, std::abs(b.objective)))
            << "trial " << trial << " round " << round;
      }
      m = changed;
    }
  }
}

TEST(LpSolver, AnOptimalBasisRestartsWithoutIterations) {
  std::mt19937 rng(9);
  const Model m = random_lp(rng, 60, 40);
  Solver first(m);
  const Solution a = first.solve();
  ASSERT_EQ(a.status, Status::kOptimal);
  Solver second(m);
  second.set_basis(first.basis());
  const Solution b = second.solve();
  ASSERT_EQ(b.status, Status::kOptimal);
  EXPECT_EQ(second.stats().iterations, 0);
  EXPECT_NEAR(a.objective, b.objective, 1e-9 * std::max(1.0, std::abs(a.objective)));
}

// The warm lexicographic solve against two cold stages built by hand: solve, add the row
// c.x <= optimum (+ tolerance), minimise the second cost from scratch.
TEST(LpSolver, LexicographicEqualsTwoColdStages) {
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 20; ++trial) {
    const Model m = random_lp(rng, 40, 30);
    std::vector<double> primary(m.variables()), secondary(m.variables());
    // A one-variable first objective in half the trials (held by a bound), a row otherwise.
    for (int j = 0; j < m.variables(); ++j) {
      primary[j] = trial % 2 == 0 ? (j == 3 ? 1.0 : 0.0) : std::floor(3 * u(rng)) - 1;
      secondary[j] = std::round(10 * u(rng) - 5);
    }
    Model first_stage = m;
    for (int j = 0; j < m.variables(); ++j) first_stage.set_objective_coefficient(j, primary[j]);
    const Solution cold1 = first_stage.solve();
    ASSERT_EQ(cold1.status, Status::kOptimal) << trial;
    Model second_stage = m;
    std::vector<Term> row;
    for (int j = 0; j < m.variables(); ++j) {
      second_stage.set_objective_coefficient(j, secondary[j]);
      if (primary[j] != 0) row.emplace_back(j, primary[j]);
    }
    second_stage.add_row(-kInf, cold1.objective + 1e-9 * std::max(1.0, std::abs(cold1.objective)),
                         row);
    const Solution cold2 = second_stage.solve();
    ASSERT_EQ(cold2.status, Status::kOptimal) << trial;

    Solver warm(first_stage);
    const Solution lex = warm.solve_lexicographic(secondary);
    ASSERT_EQ(lex.status, Status::kOptimal) << trial;
    EXPECT_NEAR(lex.objective, cold1.objective, 1e-9 * std::max(1.0, std::abs(cold1.objective)));
    EXPECT_NEAR(dot(primary, lex.x), cold1.objective,
                1e-7 * std::max(1.0, std::abs(cold1.objective)));
    EXPECT_NEAR(dot(secondary, lex.x), cold2.objective,
                1e-7 * std::max(1.0, std::abs(cold2.objective)))
        << trial;
    // The Model's own lexicographic solve goes through the same solver.
    const Solution via_model = first_stage.solve_lexicographic(secondary);
    EXPECT_NEAR(dot(secondary, via_model.x), cold2.objective,
                1e-7 * std::max(1.0, std::abs(cold2.objective)));
  }
}

TEST(LpSolver, LexicographicMaximisationHoldsTheLowerSide) {
  // max x + y s.t. x + y <= 4, 0 <= x, y <= 3; then min 2x + y among x + y = 4: x = 1, y = 3.
  Model m;
  const int x = m.add_variable(0, 3, 1);
  const int y = m.add_variable(0, 3, 1);
  m.add_row(-kInf, 4, {{x, 1}, {y, 1}});
  m.set_sense(Sense::kMaximize);
  Solver s(m);
  const Solution r = s.solve_lexicographic({2, 1});
  ASSERT_EQ(r.status, Status::kOptimal);
  EXPECT_NEAR(r.objective, 4, 1e-9);
  EXPECT_NEAR(r.x[x], 1, 1e-7);
  EXPECT_NEAR(r.x[y], 3, 1e-7);
}

TEST(LpSolver, EveryMethodFindsTheSameOptimum) {
  std::mt19937 rng(21);
  const Model m = random_lp(rng, 80, 60);
  const Solution reference = m.solve();
  ASSERT_EQ(reference.status, Status::kOptimal);
  for (Method method : {Method::kAuto, Method::kDual, Method::kPrimal, Method::kBarrier}) {
    Solver s(m, {.method = method});
    const Solution r = s.solve();
    ASSERT_EQ(r.status, Status::kOptimal) << to_string(method);
    EXPECT_TRUE(r.feasible);
    EXPECT_NEAR(r.objective, reference.objective,
                1e-6 * std::max(1.0, std::abs(reference.objective)))
        << to_string(method);
  }
}

TEST(LpSolver, OptionsAreParsedAndCheckedOrRefused) {
  EXPECT_EQ(parse_method("barrier"), Method::kBarrier);
  EXPECT_EQ(parse_method("dual"), Method::kDual);
  EXPECT_EQ(to_string(parse_method("primal")), "primal");
  EXPECT_THROW(parse_method("simplex"), InputError);
  EXPECT_NO_THROW(validate({.threads = 1, .time_limit_s = 0.5}));
  EXPECT_THROW(validate({.threads = 2}), InputError);  // CLP here cannot use a second thread
  EXPECT_THROW(validate({.threads = 0}), InputError);
  EXPECT_THROW(validate({.time_limit_s = 0.0}), InputError);
  EXPECT_THROW(validate({.time_limit_s = std::nan("")}), InputError);
  EXPECT_THROW(validate({.iteration_limit = -1}), InputError);
}

TEST(LpSolver, AnIterationLimitStopsTheSolveAndSaysSo) {
  std::mt19937 rng(33);
  const Model m = random_lp(rng, 150, 120);
  Solver full(m);
  const Solution optimum = full.solve();
  ASSERT_EQ(optimum.status, Status::kOptimal);
  ASSERT_GT(full.stats().iterations, 3);  // so that 2 iterations cannot finish it
  Solver limited(m, {.method = Method::kDual, .iteration_limit = 2});
  const Solution stopped = limited.solve();
  EXPECT_EQ(stopped.status, Status::kLimit);
  EXPECT_EQ(stopped.x.size(), static_cast<std::size_t>(m.variables()));
}

TEST(LpSolver, AnExpiredTimeLimitStopsBeforeSolving) {
  std::mt19937 rng(34);
  const Model m = random_lp(rng, 100, 80);
  // A limit far below what building the solver takes: it is over before the first iteration.
  Solver s(m, {.time_limit_s = 1e-12});
  const Solution r = s.solve();
  EXPECT_EQ(r.status, Status::kLimit);
  EXPECT_LT(*s.seconds_left(), 0);
}

TEST(LpSolver, ASecondStageStoppedEarlyKeepsAFeasiblePoint) {
  // The second stage starts from the first stage's optimum, which satisfies every row, and the
  // primal simplex keeps feasibility: stopped after one iteration, the point is still feasible.
  std::mt19937 rng(35);
  const Model m = random_lp(rng, 120, 90);
  std::vector<double> secondary(m.variables());
  std::uniform_real_distribution<double> u(0, 1);
  for (double& c : secondary) c = std::round(10 * u(rng) - 5);
  Solver s(m);
  const Solution first = s.solve();
  ASSERT_EQ(first.status, Status::kOptimal);
  Solver limited(m, {.iteration_limit = 1});
  limited.set_basis(s.basis());
  const Solution again = limited.solve();  // optimal basis: 0 iterations
  ASSERT_EQ(again.status, Status::kOptimal);
  const Solution second = limited.solve_second_stage(again, secondary);
  if (second.status == Status::kLimit) {
    EXPECT_TRUE(second.feasible);
  } else {
    EXPECT_EQ(second.status, Status::kOptimal);  // one iteration was enough
  }
}

}  // namespace
}  // namespace ballast::lp

// Capacity expansion against facts derived without it: the screening-curve closed form on real
// load, zero profit at the LP's prices, a brute-force grid of fixed-fleet dispatches, and
// today's dispatch when nothing may be built.

#include "ballast/expand/expansion.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/dispatch/dispatch.h"
#include "ballast/expand/expand_study.h"
#include "ballast/plan/sizing.h"
#include "support/grids.h"
#include "support/scenarios.h"

namespace ballast::expand {
namespace {

// ERCOT's real hourly demand (EIA-930, data/README.md), local year `year` (UTC-6).
TimeSeries ercot_year(int year) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  const TimeSeries all =
      read_time_series_csv(std::string(BALLAST_DATA_DIR) + "/eia930/ERCO_2016-2024_hourly_utc.csv",
                           o)
          .series;
  return select_year(all, Calendar(-360), year);
}

TimeSeries first_hours(TimeSeries s, std::size_t n) {
  s.values.resize(n);
  return s;
}

// Costs whose annual cost per MW is exactly `per_mw_year`: one year of life at rate 0.
Costs annual(double per_mw_year) { return {per_mw_year / 1000, 0, 1}; }

GeneratorCandidate thermal(std::string name, double per_mw_year, double cost_per_mwh) {
  GeneratorCandidate g;
  g.name = std::move(name);
  g.costs = annual(per_mw_year);
  g.variable_cost_per_mwh = cost_per_mwh;
  g.availability = {1};
  return g;
}

TEST(CapitalRecovery, TextbookAnnuityFactors) {
  // 7 % over 20 years: 0.0943929 (standard annuity tables); rate 0: straight line.
  EXPECT_NEAR(capital_recovery_factor(0.07, 20), 0.0943929, 1e-7);
  EXPECT_NEAR(capital_recovery_factor(0.10, 10), 0.1627454, 1e-7);
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0, 25), 0.04);
}

// Screening curves: with thermal candidates only (no storage, no ramps) on hourly load, the
// least-cost build serves each horizontal slice of the load duration curve with the technology
// cheapest for that slice's hours of use (the lower envelope F + v h), unserved energy being a
// technology with no fixed cost at the value of lost load.
TEST(Expansion, ScreeningCurveClosedFormOnErcot2023) {
  ExpansionCase c;
  c.system.demand = ercot_year(2023);
  c.system.calendar = Calendar(-360);
  c.system.value_of_lost_load_per_mwh = 2000;
  c.discount_rate = 0;
  c.generators = {thermal("base", 400000, 20), thermal("mid", 150000, 50),
                  thermal("peak", 60000, 100)};
  // The dual simplex: the closed form is a vertex, and ERCOT's whole-MW hourly loads tie at the
  // breakpoints, where the barrier's interior optimum mixes equally cheap builds (a year of
  // hours would otherwise take the barrier under kAuto).
  ExpansionOptions o{.baseline = false};
  o.solver.method = lp::Method::kDual;
  const ExpansionResult r = solve_expansion(c, o);

  std::vector<double> l = c.system.demand.values;
  std::sort(l.begin(), l.end(), std::greater<>());
  const double years = static_cast<double>(l.size()) / 8760;
  double total = 0;
  std::vector<double> capacity(c.generators.size(), 0);
  for (std::size_t k = 0; k < l.size(); ++k) {
    const double width = l[k] - (k + 1 < l.size() ? l[k + 1] : 0.0);
    const double hours = static_cast<double>(k + 1);  // slice used in the k+1 highest hours
    double best = 2000 * hours;                       // unserved
    int pick = -1;
    for (std::size_t i = 0; i < c.generators.size(); ++i) {
      const double f = c.generators[i].costs.capex_per_kw * 1000 * years;
      const double cost = f + c.generators[i].variable_cost_per_mwh * hours;
      if (cost < best) {
        best = cost;
        pick = static_cast<int>(i);
      }
    }
    total += width * best;
    if (pick >= 0) capacity[pick] += width;
  }
  EXPECT_NEAR(r.cost.total() * r.years, total, 1e-6 * total);
  for (std::size_t i = 0; i < capacity.size(); ++i) {
    EXPECT_NEAR(r.built[i].power_mw, capacity[i], 1e-6 * l[0]) << c.generators[i].name;
  }
  EXPECT_GT(capacity[0], 0);  // every regime present, so the test can fail for each
  EXPECT_GT(capacity[1], 0);
  EXPECT_GT(capacity[2], 0);
}

// A week of ERCOT load (scaled to ~100 MW) with an existing base plant and a dear peaker.
ExpansionCase small_case(std::size_t hours, double base_mw) {
  ExpansionCase c;
  c.system.demand = first_hours(ercot_year(2023), hours);
  const double peak =
      *std::max_element(c.system.demand.values.begin(), c.system.demand.values.end());
  for (double& v : c.system.demand.values) v *= 100 / peak;
  c.system.calendar = Calendar(-360);
  c.system.value_of_lost_load_per_mwh = 3000;
  c.system.generators = {testing::generator("base", base_mw, {25}),
                         testing::generator("peaker", 40, {180})};
  c.discount_rate = 0.07;
  return c;
}

StorageCandidate battery(double per_kw, double per_kwh) {
  StorageCandidate s;
  s.name = "battery";
  s.power = {per_kw, 0, 15};
  s.energy = {per_kwh, 0, 15};
  s.charge_efficiency = s.discharge_efficiency = std::sqrt(0.85);
  return s;
}

// At the optimum, each candidate built strictly inside its bounds earns at the LP's prices
// exactly its variable, capital and fixed costs (LP duality: the capacity's reduced cost is
// zero), for random costs on real load.
TEST(Expansion, ZeroProfitOfInteriorBuildsOnRandomCases) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  int interior = 0;
  for (int trial = 0; trial < 6; ++trial) {
    ExpansionCase c = small_case(24 * 7, 55 + 15 * u(rng));
    c.storage = {battery(50 + 150 * u(rng), 20 + 60 * u(rng))};
    c.storage[0].standing_loss_per_h = trial % 2 ? 0.001 : 0;
    c.generators = {thermal("ct", 20000 + 40000 * u(rng), 70 + 40 * u(rng)),
                    thermal("cc", 60000 + 60000 * u(rng), 35 + 15 * u(rng))};
    c.generators[1].availability = {0.9};
    if (trial % 3 == 0) c.generators[1].ramp_pct_per_min = 0.5;
    c.load.mw.assign(c.system.periods(), 10 + 10 * u(rng));
    const ExpansionResult r = solve_expansion(c, {.baseline = false});
    for (const BuiltAsset& b : r.built) {
      if (b.at_bound) continue;
      ++interior;
      const double fixed = b.capital_per_year + b.fixed_om_per_year;
      EXPECT_NEAR(b.profit_per_year, 0, 1e-6 * fixed) << "trial " << trial << " " << b.name;
    }
  }
  EXPECT_GE(interior, 6);  // enough interior builds for the test to mean something
}

// The barrier without crossover (the study's default; chained capacity copies, no presolve)
// reaches the simplex's optimum on random cases with storage and generators.
TEST(Expansion, BarrierWithoutCrossoverReachesTheSimplexOptimum) {
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 4; ++trial) {
    ExpansionCase c = small_case(24 * 7, 55 + 15 * u(rng));
    c.storage = {battery(50 + 150 * u(rng), 20 + 60 * u(rng))};
    c.generators = {thermal("ct", 20000 + 40000 * u(rng), 70 + 40 * u(rng)),
                    thermal("cc", 60000 + 60000 * u(rng), 35 + 15 * u(rng))};
    c.generators[1].ramp_pct_per_min = 0.5;
    c.load.mw.assign(c.system.periods(), 10 + 10 * u(rng));
    const ExpansionResult simplex = solve_expansion(c, {.baseline = false});
    ExpansionOptions barrier{.baseline = false};
    barrier.solver.method = lp::Method::kBarrier;
    barrier.solver.crossover = false;
    const ExpansionResult interior = solve_expansion(c, barrier);
    EXPECT_NEAR(interior.cost.total(), simplex.cost.total(), 1e-7 * simplex.cost.total())
        << "trial " << trial;
  }
}

// With aging, each built store's wear comes from its state of charge over the horizon: the
// equivalent full cycles are the energy moved in and out of the store over twice its size,
// derived here from the net power and the efficiencies, over exactly the horizon's periods.
TEST(Expansion, AgingWearsEachBuiltStoreByItsStateOfCharge) {
  ExpandRequest q;
  q.case_data = small_case(24 * 7, 70);
  q.case_data->storage = {battery(20, 5)};
  q.case_data->load.mw.assign(q.case_data->system.periods(), 15);
  q.aging.aging = "xu2018";
  const ExpandStudyResult r = run(q);
  const BuiltAsset& b = r.variants[0].result.built[0];
  ASSERT_GT(b.energy_mwh, 1);  // the cheap store is built
  ASSERT_EQ(r.wear.size(), 1u);
  const double eta = std::sqrt(0.85);
  double moved = 0;  // MWh into and out of the store itself
  for (double p : b.output_mw) moved += p > 0 ? p / eta : -p * eta;
  EXPECT_NEAR(r.wear[0].wear.equivalent_full_cycles, moved / (2 * b.energy_mwh),
              1e-6 * moved / b.energy_mwh);
  EXPECT_EQ(r.wear[0].wear.duration_s, 24 * 7 * 3600.0);
  EXPECT_GT(r.wear[0].wear.full_cycles + r.wear[0].wear.half_cycles, 0);
  EXPECT_NE(to_json(r).dump().find("\"aging\""), std::string::npos);
}

// Every point of a grid over storage power and energy, solved as a fixed-fleet dispatch and
// charged its annualised cost, costs at least the expansion optimum; the best grid point is
// within one grid step of the optimum's size.
TEST(Expansion, BruteForceStorageGridNeverBeatsTheOptimum) {
  ExpansionCase c = small_case(24 * 7, 70);
  c.storage = {battery(120, 40)};
  c.load.mw.assign(c.system.periods(), 15);
  const ExpansionResult best = solve_expansion(c, {.baseline = false});
  const double optimum = best.cost.total() * best.years;
  const double p_opt = best.built[0].power_mw, e_opt = best.built[0].energy_mwh;
  ASSERT_GT(p_opt, 0);
  ASSERT_GT(e_opt, 0);

  const double years = c.years();
  const double dp = 5, de = 20;
  double grid_best = 1e300, p_best = 0, e_best = 0;
  for (double p = 0; p <= 60; p += dp) {
    for (double e = 0; e <= 300; e += de) {
      dispatch::Scenario s = c.system;
      s.new_loads = {{"new", c.load.mw, 0}};
      if (p > 0 && e > 0) {
        dispatch::StorageUnit unit;
        unit.name = "battery";
        unit.params = StorageParams::with_round_trip(p, e, 0.85);
        s.storage = {unit};
      }
      const dispatch::DispatchResult d = dispatch::run_dispatch(s, {});
      const double fixed = years * (p * annual_cost_per_mw(c.storage[0].power, c.discount_rate) +
                                    e * annual_cost_per_mw(c.storage[0].energy, c.discount_rate));
      const double total = d.cost + fixed;
      EXPECT_GE(total, optimum * (1 - 1e-9)) << "P " << p << " E " << e;
      if (total < grid_best) {
        grid_best = total;
        p_best = p;
        e_best = e;
      }
    }
  }
  EXPECT_LE(std::abs(p_best - p_opt), dp) << "grid best P " << p_best << ", LP " << p_opt;
  EXPECT_LE(std::abs(e_best - e_opt), de) << "grid best E " << e_best << ", LP " << e_opt;
}

// With only a storage candidate priced by its energy and the thermal fleet capped at today's
// peak, the least-cost build is the least storage energy that hosts the new load: what
// `ballast size` finds with plan::min_storage_energy (a backward recursion, not an LP), on
// weeks of real load for several new loads.
TEST(Expansion, StorageOnlyUnderACapAgreesWithSize) {
  for (const double share : {0.04, 0.08, 0.12}) {
    for (const std::size_t week : {0, 26}) {
      ExpansionCase c;
      TimeSeries load = ercot_year(2023);
      load.values.erase(load.values.begin(), load.values.begin() + 24 * 7 * week);
      load.values.resize(24 * 7);
      const double peak = *std::max_element(load.values.begin(), load.values.end());
      c.system.demand = load;
      c.system.calendar = Calendar(-360);
      c.system.generators = {testing::generator("fleet", 10 * peak, {0})};
      c.system.thermal_cap_mw = peak;
      c.discount_rate = 0;
      c.storage = {battery(0, 1)};
      const double d = share * peak;
      c.load.mw.assign(load.values.size(), d);
      const ExpansionResult r = solve_expansion(c, {.baseline = false});

      const plan::Grid grid =
          testing::small_grid(load.values, std::vector<double>(load.size(), peak));
      const plan::SizingResult size = plan::min_storage_energy(
          grid, grid.capacity_mw, d, StorageParams::with_round_trip(10 * peak, 1, 0.85),
          SocStart::kCyclic);
      EXPECT_NEAR(r.built[0].energy_mwh, size.energy_mwh, 1e-6 * size.energy_mwh)
          << "new load " << d << " MW, week " << week;
      EXPECT_GT(size.energy_mwh, 0);
    }
  }
}

// With every candidate held at zero, the expansion is today's dispatch with the new load.
TEST(Expansion, ZeroBuildEqualsTodaysDispatchWithTheNewLoad) {
  ExpansionCase c = small_case(24 * 7, 70);
  c.system.storage = {testing::store(10, 40, std::nullopt)};
  c.storage = {battery(100, 30)};
  c.storage[0].max_power_mw = c.storage[0].max_energy_mwh = 0;
  c.generators = {thermal("ct", 30000, 90)};
  c.generators[0].max_mw = 0;
  c.load.mw.assign(c.system.periods(), 20);
  const ExpansionResult r = solve_expansion(c);
  dispatch::Scenario s = c.system;
  s.new_loads = {{"new", c.load.mw, 0}};
  const dispatch::DispatchResult d = dispatch::run_dispatch(s, {});
  EXPECT_NEAR(r.cost.total() * r.years, d.cost + d.wear_cost, 1e-6 * d.cost);
  for (std::size_t t = 0; t < s.periods(); ++t) {
    EXPECT_NEAR(r.dispatch.generation_mw[0][t], d.generation_mw[0][t], 1e-6) << t;
  }
  EXPECT_EQ(r.built[0].power_mw, 0);
  EXPECT_EQ(r.built[1].power_mw, 0);
}

// The marginal price is the cost of one more MWh: 25 while the base plant has room, 180 when
// the peaker runs (a case small enough to check by hand).
TEST(Expansion, PricesAreTheMarginalCostOfEnergy) {
  ExpansionCase c;
  c.system = testing::scenario({50, 80, 120});
  c.system.generators = {testing::generator("base", 100, {25}),
                         testing::generator("peaker", 40, {180})};
  const ExpansionResult r = solve_expansion(c, {.baseline = false});
  EXPECT_NEAR(r.price_per_mwh[0], 25, 1e-9);
  EXPECT_NEAR(r.price_per_mwh[1], 25, 1e-9);
  EXPECT_NEAR(r.price_per_mwh[2], 180, 1e-9);
  EXPECT_EQ(duration_curve(r.price_per_mwh), (std::vector<double>{180, 25, 25}));
}

// A firm new load that nothing can serve: the message names the balance and the period.
TEST(Expansion, InfeasibleSaysWhichConstraintAndWhen) {
  ExpansionCase c;
  c.system = testing::scenario({10, 10, 10});
  c.system.generators = {testing::generator("base", 100, {25})};
  c.generators = {thermal("ct", 30000, 90)};
  c.generators[0].max_mw = 5;
  c.load.mw = {10, 200, 10};
  try {
    solve_expansion(c);
    FAIL() << "expected InfeasibleError";
  } catch (const InfeasibleError& e) {
    const std::string what = e.what();
    // The least relaxation is 95 MW in the period of the 200 MW load: of the balance, or of
    // the candidate's capacity (as cheap); either names its family and that period.
    const bool family = what.find("the energy balance (supply = demand) at 2021-01-01T01:00") !=
                            std::string::npos ||
                        what.find(
                            "the available capacity of generator candidate 'ct' at "
                            "2021-01-01T01:00") != std::string::npos;
    EXPECT_TRUE(family) << what;
    EXPECT_NE(what.find("(by 95)"), std::string::npos) << what;
  }
}

// A flexible new load with a value per MWh not served: curtailed exactly when serving costs
// more than the value. In the third period 95 + 10 MW exceed the base plant's 100 MW: the last
// 5 MW would come from the peaker at 180 > 150, so they are curtailed and the price is 150.
TEST(Expansion, FlexibleLoadIsCurtailedAboveItsValue) {
  ExpansionCase c;
  c.system = testing::scenario({50, 80, 95});
  c.system.generators = {testing::generator("base", 100, {25}),
                         testing::generator("peaker", 40, {180})};
  c.load.mw = {10, 10, 10};
  c.load.value_per_mwh = 150;
  const ExpansionResult r = solve_expansion(c, {.baseline = false});
  EXPECT_NEAR(r.new_load_served_mw[0], 10, 1e-9);
  EXPECT_NEAR(r.new_load_served_mw[2], 5, 1e-9);
  EXPECT_NEAR(r.price_per_mwh[1], 25, 1e-9);
  EXPECT_NEAR(r.price_per_mwh[2], 150, 1e-9);
  EXPECT_NEAR(r.new_load_unserved_mwh_per_year * r.years, 5, 1e-9);
}

}  // namespace
}  // namespace ballast::expand

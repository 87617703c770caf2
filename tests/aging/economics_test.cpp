// Economics against present values computed by hand.

#include "ballast/aging/economics.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"

namespace ballast::aging {
namespace {

EconomicInputs base() {
  EconomicInputs in;
  in.currency = "USD";
  in.power_mw = 10;
  in.energy_mwh = 25;
  in.capex_per_kw = 100;         // 10 000 kW -> 1e6
  in.capex_per_kwh = 200;        // 25 000 kWh -> 5e6
  in.fixed_om_per_kw_year = 10;  // 1e5 a year
  in.variable_om_per_mwh = 2;
  in.discount_rate = 0.1;
  in.lifetime_years = 2;
  in.discharged_mwh_per_year = 5000;  // variable O&M 1e4 a year
  in.end_of_life = EndOfLife::kNone;
  return in;
}

// PV cost = 6e6 + 1.1e5 / 1.1 + 1.1e5 / 1.21 = 6 190 909.09;
// PV energy = 5000 / 1.1 + 5000 / 1.21 = 8677.686 MWh; LCOS = 713.4286 per MWh.
TEST(Economics, NpvAndLcosWithoutFade) {
  const EconomicResult r = evaluate(base(), {1, 1});
  EXPECT_DOUBLE_EQ(r.capex, 6e6);
  EXPECT_NEAR(r.pv_cost, 6190909.0909, 1e-3);
  EXPECT_NEAR(r.pv_discharged_mwh, 8677.6860, 1e-3);
  EXPECT_NEAR(r.lcos_per_mwh.value(), 713.4285714, 1e-6);
  EXPECT_NEAR(r.npv, -6190909.0909, 1e-3);
  EXPECT_EQ(r.currency, "USD");
}

// With 1000 MWh/yr of new energy unlocked: PV = 1000/1.1 + 1000/1.21 = 1735.537;
// cost per new MWh = 6 190 909.09 / 1735.537 = 3567.14.
TEST(Economics, CostPerNewMwh) {
  EconomicInputs in = base();
  in.new_energy_mwh_per_year = 1000;
  EXPECT_NEAR(evaluate(in, {1, 1}).cost_per_new_mwh.value(), 3567.1429, 1e-3);
}

// Not known is none, not 0: no new energy given, no cost per new MWh; nothing discharged, no
// levelised cost.
TEST(Economics, NoCostPerMwhWithoutTheMwh) {
  EXPECT_FALSE(evaluate(base(), {1, 1}).cost_per_new_mwh);
  EconomicInputs idle = base();
  idle.discharged_mwh_per_year = 0;
  EXPECT_FALSE(evaluate(idle, {1, 1}).lcos_per_mwh);
}

// Capacity 0.9 after year 1 and 0.79 after year 2 (below 0.8): replaced at the end of year 2
// for 25 000 kWh x 100 = 2.5e6. Year capacities: (1+0.9)/2 = 0.95, (0.9+0.79)/2 = 0.845, then
// a new battery: 0.95. Revenue 1e6 a year at nameplate.
TEST(Economics, ReplacementAtEndOfLife) {
  EconomicInputs in = base();
  in.lifetime_years = 3;
  in.end_of_life = EndOfLife::kReplace;
  in.replacement_per_kwh = 100;
  in.revenue_per_year = 1e6;
  const EconomicResult r = evaluate(in, {0.9, 0.79});
  ASSERT_EQ(r.years.size(), 4u);
  EXPECT_DOUBLE_EQ(r.years[1].capacity, 0.95);
  EXPECT_DOUBLE_EQ(r.years[2].capacity, 0.845);
  EXPECT_TRUE(r.years[2].replaced);
  EXPECT_DOUBLE_EQ(r.years[3].capacity, 0.95);
  EXPECT_EQ(r.replacements, 1);
  // Year 2 cost: 1e5 fixed + 2 x 5000 x 0.845 variable + 2.5e6 replacement.
  EXPECT_NEAR(r.years[2].cost, 1e5 + 8450 + 2.5e6, 1e-6);
  const double pv_rev = 0.95e6 / 1.1 + 0.845e6 / 1.21 + 0.95e6 / 1.331;
  EXPECT_NEAR(r.pv_revenue, pv_rev, 1e-6);
}

// Augmentation buys back the first year's fade every year: (1 - 0.9) x 25 000 kWh x 100 = 2.5e5.
TEST(Economics, AugmentationKeepsNameplate) {
  EconomicInputs in = base();
  in.end_of_life = EndOfLife::kAugment;
  in.replacement_per_kwh = 100;
  const EconomicResult r = evaluate(in, {0.9, 0.8});
  EXPECT_DOUBLE_EQ(r.years[1].capacity, 1);
  EXPECT_NEAR(r.years[1].cost, 1e5 + 1e4 + 2.5e5, 1e-6);
}

TEST(Economics, RejectsBadInputs) {
  EconomicInputs in = base();
  in.discount_rate = 7;
  EXPECT_THROW(evaluate(in, {}), InputError);
  in = base();
  in.capex_per_kw = -1;
  EXPECT_THROW(evaluate(in, {}), InputError);
  EXPECT_THROW(parse_end_of_life("sell"), InputError);
}

}  // namespace
}  // namespace ballast::aging

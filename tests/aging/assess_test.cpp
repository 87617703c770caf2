// The wear of SOC traces: cycles, equivalent full cycles, temperature per cycle, projection.

#include "ballast/aging/assess.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace ballast::aging {
namespace {

// One day: 0.1 -> 0.9 -> 0.1 in hourly steps of 0.1 (16 steps): one full-depth 0.8 range.
std::vector<double> daily_cycles(int days) {
  std::vector<double> s;
  for (int d = 0; d < days; ++d) {
    for (int k = 0; k < 8; ++k) s.push_back(0.1 + 0.1 * k);
    for (int k = 0; k < 8; ++k) s.push_back(0.9 - 0.1 * k);
  }
  s.push_back(0.1);
  return s;
}

TEST(Wear, EquivalentFullCyclesAreHalfTheSocTravel) {
  const Wear w = wear_of(xu2018(), daily_cycles(10), 5400, 25.0);
  EXPECT_NEAR(w.equivalent_full_cycles, 10 * 0.8, 1e-9);  // 1.6 travel a day / 2
  // 0.1 -> 0.9 -> 0.1 ten times: every range equals the one before and contains the starting
  // point, so ASTM E1049-85 step 5 counts 20 half cycles (10 cycles) and no full one.
  EXPECT_EQ(w.full_cycles, 0);
  EXPECT_EQ(w.half_cycles, 20);
  EXPECT_NEAR(w.cycles_by_depth[8], 10, 1e-12);
}

TEST(Wear, CycleDamageIsTheSumOverCycles) {
  const AgingModel m = xu2018();
  const Wear w = wear_of(m, daily_cycles(10), 5400, 25.0);
  EXPECT_NEAR(w.cycle_damage, 10 * m.cycle_damage(0.8, 0.5, 25), 1e-15);
}

TEST(Wear, TemperatureTraceIsAveragedOverEachCycle) {
  // Hot (35 C) for the whole trace except the first sample: each cycle sees 35 C.
  const std::vector<double> soc = daily_cycles(3);
  std::vector<double> temp(soc.size(), 35);
  temp[0] = 0;
  const AgingModel m = xu2018();
  const Wear w = wear_of(m, soc, 3600, temp);
  EXPECT_NEAR(w.cycle_damage, 3 * m.cycle_damage(0.8, 0.5, 35), 1e-15);
}

TEST(Wear, ProjectionFindsTheYearCapacityReachesEndOfLife) {
  const AgingModel m = xu2018();
  const Wear w = wear_of(m, daily_cycles(365), 86400.0 / 16, 25.0);
  const Projection p = project(m, w, 0.8, 50);
  ASSERT_GT(p.end_of_life_years, 0);
  const int y = static_cast<int>(std::floor(p.end_of_life_years));
  EXPECT_GT(y == 0 ? 1.0 : p.capacity[y - 1], 0.8);
  EXPECT_LE(p.capacity[y], 0.8);
  for (std::size_t k = 1; k < p.capacity.size(); ++k) EXPECT_LT(p.capacity[k], p.capacity[k - 1]);
}

TEST(Wear, StreamingEqualsWholeTrace) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.1, 0.9);
  std::vector<double> soc(50000);
  for (double& s : soc) s = u(rng);
  const AgingModel m = xu2018();
  double damage = 0;
  for (const Cycle& c : count_cycles(soc)) damage += c.count * m.cycle_damage(c.range, c.mean, 25);
  EXPECT_NEAR(wear_of(m, soc, 1, 25.0).cycle_damage, damage, 1e-12 * damage);
}

}  // namespace
}  // namespace ballast::aging

namespace ballast::aging {
namespace {

// Finding 4: a projection from a short trace says what it repeats.
TEST(Wear, AShortTraceSaysItIsScaled) {
  const AgingModel m = xu2018();
  const Wear w = wear_of(m, daily_cycles(1), 86400.0 / 16, 25.0);  // about a day
  EXPECT_TRUE(scaled_up(w));
  char days[16];
  std::snprintf(days, sizeof days, "%.1f", w.duration_s / 86400);
  EXPECT_EQ(scaling_note(w),
            std::string("per-year wear and the life projection repeat a trace of ") + days +
                " days, year after year");
  const Wear year = wear_of(m, daily_cycles(366), 86400.0 / 16, 25.0);
  EXPECT_FALSE(scaled_up(year));
  EXPECT_EQ(scaling_note(year), "");
}

}  // namespace
}  // namespace ballast::aging

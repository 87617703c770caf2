#include "ballast/workload/trace.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"

namespace ballast::workload {
namespace {

const char* kNvidiaSmi =
    "timestamp, power.draw [W]\n"
    "2024/05/01 12:00:00.000, 700.00 W\n"
    "2024/05/01 12:00:00.100, 300.00 W\n"
    "2024/05/01 12:00:00.200, 700.00 W\n"
    "2024/05/01 12:00:00.300, 300.00 W\n";

TEST(Trace, ReadsNvidiaSmiPowerDraw) {
  const PowerTrace t = parse_power_trace(kNvidiaSmi, "gpu.csv");
  ASSERT_EQ(t.power_w.size(), 4u);
  EXPECT_EQ(t.column, "power.draw [W]");
  EXPECT_EQ(t.time_us[1] - t.time_us[0], 100'000);
  EXPECT_DOUBLE_EQ(t.power_w[1], 300.0);
}

TEST(Trace, ReadsKilowattColumnsAndSeconds) {
  const PowerTrace t = parse_power_trace("time_s,node_kw\n0,10.2\n0.5,4\n", "n.csv");
  EXPECT_DOUBLE_EQ(t.power_w[0], 10'200.0);
  EXPECT_EQ(t.time_us[1], 500'000);
}

TEST(Trace, BadValueNamesLineAndColumn) {
  try {
    parse_power_trace("timestamp, power.draw [W]\n2024/05/01 12:00:00.000, 7x0 W\n", "g.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 26);
  }
}

TEST(Trace, TimesMustIncrease) {
  EXPECT_THROW(parse_power_trace("t,power_w\n1,5\n1,6\n", "g.csv"), InputError);
}

TEST(Trace, ScalesOneUnitToTheSite) {
  const PowerTrace t = parse_power_trace(kNvidiaSmi, "gpu.csv");
  TraceScaling s;
  s.units = 100'000;
  s.pue = 1.2;
  TraceSite site(t, s);
  EXPECT_EQ(site.step_us(), 100'000);  // the median step
  ASSERT_EQ(site.steps(), 4u);
  EXPECT_NEAR(site.next_mw(), 700 * 100'000 * 1.2 / 1e6, 1e-9);
  EXPECT_NEAR(site.next_mw(), 300 * 100'000 * 1.2 / 1e6, 1e-9);
}

TEST(Trace, InterpolatesOntoAFinerStep) {
  const PowerTrace t = parse_power_trace(kNvidiaSmi, "gpu.csv");
  TraceScaling s;
  s.step_ms = 50;
  TraceSite site(t, s);
  ASSERT_EQ(site.steps(), 7u);
  site.next_mw();
  EXPECT_NEAR(site.next_mw(), 500e-6, 1e-15);  // halfway between 700 W and 300 W
}

TEST(Trace, PhaseSpreadKeepsTheMeanAndSmoothsTheSwing) {
  PowerTrace t;
  for (int k = 0; k < 1000; ++k) {
    t.time_us.push_back(k * 1000);
    t.power_w.push_back((k / 100) % 2 == 0 ? 700.0 : 300.0);
  }
  TraceScaling s;
  s.units = 1000;
  s.phase_spread_ms = 1000;
  s.groups = 256;
  TraceSite spread(t, s);
  double lo = 1e9, hi = 0, sum = 0;
  for (std::size_t k = 0; k < spread.steps(); ++k) {
    const double v = spread.next_mw();
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  EXPECT_NEAR(sum / static_cast<double>(spread.steps()), 0.5, 0.01);  // mean 500 W x 1000
  EXPECT_LT(hi - lo, 0.2);  // one unit swings 0.4 MW x 1000 / 1000
}

}  // namespace
}  // namespace ballast::workload

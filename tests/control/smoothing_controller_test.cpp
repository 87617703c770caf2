#include "ballast/control/smoothing_controller.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ballast::control {
namespace {

TEST(SmoothingController, BatteryCoversWhatTheLimiterHoldsBack) {
  SmoothingController c({.ramp_mw_per_s = 1, .soc = {.target_soc = 0.5}}, 0.1, 10, 50);
  const Setpoints s = c.step(20, 0, 5);  // site falls 30 MW; SOC on target
  EXPECT_DOUBLE_EQ(s.upstream_mw, 49.9);
  EXPECT_DOUBLE_EQ(s.battery_request_mw, 20 - 49.9);  // charge 29.9 MW
}

TEST(SmoothingController, LowSocRaisesTheUpstreamTarget) {
  SmoothingController c(
      {.ramp_mw_per_s = 1000, .soc = {.target_soc = 0.5, .correction_time_s = 3600}}, 0.1, 10, 50);
  EXPECT_DOUBLE_EQ(c.step(50, 0, 4).upstream_mw, 51);  // 1 MWh short -> 1 MW more upstream
}

// With compensation the lag y += a (r - y) lands exactly on what the battery must deliver.
TEST(SmoothingController, LagCompensationCancelsAFirstOrderLag) {
  const double dt = 0.001, lag = 0.02;
  SmoothingController c({.ramp_mw_per_s = 0.1, .inverter_lag_s = lag}, dt, 10, 50);
  const double a = -std::expm1(-dt / lag);
  double y = 0;
  for (int k = 0; k < 1000; ++k) {
    const double site = k < 300 ? 50 : 20;
    const Setpoints s = c.step(site, y, 5);
    y += a * (s.battery_request_mw - y);
    ASSERT_NEAR(site - y, s.upstream_mw, 1e-9) << k;
  }
}

}  // namespace
}  // namespace ballast::control

#include "modes.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ballast/control/regulation_curve.h"

namespace ballast::ballastd {
namespace {

DaemonConfig config() {
  DaemonConfig c;
  c.loop.period_ms = 10;
  c.battery = {.power_mw = 60, .energy_mwh = 5, .soc_min = 0.1, .soc_max = 0.9};
  c.smoothing.ramp_mw_per_s = 1.0;
  c.smoothing.soc.correction_time_s = 1e6;  // no SOC drift in these checks
  c.smoothing.inverter_lag_s = 0;
  c.peak_shaving = control::PeakShaverParams{.threshold_mw = 45};
  c.regulation = RegulationConfig{.product = taipower::Product::kDreg, .bid_mw = 10};
  return c;
}

TEST(Modes, SmoothingHoldsTheUpstreamRampThroughAStep) {
  const DaemonConfig c = config();
  ModeController modes(c);
  Measurements m{.site_mw = 50, .upstream_mw = 50, .battery_mw = 0, .stored_mwh = 2.5};
  modes.restart(Mode::kSmoothing, m);
  double upstream = 50;
  for (int k = 0; k < 3000; ++k) {
    m.site_mw = k < 100 ? 50 : (k < 2000 ? 20 : 50);  // the training site drops, then returns
    const double battery = modes.setpoint(Mode::kSmoothing, m);
    const double next = m.site_mw - battery;  // an ideal battery delivers the request
    EXPECT_LE(std::fabs(next - upstream), 1.0 * 0.01 + 1e-9) << "step " << k;
    upstream = next;
    m.battery_mw = battery;
    m.upstream_mw = next;
  }
}

TEST(Modes, SmoothingRestartPicksUpAtTodaysImport) {
  ModeController modes(config());
  const Measurements m{.site_mw = 20, .upstream_mw = 35, .battery_mw = -15, .stored_mwh = 2.5};
  modes.restart(Mode::kSmoothing, m);
  // The limiter starts at 35 MW: the battery keeps charging almost 15 MW, not a 15 MW jump.
  EXPECT_NEAR(modes.setpoint(Mode::kSmoothing, m), -15 + 0.01, 1e-9);
}

TEST(Modes, PeakShavingDischargesAboveTheThreshold) {
  ModeController modes(config());
  EXPECT_DOUBLE_EQ(
      modes.setpoint(Mode::kPeakShaving, {.site_mw = 52, .upstream_mw = 52, .stored_mwh = 2.5}), 7);
}

TEST(Modes, RegulationStaysInsideTheCurvesBand) {
  ModeController modes(config());
  const control::RegulationCurve curve(taipower::Product::kDreg);
  for (double f = 59.5; f <= 60.5; f += 0.01) {
    const control::Band b = curve.band_pu(f);
    const double mw = modes.setpoint(Mode::kRegulation, {.stored_mwh = 2.0, .frequency_hz = f});
    EXPECT_GE(mw, b.lo * 10 - 1e-9) << f;
    EXPECT_LE(mw, b.hi * 10 + 1e-9) << f;
  }
  EXPECT_GT(modes.setpoint(Mode::kRegulation, {.stored_mwh = 2.5, .frequency_hz = 59.7}), 0);
  EXPECT_LT(modes.setpoint(Mode::kRegulation, {.stored_mwh = 2.5, .frequency_hz = 60.3}), 0);
}

TEST(Modes, EdregFollowsItsShiftingScheduleInUnixTime) {
  DaemonConfig c = config();
  c.regulation = RegulationConfig{.product = taipower::Product::kEdreg,
                                  .bid_mw = 10,
                                  .schedule_mw = {0, 6},
                                  .schedule_start_ms = 1'700'000'000'000};
  ModeController modes(c);
  Measurements m{.stored_mwh = 2.5, .frequency_hz = 60, .time_ms = 1'700'000'000'000 - 5000};
  EXPECT_NEAR(modes.setpoint(Mode::kRegulation, m), 0, 1e-9);  // before the schedule
  m.time_ms = 1'700'000'000'000 + (900 + 300) * 1000 + 400;    // interval 2, ramp done
  EXPECT_NEAR(modes.setpoint(Mode::kRegulation, m), 6, 1e-9);
}

TEST(Modes, ManualAndStandby) {
  ModeController modes(config());
  modes.set_manual(-12);
  EXPECT_DOUBLE_EQ(modes.setpoint(Mode::kManual, {}), -12);
  EXPECT_DOUBLE_EQ(modes.setpoint(Mode::kStandby, {}), 0);
}

TEST(Modes, UnconfiguredModesAreUnavailable) {
  DaemonConfig c = config();
  c.peak_shaving.reset();
  c.regulation.reset();
  const ModeController modes(c);
  EXPECT_FALSE(modes.available(Mode::kPeakShaving));
  EXPECT_FALSE(modes.available(Mode::kRegulation));
  EXPECT_TRUE(modes.available(Mode::kSmoothing));
}

}  // namespace
}  // namespace ballast::ballastd

#include "modes.h"

namespace ballast::ballastd {

ModeController::ModeController(const DaemonConfig& config)
    : smoothing_params_(config.smoothing),
      regulation_(config.regulation),
      energy_mwh_(config.battery.energy_mwh),
      dt_s_(config.loop.period_ms / 1000.0),
      manual_mw_(config.manual_setpoint_mw) {
  // Built once here so that bad parameters fail at start-up, not when a mode is chosen.
  smoothing_.emplace(config.smoothing, dt_s_, config.battery.energy_mwh, 0.0);
  if (config.peak_shaving) shaver_.emplace(*config.peak_shaving, config.battery.energy_mwh);
  if (const auto& r = config.regulation) {
    regulator_.emplace(
        control::RegulationParams{.product = r->product,
                                  .bid_mw = r->bid_mw,
                                  .base_hz = r->base_hz,
                                  .schedule = control::ShiftSchedule(r->schedule_mw),
                                  .steering = {.full_correction_mwh = r->full_correction_mwh}});
  }
}

bool ModeController::available(Mode mode) const {
  switch (mode) {
    case Mode::kPeakShaving:
      return shaver_.has_value();
    case Mode::kRegulation:
      return regulator_.has_value();
    default:
      return true;
  }
}

void ModeController::restart(Mode mode, const Measurements& m) {
  if (mode == Mode::kSmoothing) {
    smoothing_.emplace(smoothing_params_, dt_s_, energy_mwh_, m.upstream_mw);
  }
}

double ModeController::setpoint(Mode mode, const Measurements& m) {
  switch (mode) {
    case Mode::kStandby:
      return 0;
    case Mode::kManual:
      return manual_mw_;
    case Mode::kSmoothing:
      return smoothing_->step(m.site_mw, m.battery_mw, m.stored_mwh).battery_request_mw;
    case Mode::kPeakShaving:
      return shaver_->step(m.site_mw, m.stored_mwh);
    case Mode::kRegulation: {
      // Seconds since the schedule start (E-dReg); negative before it: regulation only.
      const std::int64_t since_ms = m.time_ms - regulation_->schedule_start_ms;
      const std::int64_t t_s = since_ms >= 0 ? since_ms / 1000 : -1;
      return regulator_
          ->step(t_s, m.frequency_hz, m.stored_mwh, regulation_->target_soc * energy_mwh_)
          .setpoint_mw;
    }
  }
  return 0;
}

}  // namespace ballast::ballastd

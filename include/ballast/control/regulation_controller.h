#pragma once
/// @file dReg / E-dReg as one control object, used by the market simulator and by ballastd:
/// E-dReg's shifting schedule with its low-frequency rule, the frequency-power band around the
/// shifting power (never beyond the bid), and the output chosen inside the band.

#include <cstdint>
#include <optional>

#include "ballast/control/edreg_schedule.h"
#include "ballast/control/low_frequency_rule.h"
#include "ballast/control/regulation_curve.h"
#include "ballast/control/soc_steering.h"

namespace ballast::control {

/// What the controller regulates and how it picks inside the band.
struct RegulationParams {
  taipower::Product product = taipower::Product::kEdreg;
  double bid_mw = 0;                             ///< regulation capacity, MW (> 0)
  double base_hz = taipower::kRules.nominal_hz;  ///< the curve's base frequency, Hz
  ShiftSchedule schedule{};                      ///< E-dReg shifting targets (ignored for dReg)
  SocSteeringParams steering{};                  ///< how hard to steer SOC inside the band
  bool steer = true;                             ///< false: the band's centre (no SOC management)
};

/// One second's decision.
struct RegulationStep {
  Band band_mw{};          ///< allowed output, MW (positive = discharge)
  double setpoint_mw = 0;  ///< the output chosen in the band, MW
  double shift_mw = 0;     ///< the shifting power inside it, MW (0 for dReg)
  /// Set when the low-frequency rule fired now: shifting is cancelled until this time (s since
  /// the schedule start).
  std::optional<std::int64_t> cancelled_until_s;
};

/// A deterministic object: time, frequency and stored energy in, the allowed band and the
/// output out.
class RegulationController {
 public:
  /// Throws InputError for sReg, a bid that is not > 0 or a base frequency outside 59-61 Hz.
  explicit RegulationController(RegulationParams params);
  /// The decision at second `t_s` since the schedule start (E-dReg; before 0 no shifting), at
  /// `frequency_hz`, with `energy_mwh` stored and SOC steering toward `target_mwh`. Calling it
  /// again within the same second gives the same shifting power; skipped seconds are caught up.
  RegulationStep step(std::int64_t t_s, double frequency_hz, double energy_mwh, double target_mwh);
  /// Times the low-frequency rule fired.
  int low_frequency_events() const { return low_frequency_.events(); }
  const RegulationParams& params() const { return params_; }

 private:
  RegulationParams params_;
  RegulationCurve curve_;
  ScheduleFollower follower_;
  LowFrequencyRule low_frequency_;
  SocSteering steering_;
  std::int64_t last_t_s_ = -1;  // the latest second the schedule was stepped to
};

}  // namespace ballast::control

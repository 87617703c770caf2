#pragma once
/// @file The modes as control objects (the same ones the simulators use): smoothing
/// (control::SmoothingController), peak shaving (control::PeakShaver), dReg / E-dReg
/// (control::RegulationController, as the market simulator uses it), manual and standby.

#include <optional>

#include "ballast/control/peak_shaver.h"
#include "ballast/control/regulation_controller.h"
#include "ballast/control/smoothing_controller.h"
#include "config.h"

namespace ballast::ballastd {

/// What the modes see in one cycle.
struct Measurements {
  double site_mw = 0;      ///< site load: meter import + battery output, MW
  double upstream_mw = 0;  ///< meter import, MW
  double battery_mw = 0;   ///< inverter output, MW (> 0 discharge)
  double stored_mwh = 0;   ///< SOC x nameplate energy, MWh
  double frequency_hz = 60;
  std::int64_t time_ms = 0;  ///< Unix ms of the reading (places the E-dReg schedule)
};

/// Turns measurements into a battery set-point for the active mode.
class ModeController {
 public:
  /// Builds the controllers of every configured mode (copying what they need). Throws
  /// InputError.
  explicit ModeController(const DaemonConfig& config);
  /// True when `mode` has its parameters in the configuration.
  bool available(Mode mode) const;
  /// Starts `mode` from the present state (a ramp limiter picks up at today's import).
  void restart(Mode mode, const Measurements& m);
  /// The set-point the mode asks for, MW (> 0 discharge), before safety limits.
  double setpoint(Mode mode, const Measurements& m);
  void set_manual(double mw) { manual_mw_ = mw; }
  double manual() const { return manual_mw_; }

 private:
  control::SmoothingParams smoothing_params_;
  std::optional<RegulationConfig> regulation_;
  double energy_mwh_;
  double dt_s_;
  double manual_mw_;
  std::optional<control::SmoothingController> smoothing_;
  std::optional<control::PeakShaver> shaver_;
  std::optional<control::RegulationController> regulator_;
};

}  // namespace ballast::ballastd

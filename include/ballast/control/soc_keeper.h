#pragma once
/// @file Keeps a battery's state of charge near a target with a slow proportional correction.

#include <limits>

namespace ballast::control {

/// How the SOC keeper corrects.
struct SocKeeperParams {
  double target_soc = 0.5;         ///< SOC to return to, fraction of nameplate energy
  double dead_band = 0.0;          ///< no correction within target +- this, fraction
  double correction_time_s = 600;  ///< an SOC error is worked off in about this time, s
  double max_correction_mw = std::numeric_limits<double>::infinity();  ///< largest correction
};

/// The correction to add to the power drawn upstream: positive charges the battery (SOC below
/// target), negative discharges it. Proportional: error_mwh / correction_time, clamped.
class SocKeeper {
 public:
  /// `energy_mwh` the battery's nameplate energy. Throws InputError on bad parameters.
  SocKeeper(SocKeeperParams params, double energy_mwh);

  /// Correction for stored energy `stored_mwh`, MW.
  double correction_mw(double stored_mwh) const {
    double error_mwh = target_mwh_ - stored_mwh;
    if (error_mwh > band_mwh_) {
      error_mwh -= band_mwh_;
    } else if (error_mwh < -band_mwh_) {
      error_mwh += band_mwh_;
    } else {
      return 0;
    }
    const double mw = error_mwh * gain_per_h_;
    return mw > max_mw_ ? max_mw_ : (mw < -max_mw_ ? -max_mw_ : mw);
  }
  /// The target stored energy, MWh.
  double target_mwh() const { return target_mwh_; }

 private:
  double target_mwh_;
  double band_mwh_;
  double gain_per_h_;  // MW per MWh of error
  double max_mw_;
};

}  // namespace ballast::control

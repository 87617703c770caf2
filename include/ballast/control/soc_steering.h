#pragma once
/// @file SOC management inside the allowed band: the dead band's ±9 % lets a regulating battery
/// pick any output in the band, so it picks the side that moves SOC toward a target.

#include "ballast/control/regulation_curve.h"

namespace ballast::control {

/// How hard to steer: the SOC error at which the whole band allowance is used.
struct SocSteeringParams {
  double full_correction_mwh = 0.5;  ///< energy error that uses the whole band, MWh
};

/// Chooses an output inside the allowed band, MW (positive = discharge).
class SocSteering {
 public:
  /// Throws InputError if full_correction_mwh is not > 0.
  explicit SocSteering(SocSteeringParams params = {});

  /// Too much energy (energy > target) moves the output toward the band's top (discharge
  /// more), too little toward its bottom, in proportion to the error, never leaving the band.
  double choose_mw(const Band& band_mw, double energy_mwh, double target_mwh) const;

 private:
  SocSteeringParams params_;
};

}  // namespace ballast::control

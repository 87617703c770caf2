#pragma once
/// @file dReg and E-dReg frequency-power curves: the allowed output band at a frequency.

#include "ballast/control/taipower_rules.h"

namespace ballast::control {

/// An allowed output range, as a fraction of bid MW or in MW (positive = discharge).
struct Band {
  double lo = 0;  ///< lowest allowed output
  double hi = 0;  ///< highest allowed output

  /// Midpoint of the band: the curve's own output outside the dead band.
  double center() const { return 0.5 * (lo + hi); }
  /// How far `x` lies outside the band (0 inside it).
  double distance(double x) const { return x < lo ? lo - x : (x > hi ? x - hi : 0.0); }
};

/// The frequency-power curve of dReg or E-dReg at a base frequency (digest, "Frequency-power
/// curves"): linear between breakpoints, clamped beyond the outer ones, and the band
/// ±dead_band_pu between the two inner ones (edges included).
class RegulationCurve {
 public:
  /// Throws InputError for sReg (no curve) or a base frequency outside 59-61 Hz.
  explicit RegulationCurve(taipower::Product product, double base_hz = taipower::kRules.nominal_hz);

  /// Allowed output at `frequency_hz`, fraction of bid MW.
  Band band_pu(double frequency_hz) const;
  /// Moves every breakpoint with a new base frequency, Hz (Taipower may do this once a minute).
  void set_base_hz(double base_hz);
  double base_hz() const { return base_hz_; }
  taipower::Product product() const { return product_; }

 private:
  taipower::Product product_;
  double base_hz_;
  const taipower::CurveRule* rule_;
};

}  // namespace ballast::control

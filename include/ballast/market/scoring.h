#pragma once
/// @file Taipower's performance measurement: per-second score, rolling score, hourly
/// execution rate and quality index (digest, "Performance measurement" and "Settlement").

#include <array>
#include <cstddef>

#include "ballast/control/regulation_curve.h"

namespace ballast::market {

/// Score of one second, percent: 100 inside the allowed band, else 100 minus the distance to
/// the band's nearest edge as a percent of bid MW; never below 0 (ballast's reading). The
/// band and the measured power are in MW; for E-dReg the band is shifting + regulation.
double second_score_pct(const control::Band& band_mw, double measured_mw, double bid_mw);

/// The rolling score: the maximum of this second's score and the three before it.
class RollingScore {
 public:
  /// Adds a second's score, percent; returns the rolling score, percent.
  double push(double score_pct);

 private:
  std::array<double, 4> last_{};
  std::size_t count_ = 0;
};

/// Quality index of an hourly execution rate, percent: the rate is floored to a whole percent
/// and looked up in the rulebook's table (1 at >= 95, 0.8 at 94, ..., 0 at 70-90, -1 below 70).
double quality_index(double execution_rate_pct);

}  // namespace ballast::market

#pragma once
/// @file A ramp-rate limiter: follows a target, changing at most a fixed MW per second.

#include <cmath>

namespace ballast::control {

/// How fast the limited signal may change.
struct RampLimiterParams {
  double ramp_mw_per_s = 0;  ///< largest change per second, MW/s (> 0)
};

/// Follows a target within a ramp limit at a fixed step. |output(k) - output(k-1)| never
/// exceeds ramp_mw_per_s * dt_s, exactly as computed in double arithmetic.
class RampLimiter {
 public:
  /// Throws InputError unless ramp_mw_per_s > 0 and dt_s > 0.
  RampLimiter(RampLimiterParams params, double dt_s, double initial_mw);

  /// Moves toward `target_mw` by at most the step's limit; returns the new output, MW.
  double step(double target_mw) {
    const double last = output_mw_;
    double out = last + (target_mw > last ? std::fmin(target_mw - last, max_step_mw_)
                                          : std::fmax(target_mw - last, -max_step_mw_));
    // last + d can round so that out - last exceeds d by an ulp; step back until it does not.
    while (out - last > max_step_mw_) out = std::nextafter(out, last);
    while (last - out > max_step_mw_) out = std::nextafter(out, last);
    output_mw_ = out;
    return out;
  }
  /// The last output, MW.
  double output_mw() const { return output_mw_; }
  /// Restarts from `mw`.
  void reset(double mw) { output_mw_ = mw; }
  /// The largest change in one step, MW.
  double max_step_mw() const { return max_step_mw_; }

 private:
  double max_step_mw_;
  double output_mw_;
};

}  // namespace ballast::control

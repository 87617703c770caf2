#pragma once
/// @file sReg (static regulation): trigger at 59.90 Hz, 100 % within 10 s, hold to 59.98 Hz.

namespace ballast::control {

/// sReg output as a fraction of bid MW, second by second (digest, "Products").
class SregController {
 public:
  /// Output after a step of `dt_s` seconds at `frequency_hz`: starts at or below the trigger,
  /// ramps linearly to 1 over the rulebook's 10 s, holds until the release frequency.
  double step(double frequency_hz, double dt_s);
  bool active() const { return active_; }

 private:
  bool active_ = false;
  double output_pu_ = 0;
};

}  // namespace ballast::control

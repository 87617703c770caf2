#pragma once
/// @file E-dReg's low-frequency rule: a charging battery that sees 59.50 Hz or less stops
/// charging, its next 15-minute schedule is cancelled and it runs regulation only for 900 s.

#include <cstdint>
#include <optional>

namespace ballast::control {

/// Watches frequency while the schedule charges (digest, "E-dReg specifics").
class LowFrequencyRule {
 public:
  /// At second `t_s` since the schedule start, with the schedule asking for `shift_mw`
  /// (negative = charging): returns the time (s since the schedule start) until which
  /// shifting is cancelled when the rule fires now, else nullopt. The cancellation runs to
  /// the later of t + 900 s and the end of the interval after the current one.
  std::optional<std::int64_t> step(std::int64_t t_s, double frequency_hz, double shift_mw);
  /// Times the rule has fired.
  int events() const { return events_; }

 private:
  std::int64_t active_until_s_ = -1;
  int events_ = 0;
};

}  // namespace ballast::control

#pragma once
/// @file Following an E-dReg energy-shifting schedule: 15-minute targets, linear ramps that
/// reach each new target at second 300, and cancellations by the low-frequency rule.

#include <cstdint>
#include <vector>

namespace ballast::control {

/// Taipower's shifting targets, MW (positive = discharge), one per 15-minute interval from the
/// schedule's start (digest, "E-dReg specifics"). Intervals past the end are 0 MW.
class ShiftSchedule {
 public:
  ShiftSchedule() = default;
  /// Throws InputError on a non-finite target.
  explicit ShiftSchedule(std::vector<double> targets_mw);

  /// Target of interval `k`, MW; 0 past the end.
  double target_mw(std::int64_t k) const;
  /// Number of 15-minute intervals given.
  std::size_t size() const { return targets_mw_.size(); }
  /// True when any interval asks for shifting (sets the E-dReg performance price).
  bool has_shifting() const;
  const std::vector<double>& targets_mw() const { return targets_mw_; }

 private:
  std::vector<double> targets_mw_;
};

/// The schedule's ramp rule: P_N = P_last + N * (P_target - P_last) / 300 for N = 0..300,
/// rounded toward the target to the rulebook's resolution (digest, "E-dReg specifics").
double ramp_power_mw(double last_mw, double target_mw, std::int64_t n_s);

/// Shifting power second by second. Call step() with t = 0, 1, 2, ... seconds since the
/// schedule's start; cancel_until() makes the shifting power 0 until a time.
class ScheduleFollower {
 public:
  explicit ScheduleFollower(ShiftSchedule schedule);

  /// Shifting power for second `t_s` since the schedule start, MW.
  double step(std::int64_t t_s);
  /// Shifting power is 0 from now until `until_s` (s since the schedule start); the interval
  /// starting at or after `until_s` ramps from 0 to its target.
  void cancel_until(std::int64_t until_s);
  /// Scheduled (uncancelled) target of the interval holding `t_s`, MW.
  double scheduled_mw(std::int64_t t_s) const;
  /// True while a cancellation is in force at `t_s`.
  bool cancelled(std::int64_t t_s) const { return t_s < cancel_until_s_; }
  const ShiftSchedule& schedule() const { return schedule_; }

 private:
  ShiftSchedule schedule_;
  std::int64_t interval_s_;
  std::int64_t cancel_until_s_ = 0;
  std::int64_t ramp_start_s_ = 0;
  double ramp_from_mw_ = 0;
  double ramp_to_mw_ = 0;
  double now_mw_ = 0;
  bool started_ = false;
};

}  // namespace ballast::control

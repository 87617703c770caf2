#include "ballast/control/edreg_schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/control/taipower_rules.h"
#include "ballast/core/error.h"

namespace ballast::control {

using taipower::kRules;

ShiftSchedule::ShiftSchedule(std::vector<double> targets_mw) : targets_mw_(std::move(targets_mw)) {
  for (std::size_t k = 0; k < targets_mw_.size(); ++k) {
    if (!std::isfinite(targets_mw_[k])) {
      throw InputError(fmt::format("shifting target {} (interval {}) is not a finite MW value",
                                   targets_mw_[k], k));
    }
  }
}

double ShiftSchedule::target_mw(std::int64_t k) const {
  if (k < 0 || k >= static_cast<std::int64_t>(targets_mw_.size())) return 0;
  return targets_mw_[static_cast<std::size_t>(k)];
}

bool ShiftSchedule::has_shifting() const {
  return std::any_of(targets_mw_.begin(), targets_mw_.end(), [](double p) { return p != 0; });
}

double ramp_power_mw(double last_mw, double target_mw, std::int64_t n_s) {
  const auto ramp_s = static_cast<std::int64_t>(kRules.schedule_ramp_s);
  if (n_s <= 0) return last_mw;
  if (n_s >= ramp_s) return target_mw;
  const double exact =
      last_mw + static_cast<double>(n_s) * (target_mw - last_mw) / static_cast<double>(ramp_s);
  // Rounded toward the target (digest: "rounded toward the target"); the 1e-9 keeps an exact
  // multiple of the resolution from being pushed one step on by floating-point noise.
  const double res = kRules.ramp_rounding_mw;
  const double steps = exact / res;
  const double rounded =
      (target_mw > last_mw ? std::ceil(steps - 1e-9) : std::floor(steps + 1e-9)) * res;
  return target_mw > last_mw ? std::min(rounded, target_mw) : std::max(rounded, target_mw);
}

ScheduleFollower::ScheduleFollower(ShiftSchedule schedule)
    : schedule_(std::move(schedule)),
      interval_s_(static_cast<std::int64_t>(kRules.schedule_interval_s)) {}

double ScheduleFollower::scheduled_mw(std::int64_t t_s) const {
  return schedule_.target_mw(t_s / interval_s_);
}

void ScheduleFollower::cancel_until(std::int64_t until_s) {
  cancel_until_s_ = std::max(cancel_until_s_, until_s);
  now_mw_ = 0;
  ramp_from_mw_ = ramp_to_mw_ = 0;
}

double ScheduleFollower::step(std::int64_t t_s) {
  if (cancelled(t_s)) {
    now_mw_ = 0;
    ramp_from_mw_ = ramp_to_mw_ = 0;
    started_ = false;  // the first interval after the cancellation starts a new ramp
    return 0;
  }
  const std::int64_t k = t_s / interval_s_;
  const std::int64_t start = k * interval_s_;
  if (!started_ || t_s == start) {
    // A new interval: ramp from where the power is now to the interval's target. Within a
    // partly cancelled interval the target stays 0 until the next boundary.
    ramp_from_mw_ = now_mw_;
    ramp_to_mw_ = start < cancel_until_s_ ? 0 : schedule_.target_mw(k);
    ramp_start_s_ = started_ || start >= cancel_until_s_ ? start : t_s;
    if (!started_ && cancel_until_s_ == 0) {
      // First call with no history: take the target as already reached.
      ramp_from_mw_ = ramp_to_mw_;
    }
    started_ = true;
  }
  now_mw_ = ramp_power_mw(ramp_from_mw_, ramp_to_mw_, t_s - ramp_start_s_);
  return now_mw_;
}

}  // namespace ballast::control

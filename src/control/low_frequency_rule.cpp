#include "ballast/control/low_frequency_rule.h"

#include <algorithm>

#include "ballast/control/taipower_rules.h"

namespace ballast::control {

using taipower::kRules;

std::optional<std::int64_t> LowFrequencyRule::step(std::int64_t t_s, double frequency_hz,
                                                   double shift_mw) {
  // "If the battery is charging": ballast reads this as the schedule asking for charging
  // (shift < 0); regulation may already have turned the metered power positive by then.
  if (t_s < active_until_s_ || shift_mw >= 0 || frequency_hz > kRules.low_frequency_hz) {
    return std::nullopt;
  }
  const auto interval = static_cast<std::int64_t>(kRules.schedule_interval_s);
  const std::int64_t next_end =
      (t_s / interval + 1 + kRules.low_frequency_cancelled_intervals) * interval;
  active_until_s_ =
      std::max(t_s + static_cast<std::int64_t>(kRules.low_frequency_regulation_s), next_end);
  ++events_;
  return active_until_s_;
}

}  // namespace ballast::control

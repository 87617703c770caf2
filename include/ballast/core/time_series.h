#pragma once
/// @file A regularly sampled time series: start instant, fixed step, values, unit.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ballast {

/// Values[i] is the mean over [start_s + i*step_s, start_s + (i+1)*step_s).
struct TimeSeries {
  std::int64_t start_s = 0;    ///< start of the first interval, seconds since the epoch (UTC)
  std::int64_t step_s = 3600;  ///< interval length, seconds
  std::vector<double> values;
  std::string name;  ///< column or quantity name, e.g. "demand_mw"
  std::string unit;  ///< e.g. "MW"

  std::size_t size() const { return values.size(); }
  bool empty() const { return values.empty(); }
  /// Interval length in hours.
  double step_h() const { return static_cast<double>(step_s) / 3600.0; }
  /// Start instant of interval i, seconds since the epoch (UTC).
  std::int64_t time_s(std::size_t i) const {
    return start_s + static_cast<std::int64_t>(i) * step_s;
  }
};

}  // namespace ballast

#pragma once
/// @file The first seconds of each large swing of a transient run at full resolution, for the
/// report's zoom: the charts of a whole run keep only per-bucket minima and maxima.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ballast/dynamics/simulator.h"

namespace ballast::dynamics {

/// One swing: every step from `before_s` before it starts to `after_s` after.
struct SwingWindow {
  double start_s = 0;  ///< when the load's change crossed the threshold, s from the run start
  std::vector<double> time_s;
  std::vector<double> site_mw;
  std::vector<double> upstream_bare_mw;     ///< upstream without the battery
  std::vector<double> upstream_battery_mw;  ///< upstream with it (empty without a battery)
  std::vector<double> battery_mw;           ///< the battery's output (likewise)
};

/// Finds swings in the run without the battery and records them; then records the same steps
/// of the run with the battery. A swing starts at the first step where the load differs from
/// its value `lag_s` earlier by more than `threshold` of that value; a new one may start only
/// after the last window ends.
class SwingZoom {
 public:
  struct Options {
    double before_s = 0.5;
    double after_s = 4.5;
    double lag_s = 0.1;
    double threshold = 0.1;  ///< fraction of the load
    std::size_t max_swings = 6;
  };
  SwingZoom(double dt_s, Options options);
  SwingZoom(double dt_s) : SwingZoom(dt_s, Options{}) {}

  /// The run without the battery, one step at a time in order (tick from 1).
  void add_bare(const StepState& s);
  /// The run with the battery, after the bare run.
  void add_battery(const StepState& s);

  const std::vector<SwingWindow>& swings() const { return swings_; }

 private:
  double dt_s_;
  Options o_;
  std::size_t before_, after_, lag_;
  // The last max(before_, lag_) + 1 steps of the bare run: (tick, site, upstream).
  struct Sample {
    std::int64_t tick;
    double site, upstream;
  };
  std::vector<Sample> ring_;
  std::size_t seen_ = 0;
  std::int64_t open_until_ = -1;  // the current window's last tick; -1: none open
  std::vector<std::pair<std::int64_t, std::int64_t>> ticks_;  // [first, last] of each window
  std::vector<SwingWindow> swings_;
};

}  // namespace ballast::dynamics

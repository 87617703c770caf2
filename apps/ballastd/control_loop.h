#pragma once
/// @file The real-time loop: every period it reads the site, decides (mode, or the safe
/// set-point when the data cannot be trusted), limits and writes the set-point, and publishes
/// the cycle to the API and the historian. A watchdog thread watches it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "config.h"
#include "state.h"

namespace ballast::ballastd {

class Historian;

/// Runs the loop until `stop` is set, then writes the safe set-point.
class ControlLoop {
 public:
  /// `historian` may be null (no history kept).
  ControlLoop(const DaemonConfig& config, SharedState& shared, Historian* historian);
  /// Runs in the calling thread until `stop` becomes true. Returns after the safe set-point
  /// was written (or could not be: the inverter is unreachable) and the last row was pushed.
  void run(const std::atomic<bool>& stop);

 private:
  const DaemonConfig& config_;
  SharedState& shared_;
  Historian* historian_;
};

/// Ends the process (exit code 3) when a cycle stays unfinished for `abort_after`; raises
/// `tripped` when one runs longer than `alarm_after`. The loop stamps `cycle_start_ns`
/// (steady clock, ns since its epoch; 0 between cycles).
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds alarm_after, std::chrono::milliseconds abort_after);
  ~Watchdog();
  std::atomic<std::int64_t> cycle_start_ns{0};
  std::atomic<bool> tripped{false};

 private:
  void watch();
  std::chrono::milliseconds alarm_after_, abort_after_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ballast::ballastd

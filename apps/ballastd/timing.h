#pragma once
/// @file A latency histogram for the control loop: constant memory, O(1) to record, median
/// and 99th percentile to 1 us below 10 ms (1 ms up to 10 s).

#include <cstdint>
#include <vector>

#include "state.h"

namespace ballast::ballastd {

/// Runs the calling thread with SCHED_FIFO at `priority` when it is above 0 (needs
/// CAP_SYS_NICE); a refusal is reported on stderr, not fatal: the thread runs on normally.
void use_realtime_priority(int priority);

/// Counts durations; not thread-safe (the loop owns it and publishes summaries).
class LatencyHistogram {
 public:
  LatencyHistogram();
  /// Records a duration, ns (negative counts as 0).
  void record(std::int64_t ns);
  /// Median, 99th percentile and maximum, us.
  TimingSummary summary() const;

 private:
  double quantile_us(double q) const;
  std::vector<std::int64_t> fine_;    // 1 us buckets below 10 ms
  std::vector<std::int64_t> coarse_;  // 1 ms buckets from 10 ms to 10 s (last: beyond)
  std::int64_t count_ = 0;
  std::int64_t max_ns_ = 0;
};

}  // namespace ballast::ballastd

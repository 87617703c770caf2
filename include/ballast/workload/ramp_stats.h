#pragma once
/// @file Streaming ramp statistics in constant memory: the largest rise and fall within a time
/// window, and a percentile of step-to-step ramps.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace ballast::workload {

/// The largest rise max(p[j] - p[i]) and fall max(p[i] - p[j]) over pairs i < j at most
/// `window_steps` apart, with monotone queues: O(1) amortised a sample, O(window) memory.
class WindowSwing {
 public:
  /// `window_steps` >= 1.
  explicit WindowSwing(std::size_t window_steps);
  /// Adds the next sample, MW.
  void add(double mw);
  /// Largest rise so far, MW (0 before two samples).
  double rise_mw() const { return rise_mw_; }
  /// Largest fall so far, MW (0 before two samples).
  double fall_mw() const { return fall_mw_; }

 private:
  std::size_t window_;
  std::size_t n_ = 0;
  std::deque<std::pair<std::size_t, double>> min_q_, max_q_;
  double rise_mw_ = 0, fall_mw_ = 0;
};

/// Quantiles of non-negative values in constant memory: buckets keyed by a double's exponent
/// and its top 10 mantissa bits (each bucket spans 0.1 %), so a quantile is within 0.05 % of
/// the exact order statistic. Values below 1e-9 count as zero.
class QuantileHistogram {
 public:
  QuantileHistogram();
  /// Adds one value (>= 0; negatives are taken by magnitude).
  void add(double value);
  /// The q-quantile (0 <= q <= 1) as the nearest-rank order statistic, approximately; 0 when
  /// empty.
  double quantile(double q) const;
  /// Largest value added (exact).
  double max() const { return max_; }
  /// Number of values added.
  std::uint64_t count() const { return count_; }

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t zeros_ = 0, count_ = 0;
  double max_ = 0;
};

}  // namespace ballast::workload

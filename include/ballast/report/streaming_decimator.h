#pragma once
/// @file Chart points from a stream of any length, in constant memory: what the per-step
/// simulations and load summaries draw.

#include <cstddef>
#include <vector>

namespace ballast::report {

/// Streaming min/max decimation for charts: each bucket of consecutive steps keeps two points
/// (its first and last time) carrying every series' min and max in the order they occurred.
class StreamingDecimator {
 public:
  /// `series` values a point; `total` points expected; at most 2 * `buckets` points kept.
  StreamingDecimator(std::size_t series, std::size_t total, std::size_t buckets);
  /// Adds one point at time `x` with `values` (size `series`).
  void add(double x, const double* values);
  /// Closes the last, partial bucket; call once after the last add().
  void finish();
  /// The kept x values.
  const std::vector<double>& x() const { return x_; }
  /// The kept values of series `i`.
  const std::vector<double>& y(std::size_t i) const { return y_[i]; }

 private:
  void flush();

  std::size_t series_, per_bucket_;
  std::size_t in_bucket_ = 0;
  double first_x_ = 0, last_x_ = 0;
  std::vector<double> lo_, hi_;
  std::vector<std::size_t> lo_at_, hi_at_;
  std::vector<double> x_;
  std::vector<std::vector<double>> y_;
};

}  // namespace ballast::report

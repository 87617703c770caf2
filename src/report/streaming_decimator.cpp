#include "ballast/report/streaming_decimator.h"

#include <algorithm>

namespace ballast::report {

StreamingDecimator::StreamingDecimator(std::size_t series, std::size_t total, std::size_t buckets)
    : series_(series),
      per_bucket_(std::max<std::size_t>(
          1, (total + std::max<std::size_t>(buckets, 1) - 1) / std::max<std::size_t>(buckets, 1))),
      lo_(series),
      hi_(series),
      lo_at_(series),
      hi_at_(series),
      y_(series) {}

void StreamingDecimator::add(double x, const double* values) {
  if (in_bucket_ == 0) first_x_ = x;
  for (std::size_t i = 0; i < series_; ++i) {
    if (in_bucket_ == 0 || values[i] < lo_[i]) {
      lo_[i] = values[i];
      lo_at_[i] = in_bucket_;
    }
    if (in_bucket_ == 0 || values[i] > hi_[i]) {
      hi_[i] = values[i];
      hi_at_[i] = in_bucket_;
    }
  }
  last_x_ = x;
  if (++in_bucket_ == per_bucket_) flush();
}

void StreamingDecimator::flush() {
  if (in_bucket_ == 0) return;
  if (in_bucket_ == 1) {
    x_.push_back(first_x_);
    for (std::size_t i = 0; i < series_; ++i) y_[i].push_back(lo_[i]);
  } else {
    x_.push_back(first_x_);
    x_.push_back(last_x_);
    for (std::size_t i = 0; i < series_; ++i) {
      const bool lo_first = lo_at_[i] <= hi_at_[i];
      y_[i].push_back(lo_first ? lo_[i] : hi_[i]);
      y_[i].push_back(lo_first ? hi_[i] : lo_[i]);
    }
  }
  in_bucket_ = 0;
}

void StreamingDecimator::finish() { flush(); }

}  // namespace ballast::report

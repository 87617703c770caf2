#include "ballast/workload/ramp_stats.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "ballast/core/error.h"

namespace ballast::workload {
namespace {

// Buckets: binary exponents kMinExp .. kMaxExp, 2^kMantissaBits buckets each.
constexpr int kMantissaBits = 10;
constexpr int kMinExp = -30;  // 2^-30 ~ 9.3e-10: smaller values count as zero
constexpr int kMaxExp = 63;
constexpr std::size_t kPerExp = std::size_t{1} << kMantissaBits;
constexpr std::size_t kBuckets = static_cast<std::size_t>(kMaxExp - kMinExp + 1) * kPerExp;

}  // namespace

WindowSwing::WindowSwing(std::size_t window_steps) : window_(window_steps) {
  if (window_ == 0) throw InputError("a swing window must be at least one step");
}

void WindowSwing::add(double mw) {
  const std::size_t j = n_++;
  const auto expire = [&](auto& q) {
    while (!q.empty() && q.front().first + window_ < j) q.pop_front();
  };
  expire(min_q_);
  expire(max_q_);
  if (!min_q_.empty()) {
    rise_mw_ = std::max(rise_mw_, mw - min_q_.front().second);
    fall_mw_ = std::max(fall_mw_, max_q_.front().second - mw);
  }
  while (!min_q_.empty() && min_q_.back().second >= mw) min_q_.pop_back();
  min_q_.emplace_back(j, mw);
  while (!max_q_.empty() && max_q_.back().second <= mw) max_q_.pop_back();
  max_q_.emplace_back(j, mw);
}

QuantileHistogram::QuantileHistogram() : buckets_(kBuckets, 0) {}

void QuantileHistogram::add(double value) {
  const double v = std::fabs(value);
  ++count_;
  max_ = std::max(max_, v);
  if (!(v >= std::ldexp(1.0, kMinExp))) {
    ++zeros_;
    return;
  }
  const auto bits = std::bit_cast<std::uint64_t>(v);
  const int exp = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  const std::size_t mant = (bits >> (52 - kMantissaBits)) & (kPerExp - 1);
  const std::size_t i =
      exp > kMaxExp ? kBuckets - 1 : static_cast<std::size_t>(exp - kMinExp) * kPerExp + mant;
  ++buckets_[i];
}

double QuantileHistogram::quantile(double q) const {
  if (count_ == 0) return 0;
  const auto rank = std::max<std::uint64_t>(
      1,
      static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_))));
  std::uint64_t seen = zeros_;
  if (seen >= rank) return 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      const int exp = static_cast<int>(i / kPerExp) + kMinExp;
      const double mant = static_cast<double>(i % kPerExp);
      // The bucket's middle, but never above the exact maximum.
      return std::min(max_, std::ldexp(1.0 + (mant + 0.5) / kPerExp, exp));
    }
  }
  return max_;
}

}  // namespace ballast::workload

#include "timing.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ballast::ballastd {

namespace {
constexpr std::int64_t kFine = 10'000;   // 1 us buckets: 0-10 ms
constexpr std::int64_t kCoarse = 9'991;  // 1 ms buckets: 10 ms-10 s, then one beyond
}  // namespace

LatencyHistogram::LatencyHistogram() : fine_(kFine, 0), coarse_(kCoarse, 0) {}

void LatencyHistogram::record(std::int64_t ns) {
  ns = std::max<std::int64_t>(ns, 0);
  const std::int64_t us = ns / 1000;
  if (us < kFine) {
    ++fine_[us];
  } else {
    ++coarse_[std::min(us / 1000 - 10, kCoarse - 1)];
  }
  ++count_;
  max_ns_ = std::max(max_ns_, ns);
}

double LatencyHistogram::quantile_us(double q) const {
  if (count_ == 0) return 0;
  // The smallest value with at least q of the counts at or below it (nearest rank).
  const auto rank = static_cast<std::int64_t>(std::ceil(q * static_cast<double>(count_)));
  std::int64_t seen = 0;
  for (std::int64_t i = 0; i < kFine; ++i) {
    seen += fine_[i];
    if (seen >= rank) return static_cast<double>(i) + 0.5;
  }
  for (std::int64_t i = 0; i < kCoarse; ++i) {
    seen += coarse_[i];
    if (seen >= rank) return (static_cast<double>(i + 10) + 0.5) * 1000;
  }
  return static_cast<double>(max_ns_) / 1000;
}

TimingSummary LatencyHistogram::summary() const {
  TimingSummary s;
  s.count = count_;
  s.p50_us = std::min(quantile_us(0.5), static_cast<double>(max_ns_) / 1000);
  s.p99_us = std::min(quantile_us(0.99), static_cast<double>(max_ns_) / 1000);
  s.max_us = static_cast<double>(max_ns_) / 1000;
  return s;
}

void use_realtime_priority(int priority) {
  if (priority <= 0) return;
  sched_param p{};
  p.sched_priority = priority;
  if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &p) != 0) {
    std::fprintf(stderr,
                 "ballastd: cannot use SCHED_FIFO priority %d (needs CAP_SYS_NICE); "
                 "running with normal scheduling\n",
                 priority);
  }
}

}  // namespace ballast::ballastd

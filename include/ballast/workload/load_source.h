#pragma once
/// @file A site's power as a stream: one value per fixed step, so a run of any length needs
/// constant memory.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ballast/core/series_values.h"

namespace ballast::workload {

/// A site's power at a fixed step, read one step at a time.
class LoadSource {
 public:
  virtual ~LoadSource() = default;
  /// Step length, microseconds (integer ticks: time is never a sum of floats).
  virtual std::int64_t step_us() const = 0;
  /// Number of steps in the run.
  virtual std::size_t steps() const = 0;
  /// The power of the next step, MW (mean over the step). Call at most steps() times.
  virtual double next_mw() = 0;
  /// Starts again from the first step; the same values follow (seeded sources re-seed).
  virtual void rewind() = 0;
};

/// A source over values held in memory (tests, short imported traces).
class VectorSource : public LoadSource {
 public:
  /// `values_mw` one per step of `step_us` microseconds, owned or a view (read in place).
  VectorSource(SeriesValues values_mw, std::int64_t step_us)
      : values_mw_(std::move(values_mw)), step_us_(step_us) {}
  std::int64_t step_us() const override { return step_us_; }
  std::size_t steps() const override { return values_mw_.size(); }
  double next_mw() override { return values_mw_[next_++]; }
  void rewind() override { next_ = 0; }

 private:
  SeriesValues values_mw_;
  std::int64_t step_us_;
  std::size_t next_ = 0;
};

/// Reads every value of `source` from its start (for tests and small runs).
std::vector<double> collect(LoadSource& source);

}  // namespace ballast::workload

#pragma once
/// @file An in-memory series whose values are owned (read from a file, computed) or a read-only
/// view of memory the caller keeps alive while they are used (a numpy array from Python: a
/// study reads it in place, without a copy).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ballast/core/time_series.h"

namespace ballast {

/// Values owned or borrowed. A copy of owned values owns its own copy; a copy of a view is the
/// same view.
class SeriesValues {
 public:
  SeriesValues() = default;
  /// Owns `owned` (a vector is owned values, so the conversion is implicit).
  SeriesValues(std::vector<double> owned)  // NOLINT(google-explicit-constructor)
      : owned_(std::move(owned)), view_(owned_) {}
  SeriesValues(std::initializer_list<double> owned)  // NOLINT(google-explicit-constructor)
      : SeriesValues(std::vector<double>(owned)) {}
  /// A view of `values`, which must outlive every copy of it.
  static SeriesValues borrowed(std::span<const double> values) {
    SeriesValues v;
    v.view_ = values;
    v.borrowed_ = true;
    return v;
  }
  SeriesValues(const SeriesValues& o)
      : owned_(o.owned_),
        view_(o.borrowed_ ? o.view_ : std::span<const double>(owned_)),
        borrowed_(o.borrowed_) {}
  SeriesValues(SeriesValues&& o) noexcept
      : owned_(std::move(o.owned_)),
        view_(o.borrowed_ ? o.view_ : std::span<const double>(owned_)),
        borrowed_(o.borrowed_) {
    o.view_ = {};
  }
  SeriesValues& operator=(SeriesValues o) noexcept {
    owned_ = std::move(o.owned_);
    borrowed_ = o.borrowed_;
    view_ = borrowed_ ? o.view_ : std::span<const double>(owned_);
    return *this;
  }
  ~SeriesValues() = default;

  bool borrowed() const { return borrowed_; }
  std::span<const double> span() const { return view_; }
  const double* data() const { return view_.data(); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  double operator[](std::size_t i) const { return view_[i]; }
  double front() const { return view_.front(); }
  auto begin() const { return view_.begin(); }
  auto end() const { return view_.end(); }
  std::vector<double> to_vector() const { return {view_.begin(), view_.end()}; }

 private:
  std::vector<double> owned_;
  std::span<const double> view_;
  bool borrowed_ = false;
};

/// A TimeSeries (start, step, name, unit) whose values are owned or borrowed; reads like one.
struct InputSeries {
  std::int64_t start_s = 0;    ///< start of the first interval, seconds since the epoch (UTC)
  std::int64_t step_s = 3600;  ///< interval length, seconds
  SeriesValues values;
  std::string name;
  std::string unit;

  InputSeries() = default;
  /// Owns the series' values.
  InputSeries(TimeSeries s)  // NOLINT(google-explicit-constructor): a series is an input series
      : start_s(s.start_s),
        step_s(s.step_s),
        values(std::move(s.values)),
        name(std::move(s.name)),
        unit(std::move(s.unit)) {}

  std::size_t size() const { return values.size(); }
  bool empty() const { return values.empty(); }
  double step_h() const { return static_cast<double>(step_s) / 3600.0; }
  std::int64_t time_s(std::size_t i) const {
    return start_s + static_cast<std::int64_t>(i) * step_s;
  }
  /// An owning TimeSeries with a copy of the values.
  TimeSeries to_time_series() const { return {start_s, step_s, values.to_vector(), name, unit}; }
};

}  // namespace ballast

#pragma once
/// @file Today's load of a grid: a TimeSeries whose values are either owned (read from a file)
/// or a read-only view of memory the caller keeps alive while the grid is used (a numpy array
/// from Python: the study reads it in place, without a copy).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ballast/core/time_series.h"

namespace ballast::plan {

/// Values owned or borrowed. A copy of owned values owns its own copy; a copy of a view is the
/// same view.
class LoadValues {
 public:
  LoadValues() = default;
  explicit LoadValues(std::vector<double> owned) : owned_(std::move(owned)), view_(owned_) {}
  /// A view of `values`, which must outlive every grid made from it.
  static LoadValues borrowed(std::span<const double> values) {
    LoadValues v;
    v.view_ = values;
    v.borrowed_ = true;
    return v;
  }
  LoadValues(const LoadValues& o)
      : owned_(o.owned_),
        view_(o.borrowed_ ? o.view_ : std::span<const double>(owned_)),
        borrowed_(o.borrowed_) {}
  LoadValues(LoadValues&& o) noexcept
      : owned_(std::move(o.owned_)),
        view_(o.borrowed_ ? o.view_ : std::span<const double>(owned_)),
        borrowed_(o.borrowed_) {
    o.view_ = {};
  }
  LoadValues& operator=(LoadValues o) noexcept {
    owned_ = std::move(o.owned_);
    borrowed_ = o.borrowed_;
    view_ = borrowed_ ? o.view_ : std::span<const double>(owned_);
    return *this;
  }
  ~LoadValues() = default;

  bool borrowed() const { return borrowed_; }
  std::span<const double> span() const { return view_; }
  const double* data() const { return view_.data(); }
  std::size_t size() const { return view_.size(); }
  bool empty() const { return view_.empty(); }
  double operator[](std::size_t i) const { return view_[i]; }
  auto begin() const { return view_.begin(); }
  auto end() const { return view_.end(); }
  std::vector<double> to_vector() const { return {view_.begin(), view_.end()}; }

 private:
  std::vector<double> owned_;
  std::span<const double> view_;
  bool borrowed_ = false;
};

/// A TimeSeries (start, step, name, unit) with owned or borrowed values; reads like one.
struct LoadSeries {
  std::int64_t start_s = 0;
  std::int64_t step_s = 3600;
  LoadValues values;
  std::string name;
  std::string unit;

  LoadSeries() = default;
  /// Owns the series' values.
  LoadSeries(TimeSeries s)  // NOLINT(google-explicit-constructor): a series is a load series
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

}  // namespace ballast::plan

#pragma once
/// @file Shared by the binding files: the array type every function takes (bound to a span,
/// never copied), the conversion of results to numpy, and the checks that keep bad values from
/// reaching the library.

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ballast::python {

namespace nb = nanobind;

/// A 1-D float64 C-contiguous array in CPU memory. A numpy array of that kind arrives as a
/// view of its own memory; anything else nanobind can convert (other dtypes, strides) is
/// copied once by nanobind before the call. The Python layer checks shape and values first.
using Array = nb::ndarray<const double, nb::ndim<1>, nb::c_contig, nb::device::cpu>;

/// A new 1-D numpy array returned to Python.
template <class T = double>
using NumpyArray = nb::ndarray<nb::numpy, T, nb::ndim<1>>;

/// The array's values as a span over its own memory.
inline std::span<const double> as_span(const Array& a) { return {a.data(), a.shape(0)}; }

/// An index's integer ticks (DatetimeIndex.asi8): a view, never copied when contiguous int64.
using Ticks = nb::ndarray<const std::int64_t, nb::ndim<1>, nb::c_contig, nb::device::cpu>;

/// The ticks as a span over their own memory.
inline std::span<const std::int64_t> as_span(const Ticks& t) { return {t.data(), t.shape(0)}; }

/// The first i with ticks[i + 1] - ticks[i] not positive or not ticks[1] - ticks[0]; -1 when
/// the ticks are strictly increasing at one step.
std::int64_t first_irregular(std::span<const std::int64_t> ticks);

/// Moves `values` into a numpy array that owns them (no copy). Needs the GIL.
template <class T>
NumpyArray<T> to_numpy(std::vector<T>&& values) {
  auto* heap = new std::vector<T>(std::move(values));
  nb::capsule owner(heap, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
  return NumpyArray<T>(heap->data(), {heap->size()}, owner);
}

/// How many values a scan tests at once (branch-free, vectorised) before it looks for the
/// position of a failure: 4 KB of doubles, in L1 while it is searched.
inline constexpr std::size_t kScanBlock = 512;
/// True when no value of `values` is NaN or infinite (no branch per value).
bool all_finite(std::span<const double> values);
/// The position of the first NaN or infinite value of `values`, or -1 when all are finite.
std::ptrdiff_t first_nonfinite(std::span<const double> values);
/// Throws InputError naming the first value of `values` that is NaN or infinite, e.g.
/// "request_mw[17] is NaN".
void require_finite(std::span<const double> values, std::string_view name);
/// Throws InputError unless `value` is finite.
void require_finite(double value, std::string_view name);

/// Marks an object as in use by one call while that call runs with the GIL released, so a
/// second thread stepping the same object gets an error instead of a data race.
class BusyGuard {
 public:
  /// Throws std::runtime_error (Python RuntimeError) if `busy` is already set; `what` names
  /// the object type.
  BusyGuard(std::atomic<bool>& busy, const char* what);
  ~BusyGuard() { busy_.store(false, std::memory_order_release); }
  BusyGuard(const BusyGuard&) = delete;
  BusyGuard& operator=(const BusyGuard&) = delete;

 private:
  std::atomic<bool>& busy_;
};

void bind_errors(nb::module_& m);
void bind_progress(nb::module_& m);
void bind_storage(nb::module_& m);
void bind_control(nb::module_& m);
void bind_aging(nb::module_& m);
void bind_workload(nb::module_& m);
void bind_plan(nb::module_& m);
void bind_studies(nb::module_& m);
void bind_sweep(nb::module_& m);
void bind_timeaxis(nb::module_& m);
void bind_testing(nb::module_& m);

}  // namespace ballast::python

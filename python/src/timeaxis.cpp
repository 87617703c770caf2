/// @file ballast._core.timeaxis: the checks of a time axis in one pass over memory Python
/// already has (an index's integer ticks, a float64 array), where numpy would make several
/// passes and temporary arrays. python/ballast/timeaxis.py words the errors.

#include <nanobind/stl/pair.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <utility>

#include "common.h"

namespace ballast::python {

namespace {

/// True when every t[i + 1] - t[i] is `step`, without a branch per tick; four stretches of
/// the ticks are read side by side: an index out of the cache (a study has just run) is read a
/// third faster as four memory streams than as one.
bool steps_equal(std::span<const std::int64_t> t, std::int64_t step) {
  if (t.size() < 2) return true;
  const std::size_t q = (t.size() - 1) / 4;  // steps in each stretch
  std::int64_t differs = 0;                  // nonzero once a step differs
  for (std::size_t i = 0; i < q; ++i) {
    differs |= (t[i + 1] - t[i]) ^ step;
    differs |= (t[q + i + 1] - t[q + i]) ^ step;
    differs |= (t[2 * q + i + 1] - t[2 * q + i]) ^ step;
    differs |= (t[3 * q + i + 1] - t[3 * q + i]) ^ step;
  }
  for (std::size_t i = 4 * q; i + 1 < t.size(); ++i) differs |= (t[i + 1] - t[i]) ^ step;
  return differs == 0;
}

/// The ticks from `first` to the tick after the block's last step.
std::span<const std::int64_t> step_block(std::span<const std::int64_t> t, std::size_t first) {
  return t.subspan(first, std::min(kScanBlock + 1, t.size() - first));
}

/// first_irregular(t) and first_nonfinite(v) for a Series' index and values, both read block
/// by block together: two memory streams at once cost little more than one when the arrays
/// are not in cache (a study just ran), and the common case (no fault) is one pass.
std::pair<std::int64_t, std::int64_t> check_series(std::span<const std::int64_t> t,
                                                   std::span<const double> v) {
  if (t.size() != v.size()) throw std::invalid_argument("ticks and values differ in length");
  const std::int64_t step = t.size() >= 2 ? t[1] - t[0] : 1;
  bool fine = step > 0;
  for (std::size_t first = 0; fine && first < t.size(); first += kScanBlock) {
    fine = steps_equal(step_block(t, first), step) &&
           all_finite(v.subspan(first, std::min(kScanBlock, v.size() - first)));
  }
  if (fine) return {-1, -1};
  return {first_irregular(t), first_nonfinite(v)};
}

}  // namespace

std::int64_t first_irregular(std::span<const std::int64_t> t) {
  if (t.size() < 2) return -1;
  const std::int64_t step = t[1] - t[0];
  if (step <= 0) return 0;
  if (steps_equal(t, step)) return -1;
  std::size_t i = 0;
  while (t[i + 1] - t[i] == step) ++i;
  return static_cast<std::int64_t>(i);
}

void bind_timeaxis(nb::module_& m) {
  m.def(
      "first_irregular", [](const Ticks& ticks) { return first_irregular(as_span(ticks)); },
      nb::arg("ticks"),
      "The first position i where ticks[i + 1] - ticks[i] is not positive or differs from "
      "ticks[1] - ticks[0]; -1 when the ticks are strictly increasing at one step.");
  m.def(
      "first_nonfinite",
      [](const Array& values) { return first_nonfinite(python::as_span(values)); },
      nb::arg("values"), "The position of the first NaN or infinite value; -1 when none.");
  m.def(
      "check_series",
      [](const Ticks& ticks, const Array& values) {
        return check_series(as_span(ticks), python::as_span(values));
      },
      nb::arg("ticks"), nb::arg("values"),
      "(first_irregular(ticks), first_nonfinite(values)) in one pass over both (equal lengths).");
}

}  // namespace ballast::python

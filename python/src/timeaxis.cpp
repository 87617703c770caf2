/// @file ballast._core.timeaxis: the checks of a time axis in one pass over memory Python
/// already has (an index's integer ticks, a float64 array), where numpy would make several
/// passes and temporary arrays. python/ballast/timeaxis.py words the errors.

#include <algorithm>
#include <cstdint>
#include <span>

#include "common.h"

namespace ballast::python {

namespace {

/// An index's ticks (DatetimeIndex.asi8): a view, never copied when contiguous int64.
using Ticks = nb::ndarray<const std::int64_t, nb::ndim<1>, nb::c_contig, nb::device::cpu>;

/// The first i with ticks[i + 1] - ticks[i] not positive or not the first step; -1 if none.
std::int64_t first_irregular(std::span<const std::int64_t> t) {
  if (t.size() < 2) return -1;
  const std::int64_t step = t[1] - t[0];
  if (step <= 0) return 0;
  constexpr std::size_t kBlock = 512;  // no branch per tick, so the scan vectorises
  for (std::size_t first = 0; first + 1 < t.size(); first += kBlock) {
    const std::size_t last = std::min(t.size() - 1, first + kBlock);
    std::int64_t differs = 0;  // nonzero once a step differs from the first
    for (std::size_t i = first; i < last; ++i) differs |= (t[i + 1] - t[i]) ^ step;
    if (differs == 0) continue;
    for (std::size_t i = first; i < last; ++i) {
      if (t[i + 1] - t[i] != step) return static_cast<std::int64_t>(i);
    }
  }
  return -1;
}

}  // namespace

void bind_timeaxis(nb::module_& m) {
  m.def(
      "first_irregular",
      [](const Ticks& ticks) {
        return first_irregular({ticks.data(), ticks.shape(0)});
      },
      nb::arg("ticks"),
      "The first position i where ticks[i + 1] - ticks[i] is not positive or differs from "
      "ticks[1] - ticks[0]; -1 when the ticks are strictly increasing at one step.");
  m.def(
      "first_nonfinite", [](const Array& values) { return first_nonfinite(as_span(values)); },
      nb::arg("values"), "The position of the first NaN or infinite value; -1 when none.");
}

}  // namespace ballast::python

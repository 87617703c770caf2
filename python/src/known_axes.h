#pragma once
/// @file The time axis of a pandas Series, found without Python in the common case.
///
/// ballast.timeaxis checks a Series' index (tz-aware, strictly increasing at one step of whole
/// seconds), words every refusal and converts what needs converting. A study on a Series
/// that is already right (float64 values, a regular index in a zone named before) should not
/// pay for that Python: right after a study has pushed the interpreter out of the CPU's caches,
/// each pandas attribute read there costs microseconds. So the common case is decided here:
///
/// - An index found regular is remembered with its axis (the last kKept indexes, by weak
///   reference: an entry matches only the very index it was made for, never an object that
///   later takes a dead index's address). A pandas Index is immutable (pandas keeps its own
///   answers about one, such as is_monotonic_increasing, on the same promise), so a study called
///   again on a Series, or on another Series over that index, reads its values only.
/// - A new index is looked at here once: accepted when every rule holds and its dtype (a
///   DatetimeTZDtype, immutable: one unit and one zone) was seen before, with the zone's name
///   ballast.timeaxis.tz_name gave it; anything else is left to ballast.timeaxis, which checks
///   it in full and remembers what it accepts, dtype and all.
///
/// All calls need the GIL.

#include <cstdint>
#include <optional>

#include "common.h"

namespace ballast::python {

/// A regular time axis, as ballast.timeaxis.Axis has it.
struct KnownAxis {
  std::int64_t start_s = 0;  ///< the first instant, seconds since the epoch (UTC)
  std::int64_t step_s = 0;   ///< the step, whole seconds
  nb::object tz;             ///< the zone's name (ballast.timeaxis.tz_name)
};

/// A pandas Series on a regular axis whose values are one C-contiguous float64 numpy array:
/// the values as a view (it holds the array) and the axis.
struct KnownSeries {
  Array values;
  KnownAxis axis;
};

/// The axis of `series` when it is a pandas Series whose index is remembered, or which passes
/// the first look (and is remembered now); nullopt for anything else (the caller then checks it
/// in full: ballast.timeaxis).
std::optional<KnownAxis> series_axis(nb::handle series);

/// series_axis(series) with its values, when they are one C-contiguous float64 numpy array.
std::optional<KnownSeries> known_series(nb::handle series);

/// Binds axis_of(series), known(index) and remember(index, start_s, step_s, tz, tick_ns) into
/// ballast._core.timeaxis.
void bind_known_axes(nb::module_& m);

}  // namespace ballast::python

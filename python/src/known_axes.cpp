/// @file The time axis of a pandas Series, found without Python in the common case
/// (known_axes.h).

#include "known_axes.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/tuple.h>

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

namespace ballast::python {

namespace {

constexpr std::int64_t kNsPerS = 1'000'000'000;

/// True when the weak reference `ref` still refers to `object`.
bool refers_to(nb::handle ref, nb::handle object) {
#if PY_VERSION_HEX >= 0x030D0000
  PyObject* target = nullptr;
  if (PyWeakref_GetRef(ref.ptr(), &target) <= 0) return false;
  const bool same = target == object.ptr();
  Py_DECREF(target);
  return same;
#else
  return PyWeakref_GetObject(ref.ptr()) == object.ptr();
#endif
}

/// `count` objects with a value each, the oldest replaced first.
template <class Value, std::size_t count>
class Recent {
 public:
  /// The value of the entry whose object `matches` accepts, or nullptr.
  template <class Matches>
  const Value* find(Matches&& matches) const {
    for (const auto& [key, value] : entries_) {
      if (key.is_valid() && matches(key)) return &value;
    }
    return nullptr;
  }
  void add(nb::object key, Value value) {
    entries_[next_] = {std::move(key), std::move(value)};
    next_ = (next_ + 1) % count;
  }

 private:
  std::array<std::pair<nb::object, Value>, count> entries_;
  std::size_t next_ = 0;
};

/// What a DatetimeIndex's dtype says of its ticks.
struct KnownDtype {
  std::int64_t tick_ns = 0;  ///< nanoseconds a tick
  nb::object tz;             ///< the zone's name (ballast.timeaxis.tz_name)
};

class KnownAxes {
 public:
  static constexpr std::size_t kKept = 16;

  /// The axis remembered for this very index object.
  std::optional<KnownAxis> find(nb::handle index) const {
    const KnownAxis* axis = indexes_.find([&](nb::handle ref) { return refers_to(ref, index); });
    if (axis == nullptr) return std::nullopt;
    return *axis;
  }

  /// Remembers `index` with its axis, and its dtype (a DatetimeTZDtype) with its tick and its
  /// zone's name.
  void remember(nb::handle index, KnownAxis axis, nb::handle dtype, std::int64_t tick_ns) {
    if (!series_type_.is_valid()) {  // pandas and numpy are imported by now (ballast.timeaxis)
      const nb::module_ pandas = nb::module_::import_("pandas");
      series_type_ = pandas.attr("Series");
      datetime_index_type_ = pandas.attr("DatetimeIndex");
      ndarray_type_ = nb::module_::import_("numpy").attr("ndarray");
    }
    if (find_dtype(dtype) == nullptr) dtypes_.add(nb::borrow(dtype), {tick_ns, axis.tz});
    if (!find(index)) indexes_.add(nb::weakref(index), std::move(axis));
  }

  std::optional<KnownAxis> series_axis(nb::handle series) {
    if (!series_type_.is_valid() || !nb::isinstance(series, series_type_)) return std::nullopt;
    const nb::object index = series.attr("index");
    std::optional<KnownAxis> axis = find(index);
    if (!axis) {
      axis = first_look(index);
      if (axis) indexes_.add(nb::weakref(index), *axis);
    }
    return axis;
  }

  std::optional<KnownSeries> known_series(nb::handle series) {
    std::optional<KnownAxis> axis = series_axis(series);
    if (!axis) return std::nullopt;
    // pandas' own array, as ballast.timeaxis takes it (Series._values): a numpy array exactly
    const nb::object values = nb::getattr(series, "_values", nb::none());
    Array view;
    if (!values.type().is(ndarray_type_) || !nb::try_cast(values, view, false)) {
      return std::nullopt;
    }
    return KnownSeries{std::move(view), std::move(*axis)};
  }

 private:
  /// An index's dtype remembered (a DatetimeTZDtype: immutable, so one object is one unit and
  /// one zone).
  const KnownDtype* find_dtype(nb::handle dtype) const {
    return dtypes_.find([&](nb::handle key) { return key.is(dtype); });
  }

  /// The axis of a new index when it is a DatetimeIndex of a dtype remembered, strictly
  /// increasing at one step of whole seconds from a whole second; nullopt otherwise (what
  /// ballast.timeaxis then refuses or accepts, it says).
  std::optional<KnownAxis> first_look(nb::handle index) const {
    if (!nb::isinstance(index, datetime_index_type_)) return std::nullopt;
    const KnownDtype* dtype = find_dtype(index.attr("dtype"));
    Ticks ticks;
    if (dtype == nullptr || !nb::try_cast(index.attr("asi8"), ticks, false)) return std::nullopt;
    const std::int64_t tick_ns = dtype->tick_ns;
    const std::span<const std::int64_t> t = as_span(ticks);
    if (t.size() < 2 || first_irregular(t) >= 0) return std::nullopt;
    std::int64_t first_ns = 0;
    std::int64_t step_ns = 0;
    if (__builtin_mul_overflow(t[0], tick_ns, &first_ns) ||
        __builtin_mul_overflow(t[1] - t[0], tick_ns, &step_ns) || first_ns % kNsPerS != 0 ||
        step_ns % kNsPerS != 0) {
      return std::nullopt;
    }
    return KnownAxis{first_ns / kNsPerS, step_ns / kNsPerS, dtype->tz};
  }

  Recent<KnownAxis, kKept> indexes_;  ///< a weak reference to an index -> its axis
  Recent<KnownDtype, kKept> dtypes_;  ///< an index's dtype -> its tick and zone's name
  nb::object series_type_;
  nb::object datetime_index_type_;
  nb::object ndarray_type_;
};

/// The module's: owned by a capsule in ballast._core.timeaxis, so it is freed with the module
/// while Python can still release the references it holds.
KnownAxes* known = nullptr;

}  // namespace

std::optional<KnownAxis> series_axis(nb::handle series) {
  return known == nullptr ? std::nullopt : known->series_axis(series);
}

std::optional<KnownSeries> known_series(nb::handle series) {
  return known == nullptr ? std::nullopt : known->known_series(series);
}

void bind_known_axes(nb::module_& m) {
  known = new KnownAxes();
  m.attr("_known_axes") = nb::capsule(known, [](void* p) noexcept {
    delete static_cast<KnownAxes*>(p);
    known = nullptr;
  });
  m.attr("KEPT") = KnownAxes::kKept;
  using Found = std::optional<std::tuple<std::int64_t, std::int64_t, nb::object>>;
  const auto found = [](std::optional<KnownAxis> axis) -> Found {
    if (!axis) return std::nullopt;
    return std::make_tuple(axis->start_s, axis->step_s, std::move(axis->tz));
  };
  m.def(
      "axis_of", [found](nb::handle series) { return found(series_axis(series)); },
      nb::arg("series"),
      "(start_s, step_s, tz) of a pandas Series whose index is remembered or passes the first "
      "look (then remembered); None: check it in full.");
  m.def(
      "known", [found](nb::handle index) { return found(known->find(index)); }, nb::arg("index"),
      "(start_s, step_s, tz) remembered for this very index object, or None.");
  m.def(
      "remember",
      [](nb::handle index, std::int64_t start_s, std::int64_t step_s, nb::object tz,
         std::int64_t tick_ns) {
        known->remember(index, {start_s, step_s, std::move(tz)}, index.attr("dtype"), tick_ns);
      },
      nb::arg("index"), nb::arg("start_s"), nb::arg("step_s"), nb::arg("tz"), nb::arg("tick_ns"),
      "Remembers `index` (checked regular: ballast.timeaxis) with its axis, and its dtype with "
      "`tz`, its zone's name, and `tick_ns`, nanoseconds a tick; the oldest of the last KEPT is "
      "forgotten.");
}

}  // namespace ballast::python

"""ballast.timeaxis: the time-axis rules, the conversions both ways, and that nothing is copied."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import ballast
from ballast import _core
from ballast.timeaxis import as_float_array, time_index, to_axis, to_frame, to_series


def hourly(n=48, tz="UTC", start="2024-01-01"):
    index = pd.date_range(start, periods=n, freq="h", tz=tz)
    return pd.Series(np.arange(n, dtype=np.float64), index=index, name="demand_mw")


def test_series_gives_start_step_values_and_zone():
    s = hourly(tz="UTC")
    axis = to_axis(s)
    assert axis.start_s == int(pd.Timestamp("2024-01-01", tz="UTC").timestamp())
    assert axis.step_s == 3600
    assert axis.tz == "UTC"
    np.testing.assert_array_equal(axis.values, s.to_numpy())


def test_float64_series_is_not_copied():
    s = hourly()
    axis = to_axis(s)
    assert np.shares_memory(axis.values, s.to_numpy())
    assert axis.values.flags.c_contiguous and axis.values.dtype == np.float64
    # read-only, as to_numpy() gives it: writing through it would change pandas' own memory
    assert not axis.values.flags.writeable
    with pytest.raises(ValueError):
        axis.values[0] = 1.0


def test_cpp_reads_the_callers_memory():
    """The address C++ reads (through the Array type every binding takes) is the numpy
    array's own: no copy between Python and C++."""
    a = np.linspace(0.0, 1.0, 1000)
    assert _core.testing.data_address(a) == a.ctypes.data
    s = hourly()
    axis = to_axis(s)
    assert _core.testing.data_address(axis.values) == s.to_numpy().ctypes.data
    column = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0)})["b"]
    assert _core.testing.data_address(as_float_array(column)) == column.to_numpy().ctypes.data


def test_other_dtypes_and_strides_are_converted_once():
    ints = np.arange(10)
    out = as_float_array(ints)
    assert out.dtype == np.float64 and not np.shares_memory(out, ints)
    strided = np.arange(20.0)[::2]
    out = as_float_array(strided)
    assert out.flags.c_contiguous
    np.testing.assert_array_equal(out, strided)
    # what nanobind itself does with a strided array: copies it once (the Python layer already
    # made it contiguous, so this is the fallback)
    assert _core.testing.data_address(strided) != strided.ctypes.data


def test_zone_names_round_trip():
    for tz in ["UTC", "America/Chicago", "Asia/Taipei"]:
        s = hourly(tz=tz)
        axis = to_axis(s)
        assert axis.tz == tz
        assert axis.index().equals(s.index)
    fixed = pd.Series([1.0, 2.0], index=pd.date_range("2024-01-01T00:00+08:00", periods=2, freq="h"))
    axis = to_axis(fixed)
    assert axis.tz == "+08:00"
    assert axis.index().equals(fixed.index)


def test_daylight_saving_is_regular_in_absolute_time():
    # 2024-03-10: US clocks jump from 02:00 to 03:00; hourly in absolute time stays regular
    s = hourly(n=72, tz="America/New_York", start="2024-03-09")
    axis = to_axis(s)
    assert axis.step_s == 3600
    back = axis.series(axis.values, name="x")
    assert back.index.equals(s.index)


def test_naive_index_tells_to_localize():
    s = hourly().tz_localize(None)
    with pytest.raises(ballast.InputError, match=r"tz_localize\('UTC'\)"):
        to_axis(s)


def test_duplicate_timestamp_is_named():
    s = hourly(n=5)
    s.index = s.index[[0, 1, 2, 2, 3]]
    with pytest.raises(ballast.InputError, match="duplicate timestamp .* positions 2 and 3"):
        to_axis(s)


def test_unsorted_index_is_named():
    s = hourly(n=5).iloc[[0, 1, 3, 2, 4]]
    with pytest.raises(ballast.InputError, match=r"not in time order.*position 2.*sort_index"):
        to_axis(s)


def test_irregular_step_is_named():
    s = hourly(n=6).drop(hourly(n=6).index[3])
    with pytest.raises(ballast.InputError, match=r"step is not fixed: 0 days 01:00:00 .* 0 days 02:00:00"):
        to_axis(s)


def test_sub_second_step_is_refused():
    s = pd.Series([1.0, 2.0], index=pd.date_range("2024", periods=2, freq="500ms", tz="UTC"))
    with pytest.raises(ballast.InputError, match="whole number of seconds"):
        to_axis(s)


def test_non_datetime_index_and_frames_are_refused():
    with pytest.raises(ballast.InputError, match="RangeIndex, not a DatetimeIndex"):
        to_axis(pd.Series([1.0, 2.0]))
    with pytest.raises(ballast.InputError, match=r"pass one column"):
        to_axis(pd.DataFrame({"a": [1.0]}))


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.array([1.0, np.nan, 3.0]), r"values\[1\] is NaN"),
        (np.array([1.0, 2.0, np.inf]), r"values\[2\] is infinite"),
        (np.array(["a", "b"]), "must hold real numbers"),
        (np.array([True, False]), "must hold real numbers"),
        (np.ones((2, 3)), r"one-dimensional \(got shape \(2, 3\)\)"),
    ],
)
def test_bad_values_are_named(bad, message):
    with pytest.raises(ballast.InputError, match=message):
        to_axis(bad, step="1h")


def test_nan_in_a_series_names_its_timestamp():
    s = hourly(n=4)
    s.iloc[2] = np.nan
    with pytest.raises(ballast.InputError, match=r"demand_mw\[2\] at 2024-01-01 02:00:00\+00:00 is NaN"):
        to_axis(s)


def test_nullable_dtype_with_missing_values():
    s = hourly(n=3).astype("Float64")
    s.iloc[1] = pd.NA
    with pytest.raises(ballast.InputError, match="is NaN"):
        to_axis(s)


def test_bare_array_needs_a_step_and_a_zoned_start():
    with pytest.raises(ballast.InputError, match="give step="):
        to_axis(np.ones(3))
    with pytest.raises(ballast.InputError, match="has no time zone"):
        to_axis(np.ones(3), step="1h", start="2024-01-01")
    axis = to_axis(np.ones(3), step="15min", start="2024-01-01T00:00Z")
    assert (axis.step_s, axis.start_s, axis.tz) == (900, 1704067200, "UTC")
    axis = to_axis(np.ones(3), step=60)
    assert (axis.step_s, axis.start_s, axis.tz) == (60, 0, None)
    axis = to_axis(np.ones(3), step=pd.Timedelta("2h"), start=pd.Timestamp("2024-06-01", tz="Asia/Taipei"))
    assert axis.tz == "Asia/Taipei" and axis.step_s == 7200


def test_step_must_agree_with_the_index():
    with pytest.raises(ballast.InputError, match="disagrees"):
        to_axis(hourly(), step="15min")
    one = hourly(n=1)
    with pytest.raises(ballast.InputError, match="single value has no step"):
        to_axis(one)
    assert to_axis(one, step="1h").step_s == 3600


def test_results_come_back_on_a_tz_aware_index():
    values = np.arange(4.0)
    s = to_series(values, start_s=1704067200, step_s=3600, tz="America/Chicago", name="x")
    assert str(s.index.tz) == "America/Chicago"
    assert s.index[0] == pd.Timestamp("2024-01-01T00:00Z")
    assert s.index[1] - s.index[0] == pd.Timedelta("1h")
    assert np.shares_memory(s.to_numpy(), values)
    f = to_frame({"a": values, "b": 2 * values}, start_s=0, step_s=60)
    assert list(f.columns) == ["a", "b"] and str(f.index.tz) == "UTC"
    with pytest.raises(ballast.InputError, match="one length"):
        to_frame({"a": values, "b": values[:2]}, start_s=0, step_s=60)
    assert len(time_index(0, 0.001, 5)) == 5


# --- the one-pass checks in C++ (ballast._core.timeaxis) ---------------------------------------
# Positions on both sides of the 512-value blocks the scans work in, and the ends.
EDGES = [0, 1, 510, 511, 512, 513, 1023, 1024, 1998]


@pytest.mark.parametrize("p", EDGES)
def test_first_irregular_finds_a_changed_step_anywhere(p):
    ticks = np.arange(2000, dtype=np.int64) * 3600
    assert _core.timeaxis.first_irregular(ticks) == -1
    longer = ticks.copy()
    longer[p + 1:] += 1  # only the step from p to p + 1 is longer
    # the first step is the one the others are compared with: a longer first step shows at 1
    assert _core.timeaxis.first_irregular(longer) == (p if p > 0 else 1)
    if p + 1 < 1999:
        dup = ticks.copy()
        dup[p + 1] = dup[p]  # steps p (0) and p + 1 (two hours) differ: p comes first
        assert _core.timeaxis.first_irregular(dup) == p


def test_first_irregular_of_short_and_backward_ticks():
    assert _core.timeaxis.first_irregular(np.array([], dtype=np.int64)) == -1
    assert _core.timeaxis.first_irregular(np.array([7], dtype=np.int64)) == -1
    assert _core.timeaxis.first_irregular(np.array([5, 3, 1], dtype=np.int64)) == 0  # step < 0
    assert _core.timeaxis.first_irregular(np.array([5, 5, 5], dtype=np.int64)) == 0  # step 0


@pytest.mark.parametrize("p", EDGES + [1999])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_first_nonfinite_finds_the_first_bad_value(p, bad):
    # finite extremes count as finite: the largest, the smallest subnormal, minus zero
    values = np.resize(np.array([1.0, -np.finfo(np.float64).max, 5e-324, -0.0]), 2000)
    assert _core.timeaxis.first_nonfinite(values) == -1
    values[p] = bad
    values[-1] = np.nan if p < 1999 else values[-1]  # a later one does not hide the first
    assert _core.timeaxis.first_nonfinite(values) == p == int(np.flatnonzero(~np.isfinite(values))[0])


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_every_index_unit_gives_the_same_axis(unit):
    s = hourly(n=30, tz="America/Chicago")
    s.index = s.index.as_unit(unit)
    axis = to_axis(s)
    assert axis.start_s == int(pd.Timestamp("2024-01-01", tz="America/Chicago").timestamp())
    assert axis.step_s == 3600


@pytest.mark.parametrize("unit", ["s", "us", "ns"])
def test_a_gap_far_into_a_long_index_is_named(unit):
    s = hourly(n=3000)
    s = s.drop(s.index[1700])
    s.index = s.index.as_unit(unit)
    with pytest.raises(ballast.InputError, match=r"step is not fixed: .*position 1699\)"):
        to_axis(s)
    late = hourly(n=3000)
    late.index = late.index[list(range(2500)) + [2499] + list(range(2501, 3000))].as_unit(unit)
    with pytest.raises(ballast.InputError, match="duplicate timestamp .* positions 2499 and 2500"):
        to_axis(late)


@pytest.mark.parametrize("p", EDGES)
def test_check_series_reports_both_faults_read_together(p):
    ticks = np.arange(2000, dtype=np.int64) * 900
    values = np.linspace(-1.0, 1.0, 2000)
    assert _core.timeaxis.check_series(ticks, values) == (-1, -1)
    late = ticks.copy()
    late[p + 1:] += 60
    nan = values.copy()
    nan[p] = np.nan
    expected_step = p if p > 0 else 1  # a changed first step shows at the second
    assert _core.timeaxis.check_series(late, values) == (expected_step, -1)
    assert _core.timeaxis.check_series(ticks, nan) == (-1, p)
    assert _core.timeaxis.check_series(late, nan) == (expected_step, p)
    with pytest.raises(ValueError, match="differ in length"):
        _core.timeaxis.check_series(ticks[:-1], values)


def test_an_index_fault_is_named_before_a_value_fault():
    s = hourly(n=6)
    s.iloc[1] = np.nan
    s = s.drop(s.index[4])
    with pytest.raises(ballast.InputError, match="step is not fixed"):
        to_axis(s)
    with pytest.raises(ballast.InputError, match=r"demand_mw\[1\] at .* is NaN"):
        to_axis(s.iloc[:4])


def test_an_index_checked_before_gives_the_same_axis_without_a_scan():
    """A second Series on an index already checked (pandas indexes are immutable) is not
    scanned again, and gives the axis the first check gave; every Series on that index still
    has its own values read and checked; a new index object is checked."""
    s = hourly(n=100, tz="America/Chicago")
    first = to_axis(s)
    # pandas' promise broken on purpose, to see which index is scanned: one tick moved in the
    # index's own memory. The index checked before is not scanned again...
    s.index.asi8[50] += 1
    other = pd.Series(np.linspace(1.0, 2.0, 100), index=s.index)
    again = to_axis(other)
    assert (again.start_s, again.step_s, again.tz) == (first.start_s, first.step_s, first.tz)
    assert np.shares_memory(again.values, other.to_numpy())
    assert ballast.headroom(other, threshold=1.5).to_dict()["load"]["steps"] == 100
    # ...a new index object over the same memory is, by a study as by to_axis
    with pytest.raises(ballast.InputError, match="step is not fixed"):
        to_axis(s.set_axis(s.index.view()))
    with pytest.raises(ballast.InputError, match="step is not fixed"):
        ballast.headroom(s.set_axis(s.index.view()), threshold=1.5)
    s.index.asi8[50] -= 1
    values = np.linspace(1.0, 2.0, 100)
    values[7] = np.nan
    with pytest.raises(ballast.InputError, match=r"values\[7\] at 2024-01-01 07:00:00-06:00 is NaN"):
        to_axis(pd.Series(values, index=s.index))
    ints = pd.Series(np.arange(100), index=s.index)  # not float64: converted, then the same axis
    converted = to_axis(ints)
    assert converted.values.dtype == np.float64 and converted.start_s == first.start_s
    with pytest.raises(ballast.InputError, match="disagrees"):  # step= is checked every time
        to_axis(other, step="15min")


def test_an_irregular_index_is_refused_every_time_and_a_dead_index_is_not_trusted():
    import gc

    from ballast import _core

    irregular = ["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 03:00"]
    s = pd.Series([1.0, 2.0, 3.0], index=pd.DatetimeIndex(irregular, tz="UTC"))
    for _ in range(2):
        with pytest.raises(ballast.InputError, match="step is not fixed"):
            to_axis(s)
    assert _core.timeaxis.known(s.index) is None
    # an index that is gone is forgotten with it: an irregular index made after it (whatever
    # address it is given) is checked, many times over
    for _ in range(50):
        regular = hourly(n=3)
        to_axis(regular)
        assert _core.timeaxis.known(regular.index) == (1704067200, 3600, "UTC")
        del regular
        gc.collect()
        bad = pd.Series([1.0, 2.0, 3.0], index=pd.DatetimeIndex(irregular, tz="UTC"))
        with pytest.raises(ballast.InputError, match="step is not fixed"):
            to_axis(bad)
        with pytest.raises(ballast.InputError, match="step is not fixed"):
            ballast.headroom(bad, threshold=1.5)
    # the entries are bounded: the oldest make room
    kept = [hourly(n=3) for _ in range(3 * _core.timeaxis.KEPT)]
    for k in kept:
        to_axis(k)
    remembered = [_core.timeaxis.known(k.index) is not None for k in kept]
    assert remembered == [False] * (2 * _core.timeaxis.KEPT) + [True] * _core.timeaxis.KEPT


def test_a_new_index_of_a_dtype_seen_before_is_still_checked_by_every_rule():
    # the first look in C++ accepts only what ballast.timeaxis accepts; the rest is worded there
    good = hourly(n=4)
    to_axis(good)  # its dtype (unit and zone) is remembered
    base = good.index
    cases = {
        "is not on a whole second": base + pd.Timedelta("500ms"),
        "is not a whole number of seconds": pd.date_range("2024-01-01", periods=4, freq="1500ms",
                                                          tz="UTC"),
        "duplicate timestamp": base[[0, 1, 1, 2]],
        "is not in time order": base[[0, 2, 1, 3]],
        "step is not fixed": base[:3].append(base[3:] + pd.Timedelta("1h")),
    }
    for message, index in cases.items():
        assert index.dtype == base.dtype
        series = pd.Series(np.ones(len(index)), index=index)
        for call in (to_axis, lambda s: ballast.headroom(s, threshold=1.5)):
            with pytest.raises(ballast.InputError, match=message):
                call(series)


def test_a_study_on_a_checked_index_equals_one_on_a_new_index():
    load = hourly(n=24 * 400, tz="America/New_York") * 0 + 1000.0
    load += 200 * np.sin(np.arange(len(load)) / 24 * 2 * np.pi)
    first = ballast.headroom(load, threshold=1150).to_dict()
    again = ballast.headroom(load, threshold=1150).to_dict()
    fresh = ballast.headroom(load.set_axis(load.index.view()), threshold=1150).to_dict()
    assert first == again == fresh

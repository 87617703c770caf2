#!/usr/bin/env python3
"""The Python layer's overhead on the Duke headroom of PJM 2016-2024, in one run.

Times ``ballast.headroom(load)`` (a pandas Series of PJM's 78,912 hours on America/New_York)
against the same library study called from C++ alone (``plan::run(HeadroomRequest)`` on the
same values in a TimeSeries it owns, the request made once: ``ballast._core.testing.
HeadroomBaseline``), without storage and with a 5 GW / 20 GWh battery. Each Python call runs
beside a C++ run, and the overhead is the median over those pairs of Python / C++ - 1 (the
machine's speed drifts, and a pair sees the same drift), in the calling thread's CPU time (the
study runs on that thread with the GIL released; on a shared machine the wall clock also counts
waiting for a core) and on the wall clock; "fastest" compares the fastest run of each.

Two kinds of call: again on one Series (its index was checked by an earlier call; pandas
indexes are immutable, so it is not scanned again) and the first call on an index (a new index
object over the same timestamps, so the whole time axis is checked). Also prints whether the
study read the float64 input in place (no copy). Goal: at most 5 %. Timings only: never part of
the tests.

    build/venv/bin/python bench/python_headroom.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

import ballast
from ballast import _core
from ballast.plan import standard_offset_min
from ballast.timeaxis import to_axis

REPO = Path(__file__).resolve().parents[1]
CASES = [("Duke headroom, no storage", {}),
         ("Duke headroom, 5 GW / 20 GWh", {"storage_mw": 5000, "storage_mwh": 20000})]


def pjm_load() -> pd.Series:
    frame = pd.read_csv(REPO / "data" / "eia930" / "PJM_2016-2024_hourly_utc.csv")
    end = pd.to_datetime(frame["time_utc"]).dt.tz_localize("UTC")
    load = pd.Series(frame["demand_mw"].to_numpy(dtype="float64"),
                     index=pd.DatetimeIndex(end - pd.Timedelta(hours=1)), name="load_mw")
    return load.tz_convert("America/New_York")


def python_time(call, load: pd.Series) -> tuple[float, float]:
    """(wall, CPU) seconds of call(load); its result is dropped after the clocks are read, as
    the C++ reference drops its own."""
    t0, c0 = time.perf_counter(), time.thread_time()
    result = call(load)  # noqa: F841 (kept until the clocks are read)
    c1, t1 = time.thread_time(), time.perf_counter()
    return t1 - t0, c1 - c0


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=41)
    args = parser.parse_args(argv)
    load = pjm_load()
    axis = to_axis(load, name="load_mw")
    settings_base = ["timezone=America/New_York"]
    print(f"PJM 2016-2024: {len(load):,} hours, {load.index[0]} .. {load.index[-1]}; "
          f"{args.repeats} pairs of runs each")
    print(f"{'':46} {'median CPU ms':^21} {'overhead, median of pairs':^27} {'fastest':>9}")
    print(f"{'case':46} {'C++ study':>10} {'Python':>10} {'CPU':>13} {'wall':>13} {'CPU':>9}")
    worst = {"again on one Series": 0.0, "first call on its index": 0.0}
    for label, kwargs in CASES:
        settings = settings_base + [f"{k}={v}" for k, v in kwargs.items()]
        baseline = _core.testing.HeadroomBaseline(
            settings, axis.values, axis.start_s, axis.step_s, standard_offset_min(axis))
        for kind, series in (("again on one Series", lambda: load),
                             ("first call on its index", lambda: load.set_axis(load.index.view()))):
            # each Python run beside a C++ run: the machine's drifting speed affects both alike
            cpp, py = [], []
            for _ in range(args.repeats):
                cpp.append(baseline.time())
                py.append(python_time(lambda s: ballast.headroom(s, **kwargs), series()))
            pairs = [[p[k] / c[k] - 1 for c, p in zip(cpp, py)] for k in range(2)]
            cpu = median(pairs[1])
            worst[kind] = max(worst[kind], cpu)
            fastest = min(p[1] for p in py) / min(c[1] for c in cpp) - 1
            print(f"{label + ', ' + kind:46} {1000 * median([c[1] for c in cpp]):10.3f} "
                  f"{1000 * median([p[1] for p in py]):10.3f} {100 * cpu:11.2f} % "
                  f"{100 * median(pairs[0]):11.2f} % {100 * fastest:7.2f} %")
    result = ballast.headroom(load)
    values = load.to_numpy()
    in_place = result._core._load_address() == values.ctypes.data
    print(f"float64 input read in place (no copy): {'yes' if in_place else 'NO'} "
          f"(study's load at {result._core._load_address():#x}, Series values at "
          f"{values.ctypes.data:#x})")
    print(f"worst overhead in CPU time, median of pairs (goal <= 5 %): "
          f"{100 * worst['again on one Series']:.2f} % on a Series whose axis is known, as the C++ "
          f"study's is; {100 * worst['first call on its index']:.2f} % on the first call on an "
          "index, which also checks its timestamps")
    return 0 if in_place else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

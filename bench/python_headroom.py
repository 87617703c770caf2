#!/usr/bin/env python3
"""The Python layer's overhead on the Duke headroom of PJM 2016-2024, in one run.

Times ``ballast.headroom(load)`` (a pandas Series of PJM's 78,912 hours on America/New_York)
against the same library study called from C++ alone (``plan::run(HeadroomRequest)`` on the
same values, in a TimeSeries it owns; ``ballast._core.testing.time_headroom``), without
storage and with a 5 GW / 20 GWh battery; the fastest of several runs each, interleaved. Prints
both times on the wall clock and in the calling thread's CPU time (the study runs on that thread
with the GIL released; on a shared machine the wall clock also counts waiting for a core, the
CPU time does not), the overhead ratios (goal: at most 5 %) and whether the study read the
float64 input in place (no copy). Timings only: never part of the tests.

    build/venv/bin/python bench/python_headroom.py [--repeats N]
"""

from __future__ import annotations

import argparse
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


def python_time(call) -> tuple[float, float]:
    """(wall, CPU) seconds of call()."""
    t0, c0 = time.perf_counter(), time.thread_time()
    call()
    c1, t1 = time.thread_time(), time.perf_counter()
    return t1 - t0, c1 - c0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    load = pjm_load()
    axis = to_axis(load, name="load_mw")
    settings_base = ["timezone=America/New_York"]
    print(f"PJM 2016-2024: {len(load):,} hours, {load.index[0]} .. {load.index[-1]}")
    print(f"{'':32} {'wall clock (ms)':^34} {'CPU time (ms)':^34}")
    print(f"{'case':32} " + f"{'C++ study':>11} {'Python':>11} {'overhead':>10} " * 2)
    worst = [0.0, 0.0]
    for label, kwargs in CASES:
        settings = settings_base + [f"{k}={v}" for k, v in kwargs.items()]
        # interleaved, the fastest of each: the machine's load affects both alike
        cpp = [float("inf")] * 2
        py = [float("inf")] * 2
        for _ in range(args.repeats):
            cpp = list(map(min, cpp, _core.testing.time_headroom(
                settings, axis.values, axis.start_s, axis.step_s, standard_offset_min(axis), 1)))
            py = list(map(min, py, python_time(lambda: ballast.headroom(load, **kwargs))))
        line = f"{label:32} "
        for k in range(2):
            overhead = py[k] / cpp[k] - 1
            worst[k] = max(worst[k], overhead)
            line += f"{1000 * cpp[k]:11.3f} {1000 * py[k]:11.3f} {100 * overhead:8.2f} % "
        print(line.rstrip())
    result = ballast.headroom(load)
    values = load.to_numpy()
    in_place = result._core._load_address() == values.ctypes.data
    print(f"float64 input read in place (no copy): {'yes' if in_place else 'NO'} "
          f"(study's load at {result._core._load_address():#x}, Series values at "
          f"{values.ctypes.data:#x})")
    print(f"worst overhead {100 * worst[0]:.2f} % on the wall clock, {100 * worst[1]:.2f} % in CPU "
          "time (goal <= 5 %)")
    return 0 if in_place else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

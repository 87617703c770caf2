"""Progress and the GIL: long C++ calls run with the GIL released, report progress to a callback
on their own thread or to a ballast.Progress another thread polls, and stop on Ctrl-C."""

from __future__ import annotations

import _thread
from pathlib import Path
import signal
import threading

import numpy as np
import pytest

import ballast

REPO = Path(__file__).resolve().parents[2]
N = 10_000_000  # long enough that a poller sees a run in the middle


def make_unit():
    return ballast.Storage(ballast.StorageParams(energy_mwh=1e9, power_mw=10), dt_s=1, soc=0.5)


def test_callback_runs_on_the_calling_thread_in_order():
    calls = []
    make_unit().run(np.zeros(1_000_000), progress=lambda done, total: calls.append((done, total, threading.get_ident())))
    assert calls[-1][:2] == (1_000_000, 1_000_000)
    assert len(calls) > 10
    assert all(a[0] < b[0] for a, b in zip(calls, calls[1:]))
    assert {c[2] for c in calls} == {threading.get_ident()}


def test_progress_object_after_a_call():
    p = ballast.Progress()
    assert (p.done, p.total, p.fraction) == (0, 0, 0.0)
    ballast.aging.count_cycles(np.sin(np.arange(100_000.0)), progress=p)
    assert (p.done, p.total, p.calls, p.fraction) == (100_000, 100_000, 1, 1.0)
    assert repr(p) == "Progress(100000 of 100000 steps)"


def test_two_threads_run_cpp_at_once():
    """Two threads each step a Storage over 10 million requests while the main thread polls
    their Progress. Seeing both strictly between 0 and done at one moment means both loops
    were running while this thread ran Python: neither held the GIL. (If either held it, no
    Python could run until it finished.)"""
    requests = np.zeros(N)
    seen = False
    for _attempt in range(10):  # a busy machine may finish a pair before the poller looks
        progress = [ballast.Progress(), ballast.Progress()]
        units = [make_unit(), make_unit()]
        threads = [threading.Thread(target=u.run, args=(requests,), kwargs={"progress": p}) for u, p in zip(units, progress)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            if all(0 < p.done < N for p in progress):
                seen = True
        for t in threads:
            t.join()
        assert all(p.done == N for p in progress)
        if seen:
            break
    assert seen


def test_callbacks_from_two_threads():
    idents = [set(), set()]
    finals = [None, None]

    def run(k):
        def cb(done, total):
            idents[k].add(threading.get_ident())
            finals[k] = (done, total)

        ballast.aging.count_cycles(np.sin(np.arange(2_000_000.0)), progress=cb)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert finals == [(2_000_000, 2_000_000)] * 2
    assert len(idents[0]) == len(idents[1]) == 1 and idents[0] != idents[1]


def test_an_exception_in_the_callback_stops_the_call():
    unit = make_unit()

    def fail(done, total):
        raise ValueError(f"stop at {done}")

    with pytest.raises(ValueError, match="stop at"):
        unit.run(np.ones(1_000_000), progress=fail)
    assert 0 < unit.discharged_mwh < 1_000_000 * 10 / 3600  # stopped part way
    unit.step(0.0)  # and not left marked busy


def test_progress_must_be_callable_or_progress():
    with pytest.raises(TypeError, match="progress must be None, a callable"):
        make_unit().run(np.ones(10), progress=42)


@pytest.fixture
def python_sigint():
    """Python's own SIGINT handler, as in a terminal, for one test: a process that a shell
    without job control starts in the background ignores SIGINT, and interrupt_main() then
    does nothing."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_interrupts_a_long_call_on_the_main_thread(python_sigint):
    """_thread.interrupt_main() is what Ctrl-C does: the run must stop part way with
    KeyboardInterrupt instead of finishing first."""
    requests = np.zeros(N)
    stopped_early = False
    for _attempt in range(10):
        p = ballast.Progress()

        def interrupt():
            while p.done == 0:
                pass
            _thread.interrupt_main()

        helper = threading.Thread(target=interrupt)
        helper.start()
        try:
            make_unit().run(requests, progress=p)
            while helper.is_alive():  # it finished first: take the interrupt here
                pass
        except KeyboardInterrupt:
            stopped_early = p.done < N
        helper.join()
        if stopped_early:
            break
    assert stopped_early


def test_other_long_calls_take_progress_too():
    finals = []
    ballast.workload.synthetic_site(training_gpus=100, step_ms=10, duration_s=30, progress=lambda d, t: finals.append((d, t)))
    assert finals[-1] == (3000, 3000)
    meter = ballast.aging.WearMeter(ballast.aging.AgingModel.xu2018(), dt_s=1)
    p = ballast.Progress()
    meter.extend(np.full(50_000, 0.5), progress=p)
    assert p.done == 50_000


def test_rolling_horizon_dispatch_reports_each_window():
    """A year of ERCOT's fleet in windows of 48 h committing 24 h: 8760 hours, windows starting
    at hours 0, 24, ..., 8712 (the first that reaches the end), so 364 windows, each reported
    once as it is committed, after a first report of 0 (issue 14: progress of long runs)."""
    scenario = REPO / "examples" / "ercot-2023-fleet.toml"
    calls = []
    ballast.dispatch(scenario, window_s=48 * 3600, commit_s=24 * 3600,
                     progress=lambda done, total: calls.append((done, total)))
    windows = [(done, total) for done, total in calls if total > 0]
    assert windows == [(k, 364) for k in range(365)]
    # A ballast.Progress another thread polls ends at the last window.
    p = ballast.Progress()
    ballast.dispatch(scenario, window_s=48 * 3600, commit_s=24 * 3600, progress=p)
    assert (p.done, p.total) == (364, 364)

"""ballast.storage: StorageParams and Storage against the physics as documented."""

from __future__ import annotations

import math
import threading

import numpy as np
import pandas as pd
import pytest

import ballast


class Reference:
    """The storage rule of include/ballast/storage/storage.h written out from its comments:
    standing loss on the energy above the floor first, then discharge up to power and to what
    the store can deliver, or charge up to power and to the room left, through the one-way
    efficiencies."""

    def __init__(self, p: ballast.StorageParams, dt_s: float, stored_mwh: float):
        self.p, self.dt_h, self.e = p, dt_s / 3600, stored_mwh

    def step(self, request_mw: float) -> float:
        p, dt = self.p, self.dt_h
        floor, ceiling = p.soc_min * p.energy_mwh, p.soc_max * p.energy_mwh
        above = (self.e - floor) * (1 - p.standing_loss_per_h) ** dt
        if request_mw >= 0:
            mw = min(request_mw, p.discharge_power_mw, above * p.discharge_efficiency / dt)
            self.e = floor + max(0.0, above - mw * dt / p.discharge_efficiency)
            return mw
        room = max(0.0, ceiling - floor - above)
        mw = min(-request_mw, p.charge_power_mw, room / (p.charge_efficiency * dt))
        self.e = floor + min(ceiling - floor, above + mw * dt * p.charge_efficiency)
        return -mw


def test_params_keep_units_and_defaults():
    p = ballast.StorageParams(energy_mwh=100, power_mw=25)
    assert (p.discharge_power_mw, p.charge_power_mw, p.energy_mwh) == (25, 25, 100)
    assert (p.charge_efficiency, p.discharge_efficiency, p.soc_min, p.soc_max) == (1, 1, 0, 1)
    assert math.isinf(ballast.StorageParams(energy_mwh=1).discharge_power_mw)
    q = ballast.StorageParams(energy_mwh=100, power_mw=25, charge_power_mw=10)
    assert (q.discharge_power_mw, q.charge_power_mw) == (25, 10)
    assert "energy_mwh=100" in repr(p)


def test_round_trip_splits_evenly():
    p = ballast.StorageParams.with_round_trip(power_mw=50, energy_mwh=200, round_trip_efficiency=0.81)
    assert p.charge_efficiency == pytest.approx(0.9, abs=1e-15)
    assert p.discharge_efficiency == pytest.approx(0.9, abs=1e-15)
    assert p.round_trip_efficiency == pytest.approx(0.81, abs=1e-15)
    with pytest.raises(ballast.InputError, match="round_trip_efficiency"):
        ballast.StorageParams.with_round_trip(power_mw=1, energy_mwh=1, round_trip_efficiency=1.2)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(energy_mwh=-1), "storage energy"),
        (dict(energy_mwh=1, power_mw=-1), "discharge power"),
        (dict(energy_mwh=1, soc_min=0.6, soc_max=0.5), "SOC window"),
        (dict(energy_mwh=1, standing_loss_per_h=1), "standing loss"),
        (dict(energy_mwh=float("nan")), "storage energy"),
    ],
)
def test_params_out_of_range(kwargs, message):
    with pytest.raises(ballast.InputError, match=message):
        ballast.StorageParams(**kwargs)


def test_params_take_keywords_only():
    with pytest.raises(TypeError):
        ballast.StorageParams(100)  # which of the eight numbers would 100 be?


def test_one_hour_at_full_power():
    unit = ballast.Storage.with_round_trip(
        power_mw=50, energy_mwh=200, round_trip_efficiency=0.81, dt_s=3600, soc=0.5
    )
    assert unit.step(80.0) == 50.0  # inverter limit
    assert unit.stored_mwh == pytest.approx(100 - 50 / 0.9, rel=1e-15)
    assert unit.step(-50.0) == -50.0
    assert unit.stored_mwh == pytest.approx(100 - 50 / 0.9 + 50 * 0.9, rel=1e-15)
    assert unit.discharged_mwh == 50 and unit.charged_mwh == 50
    assert unit.throughput_mwh == 100
    assert unit.soc == pytest.approx(unit.stored_mwh / 200, rel=1e-15)
    assert unit.dt_s == 3600 and unit.params.energy_mwh == 200


def test_empty_unit_delivers_nothing_and_full_unit_absorbs_nothing():
    p = ballast.StorageParams(energy_mwh=10, power_mw=5)
    empty = ballast.Storage(p, dt_s=3600, soc=0.0)
    assert empty.step(5) == 0.0
    full = ballast.Storage(p, dt_s=3600, soc=1.0)
    assert full.step(-5) == 0.0


def test_soc_window_and_reset():
    p = ballast.StorageParams(energy_mwh=100, power_mw=1000, soc_min=0.1, soc_max=0.9)
    unit = ballast.Storage(p, dt_s=3600, soc=0.5)
    assert unit.step(1000) == pytest.approx(40)  # down to the floor only
    assert unit.soc == pytest.approx(0.1)
    assert (unit.min_stored_mwh, unit.max_stored_mwh) == pytest.approx((10, 90))
    unit.reset(soc=0.9)
    assert unit.stored_mwh == pytest.approx(90) and unit.throughput_mwh == 0
    with pytest.raises(ballast.InputError, match=r"SOC window 0.1 .. 0.9"):
        unit.reset(soc=0.95)
    with pytest.raises(ballast.InputError, match="dt_s"):
        ballast.Storage(p, dt_s=0, soc=0.5)


def test_steps_match_the_documented_rule_on_random_requests():
    rng = np.random.default_rng(7)
    p = ballast.StorageParams(
        energy_mwh=40, discharge_power_mw=12, charge_power_mw=9, charge_efficiency=0.93,
        discharge_efficiency=0.95, soc_min=0.05, soc_max=0.95, standing_loss_per_h=0.002,
    )
    unit = ballast.Storage(p, dt_s=900, soc=0.5)
    ref = Reference(p, 900, unit.stored_mwh)
    for request in rng.normal(0, 10, 5000):
        got = unit.step(float(request))
        want = ref.step(float(request))
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12)
        assert unit.stored_mwh == pytest.approx(ref.e, rel=1e-12, abs=1e-12)
        assert p.soc_min * 40 - 1e-12 <= unit.stored_mwh <= p.soc_max * 40 + 1e-12


def test_energy_balance_without_standing_loss():
    rng = np.random.default_rng(3)
    p = ballast.StorageParams.with_round_trip(power_mw=10, energy_mwh=30, round_trip_efficiency=0.85)
    unit = ballast.Storage(p, dt_s=60, soc=0.3)
    start = unit.stored_mwh
    unit.run(rng.normal(0, 8, 20_000))
    balance = unit.charged_mwh * p.charge_efficiency - unit.discharged_mwh / p.discharge_efficiency
    assert unit.stored_mwh - start == pytest.approx(balance, abs=1e-9)


def test_run_equals_stepping_one_at_a_time():
    rng = np.random.default_rng(11)
    requests = rng.normal(0, 30, 10_000)
    a = ballast.Storage.with_round_trip(power_mw=20, energy_mwh=50, round_trip_efficiency=0.9, dt_s=1, soc=0.5)
    b = ballast.Storage.with_round_trip(power_mw=20, energy_mwh=50, round_trip_efficiency=0.9, dt_s=1, soc=0.5)
    delivered = a.run(requests)
    stepped = np.array([b.step(float(r)) for r in requests])
    np.testing.assert_array_equal(delivered, stepped)
    assert (a.stored_mwh, a.charged_mwh, a.discharged_mwh) == (b.stored_mwh, b.charged_mwh, b.discharged_mwh)


def test_run_keeps_a_series_index_and_checks_its_step():
    index = pd.date_range("2024-01-01", periods=4, freq="1min", tz="UTC")
    requests = pd.Series([5.0, -5.0, 50.0, 0.0], index=index)
    unit = ballast.Storage(ballast.StorageParams(energy_mwh=1, power_mw=10), dt_s=60, soc=0.5)
    out = unit.run(requests)
    assert isinstance(out, pd.Series) and out.index.equals(index) and out.name == "delivered_mw"
    assert out.iloc[0] == 5.0 and out.iloc[1] == -5.0
    hourly = ballast.Storage(ballast.StorageParams(energy_mwh=1), dt_s=3600, soc=0.5)
    with pytest.raises(ballast.InputError, match="steps every 60 s but this Storage steps every 3600 s"):
        hourly.run(requests)


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.array([1.0, np.nan]), r"request_mw\[1\] is NaN"),
        (np.ones((3, 2)), "one-dimensional"),
        (np.array(["1", "2"]), "real numbers"),
        ([1.0, float("inf")], r"request_mw\[1\] is infinite"),
    ],
)
def test_run_refuses_bad_arrays(bad, message):
    unit = ballast.Storage(ballast.StorageParams(energy_mwh=1), dt_s=60, soc=0.5)
    with pytest.raises(ballast.InputError, match=message):
        unit.run(bad)
    assert unit.stored_mwh == 0.5  # nothing stepped


def test_cpp_checks_arrays_that_skip_the_python_layer():
    unit = ballast.Storage(ballast.StorageParams(energy_mwh=1), dt_s=60, soc=0.5)
    with pytest.raises(ballast.InputError, match=r"request_mw\[2\] is NaN"):
        ballast._core.storage.Storage.run(unit, np.array([0.0, 0.0, np.nan]))
    with pytest.raises(TypeError):
        ballast._core.storage.Storage.run(unit, np.ones((2, 2)))
    with pytest.raises(ballast.InputError, match="request_mw is NaN"):
        unit.step(float("nan"))


def test_repr_says_what_it_is():
    unit = ballast.Storage.with_round_trip(power_mw=50, energy_mwh=200, round_trip_efficiency=0.85, dt_s=3600, soc=0.5)
    text = repr(unit)
    assert "50 MW discharge" in text and "200 MWh" in text and "85.0 %" in text and "SOC 0.500" in text


def test_one_object_one_thread():
    unit = ballast.Storage(ballast.StorageParams(energy_mwh=1e6, power_mw=1.0), dt_s=1, soc=0.5)
    started = threading.Event()
    release = threading.Event()
    errors = []

    def hold(done, total):  # runs inside unit.run on the worker thread
        started.set()
        release.wait(60)

    worker = threading.Thread(target=lambda: unit.run(np.zeros(100_000), progress=hold))
    worker.start()
    assert started.wait(60)
    try:
        unit.step(1.0)
    except RuntimeError as e:
        errors.append(str(e))
    release.set()
    worker.join()
    assert errors and "in use by a call on another thread" in errors[0]
    assert unit.step(1.0) == 1.0  # free again

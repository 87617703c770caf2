"""ballast.plan: the library's greedy simulation against a Storage stepped from Python."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ballast


def test_python_loop_equals_the_library_simulation(ercot):
    """A hand-written loop over ERCOT 2016-2024 (real EIA-930 demand): excess = load + D -
    limit, ask the Storage for it each hour, curtail what it cannot cover. The library's own
    simulation must agree step by step."""
    limit_mw, new_load_mw = 80_000.0, 6_000.0
    params = ballast.StorageParams.with_round_trip(power_mw=5_000, energy_mwh=20_000, round_trip_efficiency=0.85)
    result = ballast.plan.simulate(
        ercot, new_load_mw=new_load_mw, storage=params, threshold=limit_mw, soc_start="full", method="pooled"
    )
    traces = result.to_pandas()

    unit = ballast.Storage(params, dt_s=3600, soc=1.0)
    load = ercot.to_numpy()
    capacity = np.maximum(limit_mw, load)  # today's load is always served
    storage_mw = np.empty(len(load))
    energy_mwh = np.empty(len(load))
    curtailed = np.empty(len(load))
    for i in range(len(load)):
        excess = load[i] + new_load_mw - capacity[i]
        storage_mw[i] = unit.step(excess)
        energy_mwh[i] = unit.stored_mwh
        curtailed[i] = max(0.0, excess - storage_mw[i])

    assert traces.index.equals(ercot.index)
    np.testing.assert_allclose(traces["capacity_mw"], capacity, rtol=0, atol=0)
    np.testing.assert_allclose(traces["storage_mw"], storage_mw, rtol=1e-12, atol=1e-12 * 5_000)
    np.testing.assert_allclose(traces["energy_mwh"], energy_mwh, rtol=1e-12, atol=1e-12 * 20_000)
    np.testing.assert_allclose(traces["curtailed_mw"], curtailed, rtol=1e-12, atol=1e-12 * 5_000)
    assert result.charged_mwh == pytest.approx(unit.charged_mwh, rel=1e-12)
    assert result.discharged_mwh == pytest.approx(unit.discharged_mwh, rel=1e-12)
    # pooled rate: curtailed energy over potential energy of the new load, in whole local years
    # only. ERCOT's record runs 2015-12-31 23:00 to 2024-12-31 22:00 UTC; in Central standard
    # time (UTC-6) that starts and ends inside 2015 and 2024, so those two years are dropped.
    local_year = (ercot.index - pd.Timedelta(hours=6)).year
    whole = (local_year >= 2016) & (local_year <= 2023)
    assert whole.sum() == 24 * (365 * 6 + 366 * 2)
    expected = curtailed[whole].sum() / (new_load_mw * whole.sum())
    assert result.curtailment_rate == pytest.approx(expected, rel=1e-12)
    kept = ballast.plan.simulate(
        ercot, new_load_mw=new_load_mw, storage=params, threshold=limit_mw, method="pooled",
        partial_years="keep", traces=False,
    )
    assert kept.curtailment_rate == pytest.approx(curtailed.sum() / (new_load_mw * len(load)), rel=1e-12)
    assert 0 < result.curtailment_rate < 1  # the case exercises both full and empty


def test_without_storage_curtailment_is_the_excess(nevada):
    none = ballast.StorageParams(energy_mwh=0, power_mw=0)
    peak = nevada.max()
    r = ballast.plan.simulate(nevada, new_load_mw=500, storage=none, threshold="peak", method="pooled")
    excess = np.maximum(0.0, nevada.to_numpy() + 500 - peak)
    assert r.curtailment_rate == pytest.approx(excess.sum() / (500 * len(nevada)), rel=1e-12)
    assert r.charged_mwh == 0 and r.discharged_mwh == 0


def test_cyclic_start_ends_where_it_started(nevada):
    params = ballast.StorageParams.with_round_trip(power_mw=300, energy_mwh=1200, round_trip_efficiency=0.85)
    r = ballast.plan.simulate(nevada, new_load_mw=400, storage=params, threshold="peak", soc_start="cyclic", traces=False)
    assert r.traces is None
    assert r.final_energy_mwh >= r.initial_energy_mwh - 1e-6
    with pytest.raises(ballast.InputError, match="no traces"):
        r.to_pandas()


def test_calendar_follows_the_zone_in_standard_time():
    index = pd.date_range("2024-07-01", periods=3, freq="h", tz="America/Chicago")  # CDT
    axis = ballast.to_axis(pd.Series([1.0, 2.0, 3.0], index=index))
    assert ballast.plan.standard_offset_min(axis) == -360  # CST, not CDT


def test_bad_arguments_are_named(nevada):
    params = ballast.StorageParams(energy_mwh=10)
    with pytest.raises(ballast.InputError, match="soc_start must be"):
        ballast.plan.simulate(nevada, new_load_mw=1, storage=params, soc_start="half")
    with pytest.raises(ballast.InputError, match="threshold must be"):
        ballast.plan.simulate(nevada, new_load_mw=1, storage=params, threshold="winter")
    with pytest.raises(ballast.InputError, match="seasonal threshold needs data"):
        ballast.plan.simulate(nevada.iloc[:100], new_load_mw=1, storage=params)
    r = ballast.plan.simulate(nevada, new_load_mw=1, storage=params, threshold="peak")
    assert "curtailment" in repr(r) and "<table>" in r._repr_html_()
    assert set(r.to_dict()) >= {"curtailment_rate", "charged_mwh"}


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC",
             "+08:00", "-03:30"])
@pytest.mark.parametrize("when", ["2024-01-15T12:00Z", "2024-07-15T12:00Z", "2024-03-10T07:30Z"])
def test_standard_offset_is_the_zones_offset_without_daylight_saving(zone, when):
    s = pd.Series([1.0, 2.0], index=pd.date_range(when, periods=2, freq="h").tz_convert(zone))
    axis = ballast.to_axis(s)
    local = pd.Timestamp(when).tz_convert(zone)  # pandas' own rules, independently
    expected = (local.utcoffset() - (local.dst() or pd.Timedelta(0))).total_seconds() / 60
    assert ballast.plan.standard_offset_min(axis) == expected


def test_standard_offsets_known_by_hand():
    def offset(zone, when):
        s = pd.Series([1.0, 2.0], index=pd.date_range(when, periods=2, freq="h").tz_convert(zone))
        return ballast.plan.standard_offset_min(ballast.to_axis(s))

    assert offset("America/New_York", "2024-07-01T00:00Z") == -300  # EST in July, not EDT
    assert offset("Australia/Sydney", "2024-01-01T00:00Z") == 600  # AEST in January, not AEDT
    assert offset("Asia/Kolkata", "2024-01-01T00:00Z") == 330
    assert offset("+08:00", "2024-01-01T00:00Z") == 480

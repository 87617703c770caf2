"""The per-step tables of workload_study, transient, market_run and frequency: to_pandas()
holds exactly the rows the CLI writes with --out on the same inputs, on the right time axis;
keep_steps=False keeps none; and contiguous float64 input is read in place (no copy) by
workload, transient, market and aging, anything else by one copy."""

from __future__ import annotations

import subprocess
import tomllib

import numpy as np
import pandas as pd
import pytest

import ballast
from conftest import REPO
from test_studies import CLI, needs_cli

GRID_BATTERY = REPO / "examples" / "datacenter-50mw-grid-battery.toml"
EDREG = REPO / "examples" / "taiwan-edreg.toml"


def cli_out(tmp_path, *args: str) -> pd.DataFrame:
    """The CLI's --out CSV of `args`, read with pandas (times as text)."""
    out = tmp_path / "out.csv"
    run = subprocess.run(
        [str(CLI), *args, "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
    return pd.read_csv(out, dtype={"time": str})


def shares_memory(a: pd.DataFrame, b: pd.DataFrame, column: str) -> bool:
    return np.shares_memory(a[column].to_numpy(), b[column].to_numpy())


# --- to_pandas() is the CLI's --out ------------------------------------------------------------


@needs_cli
def test_workload_to_pandas_is_the_cli_out(tmp_path):
    csv = cli_out(tmp_path, "workload", "--training-gpus", "2000", "--step-ms", "100",
                  "--duration-s", "120")
    frame = ballast.workload_study(training_gpus=2000, step_ms=100, duration_s=120).to_pandas()
    assert list(frame.columns) == ["site_mw"]
    assert frame.index.name == "time_s"
    # 120 s of 100 ms steps, each at its start
    assert len(frame) == 1200
    assert frame.index[0] == 0.0 and frame.index[-1] == pytest.approx(119.9, abs=1e-12)
    np.testing.assert_array_equal(frame.index.to_numpy(), csv["time_s"].to_numpy())
    # the CSV prints MW to 6 decimals
    np.testing.assert_allclose(frame["site_mw"], csv["site_mw"], rtol=0, atol=5e-7)
    assert frame["site_mw"].min() > 0


@needs_cli
def test_transient_to_pandas_is_the_cli_out(tmp_path):
    csv = cli_out(tmp_path, "transient", "--scenario", str(GRID_BATTERY), "--duration-s", "20")
    frame = ballast.transient(GRID_BATTERY, duration_s=20).to_pandas()
    assert list(frame.columns) == ["site_mw", "upstream_mw", "battery_mw", "soc_frac", "frequency_hz"]
    step_s = tomllib.loads(GRID_BATTERY.read_text())["step_ms"] / 1000
    # each row at its step's end: step, 2 x step, ..., the duration
    assert len(frame) == round(20 / step_s)
    assert frame.index[0] == pytest.approx(step_s, abs=1e-12)
    assert frame.index[-1] == pytest.approx(20.0, abs=1e-12)
    np.testing.assert_array_equal(frame.index.to_numpy(), csv["time_s"].to_numpy())
    # the CSV's numbers are shortest round-trip: equal to the bit
    for column in frame.columns:
        np.testing.assert_array_equal(frame[column].to_numpy(), csv[column].to_numpy(), column)
    # the battery carries the site minus what comes from upstream
    np.testing.assert_allclose(frame["site_mw"] - frame["upstream_mw"], frame["battery_mw"],
                               atol=1e-6)


@needs_cli
def test_transient_without_a_battery_leaves_its_columns_empty_as_the_cli_out(tmp_path):
    csv = cli_out(tmp_path, "transient", "--scenario", str(GRID_BATTERY), "--duration-s", "5",
                  "--no-battery")
    frame = ballast.transient(GRID_BATTERY, duration_s=5, no_battery=True).to_pandas()
    assert frame["battery_mw"].isna().all() and frame["soc_frac"].isna().all()
    assert frame["frequency_hz"].notna().all()  # the grid is upstream
    for column in frame.columns:  # NaN equals NaN here: the CSV's empty cells
        np.testing.assert_array_equal(frame[column].to_numpy(), csv[column].to_numpy(), column)


@needs_cli
def test_market_run_to_pandas_is_the_cli_out(tmp_path):
    csv = cli_out(tmp_path, "market", "run", str(EDREG), "--duration-s", "3600",
                  "--controller", "both")
    frame = ballast.market_run(EDREG, duration_s=3600, controller="both").to_pandas()
    assert list(frame.columns) == list(csv.columns[1:])
    assert "rolling_score_pct" in frame.columns and "soc_frac" in frame.columns
    # the scenario's start, second by second, at its UTC offset
    start = pd.Timestamp(tomllib.loads(EDREG.read_text())["frequency"]["start"])
    assert len(frame) == 3600
    assert frame.index[0] == start and frame.index[-1] == start + pd.Timedelta(seconds=3599)
    assert frame.index[0].utcoffset() == pd.Timedelta(hours=8)
    assert (frame.index == pd.DatetimeIndex(pd.to_datetime(csv["time"]))).all()
    for column in frame.columns:
        np.testing.assert_array_equal(frame[column].to_numpy(), csv[column].to_numpy(), column)


@needs_cli
def test_market_run_in_a_zone_with_daylight_saving_is_the_cli_out(tmp_path):
    # Chicago springs forward at 02:00 CST (08:00 UTC) on 2025-03-09: 01:00-04:00 local
    text = EDREG.read_text().replace('[market]\n', '[market]\ntimezone = "America/Chicago"\n', 1)
    text = text.replace('start = "2025-07-01T00:00:00+08:00"', 'start = "2025-03-09T01:00:00-06:00"')
    scenario = tmp_path / "chicago.toml"
    scenario.write_text(text)
    csv = cli_out(tmp_path, "market", "run", str(scenario), "--duration-s", "7200")
    frame = ballast.market_run(scenario, duration_s=7200).to_pandas()
    assert str(frame.index.tz) == "America/Chicago"
    assert frame.index[0] == pd.Timestamp("2025-03-09T07:00:00Z")
    assert frame.index[-1] == pd.Timestamp("2025-03-09T08:59:59Z")
    # the local clock jumps from 01:59:59 CST to 03:00:00 CDT
    assert frame.index[3599].strftime("%H:%M:%S%z") == "01:59:59-0600"
    assert frame.index[3600].strftime("%H:%M:%S%z") == "03:00:00-0500"
    assert (frame.index == pd.DatetimeIndex(pd.to_datetime(csv["time"], utc=True))).all()
    for column in frame.columns:
        np.testing.assert_array_equal(frame[column].to_numpy(), csv[column].to_numpy(), column)


@needs_cli
@pytest.mark.parametrize("step_s", [1, 0.1])
def test_frequency_to_pandas_is_the_cli_out(tmp_path, step_s):
    start = "2025-03-09T01:30:00-05:00"
    csv = cli_out(tmp_path, "frequency", "--duration-s", "600", "--step-s", str(step_s),
                  "--seed", "11", "--start", start)
    frame = ballast.frequency(duration_s=600, step_s=step_s, seed=11, start=start).to_pandas()
    assert list(frame.columns) == ["frequency_hz"]
    n = round(600 / step_s)
    assert len(frame) == n
    first = pd.Timestamp(start)
    assert frame.index[0] == first
    assert frame.index[-1] == first + pd.Timedelta(seconds=step_s) * (n - 1)
    assert frame.index[0].utcoffset() == pd.Timedelta(hours=-5)
    assert (frame.index == pd.DatetimeIndex(pd.to_datetime(csv["time"]))).all()
    # the CSV prints Hz to 4 decimals
    np.testing.assert_allclose(frame["frequency_hz"], csv["frequency_hz"], rtol=0, atol=5e-5)


# --- the time axis of an in-memory series ----------------------------------------------------


def test_a_site_series_with_a_time_zone_gives_its_time_axis():
    index = pd.date_range("2025-03-30 01:59:58.5", periods=400, freq="10ms", tz="Europe/Berlin")
    site = pd.Series(40 + 5 * np.sin(np.arange(400) / 20), index=index)
    work = ballast.workload_study(site).to_pandas()
    assert (work.index == index).all() and str(work.index.tz) == "Europe/Berlin"
    np.testing.assert_array_equal(work["site_mw"].to_numpy(), site.to_numpy())
    # transient rows stamp each step's end
    trans = ballast.transient(site_mw=site).to_pandas()
    assert (trans.index == index + pd.Timedelta("10ms")).all()
    np.testing.assert_array_equal(trans["site_mw"].to_numpy(), site.to_numpy())


def test_a_bare_site_array_is_indexed_by_seconds_from_the_start():
    frame = ballast.transient(site_mw=np.full(50, 30.0), step="20ms").to_pandas()
    assert frame.index.name == "time_s"
    np.testing.assert_allclose(frame.index, 0.02 * np.arange(1, 51), rtol=0, atol=1e-12)
    assert (frame["site_mw"] == 30).all()


def test_a_market_frequency_series_keeps_its_zone():
    index = pd.date_range("2025-07-01", periods=1800, freq="s", tz="Asia/Taipei")
    hz = pd.Series(60 + 0.03 * np.sin(np.arange(1800) / 60), index=index)
    frame = ballast.market_run(frequency_hz=hz, bid_mw=10, power_mw=10, energy_mwh=20).to_pandas()
    assert (frame.index == index).all() and str(frame.index.tz) == "Asia/Taipei"
    np.testing.assert_array_equal(frame["frequency_hz"].to_numpy(), hz.to_numpy())


# --- keep_steps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "run",
    [
        lambda: ballast.workload_study(training_gpus=100, step_ms=100, duration_s=10,
                                       keep_steps=False),
        lambda: ballast.transient(GRID_BATTERY, duration_s=1, keep_steps=False),
        lambda: ballast.market_run(EDREG, duration_s=600, keep_steps=False),
        lambda: ballast.frequency(duration_s=60, keep_steps=False),
    ],
    ids=["workload", "transient", "market_run", "frequency"],
)
def test_without_steps_to_pandas_says_how_to_get_them(run):
    result = run()
    with pytest.raises(ballast.InputError, match=r"keep_steps=False.*keep_steps=True"):
        result.to_pandas()
    assert result.to_dict()  # the rest of the result is there


def test_the_frame_views_the_result_memory():
    r = ballast.frequency(duration_s=60)
    first, second = r.to_pandas(), r.to_pandas()
    assert shares_memory(first, second, "frequency_hz")
    r = ballast.transient(site_mw=np.full(50, 30.0), step="20ms")
    assert shares_memory(r.to_pandas(), r.to_pandas(), "soc_frac")
    # the frame keeps the result's memory alive
    frame = ballast.workload_study(np.arange(1.0, 101.0), step=1).to_pandas()
    np.testing.assert_array_equal(frame["site_mw"].to_numpy(), np.arange(1.0, 101.0))


# --- contiguous float64 input is read in place -----------------------------------------------


def test_workload_reads_the_callers_array_while_it_runs():
    # Written by the progress callback after the study started: the study sees the change
    # only if it reads the caller's memory (steps are reported every 65,536).
    site = np.full(200_000, 10.0)

    def touch(array):
        def progress(done, total):
            if 0 < done < total:
                array[-1] = 99.0
        return progress

    r = ballast.workload_study(site, step="1ms", progress=touch(site))
    assert r._core._input_address == site.ctypes.data
    assert r.to_pandas()["site_mw"].iloc[-1] == 99.0
    # a strided view is copied once: the change to the caller's memory does not reach the study
    wide = np.full(400_000, 10.0)
    strided = wide[::2]
    r = ballast.workload_study(strided, step="1ms", progress=touch(strided))
    assert r._core._input_address != strided.ctypes.data
    assert strided[-1] == 99.0 and r.to_pandas()["site_mw"].iloc[-1] == 10.0


def test_transient_reads_float64_in_place_and_copies_other_dtypes():
    site = np.linspace(20, 40, 3000)
    r = ballast.transient(site_mw=site, step="10ms")
    assert r._core._input_address == site.ctypes.data
    as_int = np.round(site).astype(np.int32)
    c = ballast.transient(site_mw=as_int, step="10ms")
    assert c._core._input_address != as_int.ctypes.data
    np.testing.assert_array_equal(c.to_pandas()["site_mw"].to_numpy(), as_int.astype(float))
    assert c.to_dict() == ballast.transient(site_mw=as_int.astype(float), step="10ms").to_dict()


def test_market_reads_the_frequency_in_place():
    hz = 60 + 0.02 * np.sin(np.arange(3600) / 30)
    kw = {"bid_mw": 10, "power_mw": 10, "energy_mwh": 20, "start": "2025-07-01T00:00:00+08:00"}
    r = ballast.market_run(frequency_hz=hz, **kw)
    assert r._core._input_address == hz.ctypes.data
    np.testing.assert_array_equal(r.to_pandas()["frequency_hz"].to_numpy(), hz)
    size = ballast.market_size(frequency_hz=hz, **kw)
    assert size._core._input_address == hz.ctypes.data
    strided = np.repeat(hz, 2)[::2]
    c = ballast.market_run(frequency_hz=strided, **kw)
    assert c._core._input_address != strided.ctypes.data
    assert c.to_dict() == r.to_dict()


def test_aging_reads_the_soc_in_place():
    hours = np.arange(10 * 24)
    soc = 0.5 + 0.3 * np.sin(2 * np.pi * hours / 24)
    r = ballast.aging_study(soc_series=soc, step=3600, start="2024-01-01T00:00:00Z")
    assert r._core._input_address == soc.ctypes.data
    assert r._core._soc_address == soc.ctypes.data  # the SOC assessed is the caller's array
    as_f32 = soc.astype(np.float32)
    c = ballast.aging_study(soc_series=as_f32, step=3600, start="2024-01-01T00:00:00Z")
    assert c._core._soc_address != as_f32.ctypes.data
    expected = ballast.aging_study(soc_series=as_f32.astype(float), step=3600,
                                   start="2024-01-01T00:00:00Z").to_dict()
    assert c.to_dict() == expected
    # a power trace is read in place too (the SOC is then computed)
    power = np.where(np.sin(2 * np.pi * hours / 24) > 0, 5.0, -5.0)
    p = ballast.aging_study(power_series=power, step=3600, start="2024-01-01T00:00:00Z",
                            power_mw=10, energy_mwh=40)
    assert p._core._input_address == power.ctypes.data

"""The study functions (ballast.headroom, size, steady, dispatch, ...): each gives exactly the
numbers of the CLI's --json on the same inputs; pandas in and out with time zones; bad inputs;
two threads at once. The CLI is the `ballast` binary of this checkout's build."""

from __future__ import annotations

import json
import math
import os
import platform
import re
import resource
import shutil
import subprocess
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ballast

from conftest import DATA, REPO, write_three_hour_system


def ballast_binary() -> Path | None:
    """build*/apps/ballast/ballast in the repository (BALLAST_CLI overrides)."""
    if os.environ.get("BALLAST_CLI"):
        return Path(os.environ["BALLAST_CLI"])
    for build in sorted(REPO.glob("build*")):
        exe = build / "apps" / "ballast" / "ballast"
        if exe.is_file() and os.access(exe, os.X_OK):
            return exe
    found = shutil.which("ballast")
    return Path(found) if found else None


CLI = ballast_binary()
needs_cli = pytest.mark.skipif(CLI is None, reason="the ballast CLI is not built in this checkout")


def cli_json(*args: str) -> dict:
    run = subprocess.run(
        [str(CLI), *args, "--json", "--quiet"], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


# --- each study equals the CLI's --json -------------------------------------------------------

PARITY = [
    (ballast.headroom, {"grid": "NEVP", "curtailment": [0.5, 2]},
     ["headroom", "--grid", "NEVP", "--curtailment", "0.5,2"]),
    (ballast.headroom,
     {"grid": "NEVP", "curtailment": [1], "storage_mw": 200, "storage_mwh": 800, "efficiency": "85%"},
     ["headroom", "--grid", "NEVP", "--curtailment", "1", "--storage-mw", "200",
      "--storage-mwh", "800", "--efficiency", "85%"]),
    (ballast.size, {"grid": "NEVP", "new_load_mw": 300, "power_mw": [400]},
     ["size", "--grid", "NEVP", "--new-load-mw", "300", "--power-mw", "400"]),
    (ballast.steady, {"grid": "NEVP", "hours": [0, 2, 8]},
     ["steady", "--grid", "NEVP", "--hours", "0,2,8"]),
    (ballast.workload_study, {"training_gpus": 2000, "step_ms": 100, "duration_s": 120},
     ["workload", "--training-gpus", "2000", "--step-ms", "100", "--duration-s", "120"]),
    (ballast.market_curve, {"frequency": 59.9, "bid_mw": 10},
     ["market", "curve", "--frequency", "59.9", "--bid-mw", "10"]),
    (ballast.market_bid,
     {"bid_mw": 10, "energy_mwh": 30, "min_soc_mwh": 5, "max_soc_mwh": 27},
     ["market", "bid", "--bid-mw", "10", "--energy-mwh", "30", "--min-soc-mwh", "5",
      "--max-soc-mwh", "27"]),
    (ballast.frequency, {"hours": 0.5, "seed": 7},
     ["frequency", "--hours", "0.5", "--seed", "7"]),
]


@needs_cli
@pytest.mark.parametrize("function,kwargs,args", PARITY, ids=[p[2][0] + str(i) for i, p in enumerate(PARITY)])
def test_study_to_dict_is_the_cli_json(function, kwargs, args):
    assert function(**kwargs).to_dict() == cli_json(*args)


@needs_cli
def test_market_run_and_size_are_the_cli_json():
    scenario = str(REPO / "examples" / "taiwan-edreg.toml")
    run = ballast.market_run(scenario, hours=1, controller="both")
    assert run.to_dict() == cli_json("market", "run", scenario, "--hours", "1", "--controller", "both")
    size = ballast.market_size(scenario, hours=0.5, step_mw=2)
    assert size.to_dict() == cli_json("market", "size", scenario, "--hours", "0.5", "--step-mw", "2")


@needs_cli
def test_transient_is_the_cli_json():
    scenario = str(REPO / "examples" / "datacenter-50mw-grid-battery.toml")
    r = ballast.transient(scenario, duration_s=60)
    assert r.to_dict() == cli_json("transient", "--scenario", scenario, "--duration-s", "60")


@needs_cli
def test_dispatch_is_the_cli_json(tmp_path):
    scenario = ballast.DispatchScenario.load(str(REPO / "examples" / "taiwan-2021-summer.toml"))
    scenario.head(144)  # one day of 10-minute periods
    scenario.resize_storage("battery", power_mw=6000, energy_mwh=15000)
    # the same change as a file: the CLI reads it
    text = (REPO / "examples" / "taiwan-2021-summer.toml").read_text()
    assert "power_mw = 3000\nenergy_mwh = 7500" in text
    demand = pd.read_csv(DATA / "taipower" / "derived" / "system_10min_2021-05-20_2021-08-01.csv")
    head = tmp_path / "day.csv"
    demand.head(144).to_csv(head, index=False)
    text = text.replace("power_mw = 3000\nenergy_mwh = 7500", "power_mw = 6000\nenergy_mwh = 15000")
    text = text.replace("../data/taipower/derived/system_10min_2021-05-20_2021-08-01.csv", str(head))
    toml = tmp_path / "taiwan-day.toml"
    toml.write_text(text)
    expected = cli_json("dispatch", str(toml))
    got = ballast.dispatch(scenario).to_dict()
    for timing in ("build_s", "solve_s", "stage_s"):  # wall-clock times of the solver, not results
        expected["solver"].pop(timing), got["solver"].pop(timing)
    assert got == expected
    assert [s["energy_mwh"] for s in scenario.storage if s["name"] == "battery"] == [15000]


@needs_cli
def test_aging_is_the_cli_json(tmp_path):
    # a daily cycle between 20 % and 90 % SOC for 30 days, hourly
    hours = np.arange(30 * 24)
    soc = 0.55 + 0.35 * np.cos(2 * np.pi * hours / 24)
    index = pd.date_range("2024-01-01", periods=len(soc), freq="h", tz="UTC")
    path = tmp_path / "soc.csv"
    pd.DataFrame({"time": index.strftime("%Y-%m-%dT%H:%M:%SZ"), "soc": soc}).to_csv(
        path, index=False, float_format="%.17g"
    )
    from_file = ballast.aging_study(soc=str(path))
    assert from_file.to_dict() == cli_json("aging", "--soc", str(path))
    in_memory = ballast.aging_study(soc_series=pd.Series(soc, index=index)).to_dict()
    expected = from_file.to_dict()
    assert in_memory["trace"].startswith("soc_series") and expected["trace"] == str(path)
    in_memory.pop("trace"), expected.pop("trace")
    assert in_memory == expected


# --- in-memory series give the numbers of the same data read from a file ----------------------


def write_load_csv(series: pd.Series, path: Path) -> None:
    utc = series.index.tz_convert("UTC")
    frame = pd.DataFrame(
        {"time": utc.strftime("%Y-%m-%dT%H:%M:%SZ"), "demand_mw": series.to_numpy()}
    )
    frame.to_csv(path, index=False, float_format="%.17g")


@needs_cli
def test_headroom_on_a_series_equals_the_cli_on_its_csv(nevada, tmp_path):
    path = tmp_path / "nevp.csv"
    write_load_csv(nevada, path)
    cli = cli_json("headroom", "--load", str(path), "--curtailment", "0.5,1", "--storage-mw",
                   "100", "--storage-mwh", "400")
    py = ballast.headroom(nevada, curtailment=[0.5, 1], storage_mw=100, storage_mwh=400).to_dict()
    assert py["results"] == cli["results"]
    assert py["storage"] == cli["storage"]


# --- per-step output ---------------------------------------------------------------------------


def test_headroom_steps_without_storage_are_the_excess_over_the_limit(nevada):
    r = ballast.headroom(nevada, curtailment=[0.5, 2], method="pooled", partial_years="keep")
    frame = r.to_pandas()
    rows = r.to_dict()["results"]
    for row in rows:
        pct = row["curtailment_limit_pct"]
        d = row["headroom_mw"]
        suffix = f"_{pct:g}pct"
        # independent: the new load loses what would push the load over the limit
        excess = (frame["load_mw"] + d - frame["limit_mw"]).clip(lower=0)
        np.testing.assert_allclose(frame["curtailed_mw" + suffix], excess, rtol=0, atol=1e-9)
        np.testing.assert_allclose(
            frame["new_load_served_mw" + suffix] + frame["curtailed_mw" + suffix], d, atol=1e-9
        )
        # pooled over every step: the curtailed share of the new load's energy is the limit
        rate = frame["curtailed_mw" + suffix].sum() / (d * len(frame))
        assert rate == pytest.approx(pct / 100, rel=1e-6)


def test_headroom_steps_with_storage_keep_the_energy_balance(nevada):
    rte = 0.81
    r = ballast.headroom(nevada, curtailment=[1], storage_mw=150, storage_mwh=600, efficiency=rte)
    frame = r.to_pandas()
    p, e = frame["storage_mw"].to_numpy(), frame["energy_mwh"].to_numpy()
    eff = math.sqrt(rte)
    # energy[t] = energy[t-1] - discharge / eff + charge * eff (hourly steps)
    change = np.where(p > 0, -p / eff, -p * eff)
    np.testing.assert_allclose(np.diff(e), change[1:], atol=1e-6)
    assert p.max() <= 150 + 1e-9 and p.min() >= -150 - 1e-9
    assert e.max() <= 600 + 1e-9 and e.min() >= -1e-9


def test_steps_keep_the_time_zone_of_the_input(nevada):
    local = nevada.tz_convert("America/Los_Angeles")
    frame = ballast.steady(local, hours=[0, 4]).to_pandas()
    assert str(frame.index.tz) == "America/Los_Angeles"
    assert frame.index[0] == nevada.index[0]
    assert len(frame) == len(nevada)
    assert list(frame.columns[:2]) == ["load_mw", "limit_mw"]
    assert "energy_mwh_4h" in frame.columns and "energy_mwh_0h" not in frame.columns
    np.testing.assert_array_equal(frame["load_mw"].to_numpy(), nevada.to_numpy())


def test_builtin_grid_steps_are_on_its_local_clock(nevada):
    frame = ballast.size(grid="NEVP", new_load_mw=300, power_mw=[400]).to_pandas()
    assert str(frame.index.tz) == "America/Los_Angeles"
    assert frame.index.tz_convert("UTC").equals(nevada.index)  # EIA stamps the hour's end
    np.testing.assert_array_equal(frame["load_mw"].to_numpy(), nevada.to_numpy())


@needs_cli
def test_cli_out_csv_is_the_to_pandas_table(tmp_path):
    out = tmp_path / "steps.csv"
    subprocess.run(
        [str(CLI), "headroom", "--grid", "NEVP", "--curtailment", "0.5,1", "--storage-mw", "100",
         "--storage-mwh", "400", "--out", str(out), "--quiet"],
        check=True, capture_output=True, cwd=REPO,
    )
    csv = pd.read_csv(out)
    frame = ballast.headroom(
        grid="NEVP", curtailment=[0.5, 1], storage_mw=100, storage_mwh=400
    ).to_pandas()
    assert list(csv.columns) == ["time", *frame.columns]
    for column in frame.columns:  # shortest round-trip numbers: read back exactly
        np.testing.assert_array_equal(csv[column].to_numpy(), frame[column].to_numpy())
    times = pd.to_datetime(csv["time"], format="ISO8601", utc=True)
    assert list(times) == list(frame.index)  # the same instants


@needs_cli
def test_cli_out_refuses_a_sweep_and_writes_nothing(tmp_path):
    out = tmp_path / "steps.csv"
    run = subprocess.run(
        [str(CLI), "size", "--grid", "NEVP", "--power-mw", "100,200", "--hours", "2,4", "--out",
         str(out)], capture_output=True, text=True, cwd=REPO,
    )
    assert run.returncode == 2
    assert "--out" in run.stderr
    assert not out.exists()


def test_dispatch_to_pandas_is_one_row_per_period():
    scenario = ballast.DispatchScenario.load(str(REPO / "examples" / "taiwan-2021-summer.toml"))
    scenario.head(36)
    frame = ballast.dispatch(scenario).to_pandas()
    assert len(frame) == 36
    assert frame.index.tz is not None


# --- bad input ---------------------------------------------------------------------------------


def test_nan_in_a_load_names_its_position(nevada):
    bad = nevada.copy()
    bad.iloc[17] = np.nan
    with pytest.raises(ballast.InputError, match=r"load_mw\[17\].* is NaN"):
        ballast.headroom(bad)


@pytest.mark.parametrize("study", [ballast.headroom, ballast.size, ballast.steady])
def test_a_bad_value_is_named_with_its_timestamp(study, nevada):
    # the plan studies leave the values' check to the C++ study (one read, not two); the
    # message is still to_axis' own, with the timestamp of the value in the input's zone
    local = nevada.tz_convert("America/Los_Angeles")
    for bad, what in ((np.nan, "NaN"), (-np.inf, "infinite")):
        values = local.to_numpy().copy()
        values[8000] = bad
        series = pd.Series(values, index=local.index)
        with pytest.raises(ballast.InputError) as caught:
            study(series)
        stamp = local.index[8000]
        assert str(caught.value).startswith(f"load_mw[8000] at {stamp} is {what}: ")
        assert caught.value.__cause__ is None and caught.value.__suppress_context__
    # a bare array too, without a timestamp
    values = nevada.to_numpy().copy()
    values[3] = np.nan
    with pytest.raises(ballast.InputError, match=r"^load_mw\[3\] is NaN: "):
        study(values, step="1h", start="2021-11-01T08:00Z")


def test_wrong_dtype_is_refused():
    with pytest.raises(ballast.InputError, match="real numbers"):
        ballast.headroom(np.array(["1", "2"]), step="1h", start="2024-01-01T00:00Z")


def test_a_load_too_short_for_the_threshold_is_refused(nevada):
    with pytest.raises(ballast.InputError):
        ballast.headroom(nevada.iloc[:24])


def test_an_empty_load_is_refused(nevada):
    with pytest.raises(ballast.InputError, match="empty"):
        ballast.headroom(nevada.iloc[:0])


def test_non_monotonic_index_is_refused(nevada):
    with pytest.raises(ballast.InputError, match="not in time order"):
        ballast.headroom(nevada.iloc[::-1])


def test_unknown_keyword_names_the_nearest_field():
    with pytest.raises(ballast.InputError, match="storage_mw"):
        ballast.headroom(grid="NEVP", storage_mww=100)


def test_field_value_out_of_range_is_an_input_error():
    with pytest.raises(ballast.InputError, match="curtailment"):
        ballast.headroom(grid="NEVP", curtailment=[150])


def test_wrong_type_of_field_value_is_an_input_error():
    with pytest.raises(ballast.InputError, match="curtailment"):
        ballast.headroom(grid="NEVP", curtailment={"a": 1})


def test_a_rejected_bid_is_a_result():
    r = ballast.market_bid(bid_mw=10, energy_mwh=30, min_soc_mwh=1, max_soc_mwh=29)
    assert r.accepted is False


def test_site_series_with_a_naive_index_is_refused():
    site = pd.Series(np.ones(100), index=pd.date_range("2024-01-01", periods=100, freq="100ms"))
    with pytest.raises(ballast.InputError, match="time zone"):
        ballast.workload_study(site)


def test_site_series_with_an_irregular_index_says_where():
    index = pd.date_range("2024-01-01", periods=100, freq="100ms", tz="UTC")
    late = index.delete(60).insert(99, index[-1] + pd.Timedelta("100ms"))  # row 60 missing
    with pytest.raises(ballast.InputError, match=r"step is not fixed \(it changes at position 59\)"):
        ballast.workload_study(pd.Series(np.ones(100), index=late))
    repeated = index.delete(60).insert(60, index[59])  # row 59 twice
    with pytest.raises(ballast.InputError, match="not strictly increasing at position 59"):
        ballast.workload_study(pd.Series(np.ones(100), index=repeated))
    odd = pd.date_range("2024-01-01", periods=100, freq="1500ns", tz="UTC")
    with pytest.raises(ballast.InputError, match="whole number of microseconds"):
        ballast.workload_study(pd.Series(np.ones(100), index=odd))


# --- threads, progress, the GIL ----------------------------------------------------------------


def test_two_threads_run_studies_at_once(nevada, ercot):
    expected = {
        "nevp": ballast.headroom(nevada, storage_mw=100, storage_mwh=400).to_dict(),
        "erco": ballast.headroom(ercot, curtailment=[1]).to_dict(),
    }
    got: dict = {}
    errors: list = []

    def work(key, series, kwargs):
        try:
            for _ in range(2):
                got[key] = ballast.headroom(series, **kwargs).to_dict()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [
        threading.Thread(target=work, args=("nevp", nevada, {"storage_mw": 100, "storage_mwh": 400})),
        threading.Thread(target=work, args=("erco", ercot, {"curtailment": [1]})),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert got == expected


def test_progress_callback_sees_the_study(nevada):
    seen = []
    ballast.headroom(nevada, curtailment=[0.5, 1, 2], progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_progress_object_and_a_raising_callback(nevada):
    p = ballast.Progress()
    ballast.steady(nevada, hours=[0, 1, 2], progress=p)
    assert p.calls == 1 and p.total == 3

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ballast.headroom(nevada, progress=stop)


def test_html_report_and_text(nevada):
    r = ballast.headroom(nevada)
    assert r._repr_html_().lstrip().lower().startswith("<!doctype html")
    assert "MW" in str(r)


def test_fields_lists_the_cli_options():
    names = ballast.studies.fields("headroom")
    assert {"curtailment", "grid", "power_mw", "energy_mwh", "verify"} <= set(names)


def test_float64_load_is_read_in_place(nevada):
    values = nevada.to_numpy()
    r = ballast.headroom(nevada)
    assert r._core._load_address() == values.ctypes.data
    # the result keeps the array alive: its steps are still right after the caller lets go
    frame = ballast.headroom(nevada.copy()).to_pandas()
    np.testing.assert_array_equal(frame["load_mw"].to_numpy(), values)


def test_other_dtypes_are_converted_once(nevada):
    as_int = nevada.round().astype("int64")
    r = ballast.headroom(as_int)
    assert r._core._load_address() != as_int.to_numpy().ctypes.data
    expected = ballast.headroom(as_int.astype("float64")).to_dict()
    assert r.to_dict()["results"] == expected["results"]


def test_a_zoned_load_takes_a_utc_offset_instead_of_its_zone(nevada):
    # months and years on UTC-8 all year: the same instants in any zone give the same answer
    local = nevada.tz_convert("America/Los_Angeles")
    on_offset = ballast.headroom(local, utc_offset_h=-8, curtailment=[1]).to_dict()["results"]
    assert on_offset == ballast.headroom(nevada, utc_offset_h=-8, curtailment=[1]).to_dict()["results"]
    # and a series on a fixed offset is its own calendar
    fixed = nevada.tz_convert("-08:00")
    assert ballast.headroom(fixed, curtailment=[1]).to_dict()["results"] == on_offset


@pytest.mark.parametrize("tz", ["UTC", "-08:00", "+05:30", "America/Los_Angeles"])
def test_a_series_on_a_checked_index_is_read_as_on_a_new_one(nevada, tz):
    # A second call on a Series goes to the study without checking its index again (the index
    # is remembered): the answer, its zone and the read in place are a first call's.
    load = nevada.tz_convert(tz)
    for kw in ({}, {"timezone": "Asia/Taipei"}, {"utc_offset_h": 8}):
        first = ballast.headroom(load.set_axis(load.index.view()), curtailment=[1], **kw)
        again = [ballast.headroom(load, curtailment=[1], **kw) for _ in range(2)][-1]
        assert again.to_dict() == first.to_dict()
        assert again._core._load_address() == load.to_numpy().ctypes.data
        assert again.to_pandas().index.tz == first.to_pandas().index.tz == load.index.tz
    # independently: the load's zone is the calendar when no zone is named, as a UTC series
    # with that zone named (an IANA zone) or its offset given (UTC and fixed offsets)
    own = ballast.headroom(load, curtailment=[1]).to_dict()["results"]
    named = {"timezone": tz} if tz[0] not in "+-U" else {
        "utc_offset_h": 0 if tz == "UTC" else int(tz[:3]) + math.copysign(int(tz[4:]) / 60, int(tz[:3]))}
    assert own == ballast.headroom(nevada, curtailment=[1], **named).to_dict()["results"]


def test_a_study_reads_a_series_of_another_kind_on_a_checked_index_in_full(nevada):
    ballast.headroom(nevada)  # the index is remembered
    as_int = nevada.round().astype("int64")
    assert ballast.headroom(as_int).to_dict() == ballast.headroom(as_int.astype("float64")).to_dict()
    frame = nevada.to_frame()
    with pytest.raises(ballast.InputError, match="DataFrame"):
        ballast.headroom(frame)
    bad = nevada.copy()
    bad.iloc[5] = np.nan
    with pytest.raises(ballast.InputError, match=r"^load_mw\[5\] at " + re.escape(str(nevada.index[5])) + " is NaN"):
        ballast.headroom(bad)
    with pytest.raises(ballast.InputError, match="disagrees"):
        ballast.headroom(nevada, step="15min")


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the heap is tuned on glibc only")
def test_a_repeated_study_does_not_fault_its_memory_in_again(ercot):
    # The module keeps freed record-sized vectors in the heap (ballast::prepare_heap, as the CLI
    # does): with glibc's defaults every call maps them afresh and faults in each 4 KB page,
    # about 600 to 1,700 page faults a call on nine hourly years.
    ballast.headroom(ercot)
    ballast.headroom(ercot)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    ballast.headroom(ercot)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before < 100


# --- expand ------------------------------------------------------------------------------------

def test_expand_gives_the_hand_checked_build_and_prices(tmp_path):
    # Three hours (50, 80, 95 MW) on a base plant (100 MW at 25) and a peaker (40 MW at 180); a
    # 10 MW new load worth 150 a MWh: in hour 3, 95 + 10 MW exceed the base plant, so 5 MW are
    # curtailed (price 150) rather than bought at 180; a turbine at 1e6 a kW is not built.
    write_three_hour_system(tmp_path)
    case = tmp_path / "case.toml"
    case.write_text('system = "system.toml"\n[new_load]\nmw = 10\nvalue_per_mwh = 150\n'
                    '[[generator]]\nname = "ct"\ncapex_per_kw = 1000000\nlifetime_years = 20\n'
                    'variable_cost_per_mwh = 90\n')
    r = ballast.expand(case)
    v = r.to_dict()["variants"][0]
    assert v["build"][0]["power_mw"] == 0
    assert math.isclose(v["new_load_unserved_mwh_per_year"] * v["years"], 5, rel_tol=1e-9)
    steps = r.to_pandas()
    assert list(steps["price_per_mwh"]) == [25, 25, 150]
    assert list(steps["new_load_served_mw"]) == [10, 10, 5]
    assert str(steps.index[0]) == "2021-01-01 00:00:00+00:00"
    assert "lp_method" in ballast.studies.fields("expand")
    with pytest.raises(ballast.InputError, match="lp_method"):
        ballast.expand(case, lp_method="simplex")
    if CLI is not None:  # the CLI's --json, but for the solve times
        cli = cli_json("expand", str(case))["variants"][0]
        assert cli["build"] == v["build"] and cli["cost_per_year"] == v["cost_per_year"]

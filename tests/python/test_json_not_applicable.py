"""Issue 14: "null for not applicable". Where a figure does not apply to a run (no battery, no
file written, no new load, a bid that passed, a trace of a whole year), the real --json output
has null (or leaves the key out), never a '' or 0 that reads as a value. Runs the real binary."""

from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("BALLAST_BIN", str(REPO / "build" / "apps" / "ballast" / "ballast"))
EX = REPO / "examples"


def run(*args: str, cwd: Path | None = None) -> dict:
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"{BIN} is not built: build the ballast target or set BALLAST_BIN")
    r = subprocess.run([BIN, *args, "--json", "--quiet"], capture_output=True, text=True, cwd=cwd)
    return json.loads(r.stdout)


BATTERY_ONLY = ["soc_min_frac", "soc_max_frac", "charged_mwh", "discharged_mwh", "throughput_mwh",
                "equivalent_full_cycles", "battery_losses_mwh", "battery_short_steps"]


def test_transient_without_a_battery_has_no_battery_figures():
    scenario = str(EX / "datacenter-50mw-grid-battery.toml")
    bare = run("transient", "--scenario", scenario, "--duration-s", "5", "--no-battery")
    assert "with_battery" not in bare and "battery" not in bare
    assert all(bare["without_battery"][k] is None for k in BATTERY_ONLY)
    # With the battery its figures are numbers, and the run without it still has none.
    both = run("transient", "--scenario", scenario, "--duration-s", "5")
    assert all(isinstance(both["with_battery"][k], (int, float)) for k in BATTERY_ONLY)
    assert both["with_battery"]["throughput_mwh"] > 0
    assert all(both["without_battery"][k] is None for k in BATTERY_ONLY)


def test_transient_csv_without_a_battery_leaves_its_columns_empty(tmp_path):
    out = tmp_path / "steps.csv"
    run("transient", "--scenario", str(EX / "datacenter-50mw-grid-battery.toml"),
        "--duration-s", "1", "--no-battery", "--out", str(out))
    header, *rows = out.read_text().splitlines()
    columns = header.split(",")
    for row in rows:
        cells = dict(zip(columns, row.split(",")))
        assert cells["battery_mw"] == "" and cells["soc_frac"] == ""
        assert 55 < float(cells["frequency_hz"]) < 65  # a grid upstream: its frequency


def test_frequency_names_no_file_unless_one_was_written(tmp_path):
    assert run("frequency", "--duration-s", "60")["out"] is None
    out = tmp_path / "f.csv"
    assert run("frequency", "--duration-s", "60", "--out", str(out))["out"] == str(out)
    assert out.exists()


def test_size_against_a_cap_has_no_new_load():
    cap = run("size", "--year", "2023", "--cap-mw", "80000")
    assert cap["new_load_mw"] is None and cap["curtailment_limit_pct"] is None
    new = run("size", "--year", "2023", "--new-load-mw", "2000")
    assert new["new_load_mw"] == 2000 and new["curtailment_limit_pct"] == 0


def test_market_size_names_a_problem_only_for_a_refused_bid():
    rows = run("market", "size", str(EX / "taiwan-edreg.toml"), "--duration-s", "1h",
               "--power-mw", "30", "--step-mw", "10")["rows"]
    assert {r["bid_accepted"] for r in rows} == {True, False}
    for r in rows:
        assert (r["bid_problem"] is None) == r["bid_accepted"], r


def test_headroom_reports_storage_cycles_exactly_when_there_is_storage():
    bare = run("headroom", "--year", "2023", "--curtailment", "0.5,5")
    assert all("storage_cycles_per_year" not in r for r in bare["results"])
    stored = run("headroom", "--year", "2023", "--curtailment", "0,1", "--storage",
                 "1GW/4GWh@85%")
    assert all(r["storage_cycles_per_year"] >= 0 for r in stored["results"])


def soc_csv(path: Path, hours: int) -> Path:
    lines = ["time,soc"]
    for h in range(hours):
        soc = 0.55 - 0.35 * math.cos(2 * math.pi * h / 24)
        lines.append(f"{2025 + h // 8760}-{stamp(h % 8760)},{soc:.6f}")
    path.write_text("\n".join(lines) + "\n")
    return path


def stamp(hour_of_year: int) -> str:
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    day, hour = divmod(hour_of_year, 24)
    month = 0
    while day >= days[month]:
        day -= days[month]
        month += 1
    return f"{month + 1:02d}-{day + 1:02d}T{hour:02d}:00:00Z"


def test_aging_notes_the_scaling_only_of_a_short_trace(tmp_path):
    week = run("aging", "--soc", str(soc_csv(tmp_path / "week.csv", 24 * 7)))["wear"]
    assert "7.0 days" in week["note"], week["note"]
    assert week["scaled_up"] is True
    # 8761 hourly samples span 8760 hours: a whole year, nothing scaled up, no note.
    year = run("aging", "--soc", str(soc_csv(tmp_path / "year.csv", 8761)))["wear"]
    assert year["scaled_up"] is False
    assert year["note"] is None

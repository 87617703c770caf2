"""`ballast init KIND` writes a commented template that runs as written (issue 14, item 6), from
any folder: its data paths are relative to the scenario file."""

from __future__ import annotations

import json
import re
import os
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("BALLAST_BIN", str(REPO / "build" / "apps" / "ballast" / "ballast"))

RUN = {
    "dispatch": lambda f: ["dispatch", f],
    "market": lambda f: ["market", "run", f],
    "transient": lambda f: ["transient", "--scenario", f],
}


def ballast(*args, cwd=None):
    return subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("kind", sorted(RUN))
def test_template_runs_from_another_folder(kind, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    made = ballast("init", kind, "--out", str(folder / f"{kind}.toml"))
    assert made.returncode == 0, made.stderr
    text = (folder / f"{kind}.toml").read_text()
    assert text.startswith("#") and tomllib.loads(text)  # commented, and TOML
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = ballast(*RUN[kind](str(folder / f"{kind}.toml")), "--json", "--quiet", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["schema"].startswith("ballast.")


def test_dispatch_template_costs_what_its_data_says(tmp_path):
    """Least cost with a 100 MW / 400 MWh store over 8 hours: at least the cost of the demand at
    the cheapest hour's price with no losses (a lower bound found by hand), at most serving
    every hour at its own price."""
    assert ballast("init", "dispatch", "--out", str(tmp_path / "d.toml")).returncode == 0
    rows = [line.split(",") for line in (tmp_path / "demand.csv").read_text().split()[1:]]
    demand = [float(r[1]) for r in rows]
    price = [float(r[2]) for r in rows]
    j = json.loads(ballast("dispatch", str(tmp_path / "d.toml"), "--json", "--quiet").stdout)
    cost = j["cost"]
    assert min(price) * sum(demand) <= cost <= sum(d * p for d, p in zip(demand, price))


def test_init_refuses_to_overwrite(tmp_path):
    f = tmp_path / "m.toml"
    assert ballast("init", "market", "--out", str(f)).returncode == 0
    again = ballast("init", "market", "--out", str(f))
    assert again.returncode == 2 and "exists" in again.stderr


def test_sweep_template_has_a_study_base_keys_and_axes(tmp_path):
    assert ballast("init", "sweep", "--out", str(tmp_path / "s.toml")).returncode == 0
    doc = tomllib.loads((tmp_path / "s.toml").read_text())
    assert doc["study"] == "headroom"
    assert doc["axes"] and all(isinstance(v, (list, str)) for v in doc["axes"].values())


def test_dispatch_csv_column_names_have_no_spaces(tmp_path):
    """An asset named with spaces and capitals gives columns of lower case and '_' only."""
    f = tmp_path / "d.toml"
    assert ballast("init", "dispatch", "--out", str(f)).returncode == 0
    f.write_text(f.read_text().replace('name = "battery"', 'name = "Big Battery #1"'))
    r = ballast("dispatch", str(f), "--out", str(tmp_path / "out"), "--quiet")
    assert r.returncode == 0, r.stderr
    header = (tmp_path / "out" / "dispatch.csv").read_text().splitlines()[0].split(",")
    assert "discharge_big_battery_1_mw" in header and "energy_big_battery_1_mwh" in header
    assert all(re.fullmatch(r"[a-z0-9_]+", c) for c in header), header

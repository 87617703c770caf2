"""The examples in examples/python run and do what they say."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_control_loop_runs_from_the_command_line(tmp_path):
    out = tmp_path / "chart.png"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "control_loop.py"), "--out", str(out), "--minutes", "12"],
        capture_output=True, text=True, check=True,
    )
    assert f"wrote {out}" in run.stdout
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_control_loop_keeps_the_grid_within_its_ramp_limit(tmp_path):
    example = load("control_loop")
    summary = example.main(["--out", str(tmp_path / "c.png"), "--minutes", "25"])
    # the battery never saturates here, so the grid sees only the limiter's ramps
    assert summary["max_grid_ramp_mw_per_s"] <= example.RAMP_MW_PER_S * (1 + 1e-9)
    assert summary["max_site_ramp_mw_per_s"] > 100 * example.RAMP_MW_PER_S
    assert 0.4 < summary["soc_min"] <= summary["soc_max"] < 0.6


def test_pjm_headroom_runs_from_the_command_line(tmp_path):
    out = tmp_path / "pjm.png"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "pjm_headroom.py"), "--out", str(out), "--years", "2023"],
        capture_output=True, text=True, check=True,
    )
    assert f"wrote {out}" in run.stdout
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_pjm_headroom_table_grows_with_storage_and_the_limit(tmp_path):
    example = load("pjm_headroom")
    table = example.main(["--out", str(tmp_path / "p.png"), "--years", "2023"])
    assert list(table.index) == [label for label, _, _ in example.STORAGE]
    assert (table.diff(axis=1).iloc[:, 1:] > 0).all().all()  # a looser limit hosts more
    assert (table.diff(axis=0).iloc[1:] >= 0).all().all()  # more storage hosts at least as much


def test_taiwan_dispatch_runs_and_a_larger_fleet_lowers_the_thermal_peak():
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "taiwan_dispatch.py"), "--periods", "144"],
        capture_output=True, text=True, check=True,
    )
    assert "thermal peak MW" in run.stdout
    example = load("taiwan_dispatch")
    table = example.main(["--periods", "144"])
    peaks = table["thermal peak MW"].to_numpy()
    assert (peaks[1:] <= peaks[:-1] + 1e-6).all() and peaks[-1] < peaks[0]

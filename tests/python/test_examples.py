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

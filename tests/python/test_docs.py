"""Every Python block in docs/python.md runs (in order, in one namespace), so the guide stays
true."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

DOC = Path(__file__).resolve().parents[2] / "docs" / "python.md"


def test_python_blocks_in_the_guide_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)
    assert len(blocks) >= 6
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Storage(50 MW discharge / 50 MW charge, 200 MWh, round trip 85.0 %" in printed
    assert "request_mw: the index has no time zone" in printed
    assert "charge efficiency must be in (0, 1] (got 1.2)" in printed
    assert "Progress(1000000 of 1000000 steps)" in printed
    # the studies: each printed value is what the guide shows under it
    for shown in ("[206, 336]", "America/Los_Angeles", "31646", "3.767", "True", "6 ['ok']",
                  "1000MW/4h 4730"):
        assert shown in printed
    assert "['load_mw', 'limit_mw', 'new_load_served_mw', 'curtailed_mw', 'storage_mw', 'energy_mwh']" in printed
    # the per-step tables of the fast studies
    assert "['site_mw', 'upstream_mw', 'battery_mw', 'soc_frac', 'frequency_hz'] 12000 0.005" in printed
    assert "2025-07-01 00:00:00+08:00 UTC+08:00" in printed
    assert "this frequency result kept no per-step table: the study ran with keep_steps=False" in printed

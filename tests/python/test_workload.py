"""ballast.workload: the synthetic training site as a pandas Series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ballast
from ballast.workload import full_it_mw, known_gpus, synthetic_site


def test_length_step_and_zone():
    site = synthetic_site(training_gpus=8000, step_ms=100, duration_s=120, start="2025-03-01T12:00+08:00")
    assert len(site) == 1200
    assert site.index[1] - site.index[0] == pd.Timedelta("100ms")
    assert site.index[0] == pd.Timestamp("2025-03-01T04:00Z")
    assert str(site.index.tz) == "UTC+08:00" and site.name == "site_mw"


def test_full_it_power_from_the_datasheet():
    # DGX H100: about 10.2 kW for 8 GPUs (NVIDIA datasheet) -> 1.275 kW a GPU
    assert full_it_mw(training_gpus=1000, gpu="H100") == pytest.approx(1000 * 10.2 / 8 / 1000)
    assert "H100" in known_gpus().index


def test_power_stays_within_the_site_and_averages_the_duty_cycle():
    gpus, pue = 20_000, 1.2
    site = synthetic_site(training_gpus=gpus, pue=pue, step_ms=10, duration_s=120, seed=3)
    full = full_it_mw(training_gpus=gpus) * pue
    assert site.max() <= full * (1 + 1e-12)
    # lockstep iterations: 90 % of the time computing at full power, 10 % communicating at 40 %
    p = ballast.workload.SyntheticParams()  # the library's defaults
    duty = p.compute_share * p.compute_level + (1 - p.compute_share) * p.comm_level
    steady = site.iloc[len(site) // 10 :]  # after the first iterations
    assert steady.mean() == pytest.approx(duty * full, rel=0.02)


def test_seeded_and_reproducible():
    a = synthetic_site(training_gpus=1000, step_ms=50, duration_s=60, seed=1, failures_per_h=30)
    b = synthetic_site(training_gpus=1000, step_ms=50, duration_s=60, seed=1, failures_per_h=30)
    c = synthetic_site(training_gpus=1000, step_ms=50, duration_s=60, seed=2, failures_per_h=30)
    np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())
    assert not np.array_equal(a.to_numpy(), c.to_numpy())


def test_bad_parameters():
    with pytest.raises(TypeError, match="unknown synthetic-site parameter 'gpus'.*training_gpus"):
        synthetic_site(gpus=10)
    with pytest.raises(ballast.InputError):
        synthetic_site(training_gpus=10, pue=0.5)
    with pytest.raises(ballast.InputError):
        synthetic_site(training_gpus=10, gpu="Z80")
    with pytest.raises(ballast.InputError, match="no time zone"):
        synthetic_site(training_gpus=10, start="2025-01-01")

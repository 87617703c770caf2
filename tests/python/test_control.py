"""ballast.control: each controller against its rule written out by hand."""

from __future__ import annotations

import numpy as np
import pytest

import ballast
from ballast.control import PeakShaver, RampLimiter, RegulationController, SocKeeper


def test_ramp_limiter_never_exceeds_its_step_and_reaches_the_target():
    r = RampLimiter(ramp_mw_per_s=0.5, dt_s=0.1, initial_mw=10.0)
    assert r.max_step_mw == pytest.approx(0.05)
    rng = np.random.default_rng(1)
    last = r.output_mw
    for target in rng.uniform(-100, 100, 2000):
        out = r.step(float(target))
        assert abs(out - last) <= r.max_step_mw
        last = out
    r.reset(0.0)
    for _ in range(200):
        r.step(5.0)
    assert r.output_mw == pytest.approx(5.0)  # 5 MW at 0.05 MW a step: 100 steps suffice
    assert "ramp_mw_per_s=0.5" in repr(r)


def test_ramp_limiter_refuses_bad_parameters_and_nan():
    with pytest.raises(ballast.InputError, match="ramp limit"):
        RampLimiter(ramp_mw_per_s=-1, dt_s=1)
    with pytest.raises(ballast.InputError, match="step must be > 0"):
        RampLimiter(ramp_mw_per_s=1, dt_s=0)
    with pytest.raises(ballast.InputError, match="target_mw is NaN"):
        RampLimiter(ramp_mw_per_s=1, dt_s=1).step(float("nan"))


def test_soc_keeper_is_proportional_with_a_dead_band_and_a_clamp():
    k = SocKeeper(energy_mwh=100, target_soc=0.5, dead_band=0.05, correction_time_s=1800, max_correction_mw=30)
    assert k.target_mwh == 50
    assert k.correction_mw(52) == 0  # inside the band
    # 20 MWh below the target, 5 of them inside the band: 15 MWh worked off in half an hour
    assert k.correction_mw(30) == pytest.approx(15 * 3600 / 1800)
    assert k.correction_mw(70) == pytest.approx(-15 * 3600 / 1800)
    assert k.correction_mw(0) == 30  # clamped
    with pytest.raises(ballast.InputError, match="target_soc"):
        SocKeeper(energy_mwh=100, target_soc=1.5)


def test_peak_shaver_discharges_above_and_recharges_below():
    s = PeakShaver(threshold_mw=40, energy_mwh=20, recharge_margin_mw=2, recharge_max_mw=5, target_soc=0.9)
    assert s.step(site_mw=47, stored_mwh=10) == 7
    assert s.step(site_mw=36, stored_mwh=10) == -2  # room 40 - 2 - 36
    assert s.step(site_mw=20, stored_mwh=10) == -5  # recharge limit
    assert s.step(site_mw=20, stored_mwh=18) == 0  # at the target SOC
    assert s.step(site_mw=39, stored_mwh=10) == 0  # inside the margin
    with pytest.raises(ballast.InputError):
        PeakShaver(threshold_mw=40, energy_mwh=0)


def test_peak_shaver_with_storage_holds_the_import():
    """Closed loop on a square-wave site: while the battery has energy the import stays at the
    threshold."""
    unit = ballast.Storage(ballast.StorageParams(energy_mwh=10, power_mw=20), dt_s=60, soc=1.0)
    shaver = PeakShaver(threshold_mw=40, energy_mwh=10)
    site = np.where((np.arange(120) // 30) % 2 == 0, 50.0, 30.0)  # 30 min at 50 MW, 30 at 30
    for mw in site:
        delivered = unit.step(shaver.step(site_mw=float(mw), stored_mwh=unit.stored_mwh))
        assert mw - delivered <= 40 + 1e-9  # 10 MW for 30 min = 5 MWh < 10 MWh stored


BID = 10.0


@pytest.mark.parametrize(
    "hz, pu",
    [
        (59.0, 1.0),  # clamped beyond the outer breakpoint
        (59.75, 1.0),
        (59.80, 1.0 + (0.05 / 0.11) * (0.52 - 1.0)),  # on the line 59.75 -> 59.86 Hz
        (59.86, 0.52),
        (60.25, -1.0),
        (61.0, -1.0),
    ],
)
def test_dreg_follows_the_published_curve(hz, pu):
    """dReg breakpoints (Taipower, see docs/market.md): 59.75/59.86/59.98/60.02/60.14/60.25 Hz
    with outputs 1, 0.52, 0.09, -0.09, -0.52, -1 of the bid."""
    c = RegulationController(product="dreg", bid_mw=BID, steer=False)
    step = c.step(t_s=0, frequency_hz=hz, energy_mwh=5, target_mwh=5)
    assert step.setpoint_mw == pytest.approx(pu * BID, abs=1e-9)


def test_dreg_dead_band_and_steering():
    free = RegulationController(product="dreg", bid_mw=BID, steer=False)
    step = free.step(t_s=0, frequency_hz=60.0, energy_mwh=5, target_mwh=5)
    assert (step.band_lo_mw, step.band_hi_mw) == pytest.approx((-0.9, 0.9))
    assert step.setpoint_mw == pytest.approx(0.0)
    steered = RegulationController(product="dreg", bid_mw=BID, full_correction_mwh=0.5)
    too_full = steered.step(t_s=0, frequency_hz=60.0, energy_mwh=6, target_mwh=5)
    assert too_full.setpoint_mw == pytest.approx(0.9)  # discharge to the band's top
    too_empty = steered.step(t_s=1, frequency_hz=60.0, energy_mwh=4, target_mwh=5)
    assert too_empty.setpoint_mw == pytest.approx(-0.9)
    assert steered.product == "dreg" and steered.low_frequency_events == 0


def test_edreg_follows_its_shifting_schedule():
    c = RegulationController(product="edreg", bid_mw=BID, schedule_mw=[0.0, 4.0], steer=False)
    first = c.step(t_s=0, frequency_hz=60.0, energy_mwh=5, target_mwh=5)
    assert first.shift_mw == 0
    # the second 15-minute interval ramps linearly to its 4 MW target by its second 300
    for t in range(1, 900 + 301):
        last = c.step(t_s=t, frequency_hz=60.0, energy_mwh=5, target_mwh=5)
    assert last.shift_mw == pytest.approx(4.0)
    assert last.setpoint_mw == pytest.approx(4.0)
    assert "edreg" in repr(c)


def test_regulation_refuses_bad_products_and_values():
    with pytest.raises(ballast.InputError, match="product must be"):
        RegulationController(product="fcr", bid_mw=1)
    with pytest.raises(ballast.InputError):
        RegulationController(product="sreg", bid_mw=1)
    with pytest.raises(ballast.InputError):
        RegulationController(product="dreg", bid_mw=0)
    c = RegulationController(product="dreg", bid_mw=1)
    with pytest.raises(ballast.InputError, match="frequency_hz is NaN"):
        c.step(t_s=0, frequency_hz=float("nan"), energy_mwh=1, target_mwh=1)


def test_edreg_low_frequency_rule_cancels_charging():
    """E-dReg: a charging battery that sees 59.50 Hz stops shifting until the later of t + 900 s
    and the end of the interval after the current one (Taipower, see docs/market.md)."""
    c = RegulationController(product="edreg", bid_mw=BID, schedule_mw=[-4.0, -4.0, -4.0], steer=False)
    for t in range(100):
        step = c.step(t_s=t, frequency_hz=60.0, energy_mwh=5, target_mwh=5)
        assert step.cancelled_until_s is None
    assert step.shift_mw < 0  # charging
    fired = c.step(t_s=100, frequency_hz=59.5, energy_mwh=5, target_mwh=5)
    assert fired.cancelled_until_s == max(100 + 900, 2 * 900)
    assert c.low_frequency_events == 1
    after = c.step(t_s=101, frequency_hz=60.0, energy_mwh=5, target_mwh=5)
    assert after.shift_mw == 0 and after.cancelled_until_s is None
    assert "cancelled until 1800 s" in repr(fired)
    assert PeakShaver(threshold_mw=40, energy_mwh=20).threshold_mw == 40

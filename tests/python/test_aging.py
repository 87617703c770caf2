"""ballast.aging: rainflow against ASTM E1049-85, wear, models and projection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ballast
from ballast.aging import AgingModel, Rainflow, WearMeter, count_cycles, project, wear_of

REPO = Path(__file__).resolve().parents[2]


def astm_rainflow(x):
    """ASTM E1049-85 (2017) 5.4.4 over a whole signal, batch: reversals first, then the
    three-point rule with the starting point S; the residual counts as half cycles."""
    values = [x[0]]
    for v in x[1:]:
        if v != values[-1]:
            values.append(v)
    rev = [values[0]]
    for a, b, c in zip(values, values[1:], values[2:]):
        if (b - a) * (c - b) < 0:
            rev.append(b)
    if len(values) > 1:
        rev.append(values[-1])
    stack, out = [], []
    for p in rev:
        stack.append(p)
        while len(stack) >= 3:
            x_range = abs(stack[-1] - stack[-2])
            y_range = abs(stack[-2] - stack[-3])
            if x_range < y_range:
                break
            if len(stack) == 3:
                out.append((0.5, y_range))
                stack.pop(0)
            else:
                out.append((1.0, y_range))
                del stack[-3:-1]
    out += [(0.5, abs(b - a)) for a, b in zip(stack, stack[1:])]
    return Counter((c, round(r, 12)) for c, r in out)


def test_the_standards_own_example():
    """ASTM E1049-85 Fig. 6 / Table 4: ranges 3 (0.5), 4 (1.5), 6 (0.5), 8 (1.0), 9 (0.5)."""
    cycles = count_cycles(np.array([-2, 1, -3, 5, -1, 3, -4, 4, -2], dtype=float))
    by_range = cycles.groupby("range")["count"].sum().to_dict()
    assert by_range == {3.0: 0.5, 4.0: 1.5, 6.0: 0.5, 8.0: 1.0, 9.0: 0.5}


def test_matches_the_standard_on_random_signals():
    rng = np.random.default_rng(5)
    for _ in range(20):
        x = np.round(rng.normal(size=400).cumsum(), 1)  # rounding makes plateaus too
        got = count_cycles(x)
        assert Counter(zip(got["count"], np.round(got["range"], 12))) == astm_rainflow(list(x))


def test_streaming_in_chunks_equals_the_whole_signal():
    x = np.random.default_rng(2).normal(size=5000).cumsum()
    rf = Rainflow()
    parts = [rf.extend(x[:1234]), rf.extend(x[1234:4000])]
    for v in x[4000:]:
        parts.append(pd.DataFrame([(c.count, c.range, c.mean, c.start, c.end) for c in rf.push(float(v))],
                                  columns=["count", "range", "mean", "start", "end"]))
    tail = rf.finish()
    parts.append(pd.DataFrame([(c.count, c.range, c.mean, c.start, c.end) for c in tail],
                              columns=["count", "range", "mean", "start", "end"]))
    streamed = pd.concat(parts, ignore_index=True)
    whole = count_cycles(x)
    np.testing.assert_array_equal(streamed["range"].to_numpy(), whole["range"].to_numpy())
    np.testing.assert_array_equal(streamed["start"].to_numpy(dtype=np.int64), whole["start"].to_numpy())
    assert rf.samples == 0 and rf.residual == 0  # finish() reset it
    assert "Rainflow(0 samples" in repr(rf)


def test_tags_travel_with_the_cycles():
    rf = Rainflow()
    closed = []
    for i, x in enumerate([0.0, 2.0, 1.0, 3.0, 0.0]):
        closed += rf.push(x, tag=10.0 * i)
    closed += rf.finish()
    full = [c for c in closed if c.count == 1.0]
    assert len(full) == 1  # 2 -> 1 closes inside 0 -> 3
    assert (full[0].start, full[0].end, full[0].start_tag, full[0].end_tag) == (1, 2, 10.0, 20.0)
    assert "Cycle(count=1" in repr(full[0])


def test_rainflow_refuses_nan():
    with pytest.raises(ballast.InputError, match=r"signal\[1\] is NaN"):
        count_cycles(np.array([0.0, np.nan]))
    with pytest.raises(ballast.InputError, match="x is NaN"):
        Rainflow().push(float("nan"))


def sine_soc(cycles, depth, n_per_cycle=200):
    t = np.linspace(0, 2 * np.pi * cycles, cycles * n_per_cycle + 1)
    return 0.5 + 0.5 * depth * np.sin(t)


def test_wear_counts_and_damage():
    model = AgingModel.xu2018()
    soc = sine_soc(50, 0.8)
    wear = wear_of(model, soc, dt_s=36)
    assert wear.duration_s == pytest.approx(len(soc) * 36)
    assert wear.equivalent_full_cycles == pytest.approx(np.abs(np.diff(soc)).sum() / 2, rel=1e-12)
    assert wear.equivalent_full_cycles == pytest.approx(50 * 0.8, rel=1e-3)
    assert sum(wear.cycles_by_depth) == pytest.approx(wear.full_cycles + 0.5 * wear.half_cycles)
    assert wear.cycles_by_depth[8] >= 49  # the 80 % deep cycles land in the [80, 90) % bin
    per_cycle = model.cycle_damage(dod=0.8, mean_soc=0.5, temp_c=25)
    assert wear.cycle_damage == pytest.approx(50 * per_cycle, rel=0.03)
    assert wear.mean_soc == pytest.approx(0.5, abs=1e-3) and wear.mean_temp_c == 25


def test_meter_pushed_one_by_one_equals_the_array_call():
    model = AgingModel.xu2018()
    soc = sine_soc(5, 0.6)
    temp = np.linspace(20, 35, len(soc))
    meter = WearMeter(model, dt_s=10)
    for s, t in zip(soc, temp):
        meter.push(float(s), float(t))
    one_by_one = meter.finish()
    whole = wear_of(model, soc, dt_s=10, temp_c=temp)
    assert one_by_one.cycle_damage == whole.cycle_damage
    assert one_by_one.mean_temp_c == pytest.approx(temp.mean())
    assert meter.dt_s == 10 and meter.model.kind == "xu2018" and "WearMeter" in repr(meter)
    assert "equivalent full cycles" in repr(whole)


def test_wear_takes_a_series_step_and_checks_the_soc_scale():
    index = pd.date_range("2024-01-01", periods=101, freq="1min", tz="UTC")
    soc = pd.Series(sine_soc(1, 0.5, 100), index=index)
    assert wear_of(AgingModel.xu2018(), soc).duration_s == 101 * 60
    with pytest.raises(ballast.InputError, match="a percentage"):
        wear_of(AgingModel.xu2018(), 100 * soc)
    with pytest.raises(ballast.InputError, match="give dt_s"):
        wear_of(AgingModel.xu2018(), soc.to_numpy())
    with pytest.raises(ballast.InputError, match="one per step"):
        wear_of(AgingModel.xu2018(), soc, temp_c=np.ones(3))


def test_end_of_life_damage_gives_the_end_of_life_capacity():
    model = AgingModel.xu2018()
    damage = model.damage_to_end_of_life(0.8)
    assert model.capacity(cycle_damage=damage, days=0, mean_soc=0.5, temp_c=25) == pytest.approx(0.8, abs=1e-9)


def test_projection_is_consistent_with_capacity_after():
    model = AgingModel.xu2018()
    daily = sine_soc(1, 0.8, 1440)  # one deep cycle a day, one-minute steps
    wear = wear_of(model, daily, dt_s=60)
    p = project(model, wear, eol_capacity=0.8, max_years=40)
    assert len(p.capacity) == 40
    assert all(a > b for a, b in zip(p.capacity, p.capacity[1:]))
    assert p.capacity[0] == pytest.approx(ballast.aging.capacity_after(model, wear, years=1))
    assert p.fade_year1 == pytest.approx(1 - p.capacity[0])
    eol = p.end_of_life_years
    assert eol is not None
    k = int(eol)  # capacity crosses 0.8 during year k + 1
    assert (p.capacity[k - 1] if k else 1.0) > 0.8 >= p.capacity[k]
    assert "end of life" in repr(p)
    with pytest.raises(ballast.InputError, match="eol_capacity"):
        project(model, wear, eol_capacity=1.5)


def test_cycle_life_tables():
    table = AgingModel.cycle_table(dod=[0.2, 0.5, 1.0], cycles=[20000, 10000, 4000], capacity=[0.8, 0.8, 0.8])
    assert table.kind == "table" and "3 rows" in repr(table)
    # a full cycle at a listed depth costs (1 - capacity) / cycles
    assert table.cycle_damage(dod=0.5, mean_soc=0.5, temp_c=25) == pytest.approx(0.2 / 10000, rel=1e-9)
    with pytest.raises(ballast.InputError, match="one value per row"):
        AgingModel.cycle_table(dod=[0.2], cycles=[1, 2], capacity=[0.8])
    with pytest.raises(ballast.InputError, match="cycle-life row"):
        AgingModel.cycle_table(dod=[1.5], cycles=[100], capacity=[0.8])
    read = AgingModel.read_cycle_table(str(REPO / "examples" / "cycle-life-table.csv"))
    assert read.kind == "table"
    assert AgingModel.parse("xu2018").kind == "xu2018"
    with pytest.raises(ballast.InputError, match="use xu2018"):
        AgingModel.parse("magic")

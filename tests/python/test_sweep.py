"""ballast.sweep: a sweep spec run in process on threads. Its table is the CLI's table for the
same spec, each row is what the single study gives for that case, a second run resumes, and a
bad spec is refused before any case runs."""

from __future__ import annotations

import json
import math
import re
import subprocess
from html import escape as html_escape

import pytest

import ballast

from conftest import REPO, write_three_hour_system
from test_studies import CLI, needs_cli

SMALL = REPO / "examples" / "sweep" / "headroom-small.toml"


def test_each_row_is_the_single_study_of_its_case(tmp_path):
    calls = []
    r = ballast.sweep(SMALL, tmp_path / "out", jobs=2, progress=lambda done, total: calls.append((done, total)))
    assert (r.cases, r.ran, r.skipped, r.failed) == (6, 6, 0, 0)
    table = r.to_pandas()
    assert list(table.index) == list(range(6))
    assert set(table["status"]) == {"ok"}
    # The spec: ERCO, year 2022 or 2023, storage 0, 1000 or 2000 MW at 4 h, curtailment 0.5 and 1 %.
    for case, row in table.iterrows():
        one = ballast.headroom(grid="ERCO", year=int(row["year"]), storage=row["storage"],
                               curtailment=[0.5, 1]).to_dict()
        for k in (0, 1):
            assert row[f"results.{k}.headroom_mw"] == one["results"][k]["headroom_mw"], case
    assert calls and calls[-1] == (6, 6)
    assert all(b[0] >= a[0] for a, b in zip(calls, calls[1:]))


@needs_cli
def test_the_table_is_the_clis_and_a_second_run_resumes(tmp_path):
    r = ballast.sweep(SMALL, tmp_path / "py")
    subprocess.run([str(CLI), "sweep", str(SMALL), "--out", str(tmp_path / "cli"), "--quiet"],
                   check=True, cwd=REPO)
    rows = [json.loads(line) for line in r.jsonl_path.read_text().splitlines()]
    cli = [json.loads(line) for line in (tmp_path / "cli" / "results.jsonl").read_text().splitlines()]
    assert len(rows) == len(cli) == 6
    for a, b in zip(rows, cli):
        assert a.keys() == b.keys()
        for key in a:
            if isinstance(a[key], float):
                assert math.isclose(a[key], b[key], rel_tol=0, abs_tol=0), key
            else:
                assert a[key] == b[key], key
    again = ballast.sweep(SMALL, tmp_path / "py")
    assert (again.skipped, again.ran) == (6, 0)
    assert again.to_pandas().equals(r.to_pandas())


def test_a_bad_spec_is_refused_at_its_line_before_any_case_runs(tmp_path):
    spec = tmp_path / "bad.toml"
    spec.write_text('study = "headroom"\ngrid = "ERCO"\n[axes]\nstorage_mv = [0, 1000]\n')
    with pytest.raises(ballast.InputError) as e:
        ballast.sweep(spec, tmp_path / "out")
    assert (e.value.file, e.value.line) == (str(spec), 4)
    assert "storage_mv" in e.value.reason
    assert not (tmp_path / "out" / "results.csv").exists()
    with pytest.raises(ballast.InputError, match="jobs"):
        ballast.sweep(SMALL, tmp_path / "out", jobs=0)
    assert "headroom" in ballast.sweepable_studies()


def _heatmaps(html: str) -> dict[str, dict[tuple[str, str], str]]:
    """Each heatmap of a report by caption: {(row, column): the cell's text}."""
    out = {}
    for caption, body in re.findall(r"<figcaption>([^<]*)</figcaption>\s*<table class=\"heatmap\">(.*?)</table>",
                                    html, flags=re.S):
        columns = re.findall(r"<th>([^<]*)</th>", re.search(r"<thead>(.*?)</thead>", body, re.S).group(1))[1:]
        cells = {}
        for row in re.findall(r"<tr><th>([^<]*)</th>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)):
            values = re.findall(r"<td[^>]*>([^<]*)</td>", row[1])
            cells.update({(row[0], c): v for c, v in zip(columns, values)})
        out[caption] = cells
    return out


@needs_cli
def test_the_report_puts_each_case_in_its_cell_and_groups_the_failures(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text('study = "headroom"\nyear = 2019\ncurtailment = [0.5]\n[axes]\ngrid = ["ERCO", "NEVP"]\n'
                    'storage = { format = "{power_mw}MW/{hours}h", power_mw = "0:1000:1000", hours = [2, 4] }\n')
    run = subprocess.run([str(CLI), "sweep", str(spec), "--out", str(tmp_path / "out"), "--report",
                          str(tmp_path / "r.html"), "--quiet"], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    html = (tmp_path / "r.html").read_text()
    maps = _heatmaps(html)
    # storage power (rows) x hours (columns), one heatmap per grid
    ercot = maps["headroom at 0.5 % curtailment — grid ERCO (MW)"]
    nevada = maps["headroom at 0.5 % curtailment — grid NEVP (MW)"]
    for r in rows:
        cell = (str(r["power_mw"]), str(r["hours"]))
        if r["grid"] == "ERCO":
            assert r["status"] == "ok"
            assert ercot[cell] == f"{r['results.0.headroom_mw']:.0f}", cell
        else:  # Nevada Power's record starts in Nov 2021: no 2019, an empty cell
            assert r["status"] == "error" and nevada[cell] == ""
    assert len(ercot) == len(nevada) == 4
    # the four failures are one row of the failures table, with their count
    error = rows[-1]["error"]
    assert html.count(html_escape(error)) == 1
    assert re.search(r"<td>" + re.escape(html_escape(error)) + r"</td><td class=\"num\"[^>]*>4</td>", html)
    bad = subprocess.run([str(CLI), "sweep", str(spec), "--out", str(tmp_path / "out"), "--report",
                          str(tmp_path / "r2.html"), "--report-value", "results.0.headroom"],
                         capture_output=True, text=True, cwd=REPO)
    assert bad.returncode == 2 and "results.0.headroom" in bad.stderr
    assert not (tmp_path / "r2.html").exists()


def test_a_sweep_of_expansions_matches_a_hand_calculation(tmp_path):
    # Three hours of demand 50, 80, 95 MW; a base plant of 100 MW at 25 and a peaker at 180; a
    # turbine candidate too dear to build. A firm new load D costs 25 a MWh while the base plant
    # has room (hours 1, 2 and the first 5 MW of hour 3) and 180 beyond.
    write_three_hour_system(tmp_path)
    (tmp_path / "case.toml").write_text(
        'system = "system.toml"\n[new_load]\nmw = 10\n[[generator]]\nname = "ct"\n'
        'capex_per_kw = 1000000\nlifetime_years = 20\nvariable_cost_per_mwh = 90\n')
    spec = tmp_path / "spec.toml"
    spec.write_text('study = "expand"\nscenario = "case.toml"\n[axes]\nnew_load_mw = [0, 5, 10]\n')
    table = ballast.sweep(spec, tmp_path / "out").to_pandas()
    per_year = 8760 / 3
    for case, d in enumerate((0, 5, 10)):
        cost = (50 + 80 + 95) * 25 + 2 * d * 25 + min(d, 5) * 25 + max(d - 5, 0) * 180
        total = table.loc[case, "variants.0.cost_per_year.total"]
        assert math.isclose(total, cost * per_year, rel_tol=1e-9), d
    assert "expand" in ballast.sweepable_studies()

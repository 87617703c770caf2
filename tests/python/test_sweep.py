"""ballast.sweep: a sweep spec run in process on threads. Its table is the CLI's table for the
same spec, each row is what the single study gives for that case, a second run resumes, and a
bad spec is refused before any case runs."""

from __future__ import annotations

import json
import math
import subprocess

import pytest

import ballast

from conftest import REPO
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

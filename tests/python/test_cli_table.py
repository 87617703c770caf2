"""docs/cli.md's vocabulary table against every command's --help (issue 14): each option a
command shows is a row of the table with the same value, default and bounds, and each row's
commands all show it so. Runs the real binary (BALLAST_BIN, default build/apps/ballast/ballast)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import cli_table  # noqa: E402

BIN = os.environ.get("BALLAST_BIN", str(REPO / "build" / "apps" / "ballast" / "ballast"))


def doc_rows() -> dict[tuple[str, str, str, str], list[str]]:
    text = (REPO / "docs" / "cli.md").read_text()
    out = {}
    for line in text.splitlines():
        m = re.match(r"^\| `((?:--)?[a-z0-9-]+)` \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|$", line)
        if not m:
            continue
        cells = [c.replace("\\|", "|") for c in m.groups()]
        name, value, default, bounds = [c if c != "-" else "" for c in cells[:4]]
        out[(name, value, default, bounds)] = [
            c.strip() for c in cells[4].split(",")]
    return out


@pytest.fixture(scope="module")
def help_rows():
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"{BIN} is not built: build the ballast target or set BALLAST_BIN")
    return cli_table.rows(BIN)


def test_every_option_of_every_command_is_in_the_table(help_rows):
    doc = doc_rows()
    assert len(doc) > 50  # the table was parsed
    missing = [f"{k[0]} ({', '.join(v)}): value {k[1]}, default '{k[2]}', bounds '{k[3]}'"
               for k, v in help_rows.items() if k not in doc]
    assert not missing, "not in docs/cli.md (or differs):\n" + "\n".join(missing)


def test_every_row_of_the_table_is_what_its_commands_show(help_rows):
    for key, commands in doc_rows().items():
        assert key in help_rows, f"docs/cli.md row {key} is in no command's --help"
        assert sorted(commands) == sorted(help_rows[key]), key


def test_one_default_for_shared_concepts(help_rows):
    """The clashes issue 14 found are gone: one default for aging years and round-trip
    efficiency help, one bound for the curtailment limit."""
    by_name: dict[str, set] = {}
    for (name, _value, default, bounds), _ in help_rows.items():
        by_name.setdefault(name, set()).add((default, bounds))
    assert by_name["--aging-years"] == {("1,5,10,15,20", "1..100")}
    assert {b for _, b in by_name["--curtailment"]} == {"0..<100"}
    for old in ["--hours", "--storage-mw", "--storage-mwh", "--efficiency", "--lag-ms",
                "--standing-loss", "--window", "--step", "--temperature", "--utc-offset"]:
        assert old not in by_name, f"{old} is still shown; it should be an old name only"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([BIN, *args], capture_output=True, text=True)


def test_old_names_work_with_a_warning_and_in_the_new_unit():
    # --hours 0.01 is 36 s of 1 s samples; as --duration-s the same trace
    old = run("frequency", "--hours", "0.01", "--json", "--quiet")
    new = run("frequency", "--duration-s", "36", "--json", "--quiet")
    assert old.returncode == 0 and new.returncode == 0
    assert "--hours is deprecated; use --duration-s" in old.stderr
    assert '"samples": 36' in old.stdout
    assert old.stdout == new.stdout


@pytest.mark.parametrize("args", [
    ["market", "curve", "--frequency-hz", "59.9", "--product", "DREG", "--json"],
    ["headroom", "--grid", "ERCOT", "--year", "2023", "--curtailment", "0.5%", "--json"],
    ["headroom", "--grid", "pjm", "--year", "2023", "--curtailment", "1",
     "--storage", "1GW/4GWh@85", "--json"],
])
def test_spellings_people_type_are_accepted(args):
    r = run(*args, "--quiet")
    assert r.returncode == 0, r.stderr


def test_at_85_is_85_percent():
    a = run("headroom", "--grid", "pjm", "--year", "2023", "--curtailment", "1",
            "--storage", "1GW/4GWh@85", "--json", "--quiet")
    b = run("headroom", "--grid", "PJM", "--year", "2023", "--curtailment", "1",
            "--storage", "1GW/4GWh@0.85", "--json", "--quiet")
    assert a.returncode == 0 and a.stdout == b.stdout


def test_parser_errors_say_ballast_error_and_exit_2():
    r = run("headroom", "--no-such-option")
    assert r.returncode == 2
    assert r.stderr.startswith("ballast: error: ")

"""``ballast.sweep``: a sweep spec (docs/sweep.md) run in this process on threads, the same
library call as ``ballast sweep SPEC --out DIR --jobs N``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import _core
from .errors import InputError
from .storage import ProgressArg

__all__ = ["SweepResult", "sweep", "sweepable_studies"]


@dataclass(frozen=True)
class SweepResult:
    """What a sweep run did, and its results table (written to ``out`` as it ran)."""

    cases: int  #: cases in the spec
    skipped: int  #: already in the table when this run started (a resumed sweep)
    ran: int  #: cases this run ran
    failed: int  #: rows of the table whose status is ``error``
    seconds: float
    jsonl_path: Path  #: the table as JSON lines, sorted by case
    csv_path: Path  #: the same table as CSV

    def to_pandas(self) -> pd.DataFrame:
        """The results table, one row per case (index ``case``): the axis columns, ``status``,
        ``exit_code``, ``error``, then every scalar of the study's JSON under dotted names."""
        frame = pd.read_json(self.jsonl_path, lines=True, dtype=False)
        return frame.set_index("case")


def sweep(
    spec: str | os.PathLike,
    out: str | os.PathLike,
    *,
    jobs: int = 1,
    details: bool = False,
    progress: ProgressArg = None,
) -> SweepResult:
    """Runs the cases of the sweep ``spec`` (a TOML file, docs/sweep.md) not yet in ``out``'s
    table, on ``jobs`` threads, with the GIL released; ``details`` also writes each case's full
    JSON to ``out/cases/``. Running it again resumes: finished cases are kept. A bad spec raises
    :class:`ballast.InputError` with its file, line and column before any case runs; a case
    that fails is a row with its error, and the sweep goes on."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs={jobs!r}: give a whole number of threads, at least 1")
    s = _core.sweep.run(os.fspath(spec), os.fspath(out), jobs, bool(details), progress)
    return SweepResult(
        cases=s["cases"],
        skipped=s["skipped"],
        ran=s["ran"],
        failed=s["failed"],
        seconds=s["seconds"],
        jsonl_path=Path(s["jsonl_path"]),
        csv_path=Path(s["csv_path"]),
    )


def sweepable_studies() -> list[str]:
    """The studies a sweep can run (the spec's ``study``)."""
    return list(_core.sweep.studies())

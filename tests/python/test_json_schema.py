"""Every study's real --json output validates against docs/schema/<study>.schema.json (JSON
Schema draft 2020-12, strict: required keys, no others) and carries "schema":
"ballast.<study>/1" (issue 14). Runs the real binary (BALLAST_BIN)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import json_schema  # noqa: E402
import study_runs  # noqa: E402

BIN = os.environ.get("BALLAST_BIN", str(REPO / "build" / "apps" / "ballast" / "ballast"))
SCHEMAS = REPO / "docs" / "schema"
CASES = [(study, k) for study, args in study_runs.runs(Path("/nonexistent")).items()
         for k in range(len(args))]


def schema_of(study: str) -> dict:
    schema = json.loads((SCHEMAS / f"{study}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_every_study_has_a_schema_file():
    studies = {s for s, _ in CASES}
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")} == studies


def strict(schema: dict, where: str = "$") -> None:
    """Every object in the schema closes its keys and names the ones it requires; every array
    says what its items are; a value that is always null says why."""
    types = schema.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if "object" in types or "properties" in schema:
        assert schema.get("additionalProperties") is False, f"{where} is open"
        assert "required" in schema, f"{where} requires nothing"
    if "array" in types:
        assert isinstance(schema.get("items"), dict), f"{where} has no items schema"
    if types == {"null"}:
        assert schema.get("description"), f"{where} is always null and does not say why"
    for key, sub in schema.get("properties", {}).items():
        strict(sub, f"{where}.{key}")
    if isinstance(schema.get("items"), dict):
        strict(schema["items"], f"{where}[]")


@pytest.mark.parametrize("study", sorted({s for s, _ in CASES}))
def test_schema_is_strict(study):
    strict(schema_of(study))


@pytest.mark.parametrize(("study", "k"), CASES)
def test_real_output_validates(study, k, tmp_path):
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"{BIN} is not built: build the ballast target or set BALLAST_BIN")
    args = study_runs.runs(tmp_path)[study][k]
    r = subprocess.run([BIN, *args, "--json", "--quiet"], capture_output=True, text=True,
                       cwd=tmp_path)
    doc = json.loads(r.stdout)
    assert doc["schema"] == f"ballast.{study}/1"
    assert list(doc)[0] == "schema"
    jsonschema.validate(doc, schema_of(study), cls=jsonschema.Draft202012Validator)
    assert unit_problems(doc) == []


def test_a_renamed_key_fails_validation():
    """The check can fail: the headroom output with one key renamed is refused."""
    r = subprocess.run([BIN, "headroom", "--year", "2023", "--curtailment", "1", "--json",
                        "--quiet"], capture_output=True, text=True)
    doc = json.loads(r.stdout)
    doc["new key"] = doc.pop(next(k for k in doc if k not in ("schema", "command")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema_of("headroom"), cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("study", sorted({s for s, _ in CASES}))
def test_schema_file_is_what_the_generator_makes(study):
    """docs/schema is scripts/json_schema.py's output from the runs and the reviewed notes
    (scripts/schema_notes.py): a hand edit of a file, or a note or run changed without
    regenerating, fails here. Regenerate: scripts/json_schema.py BIN STUDY."""
    if not os.access(BIN, os.X_OK):
        pytest.fail(f"{BIN} is not built: build the ballast target or set BALLAST_BIN")
    assert (SCHEMAS / f"{study}.schema.json").read_text() == json_schema.text(
        json_schema.draft(BIN, study))


def test_integers_and_numbers_are_told_apart():
    """A count is an integer and a measured quantity a number: the schema says which."""
    d = schema_of("dispatch")["properties"]
    assert d["periods"]["type"] == "integer"
    assert d["solver"]["properties"]["iterations"]["type"] == "integer"
    assert d["cost"]["type"] == "number"
    assert d["objective"]["enum"] == ["cost", "peak", "flat", "max_new_load"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(2.5, d["periods"])


def test_every_optional_key_is_printed_by_some_run(tmp_path):
    """The runs reach every optional branch of each study's output: each key a schema leaves
    optional is printed by at least one run (so the runs validate it), except the LP time
    limit's note, which needs a limit hit to appear."""
    unreachable = {("dispatch", "solver.limit_note")}
    for study, runs in study_runs.runs(tmp_path).items():
        docs = [json.loads(subprocess.run([BIN, *args, "--json", "--quiet"], capture_output=True,
                                          text=True, cwd=tmp_path).stdout) for args in runs]
        for path, node, parent, key in json_schema.nodes(schema_of(study)):
            if key in parent.get("required", []) or (study, path) in unreachable:
                continue
            assert any(has_path(d, path.split(".")) for d in docs), f"{study}: {path}"


def has_path(doc, parts: list[str]) -> bool:
    if not parts:
        return True
    head, *rest = parts
    items = head.endswith("[]")
    head = head.removesuffix("[]")
    if not isinstance(doc, dict) or head not in doc:
        return False
    value = doc[head]
    if items:
        return any(has_path(v, rest) for v in value)
    return has_path(value, rest)


# --- units in keys: fractions end in _frac, percents in _pct ------------------------------------

# A number whose key (or the key of the object holding it) has one of these words is a ratio:
# its key must say whether it is a fraction (_frac, 0..1) or a percent (_pct, 0..100).
RATIO_WORDS = {"efficiency", "soc", "factor", "share", "rate", "residual", "difference"}
# Fractions that may be negative: a relative difference, a residual (|x| <= 1 still).
SIGNED = {"residual", "difference"}


def has_unit(key: str) -> bool:
    return any(key.endswith(u) or u + "_" in key for u in ("_frac", "_pct"))


def numbers_in(value) -> list[float]:
    """The numbers a value is: itself, or the items of a list of numbers (bool is not one)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [value]
    if isinstance(value, list) and value and all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in value):
        return list(value)
    return []


def unit_problems(doc, where: str = "$", parent: str = "") -> list[str]:
    """Every number in `doc` (recursively) under a key of RATIO_WORDS without _frac or _pct, and
    every _frac number outside 0..1 (-1..1 for SIGNED): "path: why"."""
    found = []
    if isinstance(doc, list):
        for i, x in enumerate(doc):
            found += unit_problems(x, f"{where}[{i}]", parent)
    if not isinstance(doc, dict):
        return found
    for key, value in doc.items():
        path = f"{where}.{key}"
        words = set(key.split("_")) | set(parent.split("_"))
        xs = numbers_in(value)
        if xs and words & RATIO_WORDS and not has_unit(key):
            found.append(f"{path}: a ratio without _frac or _pct")
        if xs and (key.endswith("_frac") or "_frac_" in key):
            lo = -1 if set(key.split("_")) & SIGNED else 0
            found += [f"{path}: {x} is not a fraction" for x in xs if not lo <= x <= 1]
        found += unit_problems(value, path, key)
    return found


def schema_problems(schema: dict) -> list[str]:
    """The same rule on a schema: every number-typed property (or array of numbers) under a key
    of RATIO_WORDS ends in _frac or _pct."""
    found = []
    for path, node, parent, key in json_schema.nodes(schema):
        types = json_schema.types_of(node)
        items = json_schema.types_of(node.get("items", {})) if "array" in types else set()
        numeric = (types | items) & {"number", "integer"}
        holder = path.replace("[]", "").split(".")[-2] if "." in path else ""
        words = set(key.split("_")) | set(holder.split("_"))
        if numeric and words & RATIO_WORDS and not has_unit(key):
            found.append(path)
    return found


@pytest.mark.parametrize("study", sorted({s for s, _ in CASES}))
def test_ratio_keys_name_their_unit(study):
    """Every fraction-like number of every study's schema says _frac or _pct (issue 14)."""
    assert schema_problems(schema_of(study)) == []


def test_the_unit_rule_can_fail():
    """The rule refuses the spellings it replaced, and a percent written as a fraction."""
    doc = {"storage": {"round_trip_efficiency": 0.85, "soc_min_frac": 0.1, "soc_start": "full"},
           "load": {"load_factor": 0.6}, "soc": {"min": 0.2, "end_frac": 0.5},
           "with_battery": {"energy_balance_residual_frac": -1e-15},
           "summary": {"dominant_frequencies": [{"frequency_hz": 1.0, "share": 0.4}]},
           "share_frac": 40.0, "capacity_pct_by_year": [100.0, 98.0]}
    assert sorted(unit_problems(doc)) == [
        "$.load.load_factor: a ratio without _frac or _pct",
        "$.share_frac: 40.0 is not a fraction",
        "$.soc.min: a ratio without _frac or _pct",
        "$.storage.round_trip_efficiency: a ratio without _frac or _pct",
        "$.summary.dominant_frequencies[0].share: a ratio without _frac or _pct"]
    schema = json_schema.merge(None, doc)
    assert sorted(schema_problems(schema)) == [
        "load.load_factor", "soc.min", "storage.round_trip_efficiency",
        "summary.dominant_frequencies[].share"]

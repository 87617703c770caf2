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

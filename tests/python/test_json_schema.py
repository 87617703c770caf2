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
    """Every object in the schema closes its keys and names the ones it requires."""
    if schema.get("type") == "object" or "properties" in schema:
        assert schema.get("additionalProperties") is False, f"{where} is open"
        assert "required" in schema, f"{where} requires nothing"
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

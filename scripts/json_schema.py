#!/usr/bin/env python3
"""A first draft of docs/schema/<study>.schema.json from real runs (scripts/study_runs.py):
strict (every key required, no others), types merged over the runs. The drafts are then edited
by hand where a value may be null or a key optional; the test validates real output against the
files in docs/schema, never against a fresh draft. Usage: json_schema.py BIN STUDY..."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import study_runs  # noqa: E402


def kind(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def merge(schema: dict | None, v) -> dict:
    s = dict(schema or {})
    types = set(s.get("type", [])) if isinstance(s.get("type"), list) else (
        {s["type"]} if "type" in s else set())
    types.add(kind(v))
    if isinstance(v, dict):
        props = s.get("properties", {})
        for k, x in v.items():
            props[k] = merge(props.get(k), x)
        s["properties"] = props
        req = set(s.get("required", v.keys())) & set(v.keys())
        s["required"] = [k for k in props if k in req]
        s["additionalProperties"] = False
    if isinstance(v, list):
        items = s.get("items")
        for x in v:
            items = merge(items, x)
        if items is not None:
            s["items"] = items
    s["type"] = sorted(types)[0] if len(types) == 1 else sorted(types)
    return s


def draft(binary: str, study: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        schema = None
        for args in study_runs.runs(Path(tmp))[study]:
            out = subprocess.run([binary, *args, "--json", "--quiet"], capture_output=True,
                                 text=True).stdout
            schema = merge(schema, json.loads(out))
    schema["properties"]["schema"] = {"const": f"ballast.{study}/1"}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://ballast.invalid/schema/{study}.schema.json",
            "title": f"ballast {study.replace('_', ' ')} --json, version 1", **schema}


if __name__ == "__main__":
    binary, *studies = sys.argv[1:]
    for study in studies:
        path = Path(study_runs.REPO) / "docs" / "schema" / f"{study}.schema.json"
        path.write_text(json.dumps(draft(binary, study), indent=2) + "\n")
        print(path)

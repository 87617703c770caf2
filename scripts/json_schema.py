#!/usr/bin/env python3
"""docs/schema/<study>.schema.json from real runs (scripts/study_runs.py) and the hand-reviewed
notes (scripts/schema_notes.py): strict (every key required unless a run leaves it out or a note
says it is optional, no others), types merged over the runs (an integer where every run printed
an integer), then the notes (enums, nulls, keys no run prints). The schema test checks that the
files equal what this makes, and validates real output against them.
Usage: json_schema.py BIN STUDY... (writes the files)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import schema_notes  # noqa: E402
import study_runs  # noqa: E402


def kind(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):  # nlohmann prints every double with a point or an exponent
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def types_of(s: dict) -> set[str]:
    t = s.get("type")
    return set(t) if isinstance(t, list) else ({t} if t else set())


def set_types(s: dict, types: set[str]) -> None:
    if "integer" in types and "number" in types:
        types.discard("integer")
    s["type"] = sorted(types)[0] if len(types) == 1 else sorted(types)


def merge(schema: dict | None, v) -> dict:
    s = dict(schema or {})
    types = types_of(s)
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
    set_types(s, types)
    return s


def nodes(s: dict, path: str = ""):
    """(path, node, parent, key) of every node under `s`."""
    for k, sub in s.get("properties", {}).items():
        p = f"{path}.{k}" if path else k
        yield p, sub, s, k
        yield from nodes(sub, p)
    if isinstance(s.get("items"), dict):
        yield from nodes(s["items"], path + "[]")


def apply_note(node: dict, parent: dict, key: str, note: dict) -> None:
    for k, v in note.items():
        if not k.startswith("$"):
            node[k] = copy.deepcopy(v)
    if note.get("$nullable"):
        set_types(node, types_of(node) | {"null"})
    if note.get("$optional") and key in parent.get("required", []):
        parent["required"].remove(key)


def add_missing(schema: dict, path: str, note: dict) -> None:
    """A note for a key no run prints: the key, optional, in its parent (which must exist)."""
    *up, key = path.replace("[]", ".[]").split(".")
    node = schema
    for part in up:
        node = node["items"] if part == "[]" else node["properties"][part]
    assert note.get("$optional"), f"{path}: no run prints it and the note does not make it optional"
    node["properties"][key] = {k: copy.deepcopy(v) for k, v in note.items()
                               if not k.startswith("$")}


def annotate(schema: dict, notes: dict) -> None:
    for pattern, note in notes.items():
        hits = [(p, n, parent, k) for p, n, parent, k in nodes(schema)
                if (p == pattern or
                    (pattern.startswith("**.") and
                     (p == pattern[3:] or p.endswith("." + pattern[3:]))))]
        for _, node, parent, key in hits:
            apply_note(node, parent, key, note)
        if not hits and not pattern.startswith("**."):
            add_missing(schema, pattern, note)


def draft(binary: str, study: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        schema = None
        first = None
        for args in study_runs.runs(Path(tmp))[study]:
            out = subprocess.run([binary, *args, "--json", "--quiet"], capture_output=True,
                                 text=True, cwd=tmp).stdout
            doc = json.loads(out)
            first = first or doc
            schema = merge(schema, doc)
    annotate(schema, {**schema_notes.COMMON, **schema_notes.NOTES[study]})
    schema["properties"]["schema"] = {"const": f"ballast.{study}/1"}
    schema["properties"]["command"] = {"const": first["command"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://ballast.invalid/schema/{study}.schema.json",
            "title": f"ballast {study.replace('_', ' ')} --json, version 1", **schema}


def text(schema: dict) -> str:
    return json.dumps(schema, indent=2) + "\n"


if __name__ == "__main__":
    binary, *studies = sys.argv[1:]
    for study in studies:
        path = Path(study_runs.REPO) / "docs" / "schema" / f"{study}.schema.json"
        path.write_text(text(draft(binary, study)))
        print(path)

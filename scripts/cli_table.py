#!/usr/bin/env python3
"""The vocabulary table of docs/cli.md from the CLI's own --help: one row per option spelling,
value, default and bounds, with the commands that take it. `python3 scripts/cli_table.py BIN`
prints the table; tests/python/test_cli_table.py checks docs/cli.md against it."""

from __future__ import annotations

import re
import subprocess
import sys

COMMANDS = ["headroom", "size", "steady", "dispatch", "workload", "transient", "market run",
            "market curve", "market bid", "market size", "frequency", "aging", "expand"]
# Output options every study has; documented once in docs/cli.md.
COMMON = {"--help", "--json", "--report", "--quiet", "--progress", "--set"}
BOUNDS = re.compile(r"\(((?:>=|>|<=) -?[\d.e+-]+|>?-?[\d.e+-]+\.\.<?-?[\d.e+-]+)\)")
DEFAULT = re.compile(r"\[default: ([^\]]*)\]")


def options(binary: str, command: str) -> dict[str, tuple[str, str, str]]:
    """--name -> (value, default, bounds) as this command's --help shows them."""
    text = subprocess.run([binary, *command.split(), "--help"], capture_output=True, text=True,
                          check=True).stdout
    out: dict[str, tuple[str, str, str]] = {}
    lines = text.splitlines()
    for k, line in enumerate(lines):
        m = re.match(r"^  (-h,)?(--[a-z0-9-]+|[a-z]+ ?)(?: ([^ ]\S*(?: \.\.\.)?))?(?:\s{2,}(.*))?$",
                     line)
        if not m or not line.startswith("  -") and not line.startswith("  scenario"):
            continue
        name = m.group(2).strip()
        if name in COMMON:
            continue
        value = (m.group(3) or "").replace(" ...", "")
        help_text = m.group(4) or ""
        if not help_text and k + 1 < len(lines) and lines[k + 1].startswith("    "):
            help_text = lines[k + 1].strip()
        d = DEFAULT.search(help_text)
        b = BOUNDS.findall(help_text)
        out[name] = (value or "flag", d.group(1) if d else "", b[-1] if b else "")
    return out


def rows(binary: str) -> dict[tuple[str, str, str, str], list[str]]:
    table: dict[tuple[str, str, str, str], list[str]] = {}
    for command in COMMANDS:
        for name, (value, default, bounds) in options(binary, command).items():
            table.setdefault((name, value, default, bounds), []).append(command)
    return table


def markdown(binary: str) -> str:
    lines = ["| option | value | default | bounds | commands |",
             "|---|---|---|---|---|"]
    for (name, value, default, bounds), commands in sorted(rows(binary).items()):
        cell = lambda s: s.replace("|", "\\|") if s else "-"  # noqa: E731
        lines.append(f"| `{name}` | {cell(value)} | {cell(default)} | {cell(bounds)} | "
                     f"{', '.join(commands)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown(sys.argv[1] if len(sys.argv) > 1 else "build/apps/ballast/ballast"))

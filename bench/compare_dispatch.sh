#!/usr/bin/env bash
# Dispatch speed: one year hourly with 20 generators and 2 storage units in one LP, and 73 days
# at 10 minutes by rolling horizon. Prints ballast's model build and solve times beside CLP's
# own standalone solver (`clp`, Debian coinor-clp) on the same model written as MPS.
# Usage: bench/compare_dispatch.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
ballast="$build/apps/ballast/ballast"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {  # name, then ballast arguments
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "$ballast" dispatch "$@" --json >"$tmp/$name.json" 2>/dev/null
  t1=$(date +%s.%N)
  echo "$t0 $t1" >"$tmp/$name.wall"
}

run year "$root/examples/ercot-2023-fleet.toml" --write-mps "$tmp/year.mps"
run taiwan "$root/examples/taiwan-2021-summer.toml" --window 48h --step 24h

t0=$(date +%s.%N)
clp "$tmp/year.mps" -dualsimplex >"$tmp/clp.log" 2>&1
t1=$(date +%s.%N)
echo "$t0 $t1" >"$tmp/clp.wall"

python3 - "$tmp" <<'PY'
import json, re, sys, pathlib
tmp = pathlib.Path(sys.argv[1])
wall = lambda n: (lambda a, b: b - a)(*map(float, (tmp / f"{n}.wall").read_text().split()))
print(f"{'case':44} {'build s':>8} {'solve s':>8} {'wall s':>8} {'build %':>8}")
for name, label in [("year", "ERCOT 2023 hourly, 20 gens, 2 storage, 1 LP"),
                    ("taiwan", "Taiwan 73 d x 10 min, rolling 48h/24h")]:
    j = json.loads((tmp / f"{name}.json").read_text())
    s = j["solver"]
    total = s["build_s"] + s["solve_s"]
    print(f"{label:44} {s['build_s']:8.2f} {s['solve_s']:8.2f} {wall(name):8.2f} "
          f"{100 * s['build_s'] / total:7.1f}%")
    print(f"{'':44} {s['variables']:,} variables, {s['rows']:,} rows, {s['windows']} window(s)")
log = (tmp / "clp.log").read_text()
m = re.search(r"Optimal objective\s+([-\d.e+]+)\s+-\s+(\d+) iterations time ([\d.]+)", log)
if m:
    print(f"{'same year LP, clp standalone (MPS, dual)':44} {'':8} {float(m.group(3)):8.2f} "
          f"{wall('clp'):8.2f}   objective {float(m.group(1)):.6e}, {m.group(2)} iterations")
else:
    print("clp standalone did not report an optimum:\n" + log[-2000:])
PY

#!/usr/bin/env bash
# Capacity-expansion speed: the Taiwan 2 GW campus case (73 days x 10 min, three candidates)
# and ERCOT 2023 (one year hourly, five candidates) each in one LP. Prints ballast's model build
# and solve times beside CLP's own standalone solver (`clp`, Debian coinor-clp) on the same LP
# written as MPS, with the method ballast picks: the dual simplex for Taiwan (1,775 periods), the
# barrier without crossover or presolve for the year of hours. Usage:
# bench/compare_expand.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
ballast="$build/apps/ballast/ballast"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A method=([taiwan-2gw-campus]="-dualsimplex"
                   [ercot-2023]="-presolve off -crossover off -barrier")
for name in taiwan-2gw-campus ercot-2023; do
  t0=$(date +%s.%N)
  "$ballast" expand "$root/examples/expand/$name.toml" --json --write-mps "$tmp/$name.mps" \
    >"$tmp/$name.json" 2>/dev/null
  t1=$(date +%s.%N)
  echo "$t0 $t1" >"$tmp/$name.wall"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  clp "$tmp/$name.mps" ${method[$name]} >"$tmp/$name.clp.log" 2>&1
  t1=$(date +%s.%N)
  echo "$t0 $t1" >"$tmp/$name.clp.wall"
done

python3 - "$tmp" <<'PY'
import json, re, sys, pathlib
tmp = pathlib.Path(sys.argv[1])
wall = lambda n: (lambda a, b: b - a)(*map(float, (tmp / f"{n}.wall").read_text().split()))
print(f"{'case':34} {'build s':>8} {'solve s':>8} {'today s':>8} {'wall s':>8}")
for name in ["taiwan-2gw-campus", "ercot-2023"]:
    j = json.loads((tmp / f"{name}.json").read_text())
    lp = j["variants"][0]["lp"]
    print(f"{name:34} {lp['build_s']:8.2f} {lp['solve_s']:8.2f} {lp['baseline_s']:8.2f} "
          f"{wall(name):8.2f}   {lp['variables']:,} variables, {lp['rows']:,} rows")
    log = (tmp / f"{name}.clp.log").read_text()
    m = re.search(r"Optimal objective\s+([-\d.e+]+)\s+-\s+(\d+) iterations time ([\d.]+)", log)
    if m:
        print(f"{'  same LP, clp standalone (MPS)':34} {'':8} {float(m.group(3)):8.2f} {'':8} "
              f"{wall(name + '.clp'):8.2f}   objective {float(m.group(1)):.6e}, "
              f"{m.group(2)} iterations")
    else:
        print("clp standalone did not report an optimum:\n" + log[-2000:])
PY

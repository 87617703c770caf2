#!/usr/bin/env bash
# Dispatch speed against CLP's own standalone solver (`clp`, Debian coinor-clp) on the MPS that
# ballast writes, with the ratios of issue 15's "Done when" and peak memory (max RSS):
#   - Taiwan 2021 summer, --objective peak (two LP stages) vs `clp -dualsimplex` on stage 1;
#   - ERCOT 2023 cost LP (one year hourly, 20 generators, 2 storage) vs `clp -dualsimplex`;
#   - a 20-case sweep over ERCOT battery energy: one warm solver vs 20 cold solves;
#   - Taiwan rolling 48h/24h: windows warm-started vs --cold-start.
# Usage: bench/compare_dispatch.sh [BUILD_DIR]   (the sweep needs -DBALLAST_BENCH=ON)
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
ballast="$build/apps/ballast/ballast"
sweep="$build/bench/dispatch_sequence_bench"
taiwan="$root/examples/taiwan-2021-summer.toml"
ercot="$root/examples/ercot-2023-fleet.toml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timed() {  # name, then a command: wall time and max RSS into $tmp/name.time
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
}

timed peak "$ballast" dispatch "$taiwan" --objective peak --json --write-mps "$tmp/peak.mps"
timed peak_clp clp "$tmp/peak.mps" -dualsimplex
# Timed as a user runs it; the MPS comes from a second run (writing it costs about 0.6 s).
timed cost "$ballast" dispatch "$ercot" --json
timed cost_mps "$ballast" dispatch "$ercot" --json --write-mps "$tmp/cost.mps"
timed cost_clp clp "$tmp/cost.mps" -dualsimplex
timed rolling "$ballast" dispatch "$taiwan" --window 48h --step 24h --json
timed rolling_cold "$ballast" dispatch "$taiwan" --window 48h --step 24h --json --cold-start
if [[ -x "$sweep" ]]; then
  timed sweep "$sweep" "$ercot" battery 20 10000 30000
fi

python3 - "$tmp" <<'PY'
import json, pathlib, re, sys
tmp = pathlib.Path(sys.argv[1])
def time(name):  # wall s, max RSS MB
    wall, user, sys_, rss = (tmp / f"{name}.time").read_text().split()[-4:]
    return float(wall), int(rss) / 1024
def cpu(name):  # user + system s: the fairer figure on a shared machine
    wall, user, sys_, rss = (tmp / f"{name}.time").read_text().split()[-4:]
    return float(user) + float(sys_)
def clp(name):
    log = (tmp / f"{name}.out").read_text()
    m = re.search(r"Optimal objective\s+([-\d.e+]+)\s+-\s+(\d+) iterations time ([\d.]+)", log)
    return (float(m.group(1)), int(m.group(2))) if m else (float("nan"), 0)
def solver(name):
    return json.loads((tmp / f"{name}.out").read_text())["solver"]

print(f"{'case':46} {'wall s':>8} {'CPU s':>8} {'RSS MB':>8}  detail")
for name, label, clp_name in [("peak", "Taiwan peak, both stages", "peak_clp"),
                              ("cost", "ERCOT 2023 cost LP", "cost_clp")]:
    s = solver(name)
    wall, rss = time(name)
    cwall, crss = time(clp_name)
    stages = " + ".join(f"{x:.2f}" for x in s["stage_s"])
    print(f"{label:46} {wall:8.2f} {cpu(name):8.2f} {rss:8.0f}  build {s['build_s']:.2f} s, stages {stages} s, "
          f"{s['iterations']} iterations, {s['variables']:,} variables")
    obj, its = clp(clp_name)
    print(f"{'  clp -dualsimplex on its (first-stage) MPS':46} {cwall:8.2f} {cpu(clp_name):8.2f} {crss:8.0f}  "
          f"objective {obj:.9g}, {its} iterations")
    total = s["build_s"] + s["solve_s"]
    print(f"{'  ratio ballast / clp: wall, CPU, memory':46} {wall / cwall:8.2f} "
          f"{cpu(name) / cpu(clp_name):8.2f} {rss / crss:8.2f}  "
          f"build {100 * s['build_s'] / total:.1f} % of build + solve")
rw, _ = time("rolling")
cw, _ = time("rolling_cold")
a, b = json.loads((tmp / "rolling.out").read_text()), json.loads((tmp / "rolling_cold.out").read_text())
print(f"{'Taiwan rolling 48h/24h, warm windows':46} {rw:8.2f} {cpu('rolling'):8.2f}")
print(f"{'  the same, --cold-start':46} {cw:8.2f} {cpu('rolling_cold'):8.2f}  cold/warm "
      f"{cw / rw:.2f}x wall, {cpu('rolling_cold') / cpu('rolling'):.2f}x CPU, "
      f"cost {a['cost']:.10g} vs {b['cost']:.10g}")
if (tmp / "sweep.out").exists():
    print(f"{'ERCOT battery 10-30 GWh, 20 cases':46} {time('sweep')[0]:8.2f}  "
          + (tmp / "sweep.out").read_text().strip())
else:
    print("sweep: build with -DBALLAST_BENCH=ON for dispatch_sequence_bench")
PY

#!/usr/bin/env bash
# Rainflow and Xu et al. 2018 wear over a year of 1-s SOC (31.5 M samples) on one core, and the
# cost --aging adds to a full-year dispatch (examples/ercot-2023-fleet.toml, best of 3 runs).
# Usage: bench/aging_bench.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
root=$(cd "$(dirname "$0")/.." && pwd)
run_benchmark aging_bench
python3 - "$json" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
print(f"{'benchmark':20} {'time (s)':>10} {'M samples/s':>12}")
for b in runs:
    s = b["real_time"] * {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}[b["time_unit"]]
    print(f"{b['name'].split('/')[0]:20} {s:10.3f} {b['items_per_second'] / 1e6:12.1f}")
PY
python3 - "$build/apps/ballast/ballast" "$root/examples/ercot-2023-fleet.toml" <<'PY'
import subprocess, sys, time
def best(args):
    t = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t.append(time.perf_counter() - t0)
    return min(t)
cmd = [sys.argv[1], "dispatch", sys.argv[2]]
p, a = best(cmd), best(cmd + ["--aging", "xu2018"])
print(f"\nfull-year dispatch (ERCOT 2023 fleet, 8,760 h): {p:.2f} s; "
      f"with --aging xu2018: {a:.2f} s ({100 * (a - p) / p:+.1f} %)")
PY

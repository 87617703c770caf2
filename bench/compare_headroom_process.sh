#!/usr/bin/env bash
# `ballast headroom --grid PJM --json` (PJM 2016-2024, four limits) as a whole process, beside
# its pieces measured in the same run: reading the CSV, preparing the grid, the computation,
# and an empty process (`ballast --version`: loading the binary and its libraries).
# Usage: bench/compare_headroom_process.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
run_benchmark headroom_bench --benchmark_filter='BM_Pjm' --benchmark_min_time=0.3
python3 - "$json" "$build/apps/ballast/ballast" <<'PY'
import json, statistics, subprocess, sys, time
runs = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("run_type") == "iteration"}
ms = {k: v["real_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[v["time_unit"]]
      for k, v in runs.items()}
exe = sys.argv[2]

def process_ms(args, n=40):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([exe] + args, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)

whole = process_ms(["headroom", "--grid", "PJM", "--json"])
empty = process_ms(["--version"])
parts = ms["BM_PjmRead"] + ms["BM_PjmMakeGrid"] + ms["BM_PjmHeadroomTable4Limits"]
print(f"{'piece':44} {'time (ms)':>10}")
print(f"{'whole process: headroom --grid PJM --json':44} {whole:10.2f}   (median of 40; goal <= 10)")
print(f"{'  empty process: ballast --version':44} {empty:10.2f}")
print(f"{'  read the CSV (78,912 rows)':44} {ms['BM_PjmRead']:10.2f}")
print(f"{'  prepare the grid (zone, partial years)':44} {ms['BM_PjmMakeGrid']:10.2f}")
print(f"{'  computation: table of four limits':44} {ms['BM_PjmHeadroomTable4Limits']:10.2f}")
print(f"{'  rest (options, JSON, output)':44} {whole - empty - parts:10.2f}")
PY

#!/usr/bin/env bash
# `ballast headroom --grid PJM --json` (PJM 2016-2024, four limits) as a whole process, beside
# its pieces measured in the same run: reading the CSV, preparing the grid, the computation,
# and an empty process (`ballast --version`: loading the binary and its libraries). The two
# processes are timed on the wall clock and in CPU time (user + system): on a shared machine
# the wall clock also counts waiting for a core, the CPU time does not.
# Usage: bench/compare_headroom_process.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
run_benchmark headroom_bench --benchmark_filter='BM_Pjm' --benchmark_min_time=0.3
python3 - "$json" "$build/apps/ballast/ballast" <<'PY'
import json, os, statistics, subprocess, sys, time
runs = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("run_type") == "iteration"}
unit = {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}
ms = {k: v["real_time"] * unit[v["time_unit"]] for k, v in runs.items()}
cpu = {k: v["cpu_time"] * unit[v["time_unit"]] for k, v in runs.items()}
exe = sys.argv[2]

def process_ms(args, n=40):
    """Median wall and CPU milliseconds of `exe args` over n runs."""
    wall, used = [], []
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.Popen([exe] + args, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall.append((time.perf_counter() - t) * 1e3)
        used.append((usage.ru_utime + usage.ru_stime) * 1e3)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{exe} {' '.join(args)} failed")
    return statistics.median(wall), statistics.median(used)

whole = process_ms(["headroom", "--grid", "PJM", "--json"])
empty = process_ms(["--version"])
pieces = ["BM_PjmRead", "BM_PjmMakeGrid", "BM_PjmHeadroomTable4Limits"]
print(f"{'piece':44} {'wall (ms)':>10} {'CPU (ms)':>10}")
print(f"{'whole process: headroom --grid PJM --json':44} {whole[0]:10.2f} {whole[1]:10.2f}"
      "   (medians of 40; goal <= 10)")
print(f"{'  empty process: ballast --version':44} {empty[0]:10.2f} {empty[1]:10.2f}")
names = {"BM_PjmRead": "read the CSV (78,912 rows)",
         "BM_PjmMakeGrid": "prepare the grid (zone, partial years)",
         "BM_PjmHeadroomTable4Limits": "computation: table of four limits"}
for k in pieces:
    print(f"{'  ' + names[k]:44} {ms[k]:10.2f} {cpu[k]:10.2f}")
rest = [whole[i] - empty[i] - sum((ms, cpu)[i][k] for k in pieces) for i in (0, 1)]
print(f"{'  rest (options, JSON, output)':44} {rest[0]:10.2f} {rest[1]:10.2f}")
print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
PY

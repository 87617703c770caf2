#!/usr/bin/env bash
# Runs the headroom benchmarks in one run and prints the times and the greedy/LP ratio.
# Usage: bench/compare_headroom.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
run_benchmark headroom_bench
python3 - "$json" <<'PY'
import json, sys
runs = {b["name"].split("/")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]
        if b.get("run_type") == "iteration"}
ms = {k: v["real_time"] * {"ms": 1, "us": 1e-3, "ns": 1e-6, "s": 1e3}[v["time_unit"]]
      for k, v in runs.items()}
print(f"{'benchmark':40} {'time (ms)':>12}")
for k, v in ms.items():
    print(f"{k:40} {v:12.3f}")
g, l = ms["BM_GreedyOneYear"], ms["BM_LpOneYear"]
print(f"\nLP / greedy on the same year (ERCOT 2023, 10 GW new load, 5 GW / 20 GWh): {l / g:,.0f}x")
PY

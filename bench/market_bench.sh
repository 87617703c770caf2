#!/usr/bin/env bash
# A year of 1-second E-dReg market simulation on one core; prints the time and steps per second.
# Usage: bench/market_bench.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
run_benchmark market_bench
python3 - "$json" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
print(f"{'benchmark':32} {'time (s)':>10} {'M steps/s':>10}")
for b in runs:
    s = b["real_time"] * {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}[b["time_unit"]]
    print(f"{b['name'].split('/')[0]:32} {s:10.2f} {b['items_per_second'] / 1e6:10.1f}")
year = next(b for b in runs if b["name"].startswith("BM_MarketYear"))
print(f"\none year of 1-s E-dReg simulation (31,536,000 steps, synthetic frequency included): "
      f"{year['real_time']:.2f} s on one core")
PY

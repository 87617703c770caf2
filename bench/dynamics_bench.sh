#!/usr/bin/env bash
# Runs the dynamics benchmarks and prints simulated steps per second and what 24 hours at 10 ms
# costs. Usage: bench/dynamics_bench.sh [BUILD_DIR]
source "$(dirname "$0")/run_benchmark.bash"
run_benchmark dynamics_bench --benchmark_min_time=1
python3 - "$json" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
print(f"{'benchmark':28} {'M steps/s':>10} {'24 h at 10 ms (s)':>18}")
for b in runs:
    rate = b["items_per_second"]
    print(f"{b['name']:28} {rate / 1e6:10.1f} {8_640_000 / rate:18.2f}")
PY

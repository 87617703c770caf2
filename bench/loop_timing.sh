#!/usr/bin/env bash
# ballastd's control loop at 100 Hz against plantsim on loopback (the example site, smoothing):
# period jitter (cycle start minus its deadline), cycle time and Modbus round trip, median and
# 99th percentile over SECONDS (default 60); then one Modbus round trip beside a raw TCP
# ping-pong of the same sizes (Google Benchmark), and their ratio. Target: p99 under 2 ms.
# Usage: bench/loop_timing.sh [BUILD_DIR]   (SECONDS_TO_RUN=N to change the length)
source "$(dirname "$0")/run_benchmark.bash"
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${SECONDS_TO_RUN:-60}
dir=$(mktemp -d)
source "$root/scripts/site.bash"
trap 'kill ${daemon_pid:-} ${plant_pid:-} 2>/dev/null; rm -rf "$dir" "$json"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_site "$build" "$dir" --port "$port" --control-port 0 -- \
  --meter "127.0.0.1:$port" --inverter "127.0.0.1:$port" --http 127.0.0.1:0
echo "running ballastd at 100 Hz against plantsim for $seconds s ..."
sleep "$seconds"
python3 - "$http_port" <<'PY'
import json, sys, urllib.request
s = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/status"))
t = s["timing"]
print(f"\n{'ballastd, 100 Hz, loopback':28} {'median (ms)':>12} {'p99 (ms)':>10} {'max (ms)':>10} {'count':>8}")
for key, name in [("period_jitter", "period jitter"), ("cycle", "cycle time"),
                  ("modbus_rtt", "Modbus round trip")]:
    v = t[key]
    print(f"{name:28} {v['p50_us'] / 1e3:12.3f} {v['p99_us'] / 1e3:10.3f} {v['max_us'] / 1e3:10.3f} {v['count']:8d}")
worst = max(t["period_jitter"]["p99_us"], t["modbus_rtt"]["p99_us"]) / 1e3
print(f"target p99 < 2 ms: {'met' if worst < 2 else 'NOT met'} (worst p99 {worst:.3f} ms); "
      f"state {s['state']}, watchdog alarms in {s['alarm_cycles']['watchdog']} of {s['cycles']} cycles")
PY
run_benchmark modbus_bench
python3 - "$json" <<'PY'
import json, sys
runs = {b["name"].split("/")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
us = lambda b: b["real_time"] * {"s": 1e6, "ms": 1e3, "us": 1, "ns": 1e-3}[b["time_unit"]]
m, t = us(runs["BM_ModbusReadMeterBlock"]), us(runs["BM_TcpPingPongBaseline"])
print(f"\none round trip (mean): Modbus read of the meter block {m:.1f} us; raw TCP ping-pong "
      f"{t:.1f} us; ratio {m / t:.2f}")
PY

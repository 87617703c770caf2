#!/usr/bin/env bash
# ballastd on the example 50 MW training site: starts plantsim (the plant, Modbus TCP on
# 127.0.0.1:1502) and ballastd (smoothing at 100 Hz, API and live page on 127.0.0.1:8080),
# runs for SITE_DEMO_SECONDS (default 70; 0 = until Ctrl-C), then stops ballastd with SIGTERM
# and prints what the grid saw. Files go to out/site-demo/.
# Usage: scripts/site_demo.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${SITE_DEMO_SECONDS:-70}
out=$root/out/site-demo
mkdir -p "$out"
rm -f "$out"/history.db* "$out"/trace.csv
source "$root/scripts/site.bash"
trap 'kill ${daemon_pid:-} ${plant_pid:-} 2>/dev/null || true' EXIT
start_site "$build" "$out" --trace "$out/trace.csv"
echo "live page: http://127.0.0.1:8080/   token: $out/token"
echo "  curl -H \"Authorization: Bearer \$(cat $out/token)\" -d '{\"mode\":\"peak_shaving\"}' http://127.0.0.1:8080/mode"
if [ "$seconds" = 0 ]; then
  wait $daemon_pid
else
  sleep "$seconds"
  curl -s http://127.0.0.1:8080/status >"$out/status.json"
  kill -TERM $daemon_pid
  wait $daemon_pid
  python3 - "$out" <<'PY'
import collections, csv, json, sqlite3, sys
out = sys.argv[1]
status = json.load(open(f"{out}/status.json"))
secs = collections.defaultdict(lambda: [0.0, 0.0, 0])
for r in csv.DictReader(open(f"{out}/trace.csv")):
    s = secs[int(float(r["time_s"]))]
    s[0] += float(r["site_mw"]); s[1] += float(r["upstream_mw"]); s[2] += 1
rows = [v for k, v in sorted(secs.items())][:-1]
step = lambda i: max(abs(b[i] / b[2] - a[i] / a[2]) for a, b in zip(rows, rows[1:]))
db = sqlite3.connect(f"{out}/history.db")
n, first, last = db.execute("SELECT count(*), min(time_s), max(time_s) FROM history").fetchone()
t = status["timing"]
print(f"\nsite load, largest change of 1-s means:     {step(0):6.2f} MW")
print(f"grid import, largest change of 1-s means:   {step(1):6.2f} MW (limit 1 MW/s)")
print(f"historian: {n} rows for {last - first + 1} seconds; alarms: {status['alarms'] or 'none'}")
print(f"loop: period jitter p99 {t['period_jitter']['p99_us'] / 1e3:.3f} ms, "
      f"Modbus round trip p99 {t['modbus_rtt']['p99_us'] / 1e3:.3f} ms, {status['cycles']} cycles")
PY
fi

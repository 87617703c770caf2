# Sourced by scripts/site_demo.sh and bench/loop_timing.sh (not run by itself).
# start_site BUILD OUT [PLANTSIM_ARGS... --] [BALLASTD_ARGS...]
#   Starts plantsim on examples/plantsim-50mw-training.toml and ballastd on
#   examples/ballastd-smoothing.toml with a fresh random token, files in OUT; waits until both
#   are ready; sets plant_pid, daemon_pid and http_port.
start_site() {
  local build=$1 out=$2 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  shift 2
  local plant_args=() daemon_args=()
  while (($#)) && [ "$1" != -- ]; do plant_args+=("$1"); shift; done
  (($#)) && shift
  daemon_args=("$@")
  rm -f "$out/plant.json" "$out/ballastd.json"
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$out/token")
  "$build/apps/plantsim/plantsim" "$root/examples/plantsim-50mw-training.toml" \
    --ready-file "$out/plant.json" "${plant_args[@]}" 2>"$out/plantsim.log" &
  plant_pid=$!
  for _ in $(seq 100); do [ -f "$out/plant.json" ] && break; sleep 0.1; done
  "$build/apps/ballastd/ballastd" "$root/examples/ballastd-smoothing.toml" \
    --token-file "$out/token" --historian "$out/history.db" --ready-file "$out/ballastd.json" \
    "${daemon_args[@]}" 2>"$out/ballastd.log" &
  daemon_pid=$!
  for _ in $(seq 100); do [ -f "$out/ballastd.json" ] && break; sleep 0.1; done
  [ -f "$out/ballastd.json" ] || { cat "$out/plantsim.log" "$out/ballastd.log" >&2; return 1; }
  http_port=$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['http_port'])" \
    "$out/ballastd.json")
}

#!/usr/bin/env bash
# ballast sweep against the shell-loop way (issue 16), and 1 rank against 2.
#   bash bench/sweep/run.sh [BALLAST_EXE]      (N=10000 cases, LOOP=200 of them as processes)
# 1. N headroom cases on one grid (ERCOT 2023, storage power 0..N-1 MW at 4 GWh) as one sweep
#    on one thread, against the first LOOP of them as one `ballast headroom` process each,
#    extrapolated to N: prints both times and their ratio.
# 2. The same sweep under mpirun -n 1 and -n 2: prints the speed-up, beside what this machine
#    gives two processes that share nothing: the two halves of the cases as two 1-thread
#    sweeps at once (the ceiling for 2 ranks here: they compete for the memory system).
# Each line gives the wall time and the CPU time (user + system, all processes): on a shared
# machine the wall time also counts the waits for other people's work, the CPU time does not.
set -euo pipefail
exe=$(realpath "${1:-build/apps/ballast/ballast}")
n=${N:-10000} loop=${LOOP:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat >spec.toml <<TOML
study = "headroom"
grid = "ERCO"
year = 2023
curtailment = [0.5]
storage_mwh = 4000
[axes]
storage_mw = "0:$((n - 1)):1"
TOML
TIMEFORMAT='%R %U %S'
timed() {  # timed CMD...: prints "wall cpu" in seconds
  local t
  t=$({ time "$@" >/dev/null 2>&1; } 2>&1)
  read -r wall user sys <<<"$t"
  echo "$wall $(echo "$user + $sys" | bc -l)"
}
shell_loop() {
  for ((p = 0; p < loop; p++)); do
    "$exe" headroom --grid ERCO --year 2023 --curtailment 0.5 --storage-mwh 4000 \
      --storage-mw "$p" --json >/dev/null
  done
}
read -r sweep_wall sweep_cpu <<<"$(timed "$exe" sweep spec.toml --out one --no-mpi --quiet)"
read -r loop_wall loop_cpu <<<"$(timed shell_loop)"
scale=$(echo "$n / $loop" | bc -l)
row() { printf '%-26s wall %8.1f s  cpu %8.1f s  (%.2f ms cpu a case)\n' "$1" "$2" "$3" \
  "$(echo "1000 * $3 / $n" | bc -l)"; }
row "sweep, 1 thread:" "$sweep_wall" "$sweep_cpu"
row "one process a case:" "$(echo "$loop_wall * $scale" | bc -l)" "$(echo "$loop_cpu * $scale" | bc -l)"
echo "  (the process loop measured on $loop cases and scaled to $n)"
printf 'ratio, wall:               %.1fx\n' "$(echo "$loop_wall * $scale / $sweep_wall" | bc -l)"
printf 'ratio, cpu:                %.1fx\n' "$(echo "$loop_cpu * $scale / $sweep_cpu" | bc -l)"
if command -v mpirun >/dev/null; then
  mpi=(mpirun --allow-run-as-root --oversubscribe)
  read -r w1 c1 <<<"$(timed "${mpi[@]}" -n 1 "$exe" sweep spec.toml --out r1 --quiet)"
  read -r w2 c2 <<<"$(timed "${mpi[@]}" -n 2 "$exe" sweep spec.toml --out r2 --quiet)"
  cmp -s one/results.csv r2/results.csv || { echo "2 ranks gave another table" >&2; exit 1; }
  row "mpirun -n 1:" "$w1" "$c1"
  row "mpirun -n 2:" "$w2" "$c2"
  printf 'speed-up, 2 ranks (wall): %.2fx\n' "$(echo "$w1 / $w2" | bc -l)"
fi
half=$((n / 2))
sed "s/0:$((n - 1)):1/0:$((half - 1)):1/" spec.toml >half_a.toml
sed "s/0:$((n - 1)):1/$half:$((n - 1)):1/" spec.toml >half_b.toml
halves() {
  "$exe" sweep half_a.toml --out ha --no-mpi --quiet >/dev/null &
  "$exe" sweep half_b.toml --out hb --no-mpi --quiet >/dev/null
  wait
}
read -r wh ch <<<"$(timed halves)"
row "two halves at once:" "$wh" "$ch"
printf 'speed-up, two processes sharing nothing (wall): %.2fx\n' "$(echo "$sweep_wall / $wh" | bc -l)"

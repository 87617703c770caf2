#!/usr/bin/env bash
# ballast sweep against the shell-loop way (issue 16), and 1 rank against 2.
#   bash bench/sweep/run.sh [BALLAST_EXE]      (N=10000 cases, LOOP=200 of them as processes)
# 1. N headroom cases on one grid (ERCOT 2023, storage power 0..N-1 MW at 4 GWh) as one sweep
#    on one thread, against the first LOOP of them as one `ballast headroom` process each,
#    extrapolated to N: prints both times and their ratio.
# 2. The same sweep under mpirun -n 1 and -n 2: prints the speed-up.
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
now() { date +%s.%N; }
t0=$(now)
"$exe" sweep spec.toml --out one --no-mpi --quiet >/dev/null
t1=$(now)
sweep_s=$(echo "$t1 - $t0" | bc -l)
for ((p = 0; p < loop; p++)); do
  "$exe" headroom --grid ERCO --year 2023 --curtailment 0.5 --storage-mwh 4000 \
    --storage-mw "$p" --json >/dev/null
done
t2=$(now)
loop_s=$(echo "($t2 - $t1) * $n / $loop" | bc -l)
printf 'sweep, 1 thread:          %d cases in %.1f s (%.2f ms a case)\n' "$n" "$sweep_s" \
  "$(echo "1000 * $sweep_s / $n" | bc -l)"
printf 'one process a case:       %d cases in %.1f s (measured on %d, %.2f ms a case)\n' "$n" \
  "$loop_s" "$loop" "$(echo "1000 * $loop_s / $n" | bc -l)"
printf 'ratio:                    %.1fx\n' "$(echo "$loop_s / $sweep_s" | bc -l)"
if command -v mpirun >/dev/null; then
  mpi=(mpirun --allow-run-as-root --oversubscribe)
  t3=$(now)
  "${mpi[@]}" -n 1 "$exe" sweep spec.toml --out r1 --quiet >/dev/null
  t4=$(now)
  "${mpi[@]}" -n 2 "$exe" sweep spec.toml --out r2 --quiet >/dev/null
  t5=$(now)
  cmp -s one/results.csv r2/results.csv || { echo "2 ranks gave another table" >&2; exit 1; }
  printf 'mpirun -n 1:              %.1f s\nmpirun -n 2:              %.1f s\n' \
    "$(echo "$t4 - $t3" | bc -l)" "$(echo "$t5 - $t4" | bc -l)"
  printf 'speed-up, 2 ranks:        %.2fx\n' "$(echo "($t4 - $t3) / ($t5 - $t4)" | bc -l)"
fi

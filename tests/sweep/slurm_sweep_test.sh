#!/usr/bin/env bash
# ballast sweep under Slurm (issue 16): the test starts a one-node Slurm of its own (munged,
# slurmctld and slurmd from Debian, on loopback, every file in a temporary folder, no systemd,
# no cgroups) and runs the same spec through `srun --mpi=pmix -n 2`, through `mpirun` inside
# `salloc -n 2`, and through docs/sweep.md's sbatch script: each gives the serial run's table
# and says it ran on 2 ranks. Every daemon is stopped at the end, also on failure.
# Usage: slurm_sweep_test.sh BALLAST_EXE SOURCE_DIR BALLAST_MPI(0|1).
# Exit 77 (skipped) without Slurm and munge installed, not as root, or without MPI.
set -uo pipefail
exe=$1 src=$2 with_mpi=${3:-1}

skip() { echo "skipped: $*"; exit 77; }
for c in munged mungekey munge slurmctld slurmd srun salloc sbatch sinfo squeue scancel scontrol \
  mpirun; do
  command -v "$c" >/dev/null ||
    skip "$c not found (Debian: munge slurmctld slurmd slurm-client openmpi-bin; scripts/setup.sh)"
done
[ "$(id -u)" -eq 0 ] || skip "slurmd runs jobs as their user, so it must run as root"
[ "$with_mpi" = 1 ] || skip "ballast built without MPI (BALLAST_MPI=OFF)"

# Nothing of an outer Slurm job or MPI launcher may leak into this cluster's commands.
unset $(compgen -e | grep -E '^(SLURM|SBATCH|SRUN|SALLOC|PMIX|PMI|OMPI)_') 2>/dev/null
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
# One node: the ranks talk through shared memory, Open MPI's launcher over the loopback alone.
export OMPI_MCA_btl=self,vader OMPI_MCA_oob_tcp_if_include=lo

work=$(mktemp -d)
chmod 755 "$work"  # munged wants its socket's folder open to all for reading
conf=$work/slurm.conf
daemons=()
any_alive() {  # any_alive PID...: one of them runs (a child that ended stays a zombie till waited)
  local p
  for p; do [ "$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)" = Z ] || [ ! -e "/proc/$p" ] || return 0; done
  return 1
}
teardown() {
  if [ -f "$conf" ]; then
    timeout 5 scancel --quiet --full $(timeout 5 squeue -h -o %i 2>/dev/null) 2>/dev/null
    for _ in $(seq 50); do [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break; sleep 0.1; done
  fi
  ((${#daemons[@]})) && kill -TERM "${daemons[@]}" 2>/dev/null
  for _ in $(seq 50); do any_alive "${daemons[@]}" || break; sleep 0.1; done
  # Whatever this cluster started and is still alive (a job step's slurmstepd, a task): each
  # has this cluster's SLURM_CONF in its environment, as the daemons have.
  unset SLURM_CONF
  for p in "${daemons[@]}" $(grep -lzxF "SLURM_CONF=$conf" /proc/[0-9]*/environ 2>/dev/null |
    cut -d/ -f3); do
    kill -KILL "$p" 2>/dev/null
  done
  wait 2>/dev/null
  rm -rf "$work"
}
trap teardown EXIT
trap 'exit 1' INT TERM

failures=0 passes=0
check() {  # check NAME COMMAND...: one fact
  if "${@:2}"; then passes=$((passes + 1)); else echo "FAIL: $1" >&2; failures=$((failures + 1)); fi
}
fail_setup() {  # fail_setup WHAT LOG...: the cluster did not come up; show why
  echo "FAIL: $1" >&2
  for log in "${@:2}"; do echo "--- $log" >&2; tail -20 "$log" >&2; done
  exit 1
}
wait_for() {  # wait_for SECONDS COMMAND...: until COMMAND succeeds
  local deadline=$((SECONDS + $1))
  until "${@:2}" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
port_in_use() {  # port_in_use PORT: any TCP socket here has it, at either end, in any state
  grep -qi "$(printf ':%04X ' "$1")" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {  # a TCP port below the ephemeral range that no socket has, other than $1
  local low p
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for _ in $(seq 100); do
    p=$((10000 + RANDOM % (low - 10000)))
    [ "$p" != "${1:-}" ] && ! port_in_use "$p" && echo "$p" && return 0
  done
  return 1
}

# --- munge: a key and a daemon of this test's own ------------------------------------------
mungekey --create --keyfile="$work/munge.key" || fail_setup "mungekey"
chmod 400 "$work/munge.key"
munged --foreground --socket="$work/munge.sock" --key-file="$work/munge.key" \
  --log-file="$work/munged.log" --pid-file="$work/munged.pid" --seed-file="$work/munged.seed" \
  2>>"$work/munged.log" &
daemons+=($!)
wait_for 10 munge --socket="$work/munge.sock" --no-input || fail_setup "munged" "$work/munged.log"

# --- a one-node cluster on 127.0.0.1 --------------------------------------------------------
ctld_port=$(free_port) && slurmd_port=$(free_port "$ctld_port") || fail_setup "no free port"
mkdir -p "$work/state" "$work/spool"
# Every address is 127.0.0.1, so Slurm talks over the loopback alone. Its daemons and srun also
# listen on 127.0.0.1 alone where this machine's name is a loopback address: NoInAddrAny binds
# to that name's address (elsewhere it would be another interface's, and slurmd unreachable).
listen=""
names=$(getent ahosts "$(hostname)" | awk '{ print $1 }' | sort -u)
[ -n "$names" ] && ! grep -qvE '^(127\.|::1$)' <<<"$names" &&
  listen="CommunicationParameters=NoInAddrAny,NoCtldInAddrAny"
cat >"$conf" <<EOF
ClusterName=ballast-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge.sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SlurmdParameters=config_overrides
$listen
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$conf
slurmctld -D >/dev/null 2>>"$work/slurmctld.log" &
daemons+=($!)
slurmd -D -N localhost >/dev/null 2>>"$work/slurmd.log" &
daemons+=($!)
node_idle() { [ "$(sinfo -h -N -n localhost -o %t)" = idle ]; }
wait_for 30 node_idle || fail_setup "the node is not idle: $(sinfo -h -N -o %t 2>&1)" \
  "$work/slurmctld.log" "$work/slurmd.log"

# --- the serial table, then the same through Slurm ------------------------------------------
spec=$src/examples/sweep/headroom-small.toml  # ERCOT, 2 years x 3 storage powers: 6 cases
"$exe" sweep "$spec" --out "$work/serial" --quiet >/dev/null || exit 1
rows=$(($(wc -l <"$work/serial/results.csv") - 1))
check "serial: 6 rows (got $rows)" test "$rows" -eq 6

same_table_as() {  # same_table_as REF DIR: REF's table, row for row (JSON lines sorted by case)
  cmp -s "$1/results.csv" "$2/results.csv" &&
    cmp -s <(sort "$1/results.jsonl") <(sort "$2/results.jsonl")
}
same_table() { same_table_as "$work/serial" "$1"; }
one_summary_of_2_ranks() {  # one_summary_of_2_ranks FILE: rank 0 alone printed, of 2 ranks
  [ "$(grep -c '"ranks"' "$1")" -eq 1 ] && grep -q '"ranks": 2,' "$1"
}

# 1. srun starts both tasks; Open MPI (Debian's, PMIx) wires them up through Slurm's PMIx.
timeout 120 srun --mpi=pmix -n 2 "$exe" sweep "$spec" --out "$work/srun" --quiet --json \
  >"$work/srun.out" 2>"$work/srun.err"
status=$?  # (before any $(...) in a check's name, which would set $? anew)
check "srun --mpi=pmix -n 2 exits 0 (exit $status: $(tail -3 "$work/srun.err"))" test $status -eq 0
check "srun: one summary, 2 ranks ($(tr -d '\n' <"$work/srun.out"))" \
  one_summary_of_2_ranks "$work/srun.out"
check "srun --mpi=pmix -n 2 = serial" same_table "$work/srun"

# 2. mpirun inside an allocation: Open MPI starts its daemons through Slurm.
timeout 120 salloc -n 2 mpirun --allow-run-as-root "$exe" sweep "$spec" --out "$work/salloc" \
  --quiet --json >"$work/salloc.out" 2>"$work/salloc.err"
status=$?
check "salloc -n 2 mpirun exits 0 (exit $status: $(tail -3 "$work/salloc.err"))" test $status -eq 0
check "salloc + mpirun: one summary, 2 ranks ($(tr -d '\n' <"$work/salloc.out"))" \
  one_summary_of_2_ranks "$work/salloc.out"
check "salloc -n 2 mpirun = serial" same_table "$work/salloc"

# 3. docs/sweep.md's batch script as it stands, on this spec and one node of 2 tasks (options
# on sbatch's command line override the script's #SBATCH lines); ballast from the PATH.
mkdir "$work/submit"
awk '/^```bash$/ { block = ""; grab = 1; next }
     grab && /^```$/ { grab = 0; if (block ~ /#SBATCH/) { printf "%s", block; exit } }
     grab { block = block $0 "\n" }' "$src/docs/sweep.md" |
  sed "s|examples/sweep/headroom-atlas.toml|$spec|" >"$work/submit/atlas.sbatch"
check "docs/sweep.md has the sbatch script" grep -q '^srun .*ballast sweep' "$work/submit/atlas.sbatch"
(cd "$work/submit" && PATH=$(dirname "$exe"):$PATH timeout 120 sbatch --wait --nodes=1 \
  --ntasks-per-node=2 atlas.sbatch >"$work/sbatch.out" 2>&1)
status=$?
check "sbatch --wait exits 0 (exit $status: $(cat "$work/sbatch.out"))" test $status -eq 0
log=$(ls "$work"/submit/atlas-*.log 2>/dev/null | head -1)
check "sbatch: the job's log ran 6 cases on 2 ranks ($(cat "${log:-/dev/null}"))" \
  grep -q '6 run now on 2 ranks' "${log:-/dev/null}"
check "sbatch = serial" same_table "$work/submit/atlas"

# 4. srun without an MPI plugin (this cluster's MpiDefault is none) starts two processes that
# each see themselves alone and would each run the whole sweep: refused before anything is
# written. A batch script that runs ballast itself (no srun) is one process, whatever its
# allocation: it runs, on threads.
timeout 60 srun -n 2 "$exe" sweep "$spec" --out "$work/plain" --quiet >/dev/null 2>"$work/plain.err"
status=$?
check "srun -n 2 without --mpi exits 2 (exit $status: $(tail -2 "$work/plain.err"))" \
  test $status -eq 2
check "srun -n 2 without --mpi says to use --mpi=pmix" grep -q -- '--mpi=pmix' "$work/plain.err"
check "srun -n 2 without --mpi writes no table" test ! -e "$work/plain"
(cd "$work/submit" && timeout 120 sbatch --wait -n 2 -o batch.log \
  --wrap "$exe sweep $spec --out $work/batch --jobs 2 --quiet" >/dev/null 2>&1)
status=$?
check "a batch script running ballast itself exits 0 (exit $status: $(cat "$work/submit/batch.log"))" \
  test $status -eq 0
check "a batch script running ballast itself = serial" same_table "$work/batch"

# 5. Preemption: the same script's job requeued mid-way (`scontrol requeue`, what Slurm does to a
# preempted --requeue job) runs again and the sweep resumes: no case lost, none run twice.
# A longer sweep so that the requeue lands mid-way: ERCOT, all nine years, 3 x 2 x 40 = 240 cases.
cat >"$work/long.toml" <<'TOML'
study = "headroom"
grid = "ERCO"
curtailment = [0.5, 1]
[axes]
partial_years = ["drop", "keep", "weight"]
method = ["duke", "pooled"]
storage = { format = "{power_mw}MW/4h", power_mw = "0:19500:500" }
TOML
"$exe" sweep "$work/long.toml" --out "$work/long" --jobs 2 --quiet >/dev/null || exit 1
check "long: 240 rows" test "$(($(wc -l <"$work/long/results.csv") - 1))" -eq 240
sed "s|$spec|$work/long.toml|; s|/atlas\"|/requeued\"|" "$work/submit/atlas.sbatch" \
  >"$work/submit/requeued.sbatch"
journal=$work/submit/requeued/results.jsonl
rows_of() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
unique_rows() { grep -o '"case":[0-9]*' "$1" | sort -u | wc -l; }
job_state() { scontrol show job "$1" | grep -o 'JobState=[A-Z]*' | cut -d= -f2; }
at_least_rows() { [ "$(rows_of "$1")" -ge "$2" ]; }
is_state() { [ "$(job_state "$1")" = "$2" ]; }
id=$(cd "$work/submit" && PATH=$(dirname "$exe"):$PATH sbatch --parsable --nodes=1 \
  --ntasks-per-node=2 requeued.sbatch)
check "sbatch submits the long job" test -n "$id"
check "the job writes 20 rows" wait_for 60 at_least_rows "$journal" 20
scontrol requeue "$id"
check "scontrol requeue $id" test $? -eq 0
check "the requeued job waits" wait_for 60 is_state "$id" PENDING
at_requeue=$(rows_of "$journal")
check "requeued mid-way ($at_requeue of 240 rows)" test "$at_requeue" -lt 240
check "no case twice after the requeue" test "$(unique_rows "$journal")" -eq "$at_requeue"
# A requeued job may start again only after a while (BeginTime): now, here.
scontrol update JobId="$id" StartTime=now
check "the requeued job completes" wait_for 120 is_state "$id" COMPLETED
check "it ran twice" grep -q 'Restarts=1 ' <(scontrol show job "$id")
log=$work/submit/atlas-$id.log
check "the second run resumed ($(grep '^sweep:' "$log"))" \
  grep -q "(${at_requeue} already done, $((240 - at_requeue)) run now on 2 ranks)" "$log"
check "requeued and resumed = uninterrupted" same_table_as "$work/long" "$work/submit/requeued"
check "240 rows, each once" test "$(rows_of "$journal")" -eq 240 -a "$(unique_rows "$journal")" -eq 240

echo "requeued the batch job at $at_requeue of 240 rows; resumed to 240"
echo "sweep under Slurm: $passes passed, $failures failed"
[ "$failures" -eq 0 ]

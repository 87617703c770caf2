# Sourced by the bench scripts (not run by `make bench`): strict mode, the build folder from the
# first argument (default build), and run_benchmark NAME [ARGS...], which runs
# $build/bench/NAME and leaves Google Benchmark's JSON in the file named by $json.
set -euo pipefail
build=${1:-build}
json=$(mktemp)
trap 'rm -f "$json"' EXIT

run_benchmark() {
  "$build/bench/$1" --benchmark_format=json --benchmark_out="$json" \
    --benchmark_out_format=json "${@:2}" >/dev/null
}

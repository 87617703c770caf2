#!/usr/bin/env bash
# The Python layer's overhead on PJM's Duke headroom (bench/python_headroom.py), with the
# package in BUILD/venv (make python).
# Usage: bench/python_headroom.sh [BUILD_DIR]
build="${1:-build}"
if [[ ! -x "$build/venv/bin/python" ]]; then
  echo "skipped: no $build/venv (make python BUILD=$build builds the package)"
  exit 0
fi
exec "$build/venv/bin/python" "$(dirname "$0")/python_headroom.py"

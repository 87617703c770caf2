#!/usr/bin/env bash
# Installs what ballast needs on Debian 12 (run as root): Debian packages that are missing,
# then the npm packages from package-lock.json. Safe to run again; it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config git
  coinor-libclp-dev coinor-clp          # LP solver library and its standalone solver (benchmarks)
  liblapack-dev libblas-dev libgfortran-12-dev   # CLP linked statically (cmake/ClpLink.cmake)
  libcli11-dev libtomlplusplus-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libmodbus-dev libcpp-httplib-dev libsqlite3-dev   # ballastd and plantsim
  tzdata                                # IANA time zones (its TZif files, src/core/tz_rules.cpp)
  libboost-dev libssl-dev               # ballastd's HTTP API (Boost.Beast) and its TLS (OpenSSL)
  openssl curl                          # the TLS test makes a certificate and fetches over HTTPS
  clang-format                          # formatting check in CI
  clang-14 libclang-rt-14-dev           # the libFuzzer build in CI (clang's fuzzer runtime)
  chromium                              # renders the HTML reports in tests
  libopenmpi-dev openmpi-bin            # ballast sweep across ranks (mpirun, srun)
  slurmctld slurmd slurm-client munge   # the sweep test's one-node Slurm (started by the test)
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or with sudo) to install Debian packages" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Python package (make test builds it into build/venv) needs a CPython >= 3.11 with venv
# and pip as `python3` (or PYTHON=...); its own dependencies come from PyPI. Debian's python3
# lacks venv without python3-venv: use python.org's or pyenv's CPython instead.
if ! "${PYTHON:-python3}" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
  2>/dev/null; then
  echo "setup: note: 'make test' needs ${PYTHON:-python3} >= 3.11 with venv and pip for the" \
    "Python package (see docs/python.md); 'make demo' does not" >&2
fi

# uPlot (the report charts) is inlined into the HTML reports at build time. A node_modules that
# is a symbolic link belongs to another checkout (a git worktree sharing it): npm ci would empty
# that checkout's folder through the link, so it is left alone.
if [ -L node_modules ]; then
  :
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

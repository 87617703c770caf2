# The two set-up commands of the README: `make demo` and `make test`. Both install what is
# missing (scripts/setup.sh), configure and build.

BUILD ?= build
JOBS ?= $(shell nproc)
BALLAST = $(BUILD)/apps/ballast/ballast
# The Python package is built into a virtual environment made with this interpreter.
PYTHON ?= python3
VENV = $(BUILD)/venv

.PHONY: all setup configure build python demo site-demo test bench format clean

all: build

setup:
	@scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job on the embedded real data: ERCOT 2016-2024.
demo: build
	@mkdir -p out
	$(BALLAST) headroom
	$(BALLAST) headroom --storage 5GW/20GWh@85% --report out/ercot-headroom.html
	$(BALLAST) steady --storage-mean-load-h 0,1,4,24,168

# ballastd controlling plantsim's 50 MW training site for 70 s (live page on 127.0.0.1:8080).
site-demo: build
	@scripts/site_demo.sh $(BUILD)

# The Python package (docs/python.md) in $(VENV): pip builds ballast._core with
# scikit-build-core in $(BUILD)/py (kept, so a re-install rebuilds only what changed; no build
# isolation, so the build tools stay put) and installs numpy, pandas, pytest and matplotlib.
python: setup
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check $$($(VENV)/bin/python -c \
	  'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"])')
	@CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(VENV)/bin/python -m pip install -q \
	  --disable-pip-version-check --no-build-isolation -C build-dir=$(BUILD)/py/{wheel_tag} '.[test]'

test: build python
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(VENV)/bin/python -m pytest -q tests/python

# Every benchmark and comparison script (timings; never part of the tests).
bench: build
	@for script in bench/*.sh; do echo "== $$script"; $$script $(BUILD) || exit 1; done

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) out

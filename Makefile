# Every target bootstraps its virtual environment itself and reinstalls only when pyproject.toml changed.
# Python: the first of python3.11, python3.12, python3.13 (or python3 if it is one of them) on PATH;
# choose another with `make PYTHON=/path/to/python3.13 VENV=.venv-3.13 test`.
SUPPORTED := python3.11 python3.12 python3.13 python3
PYTHON ?= $(firstword $(foreach p,$(SUPPORTED),$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null && echo $(p))))
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help run test test-fast lint format lab lab-student seminar data bench clean venv
.DEFAULT_GOAL := help

## help: list the targets with what each does
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## //' | awk -F': ' '{printf "  make %-10s %s\n", $$1, $$2}'

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no Python 3.11, 3.12 or 3.13 on PATH; install one or run 'make PYTHON=/path/to/python3.13'"; exit 2; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## run: execute the whole collection and its specification grid on the shipped data, build the HTML site (build/site/index.html)
run: $(STAMP)
	$(PY) -m helpers run --jobs $(JOBS)
	$(PY) -m helpers reports

# Tests run on one pytest-xdist worker per core (TEST_WORKERS=1 runs them in one process); each test file
# stays on one worker (tests/conftest.py groups them).
TEST_WORKERS ?= $(JOBS)
XDIST := $(if $(filter-out 0 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile,)

## test: every test (unit, data, kernels, notebook runs with small parameters, headless browser)
test: $(STAMP)
	$(PY) -m pytest -q $(XDIST)

## test-fast: unit and data tests only, no kernels, no browser (about two minutes on 2 cores)
test-fast: $(STAMP)
	$(PY) -m pytest -q $(XDIST) -m "not notebook and not browser and not kernel"

## lint: ruff lint and format check over src, tests, bench and the notebooks
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## format: apply ruff's fixes and formatting (then review the diff)
format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# JupyterLab: the 'lab' extra once, the project's kernel registered in the venv (LAB_KERNEL, the name
# helpers.publish.seminar.KERNEL gives the seminar editions); --allow-root only when running as root.
# Pass JupyterLab options with LAB_ARGS, e.g. make lab LAB_ARGS="--port=8890 --no-browser".
LAB_KERNEL         := essay-claims
LAB_KERNEL_DISPLAY := Python 3 (essay claims)
LAB_UID            ?= $(shell id -u)
LAB_ARGS           ?=
LAB_STAMP          := $(VENV)/.lab-$(LAB_KERNEL)
LAB_FLAGS           = --MappingKernelManager.default_kernel_name=$(LAB_KERNEL) $(if $(filter 0,$(LAB_UID)),--allow-root,)

$(LAB_STAMP): $(STAMP)
	@$(PY) -c 'import jupyterlab' 2>/dev/null || $(PY) -m pip install --quiet -e '.[test,lab]'
	$(PY) -m ipykernel install --sys-prefix --name $(LAB_KERNEL) --display-name "$(LAB_KERNEL_DISPLAY)" --env MPLBACKEND Agg
	@touch $@

## lab: JupyterLab on notebooks/ (with solutions) and the project's kernel; LAB_ARGS="--port=8890 --no-browser"
lab: $(LAB_STAMP)
	@echo "Students: the edition without solutions is build/seminar/student/ (make lab-student opens it)."
	$(PY) -m jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=notebooks $(LAB_ARGS)

## lab-student: JupyterLab on the student edition (build/seminar/student/, written by make seminar if missing)
lab-student: $(LAB_STAMP)
	@test -d build/seminar/student || $(PY) -m helpers seminar
	$(PY) -m jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=build/seminar/student $(LAB_ARGS)

## seminar: student and instructor editions, instructor site, handout, guide, glossary, readings (build/seminar/)
seminar: $(STAMP)
	@test -f build/runs/default/results.json || $(PY) -m helpers run --jobs $(JOBS)
	$(PY) -m helpers seminar

## data: rebuild data/ from data/raw/ and validate it
data: $(STAMP)
	$(PY) -m helpers data build
	$(PY) -m helpers data validate

## bench: performance benchmarks (not tests)
bench: $(STAMP)
	$(PY) bench/collection.py
	$(PY) bench/monte_carlo.py
	$(PY) bench/robustness.py

## clean: remove build/ (runs, site, cache)
clean:
	rm -rf build

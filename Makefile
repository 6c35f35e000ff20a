# Every target bootstraps .venv itself and reinstalls only when pyproject.toml changed.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: run test lab seminar data bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 2; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## run: execute the whole collection on the shipped data and build the HTML site (build/site/index.html)
run: $(STAMP)
	$(PY) -m helpers run --jobs $(JOBS)
	$(PY) -m helpers reports

## test: every test (unit, data, notebook runs with small parameters, browser)
test: $(STAMP)
	$(PY) -m pytest -q

## lab: JupyterLab with the project's kernel
lab: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,lab]'
	$(PY) -m jupyter lab notebooks/

## seminar: student (no solutions, no outputs) and instructor editions under build/seminar/
seminar: $(STAMP)
	$(PY) -m helpers seminar

## data: rebuild data/ from data/raw/ and validate it
data: $(STAMP)
	$(PY) -m helpers data build
	$(PY) -m helpers data validate

## bench: performance benchmarks (not tests)
bench: $(STAMP)
	$(PY) bench/collection.py
	$(PY) bench/monte_carlo.py

clean:
	rm -rf build

# Two entry points for people: `make serve` and `make test`. Both set
# everything up first (a virtualenv in .venv, pinned requirements).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The examples run against the pinned Dagster and Prefect in an environment of their own,
# so the site's toolchain never depends on them.
EXVENV := .venv-examples
EXPY := $(EXVENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup setup-site serve build build-zensical check test test-examples bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --silent --no-audit --no-fund

$(EXVENV)/.installed: requirements-examples.txt
	$(PYTHON) -m venv $(EXVENV)
	$(EXPY) -m pip install --quiet --upgrade pip
	$(EXPY) -m pip install --quiet -r requirements-examples.txt
	touch $@

setup-site: $(VENV)/.installed

setup: $(VENV)/.installed node_modules/.package-lock.json $(EXVENV)/.installed

serve: $(VENV)/.installed node_modules/.package-lock.json  ## live-reloading preview on http://127.0.0.1:8000/dagster-or-prefect/
	$(PY) -m mkdocs serve

build: $(VENV)/.installed node_modules/.package-lock.json  ## the static site, in site/
	$(PY) -m mkdocs build --strict

build-zensical: $(VENV)/.installed node_modules/.package-lock.json  ## the same site built by Zensical, in site/ (then the shared post-build step)
	$(PY) -m zensical build --clean
	$(PY) -m macros postbuild site

check: $(VENV)/.installed  ## validate data/ and report every problem (needs Python only)
	$(PY) -m macros check

test: setup  ## the whole suite: site and browser tests, then every example
	scripts/ensure-chromium $(PY)
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-examples

test-examples: $(EXVENV)/.installed  ## run every example against the pinned Dagster and Prefect
	$(EXPY) -m pytest examples -p no:cacheprovider --durations=8 --ignore=examples/test_scripts.py
	# then every file as `python <file>`, with nothing set (timed on its own)
	$(EXPY) -m pytest examples/test_scripts.py -p no:cacheprovider -q -rA -s

bench: setup  ## speed and size figures (prints them; asserts nothing)
	$(PY) benchmarks/run.py

clean:
	rm -rf site $(VENV) $(EXVENV)

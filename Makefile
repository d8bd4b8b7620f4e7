# Two entry points for people: `make serve` and `make test`. Both set
# everything up first (a virtualenv in .venv, pinned requirements).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup serve build check test bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --silent --no-audit --no-fund

setup: $(VENV)/.installed node_modules/.package-lock.json

serve: setup  ## live-reloading preview on http://127.0.0.1:8000/dagster-or-prefect/
	$(PY) -m mkdocs serve

build: setup  ## the static site, in site/
	$(PY) -m mkdocs build --strict

check: setup  ## validate data/ and report every problem
	$(PY) -m macros check

test: setup  ## the whole suite, browser tests included
	scripts/ensure-chromium $(PY)
	$(PY) -m pytest

bench: setup  ## speed and size figures (prints them; asserts nothing)
	$(PY) benchmarks/run.py

clean:
	rm -rf site $(VENV)

# One runner for every chore. `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sitrep.db

.PHONY: setup setup-test demo test eval bench schema clean
.PHONY: web serve openapi bench-api screenshot

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) --no-print-directory web

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory web

# Main job on the embedded default database: ingest the bundled seed article, show its record.
demo: setup
	$(BIN)/sitrep ingest examples/seed.txt --db $(DB)
	$(BIN)/sitrep show --last --db $(DB)

test: setup-test
	$(BIN)/python -m pytest

# Scores on the shared dev sets (needs ../shared/eval beside the repository).
eval: setup
	$(BIN)/sitrep eval all

schema: setup
	$(BIN)/python -m sitrep.record_schema > docs/record.schema.json

clean:
	rm -rf build .pytest_cache $(DB) $(DB)-wal $(DB)-shm

# The web page's country outlines (Natural Earth, npm's world-atlas) and TopoJSON decoder, into build/web.
WEB_VENDOR := build/web/node_modules
web: $(WEB_VENDOR)/world-atlas/countries-110m.json

$(WEB_VENDOR)/world-atlas/countries-110m.json:
	@command -v npm >/dev/null || { echo "npm not found: the map page will have no country outlines"; exit 0; }; \
	npm install --prefix build/web --no-audit --no-fund --silent world-atlas@2.0.2 topojson-client@3.1.0

# The REST API and the map page on http://127.0.0.1:8000/ over $(DB).
serve: setup
	$(BIN)/sitrep serve --db $(DB)

openapi: setup
	$(BIN)/python -m sitrep.serve.openapi_doc docs/openapi.json

bench-api: setup
	$(BIN)/python scripts/bench_api.py

# Retake docs/screenshot.png from the browser test (needs /usr/bin/chromium).
screenshot: setup-test
	SITREP_SCREENSHOT=docs/screenshot.png $(BIN)/python -m pytest tests/serve/test_browser.py -k arrow

# One runner for every chore. `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sitrep.db

.PHONY: setup setup-test demo test eval bench schema clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

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

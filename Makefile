# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Everything lives inside the project: the virtualenv (.venv) and Dagster's home (.dagster_home).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
.PHONY: run test test-fast lint verify browser ui evaluate bench bench-instructions bench-pipeline clean

# The `everything` job, in process, as the UI runs it; prints one line per stage and a summary.
run: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m pipeline run

# Format check, lint and type check first, then the whole suite: what CI runs.
test: lint $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m pytest

# The quick tier: everything but the end-to-end runs marked slow.
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not slow"

# Format check, lint and type check: what the pre-commit hook and CI run.
lint: $(VENV)/.test
	$(BIN)/ruff format --check pipeline tests benchmarks
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy

# Re-hash every file of every published version against its datapackage.json, and latest/ and
# versions.json against the versions.
verify: $(VENV)/.runtime
	$(BIN)/python -m pipeline verify

# Headless Chromium from Debian for the browser tests (needs root for apt-get; idempotent).
# Playwright itself comes with the test requirements; it drives this Chromium, never downloads one.
browser:
	.ci/install-browser

ui: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

# Scores per page and per unit class on tests/annotations, and figure and fact scores on the dev
# set when one is found (DEVSET=dir, else $$PIPELINE_DEVSET_DIR, else shared/devset beside the
# project). `make evaluate EXPLAIN=FILE` lists every number of FILE with the rule that read or
# skipped it (make itself takes no --explain option).
evaluate: $(VENV)/.runtime
ifdef EXPLAIN
	$(BIN)/python -m pipeline.evaluate --explain $(EXPLAIN)
else
	$(BIN)/python -m pipeline.evaluate --annotations tests/annotations $(if $(DEVSET),--devset $(DEVSET))
endif

# The extractor is pure Python, so the benchmark venv needs only the anchors it is compared with.
bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/throughput.py --json benchmarks/results.json

# Instruction counts repeat exactly where timings do not: compare versions of the extractor by them.
bench-instructions: $(VENV)/.runtime
	$(BIN)/python benchmarks/instructions.py

# The pipeline at scale: 1,000 and 10,000 documents end to end, a re-run with nothing changed, one
# changed document, and "Materialize all" from the UI against make run (about 15 minutes).
bench-pipeline: $(VENV)/.runtime
	$(BIN)/python benchmarks/pipeline.py --json benchmarks/pipeline-results.json

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"

$(VENV)/.runtime: $(VENV)/bin/python requirements.lock pyproject.toml
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.lock
	$(BIN)/pip install -q -r requirements-test.lock
	touch $@

.venv-bench/.installed: benchmarks/requirements.txt
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q -r benchmarks/requirements.txt
	touch $@

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

clean:
	rm -rf $(VENV) $(DAGSTER_HOME)

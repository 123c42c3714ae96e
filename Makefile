# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Everything lives inside the project: the virtualenv (.venv) and Dagster's home (.dagster_home).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
# One process for the whole graph: per-step subprocesses cost more than the work itself.
IN_PROCESS := {"execution":{"config":{"in_process":{}}}}

.PHONY: run test ui evaluate bench bench-instructions clean

run: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster asset materialize --select '*' -m pipeline.definitions --config-json '$(IN_PROCESS)'

test: $(VENV)/.test $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m pytest

ui: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

# Scores per page and per unit class on tests/annotations and on the dev set (../shared/devset or
# $$PIPELINE_DEVSET_DIR) when present. `make evaluate EXPLAIN=FILE` lists every number of FILE with
# the rule that read or skipped it (make itself takes no --explain option).
evaluate: $(VENV)/.runtime
ifdef EXPLAIN
	$(BIN)/python -m pipeline.evaluate --explain $(EXPLAIN)
else
	$(BIN)/python -m pipeline.evaluate --annotations tests/annotations
endif

# The extractor is pure Python, so the benchmark venv needs only the anchors it is compared with.
bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/throughput.py --json benchmarks/results.json

# Instruction counts repeat exactly where timings do not: compare versions of the extractor by them.
bench-instructions: $(VENV)/.runtime
	$(BIN)/python benchmarks/instructions.py

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

# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Everything lives inside the project: the virtualenv (.venv) and Dagster's home (.dagster_home).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
.PHONY: run test test-fast lint verify browser ui evaluate bench bench-instructions bench-pipeline clean \
	broker-install broker broker-stop workers workers-stop

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

# The distributed configuration (docs/distributed.md): a Redis broker, Celery workers, and runs
# with PIPELINE_EXECUTOR=celery. `make broker workers`, then `PIPELINE_EXECUTOR=celery make run`;
# `make workers-stop broker-stop` when done. Redis keeps its data and log in .broker/, the workers
# their pid files and logs (with every stage's lines) in .workers/.
# BROKER_PORT is the port of the default broker URL (pipeline/executors.py); another one reaches
# every target through the two URLs below, which the environment overrides. One worker per core:
# each runs one step at a time.
BROKER_PORT ?= 6390
WORKERS ?= 2
export PIPELINE_CELERY_BROKER ?= redis://127.0.0.1:$(BROKER_PORT)/0
export PIPELINE_CELERY_BACKEND ?= redis://127.0.0.1:$(BROKER_PORT)/1
BROKER_DIR := $(CURDIR)/.broker
WORKER_DIR := $(CURDIR)/.workers
WORKER_NAMES = $(shell seq -f 'w%g' 1 $(WORKERS))

# redis-server from Debian (needs root for apt-get; idempotent), as `make browser` installs Chromium.
broker-install:
	.ci/install-broker

# Redis on 127.0.0.1:$(BROKER_PORT) in the background; does nothing when it already answers there.
broker: broker-install
	@command -v redis-server >/dev/null || { echo "broker: no redis-server (see the lines above)" >&2; exit 1; }
	@mkdir -p $(BROKER_DIR)
	@if redis-cli -p $(BROKER_PORT) ping >/dev/null 2>&1; then echo "broker: Redis already answers on 127.0.0.1:$(BROKER_PORT)"; \
	else redis-server --bind 127.0.0.1 --port $(BROKER_PORT) --dir $(BROKER_DIR) --daemonize yes \
	  --pidfile $(BROKER_DIR)/redis.pid --logfile $(BROKER_DIR)/redis.log \
	  && for i in $$(seq 50); do redis-cli -p $(BROKER_PORT) ping >/dev/null 2>&1 && break; sleep 0.1; done \
	  && redis-cli -p $(BROKER_PORT) ping >/dev/null && echo "broker: Redis on 127.0.0.1:$(BROKER_PORT), data in $(BROKER_DIR)"; fi

broker-stop:
	@if redis-cli -p $(BROKER_PORT) ping >/dev/null 2>&1; then redis-cli -p $(BROKER_PORT) shutdown && echo "broker: stopped"; \
	else echo "broker: nothing answers on 127.0.0.1:$(BROKER_PORT)"; fi

# $(WORKERS) Celery workers (w1@host, w2@host ...) in the background, taking the steps of runs with
# PIPELINE_EXECUTOR=celery from the broker of PIPELINE_CELERY_BROKER (default: `make broker`'s).
# A worker already running (its pid file in .workers/) is left alone.
workers: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml
	@mkdir -p $(WORKER_DIR)
	@for n in $(WORKER_NAMES); do pid=$(WORKER_DIR)/$$n.pid; \
	  if [ -f $$pid ] && kill -0 $$(cat $$pid) 2>/dev/null; then echo "workers: $$n already running (pid $$(cat $$pid))"; \
	  else PIPELINE_EXECUTOR=celery $(BIN)/celery --no-color multi start $$n -A pipeline.executors --workdir=$(CURDIR) \
	    --pidfile=$(WORKER_DIR)/%n.pid --logfile=$(WORKER_DIR)/%n.log --loglevel=INFO \
	  && for i in $$(seq 150); do [ -f $$pid ] && break; sleep 0.2; done; fi; done

# Each worker finishes the step it is running, then exits.
workers-stop:
	$(BIN)/celery --no-color multi stopwait $(WORKER_NAMES) --pidfile=$(WORKER_DIR)/%n.pid

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
# changed document, "Materialize all" from the UI against make run, and `frictionless validate` of
# the largest package (half an hour or more).
bench-pipeline: $(VENV)/.runtime
	$(BIN)/python benchmarks/scale.py --frictionless --json benchmarks/scale-results.json

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

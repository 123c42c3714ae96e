"""The distributed configuration (docs/distributed.md): the `everything` job on Celery workers.

The slow test starts its own Redis on a free port, two Celery workers (w1, w2) as `make workers`
starts them, and `python -m pipeline run` with PIPELINE_EXECUTOR=celery on a copy of the fixture
corpus with a Dagster home of its own. It reads from that instance which worker ran each step and
compares the package with the one the in-process run publishes for the same corpus. Skipped, with
the reason, when redis-server is not installed (`make broker-install` or `.ci/run` installs it).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
from conftest import ROOT

from pipeline import executors
from pipeline.release.semver import FIRST_VERSION

REDIS_SERVER = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
WORKERS = ("w1", "w2")
STARTUP_SECONDS = 60  # Redis answering, both workers answering a ping
RUN_SECONDS = 300  # the run itself takes about 40 s on 2 cores


# ---- the executor choice (quick) ----


def test_the_default_executor_is_in_process(monkeypatch):
    monkeypatch.delenv("PIPELINE_EXECUTOR", raising=False)
    assert executors.selected() == "in_process"
    assert executors.executor() is dg.in_process_executor


def test_celery_is_selected_by_the_environment_with_a_local_redis_by_default(monkeypatch):
    monkeypatch.setenv("PIPELINE_EXECUTOR", "celery")
    monkeypatch.delenv("PIPELINE_CELERY_BROKER", raising=False)
    monkeypatch.delenv("PIPELINE_CELERY_BACKEND", raising=False)
    assert executors.executor().name == "celery"
    config = executors.celery_config()
    assert config["broker"] == f"redis://127.0.0.1:{executors.BROKER_PORT}/0"
    assert config["backend"] == f"redis://127.0.0.1:{executors.BROKER_PORT}/1"
    monkeypatch.setenv("PIPELINE_CELERY_BROKER", "redis://broker.example:6390/0")
    assert executors.celery_config()["broker"] == "redis://broker.example:6390/0"


def test_an_unknown_executor_is_refused_with_the_choices(monkeypatch):
    monkeypatch.setenv("PIPELINE_EXECUTOR", "dask")
    with pytest.raises(ValueError, match="PIPELINE_EXECUTOR='dask': use one of in_process, celery"):
        executors.selected()


def test_make_broker_listens_where_the_default_broker_url_points():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    port = re.search(r"^BROKER_PORT \?= (\d+)", makefile, re.MULTILINE)
    assert port and int(port.group(1)) == executors.BROKER_PORT


# ---- the whole job on two workers (slow) ----


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen, seconds: float = 20) -> None:
    """SIGTERM (a worker finishes its step and exits), then SIGKILL to its whole process group."""
    if proc.poll() is None:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(seconds)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # the worker's pool children, if any outlived it
    proc.wait(5)


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-chars:] if path.exists() else f"({path} not written)"


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """A Redis of this test's own on a free port of 127.0.0.1, its data in tmp_path."""
    if not REDIS_SERVER:
        pytest.skip("no redis-server on PATH: run `make broker-install` (apt-get install redis-server) to run the distributed test")
    import redis

    folder, port = tmp_path / "redis", _free_port()
    folder.mkdir()
    log = folder / "redis.log"
    args = ["--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen([REDIS_SERVER, *args, "--logfile", str(log)], start_new_session=True)
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert proc.poll() is None, f"redis-server exited with {proc.returncode}:\n{_tail(log)}"
                assert time.monotonic() < deadline, f"redis-server did not answer on port {port}:\n{_tail(log)}"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}"
    finally:
        _stop(proc)


@pytest.fixture
def celery_env(redis_url, tmp_path) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    home.mkdir()
    return dict(
        os.environ,
        PIPELINE_EXECUTOR="celery",
        PIPELINE_CELERY_BROKER=f"{redis_url}/0",
        PIPELINE_CELERY_BACKEND=f"{redis_url}/1",
        DAGSTER_HOME=str(home),
        DAGSTER_DISABLE_TELEMETRY="1",
    )


@pytest.fixture
def workers(celery_env, tmp_path) -> Iterator[dict[str, subprocess.Popen]]:
    """Two Celery workers, started as `make workers` starts them (in the foreground here)."""
    procs: dict[str, subprocess.Popen] = {}
    logs = {name: tmp_path / f"{name}.log" for name in WORKERS}
    try:
        for name in WORKERS:
            with logs[name].open("w") as log:
                procs[name] = subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "pipeline.executors", "worker", f"--hostname={name}@%h", "--loglevel=INFO"],
                    cwd=ROOT,
                    env=celery_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        from celery import Celery

        control = Celery(broker=celery_env["PIPELINE_CELERY_BROKER"])
        deadline, answered = time.monotonic() + STARTUP_SECONDS, set()
        while not all(any(h.startswith(f"{name}@") for h in answered) for name in WORKERS):
            for name, proc in procs.items():
                assert proc.poll() is None, f"worker {name} exited with {proc.returncode}:\n{_tail(logs[name])}"
            assert time.monotonic() < deadline, "workers did not answer a ping:\n" + "\n".join(_tail(logs[n]) for n in WORKERS)
            answered |= {h for reply in control.control.ping(timeout=1.0) for h in reply}
        control.close()
        yield procs
    finally:
        for proc in procs.values():
            _stop(proc)


def _ppid(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^PPid:\s+(\d+)", status, re.MULTILINE)
    return int(found.group(1)) if found else None


def _tables(folder: Path) -> dict[str, bytes]:
    """Every CSV of a published version, and the Parquet files beside the data CSVs."""
    files = sorted(folder.rglob("*.csv")) + sorted((folder / "data").glob("*.parquet"))
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


@pytest.mark.slow
def test_everything_runs_on_two_celery_workers_and_publishes_what_the_in_process_run_does(
    corpus, tmp_path, celery_env, workers, published_once
):
    out = tmp_path / "published"
    env = dict(celery_env, PIPELINE_RAW_DIR=str(corpus), PIPELINE_PUBLISHED_DIR=str(out))
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=RUN_SECONDS)
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("done: 2 documents read, 0 left out"), proc.stdout

    # The run, read back from the Dagster instance of this test's home.
    instance = dg.DagsterInstance.from_config(celery_env["DAGSTER_HOME"])
    try:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS
        events = [e.dagster_event for e in instance.all_logs(run.run_id) if e.dagster_event]
    finally:
        instance.dispose()
    started_steps = {e.step_key: e.pid for e in events if e.event_type == dg.DagsterEventType.STEP_START}
    assert "ingest" in started_steps and "data_package" in started_steps
    # dagster-celery's worker reports itself ("Celery worker": its hostname) before each step.
    worker_of = {}
    for e in events:
        if e.event_type == dg.DagsterEventType.ENGINE_EVENT and "Celery worker" in e.engine_event_data.metadata:
            worker_of[e.step_key] = e.engine_event_data.metadata["Celery worker"].value.split("@")[0]
    assert set(worker_of) == set(started_steps), "a step ran without a Celery worker"
    per_worker = Counter(worker_of.values())
    assert set(per_worker) == set(WORKERS), f"steps per worker: {dict(per_worker)}"
    # And the processes that ran the steps are the pool children of the two workers this test started.
    parent = {pid: _ppid(pid) for pid in set(started_steps.values())}
    worker_pids = {name: p.pid for name, p in workers.items()}
    for step, pid in started_steps.items():
        assert parent[pid] == worker_pids[worker_of[step]], f"{step} ran in pid {pid}, not a child of worker {worker_of[step]}"

    # The same package as the in-process run on the same corpus, byte for byte.
    celery_tables, in_process_tables = _tables(out / FIRST_VERSION), _tables(published_once / FIRST_VERSION)
    assert len(celery_tables) > 20 and celery_tables.keys() == in_process_tables.keys()
    assert [name for name in celery_tables if celery_tables[name] != in_process_tables[name]] == []
    print(f"\ncelery run: {seconds:.1f} s, {len(started_steps)} steps, per worker {dict(per_worker)}")

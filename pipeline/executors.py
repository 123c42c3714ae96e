"""Which executor runs the ``everything`` job: in this process by default, Celery workers on request.

Belongs here: reading ``PIPELINE_EXECUTOR`` (``in_process``, the default, or ``celery``) and the
Celery broker and result backend (``PIPELINE_CELERY_BROKER``, ``PIPELINE_CELERY_BACKEND``; a
local Redis on the project's port by default), and the Celery app the workers run
(``celery -A pipeline.executors worker``), built from the same settings as the executor so the two
always agree. Not here: what a step does. docs/distributed.md says when to use which.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import dagster as dg

EXECUTORS = ("in_process", "celery")
BROKER_PORT = 6390  # `make broker` starts Redis here (the Makefile's BROKER_PORT); 6379 is left to others
DEFAULT_BROKER = f"redis://127.0.0.1:{BROKER_PORT}/0"
DEFAULT_BACKEND = f"redis://127.0.0.1:{BROKER_PORT}/1"
# One step at a time per worker (the steps are CPU-bound Python: start one worker per core), and a
# worker holds no step in reserve while it runs one (late acknowledgement with a prefetch of one),
# so a step that is ready goes to a worker that is free.
CELERY_SETTINGS: dict[str, Any] = {"worker_concurrency": 1, "worker_prefetch_multiplier": 1, "task_acks_late": True}


def selected() -> str:
    """The executor named by PIPELINE_EXECUTOR (in_process when unset or empty)."""
    name = (os.environ.get("PIPELINE_EXECUTOR") or "in_process").strip().lower().replace("-", "_")
    if name not in EXECUTORS:
        raise ValueError(f"PIPELINE_EXECUTOR={os.environ['PIPELINE_EXECUTOR']!r}: use one of {', '.join(EXECUTORS)}")
    return name


def celery_config() -> dict[str, Any]:
    """The celery executor's config: broker, result backend and the Celery settings above."""
    return {
        "broker": os.environ.get("PIPELINE_CELERY_BROKER") or DEFAULT_BROKER,
        "backend": os.environ.get("PIPELINE_CELERY_BACKEND") or DEFAULT_BACKEND,
        "config_source": dict(CELERY_SETTINGS),
    }


def executor() -> dg.ExecutorDefinition:
    """The executor of the code location's jobs, as PIPELINE_EXECUTOR selects it."""
    if selected() == "celery":
        from dagster_celery import celery_executor  # only then: Celery takes a while to import

        return celery_executor.configured(celery_config(), name="celery")
    return dg.in_process_executor


@functools.cache
def worker_app() -> Any:
    """The Celery app of the workers: dagster-celery's app with its step task, on our broker."""
    from dagster_celery.executor import CeleryExecutor
    from dagster_celery.make_app import make_app
    from dagster_celery.tasks import create_task

    app = make_app(CeleryExecutor.for_cli(**celery_config()).app_args())
    create_task(app)
    return app


def __getattr__(name: str) -> Any:
    # `celery -A pipeline.executors` looks up `app` on the module; it is built on that first use, so
    # a run in process never imports Celery.
    if name == "app":
        return worker_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

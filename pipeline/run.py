"""Running the whole pipeline from the command line, and telling the user what happened.

Belongs here: executing the ``everything`` job against a Dagster instance (the same job, executor
and logger the UI uses: in this process, or on Celery workers with ``PIPELINE_EXECUTOR=celery``),
and turning its events into a short summary or a failure reason without a stack trace. Not here:
any stage's logic.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
from dagster._utils.error import SerializableErrorInfo
from filelock import FileLock

from . import settings
from .definitions import build_defs
from .resources import PipelinePaths


@dataclass
class RunReport:
    success: bool
    rows: dict[str, int] = field(default_factory=dict)  # asset -> row count
    release: dict[str, str] = field(default_factory=dict)  # version, status, path
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # checks of severity WARN that failed
    work: dict[str, int] = field(default_factory=dict)  # documents read and mapped, and from the store

    def summary(self) -> str:
        r = self.rows
        parts = [
            f"{r.get('documents', 0)} documents read, {r.get('problems', 0)} left out",
            f"{self.work.get('read_and_mapped', 0)} read and mapped, {self.work.get('from_store', 0)} from the store",
            f"{r.get('figures', 0)} figures",
            f"{r.get('observations', 0)} observations",
        ]
        if "unmapped" in r:
            parts.append(f"{r['unmapped']} figures not mapped")
        if self.release:
            parts.append(self.release.get("summary") or f"{self.release.get('path', '')} {self.release.get('status', '')}")
        return "; ".join(parts)


def _metadata_value(value: object) -> object:
    return getattr(value, "value", value)


def report(result: dg.ExecuteInProcessResult | dg.JobExecutionResult) -> RunReport:
    out = RunReport(success=result.success)
    for event in result.get_asset_materialization_events():
        materialization = event.materialization
        key = materialization.asset_key.to_user_string()
        meta = {k: _metadata_value(v) for k, v in materialization.metadata.items()}
        if "dagster/row_count" in meta:
            out.rows[key] = int(str(meta["dagster/row_count"]))
        if key == "figures":
            out.work = {k: int(str(meta[k])) for k in ("read_and_mapped", "from_store") if k in meta}
        if key == "data_package":
            out.release = {k: str(meta[k]) for k in ("version", "status", "path", "bump", "previous", "summary") if k in meta}
    for failure in result.get_step_failure_events():
        error = failure.step_failure_data.error
        out.failures.append(f"{failure.step_key}: {_reason(error) if error else 'failed'}")
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.passed:
            continue
        meta = {k: _metadata_value(v) for k, v in evaluation.metadata.items()}
        detail = meta.get("summary") or meta.get("problems") or ""
        line = f"{evaluation.asset_key.to_user_string()}: check {evaluation.check_name} failed" + (f": {detail}" if detail else "")
        if evaluation.severity == dg.AssetCheckSeverity.ERROR:
            rows = meta.get("failing_rows")
            out.failures.append(line + (f"\n{_head(str(rows), 12)}" if rows else ""))
        else:
            out.warnings.append(line)
    return out


def _reason(error: SerializableErrorInfo) -> str:
    """The sentence of an error, without the exception's class path or its stack."""
    while error.cause is not None and error.cls_name in ("DagsterExecutionStepExecutionError", "DagsterUserCodeExecutionError"):
        error = error.cause
    message = (error.message or "failed").strip()
    prefix = message.split(": ", 1)
    if len(prefix) == 2 and prefix[0].endswith(error.cls_name or "\0"):
        message = prefix[1] if error.cls_name in ("Failure", "InputError", "PublishError") else f"{error.cls_name}: {prefix[1]}"
    return message


def _head(text: str, lines: int) -> str:
    kept = text.splitlines()
    return "\n".join(kept[:lines] + ([f"... ({len(kept) - lines} more lines in the Dagster UI)"] if len(kept) > lines else []))


def _instance() -> dg.DagsterInstance:
    """Dagster's instance in DAGSTER_HOME (runs then show in the UI), or a throwaway one."""
    if not os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.ephemeral()
    home = settings.dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    # Two runs starting on a new home would both create its SQLite storage and one would fail.
    with FileLock(home / ".instance.lock"):
        config = home / "dagster.yaml"
        if not config.exists():
            # Without it Dagster greets the user with a telemetry banner on every new home.
            config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
        instance = dg.DagsterInstance.get()
        instance.get_runs(limit=1)  # creates and migrates the storage while the lock is held
    return instance


def everything() -> dg.JobDefinition:
    """The job as the code location defines it: what a worker process rebuilds to run a step."""
    from .definitions import defs

    return defs.resolve_job_def("everything")


def run(raw_dir: Path, published_dir: Path, instance: dg.DagsterInstance | None = None) -> RunReport:
    """Materialise every asset and check on the given folders, with the selected executor."""
    defs = build_defs(PipelinePaths(raw_dir=str(raw_dir), published_dir=str(published_dir)))
    job = defs.resolve_job_def("everything")
    if instance is None:
        instance = _instance()
    with warnings.catch_warnings():
        # Dagster warns about its own experimental internals; nothing a user of this tool can act on.
        warnings.simplefilter("ignore", dg.BetaWarning)
        warnings.simplefilter("ignore", dg.PreviewWarning)
        if job.executor_def.name == "in_process":
            return report(job.execute_in_process(instance=instance, raise_on_error=False))
        # Steps run in other processes, which import the code location with their own environment:
        # the run's config carries these folders (and their intermediate storage) to every step.
        folders = {"raw_dir": str(Path(raw_dir).resolve()), "published_dir": str(Path(published_dir).resolve())}
        storage = str(settings.storage_dir(raw_dir, published_dir))
        io = {"base_dir": storage, "published_dir": folders["published_dir"]}
        run_config = {"resources": {"paths": {"config": folders}, "io_manager": {"config": io}}}
        # dagster-celery registers its step task anew for every step it submits, and Celery warns each time.
        warnings.filterwarnings("ignore", message="Task name 'execute_plan' is already registered")
        with dg.execute_job(dg.reconstructable(everything), instance, run_config=run_config) as result:
            return report(result)

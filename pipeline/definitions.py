"""The Dagster code location: assembles assets, checks, jobs and resources. Nothing else lives here."""

from __future__ import annotations

import dagster as dg

from . import executors, settings
from .assets import extraction, indicators, ingest, publishing
from .checks import ALL_CHECKS
from .console import stage_logger
from .resources import PipelinePaths

# One job for everything, run in one process whether launched from the UI, `make run` or a
# schedule: per-step subprocesses cost more than the work itself.
EVERYTHING = dg.define_asset_job(
    "everything",
    selection=dg.AssetSelection.all(),
    description="Materialise every asset and check, then publish.",
    # Dagster instantiates a job's loggers only when the run config names them.
    config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
)


def build_defs(paths: PipelinePaths) -> dg.Definitions:
    return dg.Definitions(
        assets=dg.load_assets_from_modules([ingest, extraction, indicators, publishing]),
        asset_checks=ALL_CHECKS + indicators.CONSISTENCY_CHECKS,
        jobs=[EVERYTHING],
        executor=executors.executor(),  # in process unless PIPELINE_EXECUTOR=celery (docs/distributed.md)
        loggers={"console": stage_logger},
        resources={
            "paths": paths,
            "io_manager": dg.FilesystemIOManager(base_dir=str(settings.storage_dir(paths.raw, paths.published))),
        },
    )


defs = build_defs(PipelinePaths.from_env())

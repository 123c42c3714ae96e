"""The Dagster code location: assembles assets, checks, jobs, sensors and resources. Nothing else lives here."""

from __future__ import annotations

import dagster as dg

from . import executors, settings
from .assets import extraction, indicators, ingest, publishing
from .checks import ALL_CHECKS
from .console import stage_logger
from .resources import PipelinePaths, TableStorage
from .sensors import build_schedules, build_sensors

# Dagster instantiates a job's loggers only when the run config names them.
_QUIET = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
_PER_DOCUMENT = dg.AssetSelection.assets(extraction.document_facts)

# One job for everything, run in one process whether launched from the UI, `make run` or the
# schedule: per-step subprocesses cost more than the work itself. It leaves the per-document
# partitions out (its `document_tables` step does their work for the texts the store lacks),
# so it needs no partition to launch.
EVERYTHING = dg.define_asset_job(
    "everything",
    selection=dg.AssetSelection.all() - _PER_DOCUMENT,
    description="Read what is new in raw/, build and check every table, then publish the next version if anything changed.",
    config=_QUIET,
)
# The texts the `raw_folder` sensor found new or changed, each a partition of `document_facts`.
NEW_DOCUMENTS = dg.define_asset_job(
    "new_documents",
    selection=_PER_DOCUMENT,
    description="Read and map the chosen texts (partitions of document_facts) into the document store; publishes nothing.",
    config=_QUIET,
)


def build_defs(paths: PipelinePaths) -> dg.Definitions:
    return dg.Definitions(
        assets=dg.load_assets_from_modules([ingest, extraction, indicators, publishing]),
        asset_checks=ALL_CHECKS + indicators.CONSISTENCY_CHECKS,
        jobs=[EVERYTHING, NEW_DOCUMENTS],
        sensors=build_sensors(NEW_DOCUMENTS, EVERYTHING),
        schedules=build_schedules(EVERYTHING),
        executor=executors.executor(),  # in process unless PIPELINE_EXECUTOR=celery (docs/distributed.md)
        loggers={"console": stage_logger},
        resources={
            "paths": paths,
            "io_manager": TableStorage(base_dir=str(settings.storage_dir(paths.raw, paths.published)), published_dir=str(paths.published)),
        },
    )


defs = build_defs(PipelinePaths.from_env())

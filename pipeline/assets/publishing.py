"""Stage ``publish``: the next version of the package, ``published/<version>/``, when anything changed."""

import time

import dagster as dg
import pandas as pd

from .. import schema
from ..publish import PublishError, publish
from ..resources import PipelinePaths
from .metadata import OWNERS, PUBLISH

# Every table declared in schemas/tables.yaml is an asset of the same name and is published.
TABLE_INS = {name: dg.AssetIn(key=name) for name in schema.tables()}


def package_sources(documents: pd.DataFrame) -> list[dict]:
    return [
        {k: v for k, v in {"title": d.title or d.document, "path": d.url, "publisher": d.publisher}.items() if v}
        for d in documents.itertuples(index=False)
    ]


@dg.asset(
    group_name=PUBLISH,
    ins=TABLE_INS,
    kinds={"frictionless", "csv", "parquet"},
    owners=OWNERS,
    description=(
        "The next version of the data package, `published/VERSION/`, its number computed from what "
        "changed since the latest one (nothing is published when nothing changed): CSV and Parquet "
        "for every table, readable and chart-ready tables, `datapackage.json`, the codebook, "
        "`CHANGES.md`, `CITATION.cff` and a landing page. Written whole or not at all; a version is "
        "never edited; `published/latest/` and `versions.json` follow."
    ),
)
def data_package(context: dg.AssetExecutionContext, paths: PipelinePaths, **tables: pd.DataFrame) -> dg.MaterializeResult:
    started = time.perf_counter()
    try:
        result = publish(tables, package_sources(tables["documents"]), paths.published, say=context.log.info)
    except PublishError as err:
        raise dg.Failure(description=str(err)) from None
    context.log.info(result.summary())
    page = result.path.resolve() / "index.html"
    return dg.MaterializeResult(
        metadata={
            "version": result.version,
            "path": dg.MetadataValue.path(str(result.path)),
            "status": result.status,
            "release": dg.MetadataValue.url(page.as_uri()),
            "dagster/uri": result.path.resolve().as_uri(),
            "bump": result.bump or "",
            "previous": result.previous or "",
            "summary": result.summary(),
            "reasons": dg.MetadataValue.md("\n".join(f"- {r}" for r in result.reasons) or "none"),
            "files": len(result.files),
            "stage_seconds": dg.MetadataValue.json(_stage_seconds(context)),
            "seconds": round(time.perf_counter() - started, 3),
        }
    )


def _stage_seconds(context: dg.AssetExecutionContext) -> dict[str, float]:
    """How long each step of this run took so far, from Dagster's own step records."""
    try:
        stats = context.instance.get_run_step_stats(context.run_id)
    except Exception:  # an instance without step statistics: the timings are a courtesy
        return {}
    return {s.step_key: round(s.end_time - s.start_time, 3) for s in stats if s.end_time and s.start_time}

"""Stages ``indicators`` and ``thematic``: observations cut into conflicts, checks and topic tables."""

import time

import dagster as dg
import pandas as pd

from .. import schema
from ..indicators import consistency, mapping, tables
from ..resources import PipelinePaths
from ..sources import read_text
from .metadata import INDICATORS, THEMATIC, table_asset, table_metadata


def _texts(paths: PipelinePaths, documents: pd.DataFrame) -> dict[str, str]:
    return {d: read_text(paths.raw / d).text for d in documents["document"]}


def _done(context: dg.AssetExecutionContext, name: str, df: pd.DataFrame, paths: PipelinePaths, started: float, **extra) -> pd.DataFrame:
    context.add_output_metadata(table_metadata(name, df, paths.published, seconds=round(time.perf_counter() - started, 3), **extra))
    return df


@table_asset("indicators", INDICATORS, "The indicator catalog of schemas/indicators.yaml: id, name, description, unit, topic.")
def indicators(context: dg.AssetExecutionContext, paths: PipelinePaths) -> pd.DataFrame:
    started = time.perf_counter()
    return _done(context, "indicators", tables.indicators_table(), paths, started)


@table_asset("conflicts", INDICATORS, "Observations giving different values for the same indicator, period and breakdown.")
def conflicts(context: dg.AssetExecutionContext, paths: PipelinePaths, observations: pd.DataFrame) -> pd.DataFrame:
    started = time.perf_counter()
    df = mapping.conflicts_table(observations)
    if len(df):
        groups = df.groupby("conflict_id")["document"].first().value_counts()
        where = ", ".join(f"{n} in {d}" for d, n in groups.head(5).items()) + (", ..." if len(groups) > 5 else "")
        context.log.warning(f"{df['conflict_id'].nunique()} conflicting groups of observations ({where})")
    return _done(context, "conflicts", df, paths, started)


@table_asset("consistency", INDICATORS, "Parts against totals and counts against stated shares, with the numbers involved.")
def consistency_checks(context: dg.AssetExecutionContext, paths: PipelinePaths, observations: pd.DataFrame) -> pd.DataFrame:
    started = time.perf_counter()
    df = consistency.consistency_table(observations)
    return _done(context, "consistency", df, paths, started, failed=int((~df["passed"]).sum()) if len(df) else 0)


@table_asset("timeline", THEMATIC, "Dated events and agreements, with the precision of each date.")
def timeline(context: dg.AssetExecutionContext, paths: PipelinePaths, observations: pd.DataFrame) -> pd.DataFrame:
    started = time.perf_counter()
    return _done(context, "timeline", tables.timeline_table(observations), paths, started)


@table_asset("oda_projects", THEMATIC, "ODA projects named in project lists: name, type, start and end year.")
def oda_projects(
    context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame, figures: pd.DataFrame, observations: pd.DataFrame
) -> pd.DataFrame:
    started = time.perf_counter()
    # Only the texts that name a project period are read again (their project lists need context).
    wanted = set(observations.loc[observations["indicator_id"] == "project_period", "document"])
    texts = _texts(paths, documents[documents["document"].isin(wanted)])
    return _done(context, "oda_projects", tables.oda_projects_table(observations, figures, texts), paths, started)


def topic_asset(topic: str, table: str):
    @table_asset(table, THEMATIC, schema.tables()[table].description)
    def _topic(context: dg.AssetExecutionContext, paths: PipelinePaths, observations: pd.DataFrame) -> pd.DataFrame:
        started = time.perf_counter()
        return _done(context, table, tables.topic_table(observations, topic), paths, started)

    return _topic


TOPIC_ASSETS = [topic_asset(topic, table) for topic, table in tables.TOPIC_TABLES.items()]


def consistency_check(check_id: str, description: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset="consistency", name=check_id, description=description)
    def _check(consistency: pd.DataFrame) -> dg.AssetCheckResult:
        rows = consistency[consistency["check_id"] == check_id]
        failed = rows[~rows["passed"]]
        metadata: dict[str, int | dg.MetadataValue] = {"checked": len(rows), "failed": len(failed)}
        if len(failed):
            metadata["failures"] = dg.MetadataValue.md(
                failed[["document", "period", "breakdown", "expected", "computed", "difference"]].to_markdown(index=False)
            )
        # A text that does not add up is reported, not fatal: the numbers are what the text says.
        return dg.AssetCheckResult(passed=failed.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)

    return _check


CONSISTENCY_CHECKS = [consistency_check(c[0], c[-1]) for c in consistency.SUMS + consistency.SHARES]

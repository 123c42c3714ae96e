"""Stages ``indicators`` and ``thematic``: figures mapped to observations, then cut into tables."""

import dagster as dg
import pandas as pd

from .. import schema
from ..indicators import consistency, mapping, tables
from ..resources import PipelinePaths
from ..sources import read_text


def _meta(df: pd.DataFrame, **extra) -> dict:
    return {"dagster/row_count": len(df), **extra}


def _texts(paths: PipelinePaths, documents: pd.DataFrame) -> dict[str, str]:
    return {d: read_text(paths.raw / d).text for d in documents["document"]}


def _asset(name: str, group: str, description: str, **kwargs):
    return dg.asset(
        name=name, group_name=group, description=description,
        metadata={"dagster/column_schema": schema.dagster_column_schema(name)}, **kwargs,
    )


@_asset("indicators", "indicators", "The indicator catalog of schemas/indicators.yaml: id, name, description, unit, topic.")
def indicators() -> pd.DataFrame:
    return tables.indicators_table()


@_asset("observations", "indicators", "Figures mapped by the rules of pipeline/indicators/rules.yaml to indicators: one row per distinct fact.")
def observations(context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    df = mapping.observations_table(figures, _texts(paths, documents))
    unmapped = figures[~figures["figure_id"].isin(df["figure_id"]) & (figures["kind"] == "quantity")]
    context.log.info(f"{len(df)} observations from {len(figures)} figures; {len(unmapped)} quantities match no rule")
    context.add_output_metadata(_meta(df, by_indicator=dg.MetadataValue.json(df["indicator_id"].value_counts().to_dict()),
                                      quantities_without_rule=len(unmapped)))
    return df


@_asset("conflicts", "indicators", "Observations giving different values for the same indicator, period and breakdown.")
def conflicts(context: dg.AssetExecutionContext, observations: pd.DataFrame) -> pd.DataFrame:
    df = mapping.conflicts_table(observations)
    if len(df):
        context.log.warning(f"{df['conflict_id'].nunique()} conflicting groups of observations")
    context.add_output_metadata(_meta(df))
    return df


@_asset("consistency", "indicators", "Parts against totals and counts against stated shares, with the numbers involved.")
def consistency_checks(context: dg.AssetExecutionContext, observations: pd.DataFrame) -> pd.DataFrame:
    df = consistency.consistency_table(observations)
    context.add_output_metadata(_meta(df, failed=int((~df["passed"]).sum()) if len(df) else 0))
    return df


@_asset("timeline", "thematic", "Dated events and agreements, with the precision of each date.")
def timeline(observations: pd.DataFrame) -> pd.DataFrame:
    return tables.timeline_table(observations)


@_asset("oda_projects", "thematic", "ODA projects named in project lists: name, type, start and end year.")
def oda_projects(paths: PipelinePaths, documents: pd.DataFrame, figures: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    return tables.oda_projects_table(observations, figures, _texts(paths, documents))


def topic_asset(topic: str, table: str):
    @_asset(table, "thematic", schema.tables()[table].description)
    def _topic(observations: pd.DataFrame) -> pd.DataFrame:
        return tables.topic_table(observations, topic)

    return _topic


TOPIC_ASSETS = [topic_asset(topic, table) for topic, table in tables.TOPIC_TABLES.items()]


def consistency_check(check_id: str, description: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset="consistency", name=check_id, description=description)
    def _check(consistency: pd.DataFrame) -> dg.AssetCheckResult:
        rows = consistency[consistency["check_id"] == check_id]
        failed = rows[~rows["passed"]]
        metadata = {"checked": len(rows), "failed": len(failed)}
        if len(failed):
            metadata["failures"] = dg.MetadataValue.md(
                failed[["document", "period", "breakdown", "expected", "computed", "difference"]].to_markdown(index=False)
            )
        # A text that does not add up is reported, not fatal: the numbers are what the text says.
        return dg.AssetCheckResult(passed=failed.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)

    return _check


CONSISTENCY_CHECKS = [consistency_check(c[0], c[-1]) for c in consistency.SUMS + consistency.SHARES]

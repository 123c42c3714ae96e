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
        name=name,
        group_name=group,
        description=description,
        metadata={"dagster/column_schema": schema.dagster_column_schema(name)},
        **kwargs,
    )


@_asset("indicators", "indicators", "The indicator catalog of schemas/indicators.yaml: id, name, description, unit, topic.")
def indicators() -> pd.DataFrame:
    return tables.indicators_table()


@dg.multi_asset(
    group_name="indicators",
    outs={
        "observations": dg.AssetOut(
            description="Figures mapped on bound evidence (rules.yaml) to Mongolia–Japan facts: one row per distinct fact, "
            "with its evidence, partner and where parties and period were read.",
            metadata={"dagster/column_schema": schema.dagster_column_schema("observations")},
        ),
        "unmapped": dg.AssetOut(
            description="Figures left out of observations, with the reason (no measure or event bound, parties not "
            "bound, another partner, direction, no period for a flow, implausible value).",
            metadata={"dagster/column_schema": schema.dagster_column_schema("unmapped")},
        ),
    },
)
def observations(context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame, figures: pd.DataFrame):
    obs, unmapped = mapping.map_figures(figures, _texts(paths, documents), documents)
    reasons = unmapped["reason"].value_counts().to_dict()
    context.log.info(f"{len(obs)} observations from {len(figures)} figures; left out: {reasons or 'none'}")
    if "date" not in documents.columns:
        context.log.warning("documents has no `date` column: 'this year', 'today' and as-of dates cannot be resolved")
    yield dg.Output(
        obs,
        output_name="observations",
        metadata=_meta(
            obs,
            by_indicator=dg.MetadataValue.json(obs["indicator_id"].value_counts().to_dict()),
            by_partner=dg.MetadataValue.json(obs["partner"].value_counts().to_dict()),
        ),
    )
    yield dg.Output(unmapped, output_name="unmapped", metadata=_meta(unmapped, by_reason=dg.MetadataValue.json(reasons)))


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
        metadata: dict[str, int | dg.MetadataValue] = {"checked": len(rows), "failed": len(failed)}
        if len(failed):
            metadata["failures"] = dg.MetadataValue.md(
                failed[["document", "period", "breakdown", "expected", "computed", "difference"]].to_markdown(index=False)
            )
        # A text that does not add up is reported, not fatal: the numbers are what the text says.
        return dg.AssetCheckResult(passed=failed.empty, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)

    return _check


CONSISTENCY_CHECKS = [consistency_check(c[0], c[-1]) for c in consistency.SUMS + consistency.SHARES]

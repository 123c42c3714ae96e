"""Dagster asset checks: thin wrappers around ``pipeline.validation``.

Belongs here: one blocking schema check per published table (from ``schemas/``), the provenance
check on ``figures`` and the Frictionless check on the written package.
"""


import dagster as dg
import pandas as pd

from . import schema
from .resources import PipelinePaths
from .validation import Outcome, check_provenance, validate_package, validate_table


def _result(outcome: Outcome, **extra) -> dg.AssetCheckResult:
    metadata = {"failures": outcome.failures, "summary": outcome.summary, **extra}
    if not outcome.sample.empty:
        metadata["failing_rows"] = dg.MetadataValue.md(outcome.sample.to_markdown(index=False))
    return dg.AssetCheckResult(passed=outcome.passed, metadata=metadata)


def schema_check(table_name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=table_name,
        name="matches_schema",
        blocking=True,
        description=f"pandera validation of `{table_name}` against schemas/ (types, constraints, keys); lists failing rows.",
    )
    def _check(table: pd.DataFrame) -> dg.AssetCheckResult:
        return _result(validate_table(table, table_name))

    return _check


@dg.asset_check(
    asset="figures",
    blocking=True,
    description="Re-opens every raw text and tests text[start:end] == quote for every figure.",
)
def quotes_match_raw_text(paths: PipelinePaths, figures: pd.DataFrame) -> dg.AssetCheckResult:
    return _result(check_provenance(figures, paths.raw))


@dg.asset_check(
    asset="data_package",
    description="Runs Frictionless validation on the published datapackage.json, CSV and Parquet alike.",
)
def package_is_valid(paths: PipelinePaths) -> dg.AssetCheckResult:
    path = paths.published / schema.package_metadata()["version"] / "datapackage.json"
    return _result(validate_package(path), path=dg.MetadataValue.path(str(path)))


ALL_CHECKS = [schema_check(name) for name in schema.tables()] + [quotes_match_raw_text, package_is_valid]

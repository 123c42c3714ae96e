"""Dagster asset checks: thin wrappers around ``pipeline.validation``.

Belongs here: one blocking schema check per published table (from ``schemas/``), the provenance
check on ``figures`` and the Frictionless check on the written package.
"""


import dagster as dg
import pandas as pd

from . import schema, settings
from .evaluate import load_gold, score
from .resources import PipelinePaths
from .validation import Outcome, check_evidence, check_provenance, validate_package, validate_table


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
    asset="observations",
    blocking=True,
    description="Re-opens every raw text and tests text[evidence_start:evidence_end] == evidence for every observation.",
)
def evidence_matches_raw_text(paths: PipelinePaths, observations: pd.DataFrame) -> dg.AssetCheckResult:
    return _result(check_evidence(observations, paths.raw))


@dg.asset_check(
    asset="data_package",
    description="Runs Frictionless validation on the published datapackage.json, CSV and Parquet alike.",
)
def package_is_valid(paths: PipelinePaths) -> dg.AssetCheckResult:
    path = paths.published / schema.package_metadata()["version"] / "datapackage.json"
    return _result(validate_package(path), path=dg.MetadataValue.path(str(path)))


# The targets of the extractor on the annotated texts (precision and recall).
SCORE_TARGET = 0.98


@dg.asset_check(
    asset="figures",
    description="Scores figures against the hand annotations in tests/annotations (documents annotated there only).",
)
def extraction_scores(figures: pd.DataFrame) -> dg.AssetCheckResult:
    folder = settings.annotations_dir()
    if not folder.is_dir():
        return dg.AssetCheckResult(passed=True, metadata={"skipped": f"no annotations at {folder}"})
    gold = load_gold(folder)
    gold = gold[gold["file"].isin(set(figures["document"]))]
    s = score(figures, gold)
    metadata = {
        "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
        "by_class": dg.MetadataValue.json({k: {"precision": round(c.precision, 4), "recall": round(c.recall, 4)} for k, c in s.by_class.items()}),
        "report": dg.MetadataValue.md("```\n" + s.to_text() + "\n```"),
    }
    passed = s.precision >= SCORE_TARGET and s.recall >= SCORE_TARGET
    return dg.AssetCheckResult(passed=passed, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)


ALL_CHECKS = [schema_check(name) for name in schema.tables()] + [
    quotes_match_raw_text, evidence_matches_raw_text, extraction_scores, package_is_valid,
]

"""Dagster asset checks: thin wrappers around ``pipeline.validation``.

Belongs here: one blocking schema check per published table (from ``schemas/``), the provenance
check on ``figures``, the extraction scores and the integrity of the published release.
"""

from typing import Any

import dagster as dg
import pandas as pd

from . import schema, settings
from .evaluate import load_gold, score
from .integrity import check_release, check_stable, release_folders
from .resources import PipelinePaths
from .validation import Outcome, check_evidence, check_provenance, validate_table


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
    description=(
        "Re-hashes every file of the latest published version against its datapackage.json (CSV and "
        "Parquet), and latest/ and versions.json against the version folders. The package passed "
        "its checks before it was moved into place."
    ),
)
def package_is_intact(paths: PipelinePaths) -> dg.AssetCheckResult:
    folders = release_folders(paths.published)
    if not folders:
        return dg.AssetCheckResult(passed=False, metadata={"problems": f"no published version in {paths.published}"})
    release = check_release(folders[-1])
    problems = release.problems + check_stable(paths.published).problems
    return dg.AssetCheckResult(
        passed=not problems,
        metadata={
            "folder": dg.MetadataValue.path(str(folders[-1])),
            "files_checked": release.checked,
            "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none"),
        },
    )


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
    annotated = set(gold["file"])
    read = set(figures["document"])
    gold = gold[gold["file"].isin(read)]
    # Only documents with annotations are scored: another document's figures are not false alarms.
    s = score(figures[figures["document"].isin(annotated)], gold)
    skipped = sorted(read - annotated)
    metadata: dict[str, Any] = {
        "documents_scored": len(read & annotated),
        "documents_skipped": len(skipped),
        "skipped": dg.MetadataValue.md("\n".join(f"- {d} (no annotations)" for d in skipped) or "none"),
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "by_class": dg.MetadataValue.json(
            {k: {"precision": round(c.precision, 4), "recall": round(c.recall, 4)} for k, c in s.by_class.items()}
        ),
        # A few misses and false alarms: the event log keeps every run's metadata.
        "report": dg.MetadataValue.md("```\n" + s.to_text(listed=20) + "\n```"),
    }
    passed = s.precision >= SCORE_TARGET and s.recall >= SCORE_TARGET
    return dg.AssetCheckResult(passed=passed, severity=dg.AssetCheckSeverity.WARN, metadata=metadata)


ALL_CHECKS = [schema_check(name) for name in schema.tables()] + [
    quotes_match_raw_text,
    evidence_matches_raw_text,
    extraction_scores,
    package_is_intact,
]

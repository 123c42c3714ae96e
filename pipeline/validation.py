"""Validation logic behind the asset checks, free of Dagster so it can be tested alone.

Belongs here: pandera validation of a table against ``schemas/`` with its failing rows, the
provenance test of figures against the raw texts, and Frictionless validation of a package.
Not here: Dagster wiring (``pipeline/checks.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas  # noqa: F401 - registers the pandas backend

from . import schema
from .sources import read_text


@dataclass
class Outcome:
    passed: bool
    failures: int
    summary: str
    sample: pd.DataFrame = field(default_factory=pd.DataFrame)


def validate_table(df: pd.DataFrame, table_name: str) -> Outcome:
    """All schema failures of a table (lazy validation), with a sample of the failing rows."""
    conformed = schema.conform(df, table_name)
    try:
        schema.pandera_schema(table_name).validate(conformed, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
        rows = sorted({int(i) for i in cases["index"].dropna()}) if "index" in cases else []
        sample = conformed.loc[rows[:20]] if rows else cases.head(20)
        counts = cases.groupby("check").size().sort_values(ascending=False)
        summary = "; ".join(f"{check}: {n}" for check, n in counts.items())
        return Outcome(False, len(cases), summary, sample)
    return Outcome(True, 0, f"{len(conformed)} rows match schemas/ for {table_name}")


def check_provenance(figures: pd.DataFrame, raw_dir: Path) -> Outcome:
    """Re-open every raw text and test ``text[start:end] == quote`` for every figure."""
    bad = []
    for document, rows in figures.groupby("document", sort=True):
        text = read_text(raw_dir / document).text
        for r in rows.itertuples(index=False):
            if text[r.start:r.end] != r.quote:
                bad.append({"figure_id": r.figure_id, "document": document, "start": r.start, "end": r.end,
                            "quote": r.quote, "text_at_span": text[r.start:r.end]})
    if bad:
        return Outcome(False, len(bad), f"{len(bad)} quotes differ from the raw text at their offsets", pd.DataFrame(bad).head(20))
    return Outcome(True, 0, f"all {len(figures)} quotes equal text[start:end] in {figures['document'].nunique()} documents")


def check_evidence(observations: pd.DataFrame, raw_dir: Path) -> Outcome:
    """Re-open every raw text and test ``text[evidence_start:evidence_end] == evidence`` for every observation."""
    bad = []
    for document, rows in observations.groupby("document", sort=True):
        text = read_text(raw_dir / document).text
        for r in rows.itertuples(index=False):
            if not r.evidence or text[r.evidence_start:r.evidence_end] != r.evidence:
                bad.append({"observation_id": r.observation_id, "document": document, "evidence_start": r.evidence_start,
                            "evidence_end": r.evidence_end, "evidence": r.evidence,
                            "text_at_span": text[r.evidence_start:r.evidence_end]})
    if bad:
        return Outcome(False, len(bad), f"{len(bad)} evidence phrases differ from the raw text at their offsets", pd.DataFrame(bad).head(20))
    return Outcome(True, 0, f"the evidence of all {len(observations)} observations equals text[evidence_start:evidence_end]")


def validate_package(descriptor_path: Path) -> Outcome:
    """Frictionless validation of a written package, as `frictionless validate` would run it."""
    from frictionless import validate

    report = validate(str(descriptor_path))
    if report.valid:
        return Outcome(True, 0, f"{descriptor_path} is a valid data package")
    errors = [
        {"resource": task.name, "type": e.type, "message": e.message}
        for task in report.tasks
        for e in task.errors
    ] + [{"resource": "", "type": e.type, "message": e.message} for e in report.errors]
    return Outcome(False, len(errors), f"{len(errors)} Frictionless errors", pd.DataFrame(errors).head(20))

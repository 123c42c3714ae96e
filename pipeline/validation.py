"""Validation logic behind the asset checks, free of Dagster so it can be tested alone.

Belongs here: pandera validation of a table against ``schemas/`` with its failing rows, the
provenance test of figures against the raw texts, and Frictionless validation of a package.
Not here: Dagster wiring (``pipeline/checks.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.errors
import pandera.pandas
import pyarrow as pa_table
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from . import schema
from .sources import read_text


@dataclass
class Outcome:
    passed: bool
    failures: int
    summary: str
    sample: pd.DataFrame = field(default_factory=pd.DataFrame)


def validate_table(df: pd.DataFrame, table_name: str | schema.Table) -> Outcome:
    """All schema failures of a table (lazy validation), with a sample of the failing rows."""
    conformed = schema.conform(df, table_name)
    try:
        schema.pandera_schema(table_name).validate(conformed, lazy=True)
    except pandera.errors.SchemaErrors as err:
        cases = err.failure_cases
        rows = sorted({int(i) for i in cases["index"].dropna()}) if "index" in cases else []
        # The failing rows with the columns that failed, after the table's key: what to fix, readable.
        table = schema.resolve(table_name)
        failed = [c for c in dict.fromkeys(cases["column"].dropna()) if c in conformed.columns] if "column" in cases else []
        columns = list(dict.fromkeys([*table.primary_key, *failed])) or list(conformed.columns)
        sample = conformed.loc[rows[:20], columns] if rows else cases.head(20)
        counts = cases.groupby("check").size().sort_values(ascending=False)
        summary = "; ".join(f"{check}: {n}" for check, n in counts.items())
        return Outcome(False, len(cases), summary, sample)
    return Outcome(True, 0, f"{len(conformed)} rows match schemas/ for {schema.resolve(table_name).name}")


def check_provenance(figures: pd.DataFrame, raw_dir: Path) -> Outcome:
    """Re-open every raw text and test ``text[start:end] == quote`` for every figure."""
    bad = []
    for document, rows in figures.groupby("document", sort=True):
        text = read_text(raw_dir / document).text
        for r in rows.itertuples(index=False):
            if text[r.start : r.end] != r.quote:
                bad.append(
                    {
                        "figure_id": r.figure_id,
                        "document": document,
                        "start": r.start,
                        "end": r.end,
                        "quote": r.quote,
                        "text_at_span": text[r.start : r.end],
                    }
                )
    if bad:
        return Outcome(False, len(bad), f"{len(bad)} quotes differ from the raw text at their offsets", pd.DataFrame(bad).head(20))
    return Outcome(True, 0, f"all {len(figures)} quotes equal text[start:end] in {figures['document'].nunique()} documents")


def check_evidence(observations: pd.DataFrame, raw_dir: Path) -> Outcome:
    """Re-open every raw text and test ``text[evidence_start:evidence_end] == evidence`` for every observation."""
    bad = []
    for document, rows in observations.groupby("document", sort=True):
        text = read_text(raw_dir / document).text
        for r in rows.itertuples(index=False):
            if not r.evidence or text[r.evidence_start : r.evidence_end] != r.evidence:
                bad.append(
                    {
                        "observation_id": r.observation_id,
                        "document": document,
                        "evidence_start": r.evidence_start,
                        "evidence_end": r.evidence_end,
                        "evidence": r.evidence,
                        "text_at_span": text[r.evidence_start : r.evidence_end],
                    }
                )
    if bad:
        return Outcome(
            False, len(bad), f"{len(bad)} evidence phrases differ from the raw text at their offsets", pd.DataFrame(bad).head(20)
        )
    return Outcome(True, 0, f"the evidence of all {len(observations)} observations equals text[evidence_start:evidence_end]")


# Rows of each resource Frictionless reads during a run: enough to prove it reads every format
# and type as a portal would. The values of every row are checked by pandera before writing and
# by reading the files back below; Frictionless' own pass over every row costs hours at scale.
FRICTIONLESS_SAMPLE_ROWS = 600
# Frictionless reads Parquet through pandas, one dict per row (about 1 ms a row): a short sample
# there; pyarrow has already read every Parquet file back and compared it with its table.
FRICTIONLESS_PARQUET_SAMPLE_ROWS = 60


def _frictionless_errors(report) -> list[dict]:
    return [{"resource": task.name, "type": e.type, "message": e.message} for task in report.tasks for e in task.errors] + [
        {"resource": "", "type": e.type, "message": e.message} for e in report.errors
    ]


def validate_package(descriptor_path: Path) -> Outcome:
    """Frictionless validation of every row of a written package, as `frictionless validate` runs it."""
    from frictionless import validate

    report = validate(str(descriptor_path))
    if report.valid:
        return Outcome(True, 0, f"{descriptor_path} is a valid data package")
    errors = _frictionless_errors(report)
    return Outcome(False, len(errors), f"{len(errors)} Frictionless errors", pd.DataFrame(errors).head(20))


def _read_back(path: Path, fmt: str, table: schema.Table) -> pa_table.Table:
    arrow_schema = schema.arrow_schema(table)
    if fmt == "parquet":
        return pq.read_table(path, schema=arrow_schema)
    options = pa_csv.ConvertOptions(column_types=arrow_schema, strings_can_be_null=True, quoted_strings_can_be_null=True)
    return pa_csv.read_csv(path, convert_options=options).select(arrow_schema.names).cast(arrow_schema)


def foreign_key_errors(frames: dict[str, pd.DataFrame], tables: dict[str, schema.Table]) -> list[dict]:
    """Every foreign key of the tables, checked by a keyed join (``isin`` on an index: linear in rows)."""
    errors = []
    for table in tables.values():
        for fk in table.foreign_keys:
            child = frames[table.name][list(fk["fields"])].dropna()
            parent = frames[fk["reference"]["resource"]][list(fk["reference"]["fields"])]
            if len(fk["fields"]) == 1:
                # pyarrow's hash lookup: pandas' own isin on Arrow strings walks the parent in Python.
                found = pc.is_in(pa_table.array(child.iloc[:, 0]), value_set=pa_table.array(parent.iloc[:, 0])).to_numpy(
                    zero_copy_only=False
                )
            else:
                found = pd.MultiIndex.from_frame(child).isin(pd.MultiIndex.from_frame(parent))
            if not found.all():
                dangling = child[~found]
                errors.append(
                    {
                        "resource": table.name,
                        "type": "foreign-key",
                        "message": f"{len(dangling)} rows whose {', '.join(fk['fields'])} is not in {fk['reference']['resource']}, "
                        f"e.g. {tuple(dangling.iloc[0])}",
                    }
                )
    return errors


def check_written_package(folder: Path, frames: dict[str, pd.DataFrame], tables: dict[str, schema.Table] | None = None) -> Outcome:
    """Linear checks of a package before it is moved into place: the descriptor against the Data
    Package profile; every CSV and Parquet file, read back by pyarrow, equal to its validated
    table; every foreign key by a keyed join; and Frictionless on a sample of every resource.
    ``tables``: the schema of each resource (by name without its Parquet suffix); by default the
    tables of ``schemas/``."""
    from frictionless import FrictionlessException, Package, Resource

    tables = tables or schema.tables()

    errors: list[dict] = []
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    try:
        errors += [{"resource": "datapackage.json", "type": e.type, "message": e.message} for e in Package.metadata_validate(descriptor)]
    except FrictionlessException as err:
        errors.append({"resource": "datapackage.json", "type": "descriptor", "message": str(err)})
    # One table's Arrow copy at a time (its CSV and Parquet resources follow each other): copies
    # of every table at once would double the memory of a large package.
    expected: dict[str, pa_table.Table] = {}
    for resource in descriptor.get("resources", []):
        name = resource["name"].removesuffix("-parquet")
        if name not in expected:
            expected.clear()
            expected[name] = pa_table.Table.from_pandas(
                frames[name], schema=schema.arrow_schema(tables[name]), preserve_index=False
            ).replace_schema_metadata(None)
        try:
            back = _read_back(folder / resource["path"], resource["format"], tables[name])
        except (pa_table.ArrowInvalid, OSError) as err:
            errors.append({"resource": resource["name"], "type": "round-trip", "message": f"{resource['path']} cannot be read back: {err}"})
            continue
        if not back.equals(expected[name]):
            errors.append(
                {
                    "resource": resource["name"],
                    "type": "round-trip",
                    "message": f"{resource['path']} read back differs from the validated table ({back.num_rows} rows, {expected[name].num_rows} expected)",
                }
            )
        sample = {k: v for k, v in resource.items() if k not in ("hash", "bytes")}
        sample["schema"] = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
        limit = FRICTIONLESS_PARQUET_SAMPLE_ROWS if resource["format"] == "parquet" else FRICTIONLESS_SAMPLE_ROWS
        report = Resource(sample, basepath=str(folder)).validate(limit_rows=limit)
        errors += _frictionless_errors(report)
    errors += foreign_key_errors(frames, tables)
    if errors:
        return Outcome(False, len(errors), f"{len(errors)} problems in the written package", pd.DataFrame(errors).head(20))
    return Outcome(True, 0, f"{folder.name}: {len(descriptor['resources'])} resources read back equal to their validated tables; keys hold")

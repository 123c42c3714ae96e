"""What every table asset shows in the Dagster UI: one place for kinds, owners and metadata.

Belongs here: the definition metadata of a table asset (column schema from ``schemas/``, kinds,
owners, group) and its materialisation metadata (row count, a preview of its first rows, the
``dagster/uri`` of the CSV it is published as). Not here: building any table.
"""

from pathlib import Path

import dagster as dg
import pandas as pd

from .. import schema

# Groups are listed by name in the UI; their numbers keep them in pipeline order.
INGEST, EXTRACT, INDICATORS, THEMATIC, PUBLISH = "1_ingest", "2_extract", "3_indicators", "4_thematic", "5_publish"
OWNERS = ["team:open-data"]
TABLE_KINDS = {"pandas", "csv", "parquet"}
PREVIEW_ROWS = 5
PREVIEW_CELL = 60  # characters of a cell shown in the preview


def _definition(name: str) -> dict:
    return {"dagster/column_schema": schema.dagster_column_schema(name)}


def table_out(name: str, group: str, description: str) -> dg.AssetOut:
    return dg.AssetOut(group_name=group, description=description, metadata=_definition(name), kinds=TABLE_KINDS, owners=OWNERS)


def table_asset(name: str, group: str, description: str, **kwargs):
    return dg.asset(
        name=name,
        group_name=group,
        description=description,
        metadata=_definition(name),
        kinds=TABLE_KINDS,
        owners=OWNERS,
        **kwargs,
    )


def preview(df: pd.DataFrame, rows: int = PREVIEW_ROWS) -> dg.MetadataValue:
    """The first rows as a Markdown table, long cells cut, so the UI shows what the table holds."""
    if df.empty:
        return dg.MetadataValue.md("_no rows_")

    def cut(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
        return text if len(text) <= PREVIEW_CELL else text[: PREVIEW_CELL - 1] + "…"

    head = df.head(rows).astype(object).map(cut)
    return dg.MetadataValue.md(head.to_markdown(index=False))


def table_metadata(name: str, df: pd.DataFrame, published: Path | None = None, **extra) -> dict:
    """Row count, preview and, when the published folder is known, where the table is published."""
    meta: dict = {"dagster/row_count": len(df), "preview": preview(df)}
    if published is not None:
        meta["dagster/uri"] = (Path(published).resolve() / "latest" / "data" / f"{name}.csv").as_uri()
    return {**meta, **extra}

"""Tables for people, derived at publish time from the validated tidy tables.

Belongs here:
- the **readable** tables: every table of observations (keyed on ``observation_id``) again, with
  the indicator's name first, the quote, the source's title and address in the row, and the ids
  last; published as ``readable/<table>.csv``;
- the **chart-ready** wide tables of ``schemas/charts.yaml``: a row per period, a column per
  series; published as ``charts/<name>.csv`` and drawn on the landing page;
- for the page, which figures stand behind each cell of a wide table (its provenance).
Both are built from the tables a run has already validated, so they add no fact of their own;
their schemas come from ``schemas/`` like every other table's. Not here: writing files
(``pipeline.publish``), drawing (``charts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import schema
from .config import Chart, charts, release_of

READABLE_FOLDER = "readable"
CHARTS_FOLDER = "charts"
READABLE_SUFFIX = "-readable"
# Ids move to the end of a readable row; the value, its unit and qualifier follow the breakdowns.
_IDS = ("indicator_id", "observation_id", "figure_id", "rule_id")
_VALUE = ("value", "unit", "qualifier")
# What a readable row takes from the other tables: the figure's quote and span, the text's title and url.
_FROM_FIGURES = ("quote", "start", "end")
_FROM_DOCUMENTS = ("title", "url")
_RANGES = {"range_low", "range_high"}


@dataclass
class View:
    """A derived table: its schema (``table``), its rows, and where it is published."""

    table: schema.Table
    frame: pd.DataFrame
    path: str
    kind: str  # "readable" or "chart"
    source: str  # the tidy table it is derived from
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (period, column) -> figure ids
    chart: Chart | None = None


def observation_tables() -> list[str]:
    """Tables of observations: keyed on observation_id, with an indicator, a value and a figure."""
    needed = {"indicator_id", "value", "figure_id", "document"}
    return [name for name, t in schema.tables().items() if t.primary_key == ("observation_id",) and needed <= set(t.field_names)]


def readable_table(name: str) -> schema.Table:
    base = schema.tables()[name]
    declared = schema.fields()
    middle = [f for f in base.field_names if f not in _IDS and f not in _VALUE and f != "document"]
    ids = [f for f in _IDS if f in base.field_names]
    names = ["indicator_name", *middle, *_VALUE, *_FROM_FIGURES[:1], *_FROM_DOCUMENTS, "document", *_FROM_FIGURES[1:], *ids]
    return schema.Table(
        name=name + READABLE_SUFFIX,
        title=f"{base.title} (readable)",
        description=(
            f"{base.description} The same rows as `{name}`, for reading: the indicator's name first, "
            "the quote and the source's title and address in every row, sorted by indicator and period, ids last."
        ),
        fields=tuple(declared[f] for f in names),
        primary_key=base.primary_key,
        foreign_keys=(),
    )


def _readable(name: str, tables: dict[str, pd.DataFrame]) -> View:
    table = readable_table(name)
    names = tables["indicators"][["indicator_id", "name"]].rename(columns={"name": "indicator_name"})
    figures = tables["figures"][["figure_id", *_FROM_FIGURES]]
    documents = tables["documents"][["document", *_FROM_DOCUMENTS]]
    # The right-hand keys are the primary keys of their tables (unique: pandera checked them), so
    # each row gains one match at most; pandas' own many-to-one check would only repeat that.
    df = (
        tables[name]
        .merge(names, on="indicator_id", how="left")
        .merge(figures, on="figure_id", how="left")
        .merge(documents, on="document", how="left")
    )
    df = sort_rows(df, release_of(schema.tables()[name]).order_by)
    return View(table, schema.conform(df, table), f"{READABLE_FOLDER}/{name}.csv", "readable", name)


def chart_table(chart: Chart) -> schema.Table:
    declared = schema.fields()
    series = []
    for s in chart.series:
        where = "; ".join(f"{k} {'empty' if v is None else '= ' + v}" for k, v in s.where)
        description = f"{s.label}: indicator {s.indicator} in {s.unit}" + (f", where {where}" if where else "") + "."
        series.append(schema.Field(name=s.column, type="number", description=description, unit=s.unit, constraints={}))
    return schema.Table(
        name=chart.name,
        title=chart.title,
        description=f"{chart.description} Chart-ready: one row per period, one column per series.",
        fields=(declared["period"], declared["year"], *series, declared["notes"]),
        primary_key=("period",),
        foreign_keys=(),
    )


def _matches(obs: pd.DataFrame, series) -> pd.Series:
    def text(column: str) -> pd.Series:
        return obs[column].astype(object).fillna("")

    keep = (text("indicator_id") == series.indicator) & (text("unit") == series.unit) & (text("period") != "")
    for column, wanted in series.where:
        keep &= text(column) == ("" if wanted is None else wanted)
    return keep


def _wide(chart: Chart, tables: dict[str, pd.DataFrame]) -> View:
    obs = tables["observations"]
    cells: dict[tuple[str, str], list[str]] = {}
    values: dict[str, dict[str, float]] = {}
    notes: dict[str, list[str]] = {}
    for s in chart.series:
        rows = obs[_matches(obs, s)]
        for period, group in rows.groupby("period", sort=True):
            if set(group["qualifier"]) & _RANGES:
                notes.setdefault(period, []).append(f"{s.column}: the texts give a range")
                continue
            distinct = sorted(set(group["value"]))
            if len(distinct) > 1:
                shown = ", ".join(format_number(v) for v in distinct)
                notes.setdefault(period, []).append(f"{s.column}: the texts disagree ({shown}), left empty")
                continue
            values.setdefault(period, {})[s.column] = distinct[0]
            cells[(period, s.column)] = list(dict.fromkeys(group["figure_id"]))
            qualifiers = sorted(set(group["qualifier"]) - {"exact"})
            if qualifiers:
                notes.setdefault(period, []).append(f"{s.column}: {' or '.join(qualifiers)}")
    periods = sorted(set(values) | set(notes))
    rows = [{"period": p, "year": int(p[:4]), **values.get(p, {}), "notes": "; ".join(notes.get(p, [])) or None} for p in periods]
    table = chart_table(chart)
    df = pd.DataFrame(rows, columns=table.field_names)
    return View(table, schema.conform(df, table), f"{CHARTS_FOLDER}/{chart.name}.csv", "chart", "observations", cells, chart)


def sort_rows(df: pd.DataFrame, order_by: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Rows sorted by the given fields, missing values last, ties in their built order."""
    if not len(df) or not order_by:
        return df.reset_index(drop=True)
    return df.sort_values(list(order_by), kind="stable", na_position="last").reset_index(drop=True)


def build_views(tables: dict[str, pd.DataFrame]) -> list[View]:
    """Every readable table and every chart-ready table, in publishing order."""
    views = [_readable(name, tables) for name in observation_tables()]
    views += [_wide(chart, tables) for chart in charts().values()]
    return views


def format_number(value: float) -> str:
    """A number as people write it in a CSV: integers without a decimal point, others shortest."""
    if value != value:  # NaN
        return ""
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))

"""Thematic tables cut from ``observations``, the indicator catalog, and the ODA project list.

Belongs here: selecting each topic's observations with that topic's breakdown columns (declared
in ``schemas/tables.yaml``), the timeline of dated events and the ODA projects named in lists.
Not here: deciding what a figure measures (``mapping.py``) or checking sums (``consistency.py``).
"""

from __future__ import annotations

import re

import pandas as pd

from .. import schema
from .resources import load_catalog

# Thematic tables holding observations of one topic; their columns come from schemas/tables.yaml.
TOPIC_TABLES = {
    "residents": "residents",
    "visitors": "visitors",
    "oda": "oda",
    "trade": "trade",
    "investment": "investment",
    "people": "people",
    "energy": "energy",
}
# "1. New international airport construction project (2009-2021)": a project and its years.
_PROJECT_LINE = re.compile(r"^\s*(?:\d+[.)]\s*)?(?P<name>[^()]{4,}?)\s*\(\s*\d{4}\s*[-–—]\s*\d{2,4}\s*\)\s*\.?\s*$")
_PROJECT_TYPES = [
    ("non_project_grant", re.compile(r"non-project", re.I)),
    ("technical_cooperation", re.compile(r"technical cooperation", re.I)),
    ("loan", re.compile(r"\bloans?\b|credit line", re.I)),
    ("grant", re.compile(r"\bgrants?\b|grant aid", re.I)),
]


def catalog() -> dict[str, dict]:
    """The catalog of schemas/indicators.yaml, validated, as plain dicts."""
    return {k: v.model_dump() for k, v in load_catalog().items()}


def indicators_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": k,
                "name": v.name,
                "description": " ".join(v.description.split()),
                "unit": v.unit,
                "kind": v.kind,
                "topic": v.topic,
            }
            for k, v in load_catalog().items()
        ],
        columns=schema.tables()["indicators"].field_names,
    )


def topic_table(observations: pd.DataFrame, topic: str) -> pd.DataFrame:
    ids = [k for k, v in load_catalog().items() if v.topic == topic]
    table = TOPIC_TABLES[topic]
    rows = observations[observations["indicator_id"].isin(ids)]
    return rows[schema.tables()[table].field_names].reset_index(drop=True)


def timeline_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Every dated observation (an event, or a project's first or last year), in date order."""
    dated = [k for k, v in load_catalog().items() if v.kind == "date"]
    events = observations[observations["indicator_id"].isin(dated)].copy()
    events["event_date"] = events["period"]
    events["date_precision"] = events["period"].str.len().map({4: "year", 7: "month", 10: "day"})
    events = events.sort_values(["event_date", "document", "figure_id"], kind="stable")
    return events[schema.tables()["timeline"].field_names].reset_index(drop=True)


def _type_from_context(text: str, before: int) -> str:
    """Type named by the last sentence before a project list that names one ("with concessional loans")."""
    window = text[max(0, before - 600) : before]
    found = [(m.start(), name) for name, p in _PROJECT_TYPES for m in p.finditer(window)]
    return max(found)[1] if found else ""


def oda_projects_table(observations: pd.DataFrame, figures: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Projects written as list items with their years: name, type, start and end year.

    One pass over the observations: each project line's first and last year are joined by a key
    (document, line), never by filtering all rows per row.
    """
    periods = observations[observations["indicator_id"] == "project_period"]
    ends = {(r.document, r.event): int(r.value) for r in periods.itertuples(index=False) if r.qualifier == "range_high"}
    starts = dict(zip(figures["figure_id"], figures["start"], strict=True))
    rows = []
    for r in periods.itertuples(index=False):
        if r.qualifier != "range_low":
            continue
        m = _PROJECT_LINE.match(r.event)
        if not m:
            continue
        name = m.group("name").strip()
        project_type = next((t for t, p in _PROJECT_TYPES if p.search(name)), "")
        basis = "name" if project_type else "context"
        if not project_type:
            project_type = _type_from_context(texts[r.document], int(starts[r.figure_id]))
        rows.append(
            {
                "project_name": name,
                "project_type": project_type,
                "project_type_basis": basis if project_type else "",
                "start_year": int(r.value),
                "end_year": ends.get((r.document, r.event)),
                "amount": None,
                "amount_unit": None,
                "figure_id": r.figure_id,
                "document": r.document,
            }
        )
    columns = schema.tables()["oda_projects"].field_names
    df = pd.DataFrame(rows, columns=columns)
    df["end_year"] = df["end_year"].astype("Int64")
    return df

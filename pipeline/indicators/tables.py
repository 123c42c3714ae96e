"""Thematic tables cut from ``observations``, the indicator catalog, and the ODA project list.

Belongs here: selecting each topic's observations with that topic's breakdown columns (declared
in ``schemas/tables.yaml``), the timeline of dated events and the ODA projects named in lists.
Not here: deciding what a figure measures (``mapping.py``) or checking sums (``consistency.py``).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import yaml

from .. import schema

CATALOG_FILE = schema.SCHEMAS_DIR / "indicators.yaml"

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


@cache
def catalog() -> dict[str, dict]:
    with open(CATALOG_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def indicators_table() -> pd.DataFrame:
    return pd.DataFrame(
        [{"indicator_id": k, "name": v["name"], "description": " ".join(v["description"].split()),
          "unit": v["unit"], "topic": v["topic"]} for k, v in catalog().items()]
    )


def topic_table(observations: pd.DataFrame, topic: str) -> pd.DataFrame:
    ids = [k for k, v in catalog().items() if v["topic"] == topic]
    table = TOPIC_TABLES[topic]
    rows = observations[observations["indicator_id"].isin(ids)]
    return rows[schema.tables()[table].field_names].reset_index(drop=True)


def timeline_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Every dated observation (an event, or a project's first or last year), in date order."""
    dated = [k for k, v in catalog().items() if v["unit"] in ("date", "year")]
    events = observations[observations["indicator_id"].isin(dated)].copy()
    events["event_date"] = events["period"]
    events["date_precision"] = events["period"].str.len().map({4: "year", 7: "month", 10: "day"})
    events = events.sort_values(["event_date", "document", "figure_id"], kind="stable")
    return events[schema.tables()["timeline"].field_names].reset_index(drop=True)


def _type_from_context(text: str, before: int) -> str:
    """Type named by the last sentence before a project list that names one ("with concessional loans")."""
    window = text[max(0, before - 600):before]
    found = [(m.start(), name) for name, p in _PROJECT_TYPES for m in p.finditer(window)]
    return max(found)[1] if found else ""


def oda_projects_table(observations: pd.DataFrame, figures: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Projects written as list items with their years: name, type, start and end year."""
    ranges = observations[observations["event"].astype(bool) & (observations["qualifier"] == "range_low")]
    starts = figures.set_index("figure_id")
    rows = []
    for r in ranges.itertuples(index=False):
        line = r.event
        m = _PROJECT_LINE.match(line)
        if not m:
            continue
        name = m.group("name").strip()
        end = observations[(observations["figure_id"] != r.figure_id) & (observations["document"] == r.document)
                           & (observations["qualifier"] == "range_high") & (observations["event"] == line)]
        project_type = next((t for t, p in _PROJECT_TYPES if p.search(name)), "")
        basis = "name" if project_type else "context"
        if not project_type:
            project_type = _type_from_context(texts[r.document], int(starts.loc[r.figure_id, "start"]))
        rows.append({
            "project_name": name, "project_type": project_type, "project_type_basis": basis if project_type else "",
            "start_year": int(r.value), "end_year": int(end["value"].iloc[0]) if len(end) else None,
            "amount": None, "amount_unit": None, "figure_id": r.figure_id, "document": r.document,
        })
    columns = schema.tables()["oda_projects"].field_names
    df = pd.DataFrame(rows, columns=columns)
    df["end_year"] = df["end_year"].astype("Int64")
    return df

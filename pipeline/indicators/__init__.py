"""Indicators: figures mapped on bound evidence to Mongolia–Japan observations and thematic tables.

Pure Python, no Dagster: ``build_indicator_tables`` gives every table of the stage from the
figures, the texts and the documents table (whose optional ``date`` column dates each document).
"""

from __future__ import annotations

import pandas as pd

from .consistency import consistency_table
from .mapping import conflicts_table, map_figures
from .tables import TOPIC_TABLES, indicators_table, oda_projects_table, timeline_table, topic_table


def build_indicator_tables(figures: pd.DataFrame, texts: dict[str, str], documents=None) -> dict[str, pd.DataFrame]:
    """Every table of this stage. ``documents``: the documents table or a {document: ISO date}
    mapping; a missing ``date`` column means no document is dated."""
    observations, unmapped = map_figures(figures, texts, documents)
    return {"observations": observations, "unmapped": unmapped, **derived_tables(observations, figures, texts)}


def derived_tables(observations: pd.DataFrame, figures: pd.DataFrame, texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The tables cut from observations (and the catalog); ``texts`` of the documents whose
    project lists need their context (every text will do)."""
    tables = {
        "indicators": indicators_table(),
        "conflicts": conflicts_table(observations),
        "consistency": consistency_table(observations),
        "timeline": timeline_table(observations),
        "oda_projects": oda_projects_table(observations, figures, texts),
    }
    tables.update({table: topic_table(observations, topic) for topic, table in TOPIC_TABLES.items()})
    return tables


__all__ = ["build_indicator_tables", "derived_tables", "map_figures"]

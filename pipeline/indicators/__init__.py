"""Indicators: figures mapped by declarative rules to tidy observations and thematic tables."""

from __future__ import annotations

import pandas as pd

from .consistency import consistency_table
from .mapping import conflicts_table, observations_table
from .tables import TOPIC_TABLES, indicators_table, oda_projects_table, timeline_table, topic_table


def build_indicator_tables(figures: pd.DataFrame, texts: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Every table of this stage from the figures and the texts they were read from."""
    observations = observations_table(figures, texts)
    tables = {
        "indicators": indicators_table(),
        "observations": observations,
        "conflicts": conflicts_table(observations),
        "consistency": consistency_table(observations),
        "timeline": timeline_table(observations),
        "oda_projects": oda_projects_table(observations, figures, texts),
    }
    tables.update({table: topic_table(observations, topic) for topic, table in TOPIC_TABLES.items()})
    return tables


__all__ = ["build_indicator_tables"]

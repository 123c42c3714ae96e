"""The ``figures`` table: every figure of every document, as rows.

Belongs here: running the extractor over documents and shaping its records into the table.
Not here: how figures are found (``pipeline.extract``), validation (``schemas/`` and checks).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .extract import extract_figures, figure_ids

COLUMNS = ["figure_id", "document", "start", "end", "quote", "value", "unit", "qualifier", "period", "kind", "sentence", "flags", "dimension", "currency_assumed"]


def figure_rows(document: str, text: str) -> list[dict]:
    figures = extract_figures(text, document)
    return [
        {
            "figure_id": fid,
            "document": f.document,
            "start": f.start,
            "end": f.end,
            "quote": f.quote,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "period": f.period,
            "kind": f.kind,
            "sentence": f.sentence,
            "flags": ";".join(f.flags),
            "dimension": f.dimension,
            "currency_assumed": f.currency_assumed,
        }
        for fid, f in zip(figure_ids(figures), figures)
    ]


def figures_table(documents: Iterable[tuple[str, str]]) -> pd.DataFrame:
    rows = []
    for document, text in documents:
        rows.extend(figure_rows(document, text))
    return pd.DataFrame(rows, columns=COLUMNS)

"""The ``figures`` table: every figure of every document, as rows.

Belongs here: running the extractor over documents and shaping its records into the table.
Not here: how figures are found (``pipeline.extract``), validation (``schemas/`` and checks).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .extract import DocumentHints, extract_figures, figure_ids

COLUMNS = [
    "figure_id",
    "document",
    "start",
    "end",
    "quote",
    "value",
    "unit",
    "qualifier",
    "period",
    "kind",
    "sentence",
    "flags",
    "dimension",
    "currency_assumed",
]


def document_hints(publisher: str = "", country: str = "", date: str = "") -> DocumentHints:
    """What the manifest says about a text that decides how its figures are read (currency of a
    bare "$"); empty values are fine: the extractor then reads "$" as USD, flagged assumed."""

    def text(value) -> str:
        return value if isinstance(value, str) else ""  # a missing manifest cell may be NaN

    return DocumentHints(country=text(country), publisher=text(publisher), date=text(date))


def corpus_hints(documents: pd.DataFrame) -> dict[str, DocumentHints]:
    """The hints of every document of a `documents` table (its manifest columns)."""
    publishers = documents["publisher"] if "publisher" in documents else [""] * len(documents)
    countries = documents["country"] if "country" in documents else [""] * len(documents)
    dates = documents["date"] if "date" in documents else [""] * len(documents)
    return {d: document_hints(p, c, dt) for d, p, c, dt in zip(documents["document"], publishers, countries, dates, strict=True)}


def figure_rows(document: str, text: str, hints: DocumentHints | None = None) -> list[dict]:
    figures = extract_figures(text, document, hints)
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
        for fid, f in zip(figure_ids(figures), figures, strict=True)
    ]


def figures_table(documents: Iterable[tuple[str, str]], hints: dict[str, DocumentHints] | None = None) -> pd.DataFrame:
    rows = []
    for document, text in documents:
        rows.extend(figure_rows(document, text, (hints or {}).get(document)))
    return pd.DataFrame(rows, columns=COLUMNS)

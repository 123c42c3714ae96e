"""Every published table built from a raw folder in plain Python, without Dagster.

Belongs here: the same stage functions the assets call, chained in order, for tests, benchmarks
and anyone who wants the tables in a notebook. Not here: logic of any stage.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .document_results import DocumentStore, compute_all, corpus_tables, inputs_of
from .indicators import derived_tables
from .sources import load_corpus, read_text


def build_tables(raw_dir: Path, store: DocumentStore | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a raw folder, as the `everything` job builds them (without a store, every
    document is read and mapped)."""
    corpus = load_corpus(raw_dir)
    docs = inputs_of(corpus.documents, raw_dir)
    results, _ = compute_all(docs, store)
    tables = corpus_tables(docs, results)
    observations = tables["observations"]
    wanted = set(observations.loc[observations["indicator_id"] == "project_period", "document"])
    texts = {d: read_text(raw_dir / d).text for d in wanted}
    return {
        "documents": corpus.documents,
        "problems": corpus.problems,
        **tables,
        **derived_tables(observations, tables["figures"], texts),
    }

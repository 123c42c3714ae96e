"""Every published table built from a raw folder in plain Python, without Dagster.

Belongs here: the same stage functions the assets call, chained in order, for tests, benchmarks
and anyone who wants the tables in a notebook. Not here: logic of any stage.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .figures import corpus_hints, figures_table
from .indicators import build_indicator_tables
from .sources import load_corpus, read_text


def build_tables(raw_dir: Path) -> dict[str, pd.DataFrame]:
    corpus = load_corpus(raw_dir)
    texts = {d: read_text(raw_dir / d).text for d in corpus.documents["document"]}
    figures = figures_table(texts.items(), corpus_hints(corpus.documents))
    return {
        "documents": corpus.documents,
        "problems": corpus.problems,
        "figures": figures,
        **build_indicator_tables(figures, texts, corpus.documents),
    }

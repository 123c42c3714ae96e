"""One document's figures, observations and unmapped figures: computed once per content and code.

Belongs here: the unit of incremental work. A document's results depend only on its text, the
manifest values that steer reading it (publisher and country decide a bare "$", the date resolves
"this year") and the code of the extractor and the rules; ``work_key`` hashes exactly these, and
``DocumentStore`` keeps each result under its key, so an unchanged document is never read again
and a change of rules (a new code version) re-runs every document. ``compute_all`` finds what is
missing and computes it in a pool of processes, one per core: forked once per run, the workers
share the loaded rules, where one Dagster step per document would pay seconds of process start-up
each. ``corpus_tables`` puts the results together as the ``figures``, ``observations`` and
``unmapped`` tables, in the order the whole-corpus functions gave them.
Not here: how figures are found (``pipeline.extract``) or mapped (``pipeline.indicators``), and
Dagster (the assets call this module).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pandas as pd

from .errors import InputError
from .figures import COLUMNS, document_hints, figure_rows
from .indicators.mapping import Mapper, document_observations, observation_columns, unmapped_columns
from .release.codeversion import document_code_version
from .sources import read_text

# Below this many documents to compute, or this much text, forking a pool costs more than it saves.
POOL_MIN_DOCUMENTS = 8
POOL_MIN_CHARACTERS = 200_000
# A text this long is read with progress lines in the log (in the run's own process).
LONG_TEXT_CHARACTERS = 5_000_000


@dataclass(frozen=True)
class DocumentInput:
    """What decides one document's results, besides the code: its file and manifest values."""

    document: str
    sha256: str
    path: str
    publisher: str = ""
    country: str = ""
    date: str = ""
    characters: int = 0

    def key(self, code_version: str) -> str:
        parts = [code_version, self.document, self.sha256, self.publisher, self.country, self.date]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


_MISSING = float("nan")  # a key a row lacks, as pandas fills it in a frame built from rows


def _columns(rows: list[dict], names: list[str]) -> dict[str, list]:
    return {name: [r.get(name, _MISSING) for r in rows] for name in names}


@dataclass
class DocumentResult:
    """One document's rows of `figures`, `observations` and `unmapped`, column by column: a list
    per column holds a corpus of millions of figures in a fraction of the memory of a dict per row."""

    figures: dict[str, list]
    observations: dict[str, list]
    unmapped: dict[str, list]

    @classmethod
    def of(cls, figures: list[dict], observations: list[dict], unmapped: list[dict]) -> DocumentResult:
        return cls(_columns(figures, COLUMNS), _columns(observations, observation_columns()), _columns(unmapped, unmapped_columns()))

    def count(self, table: str) -> int:
        columns: dict[str, list] = getattr(self, table)
        return len(next(iter(columns.values()), []))


@dataclass
class WorkStats:
    documents: int = 0
    computed: list[str] = field(default_factory=list)  # documents read and mapped in this run
    stored: int = 0  # documents whose results came from the store
    workers: int = 1
    seconds: float = 0.0


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""  # a missing manifest cell may be NaN


def inputs_of(documents: pd.DataFrame, raw_dir: Path) -> list[DocumentInput]:
    """The work of every row of a `documents` table, in its order."""
    cols = {c: documents[c] if c in documents else [""] * len(documents) for c in ("publisher", "country", "date")}
    return [
        DocumentInput(d, sha, str(raw_dir / d), _text(p), _text(c), _text(dt), int(n))
        for d, sha, n, p, c, dt in zip(
            documents["document"],
            documents["file_sha256"],
            documents["characters"],
            cols["publisher"],
            cols["country"],
            cols["date"],
            strict=True,
        )
    ]


def compute(doc: DocumentInput, text: str, mapper: Mapper | None = None, progress: Callable[[str], None] | None = None) -> DocumentResult:
    """Figures of one text and their mapping: the pure function the store keeps results of.
    ``progress`` hears about a long text while it is read (a line every ten seconds or so)."""
    long = progress is not None and len(text) >= LONG_TEXT_CHARACTERS
    if long and progress:
        progress(f"{doc.document}: {len(text) / 1e6:.0f} million characters; finding its figures")
    figures = figure_rows(doc.document, text, document_hints(doc.publisher, doc.country, doc.date))
    if long and progress:
        progress(f"{doc.document}: {len(figures):,} figures; mapping them")
    observations, unmapped = document_observations(doc.document, text, figures, doc.date, mapper, progress if long else None)
    return DocumentResult.of(figures, observations, unmapped)


class DocumentStore:
    """Results by work key, one pickle per document, under a folder per code version.

    Entries are written to a temporary name and renamed, so a reader never sees half a file and
    two runs may write the same key at once. Folders of other code versions are removed when a
    store is opened: their results can never be asked for again.
    """

    def __init__(self, root: Path, code_version: str | None = None):
        self.code_version = code_version or document_code_version()
        self.root = Path(root)
        self.folder = self.root / self.code_version[:16]
        self.folder.mkdir(parents=True, exist_ok=True)
        for other in self.root.iterdir():
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, doc: DocumentInput) -> DocumentResult | None:
        try:
            with open(self._path(doc.key(self.code_version)), "rb") as fh:
                result = pickle.load(fh)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return None
        return result if isinstance(result, DocumentResult) else None

    def put(self, doc: DocumentInput, result: DocumentResult) -> None:
        path = self._path(doc.key(self.code_version))
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


class TextChanged(InputError):
    """A text changed between reading the folder and computing its results."""


_WORKER_MAPPER: Mapper | None = None
_PROGRESS: Callable[[str], None] | None = None  # set for a run in this process only


def _work(doc: DocumentInput) -> tuple[str, DocumentResult]:
    raw = read_text(Path(doc.path))
    if raw.sha256 != doc.sha256:
        raise TextChanged(f"{doc.document}: changed since the raw folder was read; run again")
    return doc.document, compute(doc, raw.text, _WORKER_MAPPER, _PROGRESS)


def workers_wanted() -> int:
    """Processes for the pool: ``PIPELINE_WORKERS``, else one per core this process may use."""
    configured = os.environ.get("PIPELINE_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def compute_all(
    docs: list[DocumentInput],
    store: DocumentStore | None,
    *,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    progress_seconds: float = 10.0,
) -> tuple[dict[str, DocumentResult], WorkStats]:
    """Results of every document: from the store where it has them, else computed (and stored);
    without a store, every document is computed."""
    global _WORKER_MAPPER, _PROGRESS
    started = time.perf_counter()
    results: dict[str, DocumentResult] = {}
    missing: list[DocumentInput] = []
    for doc in docs:
        found = store.get(doc) if store is not None else None
        if found is None:
            missing.append(doc)
        else:
            results[doc.document] = found
    stats = WorkStats(documents=len(docs), stored=len(results))
    if missing:
        _WORKER_MAPPER = Mapper()  # loaded once; forked workers inherit it
        size = sum(d.characters for d in missing)
        wanted = workers or workers_wanted()
        use_pool = wanted > 1 and len(missing) >= POOL_MIN_DOCUMENTS and size >= POOL_MIN_CHARACTERS
        stats.workers = min(wanted, len(missing)) if use_pool else 1
        _PROGRESS = progress if stats.workers == 1 else None  # workers of a pool cannot reach the log
        last = time.perf_counter()
        for i, (document, result) in enumerate(_run(missing, stats.workers), start=1):
            results[document] = result
            stats.computed.append(document)
            if progress and time.perf_counter() - last > progress_seconds and i < len(missing):
                last = time.perf_counter()
                progress(f"{i}/{len(missing)} documents read and mapped ({stats.workers} processes)")
        if store is not None:
            for doc in missing:
                store.put(doc, results[doc.document])
    stats.seconds = time.perf_counter() - started
    return results, stats


def _run(missing: list[DocumentInput], workers: int) -> Iterable[tuple[str, DocumentResult]]:
    if workers <= 1:
        return map(_work, missing)
    # fork: the children start with the rules and the extractor's tables already loaded.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    chunk = max(1, min(64, len(missing) // (workers * 8)))

    def results() -> Iterable[tuple[str, DocumentResult]]:
        with pool:
            yield from pool.map(_work, missing, chunksize=chunk)

    return results()


def corpus_tables(docs: list[DocumentInput], results: dict[str, DocumentResult]) -> dict[str, pd.DataFrame]:
    """`figures` in the order of the documents table; `observations` and `unmapped` by document."""
    in_order = [results[doc.document] for doc in docs]
    by_name = [results[d] for d in sorted(doc.document for doc in docs)]

    def frame(parts: list[DocumentResult], table: str, names: list[str]) -> pd.DataFrame:
        if not any(r.count(table) for r in parts):
            return pd.DataFrame(columns=names)
        return pd.DataFrame({n: list(chain.from_iterable(getattr(r, table)[n] for r in parts)) for n in names}, columns=names)

    return {
        "figures": frame(in_order, "figures", COLUMNS),
        "observations": frame(by_name, "observations", observation_columns()),
        "unmapped": frame(by_name, "unmapped", unmapped_columns()),
    }

"""Stage ``ingest``: the raw texts as the ``documents`` table, the files left out as ``problems``.

It also keeps the `documents` partitions of ``document_facts`` in step with the folder, so every
run, from the UI or ``make run``, does what the ``raw_folder`` sensor does with the daemon.
"""

import time

import dagster as dg

from ..resources import PipelinePaths
from ..sources import InputError, load_corpus
from .extraction import sync_partitions
from .metadata import INGEST, table_metadata, table_out


@dg.multi_asset(
    outs={
        "documents": table_out(
            "documents", INGEST, "One row per raw text read: file, sha256, length, encoding and the manifest's metadata."
        ),
        "problems": table_out(
            "problems", INGEST, "One row per file of the raw folder left out, with the reason (undecodable, binary, duplicate ...)."
        ),
    },
)
def ingest(context: dg.AssetExecutionContext, paths: PipelinePaths):
    started = time.perf_counter()
    try:
        corpus = load_corpus(paths.raw)
    except InputError as err:
        raise dg.Failure(description=str(err)) from None
    for warning in corpus.warnings:
        context.log.warning(warning)
    for message in corpus.messages:
        context.log.warning(f"left out: {message}")
    added, removed = sync_partitions(context.instance, paths.raw)
    if added or removed:
        context.log.info(f"document partitions: {len(added)} added, {len(removed)} removed")
    seconds = round(time.perf_counter() - started, 3)
    context.log.info(f"ingest: {len(corpus.documents)} documents read, {len(corpus.problems)} left out from {paths.raw}")
    yield dg.Output(
        corpus.documents,
        "documents",
        metadata=table_metadata("documents", corpus.documents, paths.published, raw_dir=str(paths.raw), seconds=seconds),
    )
    yield dg.Output(
        corpus.problems,
        "problems",
        metadata=table_metadata(
            "problems",
            corpus.problems,
            paths.published,
            left_out=dg.MetadataValue.md("\n".join(f"- {m}" for m in corpus.messages) or "none"),
        ),
    )

"""Stage ``ingest``: the raw texts as the ``documents`` table, the files left out as ``problems``."""

import dagster as dg

from .. import schema
from ..resources import PipelinePaths
from ..sources import InputError, load_corpus


@dg.multi_asset(
    group_name="ingest",
    outs={
        "documents": dg.AssetOut(
            description="One row per raw text read: file, sha256, length, encoding and the manifest's metadata.",
            metadata={"dagster/column_schema": schema.dagster_column_schema("documents")},
        ),
        "problems": dg.AssetOut(
            description="One row per file of the raw folder left out, with the reason (undecodable, binary, duplicate ...).",
            metadata={"dagster/column_schema": schema.dagster_column_schema("problems")},
        ),
    },
)
def ingest(context: dg.AssetExecutionContext, paths: PipelinePaths):
    try:
        corpus = load_corpus(paths.raw)
    except InputError as err:
        raise dg.Failure(description=str(err)) from None
    for warning in corpus.warnings:
        context.log.warning(warning)
    for message in corpus.messages:
        context.log.warning(f"left out: {message}")
    context.log.info(f"ingest: {len(corpus.documents)} documents read, {len(corpus.problems)} left out from {paths.raw}")
    yield dg.Output(corpus.documents, "documents", metadata={"dagster/row_count": len(corpus.documents), "raw_dir": str(paths.raw)})
    yield dg.Output(
        corpus.problems,
        "problems",
        metadata={
            "dagster/row_count": len(corpus.problems),
            "left_out": dg.MetadataValue.md("\n".join(f"- {m}" for m in corpus.messages) or "none"),
        },
    )

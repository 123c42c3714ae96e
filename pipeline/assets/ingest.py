"""Stage ``ingest``: the raw texts as the ``documents`` table."""


import dagster as dg
import pandas as pd

from .. import schema
from ..resources import PipelinePaths
from ..sources import InputError, load_corpus


@dg.asset(
    group_name="ingest",
    description="One row per raw text in raw/: file, sha256, length and the manifest's metadata.",
    metadata={"dagster/column_schema": schema.dagster_column_schema("documents")},
)
def documents(context: dg.AssetExecutionContext, paths: PipelinePaths) -> pd.DataFrame:
    try:
        corpus = load_corpus(paths.raw)
    except InputError as err:
        raise dg.Failure(description=str(err)) from None
    for warning in corpus.warnings:
        context.log.warning(warning)
    for problem in corpus.problems:
        context.log.error(f"left out: {problem}")
    context.add_output_metadata(
        {
            "dagster/row_count": len(corpus.documents),
            "raw_dir": str(paths.raw),
            "left_out": dg.MetadataValue.md("\n".join(f"- {p}" for p in corpus.problems) or "none"),
        }
    )
    return corpus.documents

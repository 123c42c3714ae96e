"""Stage ``publish``: every declared table written as ``published/<version>/``."""


import dagster as dg
import pandas as pd

from .. import schema
from ..publish import PublishError, publish
from ..resources import PipelinePaths

# Every table declared in schemas/tables.yaml is an asset of the same name and is published.
TABLE_INS = {name: dg.AssetIn(key=name) for name in schema.tables()}


def package_sources(documents: pd.DataFrame) -> list[dict]:
    return [
        {k: v for k, v in {"title": d.title or d.document, "path": d.url, "publisher": d.publisher}.items() if v}
        for d in documents.itertuples(index=False)
    ]


@dg.asset(
    group_name="publish",
    ins=TABLE_INS,
    description=(
        "The data package published/<version>/: CSV and Parquet for every table, datapackage.json "
        "and a codebook. Written whole or not at all; an existing version is never edited."
    ),
)
def data_package(context: dg.AssetExecutionContext, paths: PipelinePaths, **tables: pd.DataFrame) -> dg.MaterializeResult:
    try:
        result = publish(tables, package_sources(tables["documents"]), paths.published, say=context.log.info)
    except PublishError as err:
        raise dg.Failure(description=str(err)) from None
    context.log.info(f"{result.path}: {result.status}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.path)),
            "version": result.version,
            "status": result.status,
            "files": dg.MetadataValue.json(result.files),
        }
    )

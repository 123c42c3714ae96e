"""Stage ``publish``: the next version of the package, ``published/<version>/``, when anything changed."""

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
        "The next version of the data package, published/<version>/, its number computed from what "
        "changed since the latest one (nothing is published when nothing changed): CSV and Parquet "
        "for every table, readable and chart-ready tables, datapackage.json, the codebook, "
        "CHANGES.md, CITATION.cff and a landing page. Written whole or not at all; a version is "
        "never edited; published/latest/ and versions.json follow."
    ),
)
def data_package(context: dg.AssetExecutionContext, paths: PipelinePaths, **tables: pd.DataFrame) -> dg.MaterializeResult:
    try:
        result = publish(tables, package_sources(tables["documents"]), paths.published, say=context.log.info)
    except PublishError as err:
        raise dg.Failure(description=str(err)) from None
    context.log.info(result.summary())
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(result.path)),
            "version": result.version,
            "status": result.status,
            "bump": result.bump or "",
            "previous": result.previous or "",
            "summary": result.summary(),
            "reasons": dg.MetadataValue.md("\n".join(f"- {r}" for r in result.reasons) or "none"),
            "files": dg.MetadataValue.json(result.files),
        }
    )

"""Stage ``extract``: every figure of every document, as the ``figures`` table."""

import time

import dagster as dg
import pandas as pd

from .. import schema
from ..figures import COLUMNS, document_hints, figure_rows
from ..resources import PipelinePaths
from ..sources import InputError, read_text

PROGRESS_SECONDS = 10  # a progress line at most this often on long corpora


@dg.asset(
    group_name="extract",
    description="Every numeric figure in every document, with value, unit, qualifier, period and exact source span.",
    metadata={"dagster/column_schema": schema.dagster_column_schema("figures")},
)
def figures(context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame) -> pd.DataFrame:
    rows, started, total = [], time.perf_counter(), len(documents)
    last_report = started
    for i, doc in enumerate(documents.itertuples(index=False), start=1):
        try:
            raw = read_text(paths.raw / doc.document)
        except (InputError, OSError) as err:
            raise dg.Failure(description=f"{doc.document}: could not be re-read: {err}") from None
        if raw.sha256 != doc.file_sha256:
            raise dg.Failure(description=f"{doc.document}: changed since `documents` was read; materialise both again")
        # The manifest's publisher and country decide the currency of a bare "$".
        hints = document_hints(getattr(doc, "publisher", ""), getattr(doc, "country", ""))
        rows.extend(figure_rows(doc.document, raw.text, hints))
        if time.perf_counter() - last_report > PROGRESS_SECONDS and i < total:
            last_report = time.perf_counter()
            context.log.info(f"{i}/{total} documents, {len(rows)} figures so far")
    df = pd.DataFrame(rows, columns=COLUMNS)
    seconds = time.perf_counter() - started
    context.log.info(f"{len(df)} figures in {total} documents ({seconds:.1f} s)")
    context.add_output_metadata(
        {
            "dagster/row_count": len(df),
            "by_unit": dg.MetadataValue.json(df["unit"].value_counts().to_dict()),
            "seconds": round(seconds, 3),
        }
    )
    return df

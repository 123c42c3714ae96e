"""Stage ``extract``: every document's figures, observations and unmapped figures.

``document_tables`` is the step of every run: it takes each document's results from the store of
``pipeline.document_results`` (keyed on the text, its manifest values and the code version) and
reads and maps only the documents the store lacks, in a pool of processes. ``document_facts`` is
the same work seen per document: one dynamic partition per text of raw/, kept in step with the
folder by every run and by the ``raw_folder`` sensor, so the UI shows what each text gave and a
changed text can be run alone (job ``new_documents``). Both read the raw folder and share the
store; neither is upstream of the other, so "Materialize all" of `everything` needs no partition.
"""

import dagster as dg
import pandas as pd

from .. import schema, settings
from ..document_results import DocumentInput, DocumentStore, compute_all, corpus_tables, inputs_of
from ..manifest import read_manifest
from ..resources import PipelinePaths
from ..sources import InputError, read_text, text_files
from .metadata import EXTRACT, INDICATORS, OWNERS, table_metadata, table_out

PARTITIONS = "documents"  # the name of the dynamic partitions: one per text of raw/
DOCUMENTS = dg.DynamicPartitionsDefinition(name=PARTITIONS)


def _summary(stats) -> str:
    read = len(stats.computed)
    return (
        f"{read} of {stats.documents} documents read and mapped"
        + (f" ({stats.workers} processes)" if read and stats.workers > 1 else "")
        + f", {stats.stored} from the store ({stats.seconds:.1f} s)"
    )


@dg.asset(
    group_name=EXTRACT,
    partitions_def=DOCUMENTS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    kinds={"python"},
    owners=OWNERS,
    description=(
        "One document's figures, observations and unmapped figures: a partition per text of raw/. "
        "Materialising partitions reads and maps those texts (or takes their results from the store "
        "when text, manifest values and code are unchanged); `document_tables` gathers every document."
    ),
)
def document_facts(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
    wanted = set(context.partition_keys)
    try:
        manifest = read_manifest(paths.raw)
    except InputError as err:
        raise dg.Failure(description=str(err)) from None
    docs = []
    for name in sorted(wanted):
        try:
            raw = read_text(paths.raw / name)
        except InputError as err:
            raise dg.Failure(description=str(err)) from None
        meta = manifest.rows.get(name) or {}
        docs.append(
            DocumentInput(
                name,
                raw.sha256,
                str(paths.raw / name),
                meta.get("publisher", ""),
                meta.get("country", ""),
                meta.get("date", ""),
                len(raw.text),
            )
        )
    results, stats = compute_all(docs, DocumentStore(settings.document_store_dir()), progress=context.log.info)
    context.log.info(f"document_facts: {_summary(stats)}")
    return dg.MaterializeResult(
        metadata={
            "documents": len(docs),
            "read_and_mapped": len(stats.computed),
            "from_store": stats.stored,
            "figures": sum(r.count("figures") for r in results.values()),
            "observations": sum(r.count("observations") for r in results.values()),
            "unmapped": sum(r.count("unmapped") for r in results.values()),
            "seconds": round(stats.seconds, 3),
        }
    )


@dg.multi_asset(
    outs={
        "figures": table_out(
            "figures",
            EXTRACT,
            "Every numeric figure in every document, with value, unit, qualifier, period and exact source span.",
        ),
        "observations": table_out(
            "observations",
            INDICATORS,
            "Figures mapped on bound evidence (rules.yaml) to Mongolia–Japan facts: one row per distinct fact, "
            "with its evidence, partner and where parties and period were read.",
        ),
        "unmapped": table_out(
            "unmapped",
            INDICATORS,
            "Figures left out of observations, with the reason (no measure or event bound, parties not "
            "bound, another partner, direction, no period for a flow, implausible value).",
        ),
    },
    name="document_tables",
)
def document_tables(context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame):
    docs = inputs_of(documents, paths.raw)
    try:
        results, stats = compute_all(docs, DocumentStore(settings.document_store_dir()), progress=context.log.info)
    except InputError as err:
        raise dg.Failure(description=str(err)) from None
    _report_partitions(context, stats.computed, results)
    tables = corpus_tables(docs, results)
    del results  # the tables hold the same rows; a large corpus should not be held twice
    # The two largest tables leave in their declared types (pyarrow strings): a tenth of the memory
    # of Python strings, and pickled between steps as buffers. Observations keep the plain types
    # the stages cutting them read.
    figures, unmapped = schema.conform(tables["figures"], "figures"), schema.conform(tables["unmapped"], "unmapped")
    observations = tables["observations"]
    del tables
    reasons = unmapped["reason"].value_counts().to_dict()
    context.log.info(
        f"{len(figures)} figures, {len(observations)} observations; {_summary(stats)}; "
        f"left out: {', '.join(f'{n} {r}' for r, n in reasons.items()) or 'none'}"
    )
    if "date" not in documents.columns:
        context.log.warning("documents has no `date` column: 'this year', 'today' and as-of dates cannot be resolved")
    work = {
        "read_and_mapped": len(stats.computed),
        "from_store": stats.stored,
        "processes": stats.workers,
        "seconds": round(stats.seconds, 3),
    }
    yield dg.Output(
        figures,
        "figures",
        metadata=table_metadata(
            "figures", figures, paths.published, by_unit=dg.MetadataValue.json(figures["unit"].value_counts().head(20).to_dict()), **work
        ),
    )
    yield dg.Output(
        observations,
        "observations",
        metadata=table_metadata(
            "observations",
            observations,
            paths.published,
            by_indicator=dg.MetadataValue.json(observations["indicator_id"].value_counts().to_dict()),
            by_partner=dg.MetadataValue.json(observations["partner"].value_counts().to_dict()),
        ),
    )
    yield dg.Output(
        unmapped, "unmapped", metadata=table_metadata("unmapped", unmapped, paths.published, by_reason=dg.MetadataValue.json(reasons))
    )


def _report_partitions(context: dg.AssetExecutionContext, computed: list[str], results: dict) -> None:
    """The documents read in this run are materialised partitions of ``document_facts`` too, so
    the UI shows per text what the latest reading gave (partitions unknown to the instance, as in
    a throwaway one, are skipped)."""
    known = set(context.instance.get_dynamic_partitions(PARTITIONS))
    for name in computed:
        if name in known:
            r = results[name]
            context.log_event(
                dg.AssetMaterialization(
                    asset_key="document_facts",
                    partition=name,
                    metadata={t: r.count(t) for t in ("figures", "observations", "unmapped")},
                )
            )


def sync_partitions(instance: dg.DagsterInstance, raw_dir) -> tuple[list[str], list[str]]:
    """Make the `documents` partitions the text files of ``raw_dir``: (added, removed)."""
    files, _ = text_files(raw_dir)
    wanted = [p.name for p in files]
    have = instance.get_dynamic_partitions(PARTITIONS)
    added = [w for w in wanted if w not in set(have)]
    removed = [h for h in have if h not in set(wanted)]
    if added:
        instance.add_dynamic_partitions(PARTITIONS, added)
    for name in removed:
        instance.delete_dynamic_partition(PARTITIONS, name)
    return added, removed

"""What a person reads: the landing pages, the codebook, CHANGES.md, CHANGELOG.md and CITATION.cff.

Belongs here: turning a release's descriptor, tables, views and change record into the context of
the Jinja2 templates in ``templates/`` (HTML autoescaped; Markdown cells escaped by the ``md``
filter) and rendering them; the provenance view, which places each cited quote in its sentence
and document; CITATION.cff, written by a YAML dumper. Nothing here names a repository path: a
downloader has only the release. Not here: deciding what changed (``diff``, ``changes``) or
where files go (``pipeline.publish``, ``stable``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote as url_quote

import jinja2
import pandas as pd
import yaml

from .. import schema
from ..sources import document_id
from .codeversion import short
from .views import View, format_number

TEMPLATES = Path(__file__).resolve().parent / "templates"
BUMP_WORDS = {"major": "major release", "minor": "minor release", "patch": "patch release", None: "first release"}
# Fields a change listing shows last: ids follow from the values.
_ID_FIELDS = ("observation_id", "figure_id", "conflict_id")
# A row of a change listing names its fact by these key fields; the rest of the key is implied.
_QUIET_KEY = {"indicator_id", "unit", "document", "qualifier"}
MAX_SHOWN_ROWS = 50  # rows of one table listed in CHANGES.md and on the page (all are in changes.json)
EXAMPLE_CHARS = 120
_KILO = 10**3


def _md(value) -> str:
    """A value for a Markdown table cell: pipes escaped, on one line."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split())


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


# --- small formatters ----------------------------------------------------------------------------
def display(value) -> str:
    """A value as a person reads it: thousands grouped, whole numbers without a decimal point."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = format_number(float(value))
        if "e" in text:
            return text
        whole, _, fraction = text.partition(".")
        grouped = f"{int(whole):,}"
        return grouped + ("." + fraction if fraction else "")
    return str(value)


def size(n: int) -> str:
    if n < _KILO:
        return f"{n} bytes"
    amount = float(n)
    for unit in ("kB", "MB", "GB"):
        amount /= _KILO
        if amount < _KILO or unit == "GB":
            return f"{amount:.1f} {unit}"
    return f"{n} bytes"


def bump_words(bump: str | None) -> str:
    return BUMP_WORDS.get(bump, str(bump))


def code_note(changes: dict) -> str:
    """How the code version compares with the previous release's, in a few words."""
    before, after = changes["code_version"]["before"], changes["code_version"]["after"]
    if not changes.get("previous"):
        return ""
    if before is None:
        return f"{changes['previous']} recorded none"
    return "unchanged" if before == after else f"was {short(before)}"


# --- citation ------------------------------------------------------------------------------------
def citation(package: dict, date: str | None) -> dict:
    meta = schema.package_metadata().get("citation", {})
    authors = [a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")])) for a in meta.get("authors", [])]
    year = (date or "")[:4] or "n.d."
    url = meta.get("url")
    text = f"{', '.join(authors) or package['title']} ({year}). {package['title']}, version {package['version']} [Data set]." + (
        f" {url}" if url else ""
    )
    return {"text": text, "authors": meta.get("authors", []), "url": url}


def citation_cff(package: dict, date: str | None) -> str:
    meta = schema.package_metadata().get("citation", {})
    cff: dict = {
        "cff-version": "1.2.0",
        "message": " ".join(meta.get("message", "If you use these data, please cite them as below.").split()),
        "type": "dataset",
        "title": package["title"],
        "version": package["version"],
        "abstract": package["description"],
        "authors": meta.get("authors") or [{"name": package["title"]}],
        "keywords": package.get("keywords", []),
    }
    if date:
        cff["date-released"] = date[:10]
    licenses = [lic["name"] for lic in package.get("licenses", []) if lic.get("name")]
    if licenses:
        cff["license"] = licenses[0] if len(licenses) == 1 else licenses
    if meta.get("url"):
        cff["url"] = meta["url"]
    if meta.get("repository"):
        cff["repository"] = meta["repository"]
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=120)


# --- codebook ------------------------------------------------------------------------------------
def _example(df: pd.DataFrame, name: str):
    if df.empty or name not in df:
        return ""
    value = df[name].iloc[0]
    text = display(None if pd.isna(value) else value.item() if hasattr(value, "item") else value)
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"


def codebook(entries: list[tuple[schema.Table, pd.DataFrame, str, str | None]]) -> list[dict]:
    """One entry per published table: (schema, rows, CSV path, Parquet path or None)."""
    out = []
    for table, frame, path, parquet in entries:
        out.append(
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": path,
                "parquet": parquet,
                "rows": len(frame),
                "key": list(table.primary_key),
                "fields": [
                    {"name": f.name, "type": f.type, "unit": f.unit, "description": f.description, "example": _example(frame, f.name)}
                    for f in table.fields
                ],
            }
        )
    return out


def units_text() -> str:
    unit = schema.fields().get("unit")
    return f"A row's `value` is in the unit of its `unit` column: {unit.description}" if unit else ""


# --- changes -------------------------------------------------------------------------------------
def cause_text(cause: dict) -> str:
    kind = cause.get("kind")
    if kind == "text changed":
        before, after = (cause.get("sha256_before") or "none")[:12], (cause.get("sha256_after") or "none")[:12]
        return f"{cause['document']} changed (sha256 {before}… → {after}…)"
    if kind in ("text added", "text removed"):
        sha = cause.get("sha256") or ""
        return f"{cause['document']} {kind.split()[1]}" + (f" (sha256 {sha[:12]}…)" if sha else " (no bytes to hash)")
    if kind == "code changed":
        return f"code or rules changed (code version {short(cause.get('before'))} → {short(cause.get('after'))})"
    if kind == "code version not recorded":
        return f"the previous release did not record its code version (this one: {short(cause.get('after'))}): the code or rules may have changed"
    if kind == "sources list changed":
        return f"the list of sources changed for {cause.get('document')}"
    if kind == "other texts changed":
        return "other texts changed: " + ", ".join(cause.get("documents", []))
    return "no change of texts or code explains it"


def _label(table: str, key: dict, row: dict | None, indicator_names: dict[str, str]) -> str:
    indicator = key.get("indicator_id") or ""
    name = indicator_names.get(indicator) or (row or {}).get("name") or indicator
    parts = [name] if name else []
    parts += [display(v) for k, v in key.items() if k not in _QUIET_KEY and v not in (None, "")]
    if key.get("qualifier") not in (None, "", "exact"):
        parts.append(str(key["qualifier"]))
    if row and row.get("quote") and table == "figures":
        parts.append(f"“{row['quote']}”")
    document = key.get("document") or (row or {}).get("document")
    label = ", ".join(parts)
    if not label:
        return str(document or table)
    return f"{label} ({document})" if document else label


def row_label(table: str, row: dict, indicator_names: dict[str, str] | None = None) -> str:
    """A row named as a person would: the indicator's name, its period and breakdowns, the quote of a figure."""
    from .diff import table_key

    key = {k: row.get(k) for k in table_key(table)}
    return _label(table, key, row, indicator_names or {})


def changes_view(changes: dict, indicator_names: dict[str, str]) -> tuple[list[str], list[dict]]:
    """The causes in words and, per table, the rows to show (the first few of each)."""
    texts = changes["texts"]
    # A first release has no causes: every text is new.
    causes = (
        [cause_text({"kind": f"text {kind}", **t}) for kind in ("added", "changed", "removed") for t in texts[kind]]
        if changes.get("previous")
        else []
    )
    code = changes["code_version"]
    if changes.get("previous") and code["before"] != code["after"]:
        causes.append(cause_text({"kind": "code changed" if code["before"] else "code version not recorded", **code}))
    tables = []
    for name, t in changes["tables"].items():
        rows = []
        for r in t.get("rows", [])[:MAX_SHOWN_ROWS]:
            fields = sorted(r.get("fields", {}).items(), key=lambda kv: (kv[0] in _ID_FIELDS, kv[0] != "value"))
            summary = None
            if r["change"] != "changed":
                row = r.get("row", {})
                summary = f"value {display(row.get('value'))} {row.get('unit') or ''}".strip() if "value" in row else None
            rows.append(
                {
                    "change": r["change"],
                    "label": _label(name, r["key"], r.get("row") or {}, indicator_names),
                    "fields": [{"name": f, "before": display(v[0]), "after": display(v[1])} for f, v in fields],
                    "summary": summary,
                    "cause": cause_text(r["cause"]),
                }
            )
        counts = [f"{t[k]} {k}" for k in ("added", "removed", "changed") if t.get(k)]
        listed = len(t.get("rows", []))
        tables.append(
            {
                "name": name,
                "derived": t.get("derived", False),
                "rows": rows,
                "summary": ", ".join(counts) or "unchanged",
                "more": max(0, (t["added"] + t["removed"] + t["changed"]) - len(rows)) if listed else 0,
                "rows_before": t.get("rows_before"),
                "rows_after": t.get("rows_after"),
                "added": t.get("added", 0),
                "removed": t.get("removed", 0),
                "changed": t.get("changed", 0),
            }
        )
    # The facts first: observations, then the other tables in their order, derived tables last.
    tables.sort(key=lambda t: (t["derived"], t["name"] != "observations"))
    return causes, tables


# --- provenance ----------------------------------------------------------------------------------
def _quote_offset(sentence: str, quote: str, rank: int) -> int | None:
    hits = [m.start() for m in re.finditer(re.escape(quote), sentence)]
    if not hits:
        return None
    return hits[min(rank, len(hits) - 1)]


def text_fragment(url: str | None, quote: str) -> str | None:
    """The source's address opening on the quote (a text fragment), where the address allows one."""
    if not url:
        return None
    if "#" in url:
        return url
    return f"{url}#:~:text={url_quote(' '.join(quote.split()), safe='')}"


def provenance(cited: dict[str, list[str]], frames: dict[str, pd.DataFrame]) -> list[dict]:
    """Per document, the sentences holding the cited figures, each quote marked at its place.

    ``cited``: figure_id -> what cites it ("Mongolian residents in Japan, 2022: 12,345").
    """
    if not cited:
        return []
    figures = frames["figures"]
    documents = frames["documents"].set_index("document")
    wanted = figures[figures["figure_id"].isin(list(cited))]
    # Where each cited quote sits in its sentence: when the quote recurs in the sentence, its rank
    # among the figures of that sentence with the same quote (in text order) tells which one.
    same = figures[figures["document"].isin(set(wanted["document"]))].sort_values(["document", "start"], kind="stable")
    rank = same.groupby(["document", "sentence", "quote"], sort=False).cumcount()
    ranks = dict(zip(same["figure_id"], rank, strict=True))
    urls = {d: _get(row, "url") for d, row in documents.to_dict("index").items()}
    sentences: dict[tuple[str, int], dict] = {}
    for f in wanted.itertuples(index=False):
        at = _quote_offset(f.sentence, f.quote, ranks.get(f.figure_id, 0))
        begin = f.start - at if at is not None else f.start
        entry = sentences.setdefault(
            (f.document, begin),
            {
                "document": f.document,
                "sentence": f.sentence if at is not None else f.quote,
                "start": begin,
                "end": begin + (len(f.sentence) if at is not None else len(f.quote)),
                "marks": [],
                "cited": [],
            },
        )
        entry["marks"].append((f.start - begin, f.end - begin, f.figure_id))
        link = text_fragment(urls.get(f.document), f.quote)
        entry["cited"].append({"quote": f.quote, "cites": cited[f.figure_id], "link": link or f"#f-{f.figure_id}"})
    by_document: dict[str, list[dict]] = defaultdict(list)
    for (document, _), entry in sorted(sentences.items()):
        parts, anchors, at = [], [], 0
        for begin, end, figure_id in sorted(entry["marks"]):
            if begin < at:  # overlaps the previous mark: anchored at the sentence, not marked twice
                anchors.append(figure_id)
                continue
            parts.append({"text": entry["sentence"][at:begin], "figure": None})
            parts.append({"text": entry["sentence"][begin:end], "figure": figure_id})
            at = end
        parts.append({"text": entry["sentence"][at:], "figure": None})
        by_document[document].append(
            {
                "start": entry["start"],
                "end": entry["end"],
                "parts": [p for p in parts if p["text"]],
                "anchors": anchors,
                "cited": entry["cited"],
            }
        )
    out = []
    for document in sorted(by_document):
        meta = documents.loc[document] if document in documents.index else {}
        out.append(
            {
                "document": document,
                "document_id": document_id(document),
                "title": _get(meta, "title"),
                "publisher": _get(meta, "publisher"),
                "url": _get(meta, "url"),
                "sha256": _get(meta, "file_sha256") or "",
                "sentences": by_document[document],
            }
        )
    return out


def _get(meta, key: str):
    value = meta.get(key) if hasattr(meta, "get") else None
    return None if value is None or (isinstance(value, float) and value != value) or value is pd.NA else value


def chart_sections(
    views: list[View], svgs: dict[str, str | None], indicator_names: dict[str, str]
) -> tuple[list[dict], dict[str, list[str]]]:
    """The page's chart sections, and figure_id -> the values on the page that cite it."""
    sections, cited = [], defaultdict(list)
    for view in views:
        if view.kind != "chart" or view.chart is None:
            continue
        series = view.chart.series
        rows = []
        for record in view.frame.to_dict("records"):
            cells = []
            for s in series:
                value = record.get(s.column)
                value = None if value is None or pd.isna(value) else value
                figures = view.cells.get((record["period"], s.column), [])
                if value is not None and figures:
                    for figure in figures:
                        cited[figure].append(f"{s.label}, {record['period']}: {display(value)} {s.unit}")
                cells.append({"value": display(value) if value is not None else None, "figure": figures[0] if figures else None})
            notes = record.get("notes")
            rows.append({"period": record["period"], "cells": cells, "notes": None if notes is None or pd.isna(notes) else notes})
        sections.append(
            {
                "name": view.table.name,
                "title": view.table.title,
                "description": view.chart.description,
                "path": view.path,
                "svg": svgs.get(view.table.name),
                "series": [{"label": s.label, "unit": s.unit} for s in series],
                "rows": rows,
            }
        )
    return sections, dict(cited)


def documents_list(frames: dict[str, pd.DataFrame]) -> list[dict]:
    docs = frames["documents"]
    return [
        {
            "document": d["document"],
            "title": _get(d, "title"),
            "publisher": _get(d, "publisher"),
            "url": _get(d, "url"),
            "sha256": d["file_sha256"],
        }
        for d in docs.to_dict("records")
    ]

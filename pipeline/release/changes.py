"""What changed between two releases and why: the record behind ``changes.json`` and ``CHANGES.md``.

Belongs here: the causes (a text added, changed or removed, told by its sha256; the code or rules
changed, told by the code version; the list of sources changed) and, for every row added,
removed or changed, the one that explains it: the row's own text when it changed, else the code.
The record is plain JSON data; ``site`` renders it as Markdown and HTML. Not here: computing the
differences (``diff``) or the version (``semver``).
"""

from __future__ import annotations

from .diff import Release, RowDiff, SchemaChange, canonical
from .semver import Decision

# How many rows of one kind (added, removed, changed) one table lists in changes.json; the
# counts are always whole. A first release, or a table new in this one, lists none.
MAX_LISTED_ROWS = 5000


def _files(release: Release | None) -> dict[str, str]:
    """Every file of the folder of texts a release knows: texts read and files left out (a file
    with no bytes to hash, a directory or a missing file, counts with an empty hash)."""
    if release is None:
        return {}
    files = {d: canonical(s) or "" for d, s in release.texts().items()}
    if "problems" in release.resources:
        problems = release.frame("problems")
        if {"file", "sha256"} <= set(problems.columns):
            files.update({f: canonical(s) or "" for f, s in zip(problems["file"], problems["sha256"], strict=True) if f not in files})
    return files


def text_changes(old: Release | None, new: Release) -> dict[str, list[dict]]:
    before, after = _files(old), _files(new)
    return {
        "added": [{"document": d, "sha256": after[d]} for d in sorted(after.keys() - before.keys())],
        "removed": [{"document": d, "sha256": before[d]} for d in sorted(before.keys() - after.keys())],
        "changed": [
            {"document": d, "sha256_before": before[d], "sha256_after": after[d]}
            for d in sorted(before.keys() & after.keys())
            if before[d] != after[d]
        ],
    }


class Causes:
    """Tells, for one row, which change of the inputs explains it."""

    def __init__(self, texts: dict[str, list[dict]], code_before: str | None, code_after: str):
        self.by_document = {t["document"]: {"kind": f"text {kind}", **t} for kind, items in texts.items() for t in items}
        if code_before == code_after:
            self.code = None
        elif code_before is None:  # releases before code versions were recorded
            self.code = {"kind": "code version not recorded", "before": None, "after": code_after}
        else:
            self.code = {"kind": "code changed", "before": code_before, "after": code_after}
        self.any_text = sorted(self.by_document)

    def of(self, table: str, row: dict) -> dict:
        document = row.get("document", row.get("file"))
        if document in self.by_document:
            return self.by_document[document]
        if self.code:
            return self.code
        if table == "documents":
            return {"kind": "sources list changed", "document": document}
        if self.any_text:
            # A row of an unchanged text that depends on other texts (a conflict, a derived table).
            return {"kind": "other texts changed", "documents": self.any_text}
        return {"kind": "unexplained"}


def _rows(diff: RowDiff, table: str, causes: Causes) -> tuple[list[dict], bool]:
    listed, truncated = [], False
    for kind, items in (("removed", diff.removed), ("changed", diff.changed), ("added", diff.added)):
        if len(items) > MAX_LISTED_ROWS:
            truncated = True
        for item in items[:MAX_LISTED_ROWS]:
            if kind == "changed":
                listed.append(
                    {
                        "change": kind,
                        "key": item["key"],
                        "fields": {f: [item["before"][f], item["after"][f]] for f in item["fields"]},
                        "row": item["after"],
                        "cause": causes.of(table, item["after"]),
                    }
                )
            else:
                listed.append({"change": kind, "key": {k: item.get(k) for k in diff.key}, "row": item, "cause": causes.of(table, item)})
    return listed, truncated


def record(
    *,
    version: str,
    previous: Release | None,
    new: Release,
    date: str | None,
    decision: Decision,
    schema: list[SchemaChange],
    rows: dict[str, RowDiff],
    derived: set[str],
    findings: set[str],
    note: str | None,
    code_after: str,
) -> dict:
    """The whole ``changes.json`` of a release."""
    code_before = previous.descriptor.get("codeVersion") if previous else None
    texts = text_changes(previous, new)
    causes = Causes(texts, code_before, code_after)
    tables: dict[str, dict] = {}
    for name in new.tables:
        entry: dict = {"derived": name in derived, "findings": name in findings}
        if name in rows:
            diff = rows[name]
            listed, truncated = _rows(diff, name, causes)
            entry.update(
                key=diff.key,
                rows_before=diff.compared[0],
                rows_after=diff.compared[1],
                added=len(diff.added),
                removed=len(diff.removed),
                changed=len(diff.changed),
                rows=listed,
                truncated=truncated,
            )
        else:  # new in this release (or the first release): every row is new
            count = new.rows(name)
            entry.update(new_table=True, rows_after=count, added=count, removed=0, changed=0, rows=[])
        tables[name] = entry
    return {
        "version": version,
        "previous": previous.version if previous else None,
        "date": date,
        "bump": decision.bump,
        "reasons": decision.reasons,
        "note": note,
        "code_version": {"before": code_before, "after": code_after},
        "texts": texts,
        "schema": [c.as_dict() for c in schema],
        "tables": tables,
    }

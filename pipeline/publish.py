"""Writing ``published/<version>/``: the tables, the tables for people, and what explains them.

Belongs here: the publishing rules and the order of writing. A run writes its candidate release
whole into a staging folder: every table of ``schemas/`` as CSV + Parquet (rows sorted as
``schemas/releases.yaml`` says, whole numbers without a decimal point), the readable and
chart-ready views, ``datapackage.json`` (with the code version), then compares it with the
latest published version. Identical content publishes nothing and says so; otherwise the next
version is computed (``release.semver``), rows of data removed need a release note
(``<published>/release-notes/<version>.md``), and ``CHANGES.md``, ``changes.json``, the codebook,
``CITATION.cff`` and the landing page ``index.html`` are written before the folder is checked and
moved into place in one rename (nothing is half-published). A published version is never
edited: an altered one stops the run with a message telling it from changed texts. Runs
publishing into one folder take turns under a file lock; the stable paths (``latest/``,
``versions.json``, ``CHANGELOG.md``, ``index.html``) follow every publish.
Not here: building or validating the tidy tables (assets and checks do that before this runs),
comparing releases (``release.diff``), rendering (``release.site``), re-checking releases
(``pipeline.integrity``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pyarrow_mod
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from . import schema, settings
from .integrity import check_release, release_folders, sha256_file
from .release import changes as changes_mod
from .release import charts, site, stable
from .release.codeversion import code_version, short
from .release.config import release_of
from .release.diff import PARQUET_SUFFIX, Release, compare_rows, schema_changes
from .release.notes import Note, NoteError, front_matter, read_note
from .release.semver import Decision, decide, next_version
from .release.views import View, build_views, format_number, sort_rows
from .validation import check_written_package, foreign_key_errors, validate_table

# Files of a version beside its data: what people read first.
PAGES = ("README.md", "CHANGES.md", "changes.json", "CITATION.cff", "index.html")


class PublishError(RuntimeError):
    """The package cannot be published as asked; the message says why and what to do."""


@dataclass
class Published:
    path: Path
    version: str
    status: str  # "written" or "unchanged"
    files: dict[str, int]  # relative path -> bytes
    bump: str | None = None  # major, minor, patch; None for the first release or when unchanged
    previous: str | None = None
    reasons: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)  # the reasons in a few words
    stable: list[str] = field(default_factory=list)  # stable paths rewritten

    def summary(self) -> str:
        if self.status == "unchanged":
            return f"{self.path} unchanged: same content as the latest release, nothing published"
        if not self.previous:
            return f"{self.path} written (first release)"
        shown = ", ".join(self.headlines[:4]) + (", ..." if len(self.headlines) > 4 else "")
        return f"{self.path} written ({site.bump_words(self.bump)} after {self.previous}: {shown}; see CHANGES.md)"


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """CSV as people read it: whole numbers without a decimal point (1200, not 1200.0), other
    numbers in Python's shortest round-trip form, stable across platforms and pandas versions."""
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = format_numbers(out[column])
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def format_numbers(values: pd.Series) -> pd.Series:
    """``format_number`` of a column: whole numbers as integers column-wise, the rest one by one."""
    whole = values.notna() & (values % 1 == 0) & (values.abs() < 2**53)
    out = pd.Series(None, index=values.index, dtype=object)
    out[whole] = values[whole].astype("int64").astype(str)
    rest = values.notna() & ~whole
    if rest.any():
        out[rest] = values[rest].map(format_number)
    return out


def write_parquet(df: pd.DataFrame, table: str | schema.Table, path: Path) -> None:
    arrow = pyarrow_mod.Table.from_pandas(df, schema=schema.arrow_schema(table), preserve_index=False)
    arrow = arrow.replace_schema_metadata(None)  # pandas metadata would tie bytes to the pandas version
    pq.write_table(arrow, path, compression="zstd", compression_level=3, store_schema=False)


def _resource(table: schema.Table, rel_path: str, folder: Path, fmt: str) -> dict:
    path = folder / rel_path
    suffix = PARQUET_SUFFIX if fmt == "parquet" else ""
    resource: dict[str, Any] = {
        "name": table.name + suffix,
        "type": "table",
        "path": rel_path,
        "scheme": "file",
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
        "title": table.title + (" (Parquet)" if suffix else ""),
        "description": table.description
        + (
            f" The same rows as `{table.name}`, whose references to other tables are declared there."
            if suffix and table.foreign_keys
            else ""
        ),
        "schema": schema.frictionless_schema(table),
    }
    if suffix:
        # Foreign keys are declared once, on the CSV twins: Frictionless checks a key by reading
        # the whole referenced table again, and reads Parquet through pandas a dict per row, so at
        # ten thousand texts the Parquet keys alone would keep `frictionless validate` busy for
        # hours. The rows are the same (pyarrow reads every file back before publishing).
        resource["schema"].pop("foreignKeys", None)
    resource["hash"] = "sha256:" + sha256_file(path)
    if fmt == "csv":
        resource.update(bytes=path.stat().st_size, encoding="utf-8")
    # Parquet has no `bytes`: frictionless 5.21 reads it through pyarrow, counts none and would
    # fail the package; nor does it check Parquet's `hash` (`make verify` does).
    return resource


def descriptor(resources: list[dict], sources: list[dict], version: str | None = None) -> dict:
    """The package descriptor; `version` and `created` are set once the version is known."""
    meta = schema.package_metadata()
    package = {
        "name": meta["name"],
        "title": meta["title"],
        "description": " ".join(meta["description"].split()),
        "version": version,
        "homepage": meta.get("homepage"),
        "keywords": meta.get("keywords", []),
        "licenses": meta["licenses"],
        "sources": sources,
        "codeVersion": code_version(),
        "resources": resources,
    }
    return {k: v for k, v in package.items() if v is not None}


@contextmanager
def publish_lock(published_root: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Runs publishing into one folder take turns; the waiting one says whom it waits for."""
    published_root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(published_root / ".publish.lock")
    owner = published_root / ".publish.owner"
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = owner.read_text(encoding="utf-8").strip() if owner.is_file() else "another run"
        say(f"waiting for {holder} to finish publishing into {published_root}")
        lock.acquire()
        say(f"{published_root}: lock acquired, publishing")
    try:
        stamp = datetime.now(UTC).strftime("%H:%M:%S UTC")
        owner.write_text(f"pid {os.getpid()} on {socket.gethostname()} (since {stamp})", encoding="utf-8")
        for stale in published_root.glob(stable.STAGING_PREFIX + "*"):
            # Under the lock no other run is writing: anything staged is a killed run's.
            say(f"removing {stale.name}, left by an interrupted run")
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def publish(
    tables: dict[str, pd.DataFrame],
    sources: list[dict],
    published_root: Path,
    say: Callable[[str], None] = print,
    notes_dir: Path | None = None,
) -> Published:
    """Publish the next version of the package into ``published_root``, all or nothing, or
    nothing at all when the content equals the latest version's."""
    notes_dir = settings.release_notes_dir(published_root) if notes_dir is None else notes_dir
    with publish_lock(published_root, say):
        staging = published_root / f"{stable.STAGING_PREFIX}{os.getpid()}"
        (staging / "data").mkdir(parents=True)
        try:
            result = _publish_into(staging, tables, sources, published_root, notes_dir, say)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
        result.stable = stable.update(published_root, notes_dir)
        for what in result.stable:
            say(f"{published_root}: {what} updated")
        return result


def _write_tables(staging: Path, tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[View], list[dict]]:
    frames: dict[str, pd.DataFrame] = {}
    resources: list[dict] = []
    for name, table in schema.tables().items():
        if name not in tables:
            raise PublishError(f"table {name!r} is declared in schemas/tables.yaml but was not built")
        df = frames[name] = sort_rows(schema.conform(tables[name], name), release_of(table).order_by)
        write_csv(df, staging / "data" / f"{name}.csv")
        write_parquet(df, name, staging / "data" / f"{name}.parquet")
        resources.append(_resource(table, f"data/{name}.csv", staging, "csv"))
        resources.append(_resource(table, f"data/{name}.parquet", staging, "parquet"))
    # The views join the tables on their keys: a dangling key would make a row up, so stop first.
    dangling = foreign_key_errors(frames, schema.tables())
    if dangling:
        raise PublishError(
            "the tables do not hold together, so nothing was published: "
            + "; ".join(f"{e['resource']}: foreign-key: {e['message']}" for e in dangling)
        )
    views = build_views(frames)
    for view in views:
        outcome = validate_table(view.frame, view.table)
        if not outcome.passed:
            raise PublishError(f"the derived table {view.path} does not match its schema ({outcome.summary}); nothing was published")
        (staging / view.path).parent.mkdir(parents=True, exist_ok=True)
        write_csv(view.frame, staging / view.path)
        resources.append(_resource(view.table, view.path, staging, "csv"))
    return frames, views, resources


def _identical(previous: Release, package: dict) -> bool:
    """Same files (by their recorded hashes) and the same metadata: nothing to compare row by row."""
    strip = {"version", "created", "codeVersion"}
    a = {k: v for k, v in previous.descriptor.items() if k not in strip}
    b = {k: v for k, v in package.items() if k not in strip}
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _removal_refused(decision: Decision, version: str, note: Note, rows, indicator_names: dict[str, str]) -> PublishError:
    counts = ", ".join(f"{table}: {n}" for table, n in decision.removed_data.items())
    examples = []
    for table in decision.removed_data:
        for row in rows[table].removed[:2]:
            examples.append(f"{table}: {site.row_label(table, row, indicator_names)}")
    if note.exists and not note.removes:
        why = f"{note.path} says why but not what it removes"
    elif note.exists:
        said = ", ".join(f"{t}: {n}" for t, n in note.removes.items())
        why = f"{note.path} allows removing {said}, but this run would remove {counts or 'nothing'}"
    else:
        why = f"removing rows needs a release note saying why, in {note.path}"
    return PublishError(
        f"this run would remove rows of data ({counts}; e.g. {'; '.join(examples[:4])}), which makes it version {version}. "
        f"{why}. Start the note with these lines, then say why, and run again:\n{front_matter(decision.removed_data)}\n"
        "Nothing was published"
    )


def _publish_into(
    staging: Path, tables: dict[str, pd.DataFrame], sources: list[dict], root: Path, notes_dir: Path, say: Callable[[str], None]
) -> Published:
    frames, views, resources = _write_tables(staging, tables)
    package = descriptor(resources, sources)
    folders = release_folders(root)
    previous = Release(folders[-1]) if folders else None
    if previous is not None:
        check = check_release(previous.folder)
        if not check.ok:
            raise PublishError(
                f"{previous.folder} has been altered since it was published ({'; '.join(check.problems[:5])}). "
                f"A release is never edited: restore it from version control (git checkout -- {previous.folder}) "
                "and run again; nothing was written"
            )
    candidate = Release(staging, package)
    if previous is not None and _identical(previous, package):
        return _unchanged(previous, staging)
    changes_schema = schema_changes(previous.descriptor, package) if previous else []
    rows = compare_rows(previous, candidate) if previous else {}
    derived = {v.table.name for v in views}
    findings = {name for name, t in schema.tables().items() if release_of(t).findings}
    decision = decide(changes_schema, rows, data_tables=set(schema.tables()) - findings) if previous else Decision(None, ["first release"])
    if previous is not None and decision.bump is None:
        return _unchanged(previous, staging)
    version = next_version(previous.version if previous else None, decision.bump or "")
    try:
        note = read_note(notes_dir, version)
    except NoteError as err:
        raise PublishError(f"{err}; nothing was published") from None
    if (decision.removed_data or note.removes) and note.removes != decision.removed_data:
        names = dict(zip(frames["indicators"]["indicator_id"], frames["indicators"]["name"], strict=True))
        raise _removal_refused(decision, version, note, rows, names)
    date = stable.release_date()
    package["version"], package["created"] = version, date
    package = {k: package[k] for k in ("name", "title", "description", "version", "created", *package) if k in package}
    (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    record = changes_mod.record(
        version=version,
        previous=previous,
        new=Release(staging, package),
        date=date,
        decision=decision,
        schema=changes_schema,
        rows=rows,
        derived=derived,
        findings=findings,
        note=note.text,
        code_after=package["codeVersion"],
    )
    _write_pages(staging, package, frames, views, record, date)
    table_defs = {**schema.tables(), **{v.table.name: v.table for v in views}}
    outcome = check_written_package(staging, {**frames, **{v.table.name: v.frame for v in views}}, table_defs)
    if not outcome.passed:
        details = "; ".join(f"{r.resource}: {r.message}" for r in outcome.sample.itertuples())
        raise PublishError(f"the written package fails its checks, so it was not published: {details}")
    files = {p.relative_to(staging).as_posix(): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
    target = root / version
    staging.rename(target)  # one rename: readers see the whole version or none of it
    say(f"{target}: {site.bump_words(decision.bump)}" + (f" after {previous.version}" if previous else ""))
    return Published(
        target, version, "written", files, decision.bump, previous.version if previous else None, decision.reasons, decision.headlines
    )


def _unchanged(previous: Release, staging: Path) -> Published:
    files = {p.relative_to(previous.folder).as_posix(): p.stat().st_size for p in sorted(previous.folder.rglob("*")) if p.is_file()}
    return Published(previous.folder, previous.version or previous.folder.name, "unchanged", files)


def _write_pages(staging: Path, package: dict, frames: dict[str, pd.DataFrame], views: list[View], record: dict, date: str) -> None:
    """README.md (codebook), CHANGES.md, changes.json, CITATION.cff, then index.html, which lists them all."""
    indicator_names = (
        dict(zip(frames["indicators"]["indicator_id"], frames["indicators"]["name"], strict=True)) if "indicators" in frames else {}
    )
    entries: list[tuple[schema.Table, pd.DataFrame, str, str | None]] = [
        (t, frames[n], f"data/{n}.csv", f"data/{n}.parquet") for n, t in schema.tables().items()
    ]
    entries += [(v.table, v.frame, v.path, None) for v in views]
    book = site.codebook(entries)
    documents = site.documents_list(frames)
    problems = len(frames.get("problems", []))
    causes, change_tables = site.changes_view(record, indicator_names)
    common = dict(
        package=package,
        date=date,
        day=date[:10],
        bump_words=site.bump_words(record["bump"]),
        code_short=short(package["codeVersion"]),
        code_note=site.code_note(record),
        citation=site.citation(package, date),
        documents=documents,
        problems=problems,
        offsets=" ".join(schema.package_metadata()["offsets"].split()),
    )
    (staging / "README.md").write_text(site.render("README.md.j2", codebook=book, units=site.units_text(), **common), encoding="utf-8")
    derived_changed = [t["name"] for t in change_tables if t["derived"] and t["rows"]]
    (staging / "CHANGES.md").write_text(
        site.render("CHANGES.md.j2", changes=record, causes=causes, change_tables=change_tables, derived_changed=derived_changed, **common),
        encoding="utf-8",
    )
    (staging / "changes.json").write_text(json.dumps(record, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    (staging / "CITATION.cff").write_text(site.citation_cff(package, date), encoding="utf-8")
    svgs = {v.table.name: charts.render_svg(v) for v in views if v.kind == "chart"}
    sections, cited = site.chart_sections(views, svgs, indicator_names)
    downloads = _downloads(staging, package, book)
    page = site.render(
        "version.html.j2",
        charts=sections,
        downloads=downloads,
        codebook=book,
        units=site.units_text(),
        changes=record,
        causes=causes,
        change_tables=change_tables,
        provenance=site.provenance(cited, frames),
        **common,
    )
    (staging / "index.html").write_text(page, encoding="utf-8")


def _downloads(staging: Path, package: dict, book: list[dict]) -> list[dict]:
    rows = {t["path"]: t["rows"] for t in book} | {t["parquet"]: t["rows"] for t in book if t["parquet"]}

    def entry(rel: str) -> dict:
        path = staging / rel
        return {
            "path": rel,
            "rows": rows.get(rel),
            "bytes": path.stat().st_size,
            "size": site.size(path.stat().st_size),
            "sha256": sha256_file(path),
        }

    paths = [r["path"] for r in package["resources"]]
    groups = [
        ("Tidy tables", "data/: one fact per row, CSV and Parquet, joined by ids.", [p for p in paths if p.startswith("data/")]),
        (
            "Readable tables",
            "readable/: observations with the indicator's name, the quote and the source's address in every row.",
            [p for p in paths if p.startswith("readable/")],
        ),
        ("Chart-ready tables", "charts/: a row per period, a column per series.", [p for p in paths if p.startswith("charts/")]),
        (
            "About this version",
            "The descriptor, the codebook, what changed, and how to cite.",
            ["datapackage.json", *[p for p in PAGES if p != "index.html"]],
        ),
    ]
    return [{"title": t, "description": d, "files": [entry(p) for p in ps]} for t, d, ps in groups if ps]

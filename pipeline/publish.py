"""Writing ``published/<version>/``: CSV + Parquet for every table, ``datapackage.json``, codebook.

Belongs here: deterministic file writing, the package descriptor, and the publishing rules: a
version is written whole into a staging folder and moved into place in one rename (nothing is
half-published), an existing version is never edited (re-publishing identical content is a
no-op; different content is refused until the version in ``schemas/package.yaml`` is bumped, and
the refusal says whether the texts changed or the release itself was altered), and runs
publishing into one folder take turns under a file lock.
Not here: building or validating the tables (assets and checks do that before this runs),
re-checking releases (``pipeline.integrity``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pyarrow_mod
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from . import schema
from .integrity import check_release, sha256_file
from .validation import check_written_package

PARQUET_SUFFIX = "-parquet"


class PublishError(RuntimeError):
    """The package cannot be published as asked; the message says why and what to do."""


@dataclass
class Published:
    path: Path
    version: str
    status: str  # "written" or "unchanged"
    files: dict[str, int]  # relative path -> bytes


def created_timestamp() -> str | None:
    """ISO time from SOURCE_DATE_EPOCH, so rebuilds are byte-identical; None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_csv(df: pd.DataFrame, path: Path) -> None:
    # Python's shortest round-trip repr for floats: stable across platforms and pandas versions.
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write_parquet(df: pd.DataFrame, table_name: str, path: Path) -> None:
    table = pyarrow_mod.Table.from_pandas(df, schema=schema.arrow_schema(table_name), preserve_index=False)
    table = table.replace_schema_metadata(None)  # pandas metadata would tie bytes to the pandas version
    pq.write_table(table, path, compression="zstd", compression_level=3, store_schema=False)


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
        "description": table.description,
        "schema": schema.frictionless_schema(table.name, resource_suffix=suffix),
    }
    resource["hash"] = "sha256:" + sha256_file(path)
    if fmt == "csv":
        resource.update(bytes=path.stat().st_size, encoding="utf-8")
    # Parquet has no `bytes`: frictionless 5.21 reads it through pyarrow, counts none and would
    # fail the package; nor does it check Parquet's `hash` (`make verify` does).
    return resource


def descriptor(resources: list[dict], sources: list[dict]) -> dict:
    meta = schema.package_metadata()
    package = {
        "name": meta["name"],
        "title": meta["title"],
        "description": " ".join(meta["description"].split()),
        "version": meta["version"],
        "homepage": meta.get("homepage"),
        "keywords": meta.get("keywords", []),
        "licenses": meta["licenses"],
        "sources": sources,
    }
    created = created_timestamp()
    if created:
        package["created"] = created
    package["resources"] = resources
    return {k: v for k, v in package.items() if v is not None}


def codebook(package: dict) -> str:
    """A human-readable README for the published folder, generated from the descriptor."""
    meta = schema.package_metadata()
    lines = [f"# {package['title']} {package['version']}", "", package["description"], ""]
    lines += ["Validate with `frictionless validate datapackage.json`.", ""]
    notes = meta.get("release_notes")
    if notes:
        lines += [f"## What changed in {package['version']}", "", " ".join(notes.split()), ""]
    lines += ["## How offsets are counted", "", " ".join(meta["offsets"].split()), ""]
    lines += ["## Sources", ""]
    lines += [f"- {s['title']} ({s.get('publisher', '')}): {s.get('path', '')}" for s in package["sources"]]
    for res in package["resources"]:
        if res["name"].endswith(PARQUET_SUFFIX):
            continue
        lines += ["", f"## {res['name']} (`{res['path']}`, also as Parquet)", "", res["description"], ""]
        lines += ["| field | type | unit | description |", "|---|---|---|---|"]
        for f in res["schema"]["fields"]:
            lines.append(f"| {f['name']} | {f['type']} | {f.get('unit', '')} | {f['description']} |")
    return "\n".join(lines) + "\n"


def _comparable(folder: Path) -> dict[str, str]:
    """File hashes of a package folder, ignoring the `created` stamp of datapackage.json."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel == "datapackage.json":
            package = json.loads(path.read_text(encoding="utf-8"))
            package.pop("created", None)
            out[rel] = json.dumps(package, sort_keys=True)
        else:
            out[rel] = sha256_file(path)
    return out


def _texts(folder: Path) -> dict[str, str]:
    """document -> sha256 of the texts a package was built from (its documents table)."""
    path = folder / "data" / "documents.csv"
    if not path.is_file():
        return {}
    df = pd.read_csv(path, usecols=["document", "file_sha256"], dtype=str, keep_default_na=False)
    return dict(zip(df["document"], df["file_sha256"]))


def why_different(published: Path, candidate: Path) -> str:
    """Why a candidate differs from the release of the same version: the release was altered,
    the texts changed, or (same texts) the rules, code or schemas changed."""
    release = check_release(published)
    if not release.ok:
        return (
            f"{published} has been altered since it was published ({'; '.join(release.problems[:5])}). "
            "A release is never edited: restore it from version control (git checkout -- "
            f"{published}) and run again; nothing was written"
        )
    old, new = _texts(published), _texts(candidate)
    changes = [f"added {', '.join(sorted(new.keys() - old.keys()))}" if new.keys() - old.keys() else "",
               f"removed {', '.join(sorted(old.keys() - new.keys()))}" if old.keys() - new.keys() else "",
               "changed " + ", ".join(sorted(d for d in old.keys() & new.keys() if old[d] != new[d]))
               if any(old[d] != new[d] for d in old.keys() & new.keys()) else ""]
    cause = "; ".join(c for c in changes if c)
    version = published.name
    what = f"the texts changed since {version} was published ({cause})" if cause else \
        f"the texts are those of {version}, but the rules, code or schemas changed since it was published"
    return (f"{what}. A published version is never edited: bump `version` in schemas/package.yaml "
            f"(now {version}; a patch for corrections, a minor version for new rows or tables) to publish this one")


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
        stamp = datetime.now(timezone.utc).strftime("%H:%M:%S UTC")
        owner.write_text(f"pid {os.getpid()} on {socket.gethostname()} (since {stamp})", encoding="utf-8")
        for stale in published_root.glob(".staging-*"):
            # Under the lock no other run is writing: any staging folder is a killed run's.
            say(f"removing {stale.name}, left by an interrupted run")
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def publish(tables: dict[str, pd.DataFrame], sources: list[dict], published_root: Path,
            say: Callable[[str], None] = print) -> Published:
    """Write every declared table into ``published_root/<version>/``, all or nothing."""
    version = schema.package_metadata()["version"]
    with publish_lock(published_root, say):
        staging = published_root / f".staging-{version}-{os.getpid()}"
        (staging / "data").mkdir(parents=True)
        try:
            return _publish_into(staging, tables, sources, published_root / version, version)
        finally:
            if staging.exists():
                shutil.rmtree(staging)


def _publish_into(staging: Path, tables: dict[str, pd.DataFrame], sources: list[dict], target: Path, version: str) -> Published:
    resources, frames = [], {}
    for name, table in schema.tables().items():
        if name not in tables:
            raise PublishError(f"table {name!r} is declared in schemas/tables.yaml but was not built")
        df = frames[name] = schema.conform(tables[name], name)
        write_csv(df, staging / "data" / f"{name}.csv")
        write_parquet(df, name, staging / "data" / f"{name}.parquet")
        resources.append(_resource(table, f"data/{name}.csv", staging, "csv"))
        resources.append(_resource(table, f"data/{name}.parquet", staging, "parquet"))
    package = descriptor(resources, sources)
    (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (staging / "README.md").write_text(codebook(package), encoding="utf-8")
    files = {p.relative_to(staging).as_posix(): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
    if target.exists():
        if _comparable(target) == _comparable(staging):
            return Published(target, version, "unchanged", files)
        raise PublishError(why_different(target, staging))
    outcome = check_written_package(staging, frames)
    if not outcome.passed:
        details = "; ".join(f"{r.resource}: {r.message}" for r in outcome.sample.itertuples())
        raise PublishError(f"the written package fails its checks, so it was not published: {details}")
    staging.rename(target)  # one rename: readers see the whole version or none of it
    return Published(target, version, "written", files)

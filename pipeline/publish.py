"""Writing ``published/<version>/``: CSV + Parquet for every table, ``datapackage.json``, codebook.

Belongs here: deterministic file writing, the package descriptor, and the publishing rules: a
version is written whole into a staging folder and moved into place in one rename (nothing is
half-published), and an existing version is never edited (re-publishing identical content is a
no-op; different content is refused until the version in ``schemas/package.yaml`` is bumped).
Not here: building or validating the tables (assets and checks do that before this runs).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pyarrow_mod
import pyarrow.parquet as pq

from . import schema
from .validation import validate_package

PARQUET_SUFFIX = "-parquet"


class PublishError(RuntimeError):
    """The package cannot be published as asked; the message says why and what to do."""


@dataclass
class Published:
    path: Path
    version: str
    status: str  # "written" or "unchanged"
    files: dict[str, int]  # relative path -> bytes


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
    resource = {
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
    integrity = {"bytes": path.stat().st_size, "hash": "sha256:" + _sha256(path)}
    if fmt == "csv":
        resource.update(integrity, encoding="utf-8")
    else:
        # frictionless 5.21 reads Parquet through pyarrow and counts no bytes, so a standard
        # `bytes`/`hash` there always fails validation; the same facts go under a custom key.
        resource["fileIntegrity"] = integrity
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
    lines = [f"# {package['title']} {package['version']}", "", package["description"], ""]
    lines += ["Validate with `frictionless validate datapackage.json`.", "", "## Sources", ""]
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
            out[rel] = hashlib.sha256(json.dumps(package, sort_keys=True).encode()).hexdigest()
        else:
            out[rel] = _sha256(path)
    return out


def publish(tables: dict[str, pd.DataFrame], sources: list[dict], published_root: Path) -> Published:
    """Write every declared table into ``published_root/<version>/``, all or nothing."""
    version = schema.package_metadata()["version"]
    published_root.mkdir(parents=True, exist_ok=True)
    staging = published_root / f".staging-{version}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "data").mkdir(parents=True)
    try:
        resources = []
        for name, table in schema.tables().items():
            if name not in tables:
                raise PublishError(f"table {name!r} is declared in schemas/tables.yaml but was not built")
            df = schema.conform(tables[name], name)
            write_csv(df, staging / "data" / f"{name}.csv")
            write_parquet(df, name, staging / "data" / f"{name}.parquet")
            resources.append(_resource(table, f"data/{name}.csv", staging, "csv"))
            resources.append(_resource(table, f"data/{name}.parquet", staging, "parquet"))
        package = descriptor(resources, sources)
        (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / "README.md").write_text(codebook(package), encoding="utf-8")
        files = {p.relative_to(staging).as_posix(): p.stat().st_size for p in sorted(staging.rglob("*")) if p.is_file()}
        outcome = validate_package(staging / "datapackage.json")
        if not outcome.passed:
            details = "; ".join(f"{r.resource}: {r.message}" for r in outcome.sample.itertuples())
            raise PublishError(f"the package fails Frictionless validation, so it was not published: {details}")

        target = published_root / version
        if target.exists():
            if _comparable(target) == _comparable(staging):
                shutil.rmtree(staging)
                return Published(target, version, "unchanged", files)
            raise PublishError(
                f"{target} already exists with different content. A published version is never "
                f"edited: bump `version` in schemas/package.yaml (now {version}) to publish this one."
            )
        staging.rename(target)  # one rename: readers see the whole version or none of it
        return Published(target, version, "written", files)
    finally:
        if staging.exists():
            shutil.rmtree(staging)

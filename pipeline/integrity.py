"""Checking that published releases are still the bytes they were published as.

Belongs here: re-hashing every data file of a release against the ``hash`` (and ``bytes``) its
``datapackage.json`` records, CSV and Parquet alike, and naming every file that differs, is
missing or is not part of the package. ``frictionless validate`` checks CSV hashes only: it
reads Parquet through pyarrow and never hashes it, so a changed byte there passes it. Also the
stable paths: every file of every version (pages included) against ``versions.json``, and
``latest/`` against the newest version.
Not here: writing releases (``pipeline.publish``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_VERSION = re.compile(r"\d+\.\d+\.\d+")
# Files a release holds beside its resources: not data, so not in datapackage.json; their
# hashes are in the published folder's versions.json.
_NOT_DATA = {"datapackage.json", "README.md", "CHANGES.md", "changes.json", "CITATION.cff", "index.html"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class ReleaseCheck:
    folder: Path
    checked: int = 0
    problems: list[str] = field(default_factory=list)  # "<file>: <what differs>"

    @property
    def ok(self) -> bool:
        return not self.problems


def _recorded(resource: dict) -> tuple[str | None, int | None]:
    # Releases before 1.1.0 kept Parquet's hash under the custom key `fileIntegrity`.
    integrity = resource.get("fileIntegrity", {})
    return resource.get("hash") or integrity.get("hash"), resource.get("bytes") or integrity.get("bytes")


def check_release(folder: Path) -> ReleaseCheck:
    """Every resource of one release against the hash and size its descriptor records."""
    result = ReleaseCheck(folder)
    descriptor = folder / "datapackage.json"
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except FileNotFoundError:
        result.problems.append("datapackage.json: missing")
        return result
    except (OSError, json.JSONDecodeError) as err:
        result.problems.append(f"datapackage.json: unreadable ({err})")
        return result
    listed = set()
    for resource in package.get("resources", []):
        rel = resource.get("path", "")
        listed.add(rel)
        path = folder / rel
        expected_hash, expected_bytes = _recorded(resource)
        if not path.is_file():
            result.problems.append(f"{rel}: missing")
            continue
        if not expected_hash:
            result.problems.append(f"{rel}: its datapackage.json records no hash")
            continue
        result.checked += 1
        actual = "sha256:" + sha256_file(path)
        if actual != expected_hash:
            size = path.stat().st_size
            sized = f", {size} bytes where {expected_bytes} were published" if expected_bytes and expected_bytes != size else ""
            result.problems.append(f"{rel}: sha256 differs from the one published in datapackage.json{sized}")
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in listed and rel not in _NOT_DATA:
            result.problems.append(f"{rel}: not part of the published package")
    return result


def release_folders(published_root: Path) -> list[Path]:
    """Published versions, oldest first (staging folders and aliases are not versions)."""
    if not published_root.is_dir():
        return []
    folders = [p for p in published_root.iterdir() if p.is_dir() and not p.is_symlink() and _VERSION.fullmatch(p.name)]
    return sorted(folders, key=lambda p: tuple(int(x) for x in p.name.split(".")))


def check_all(published_root: Path) -> list[ReleaseCheck]:
    return [check_release(folder) for folder in release_folders(published_root)]


@dataclass
class StableCheck:
    """The stable paths of a published folder against its versions."""

    checked: list[str] = field(default_factory=list)  # what was found in step
    problems: list[str] = field(default_factory=list)  # "<path>: <what differs>"
    notes: list[str] = field(default_factory=list)  # nothing wrong, worth saying

    @property
    def ok(self) -> bool:
        return not self.problems


def check_stable(published_root: Path) -> StableCheck:
    """``versions.json`` lists every version with the hash and size of each of its files, and
    they match; ``latest/`` is a copy of the newest version, file for file."""
    from .release.stable import CHANGELOG, INDEX, LATEST, VERSIONS, folder_files

    result = StableCheck()
    folders = release_folders(published_root)
    versions_path, latest = published_root / VERSIONS, published_root / LATEST
    if not folders:
        return result
    if not versions_path.exists() and not latest.exists():
        result.notes.append(f"no {LATEST}/ or {VERSIONS} yet: the next `make run` writes them")
        return result
    try:
        listed = {v["version"]: v for v in json.loads(versions_path.read_text(encoding="utf-8"))["versions"]}
        newest = json.loads(versions_path.read_text(encoding="utf-8")).get("latest")
    except FileNotFoundError:
        result.problems.append(f"{VERSIONS}: missing")
        listed, newest = {}, None
    except (OSError, ValueError, KeyError, TypeError) as err:
        result.problems.append(f"{VERSIONS}: unreadable ({err})")
        listed, newest = {}, None
    for folder in folders:
        entry = listed.get(folder.name)
        if entry is None:
            if versions_path.exists():
                result.problems.append(f"{VERSIONS}: {folder.name} is not listed")
            continue
        recorded = entry.get("files", {})
        actual = folder_files(folder)
        for rel, meta in recorded.items():
            if rel not in actual:
                result.problems.append(f"{folder.name}/{rel}: missing (listed in {VERSIONS})")
            elif actual[rel]["sha256"] != meta.get("sha256"):
                result.problems.append(f"{folder.name}/{rel}: sha256 differs from the one in {VERSIONS}")
        for rel in actual.keys() - recorded.keys():
            result.problems.append(f"{folder.name}/{rel}: not listed in {VERSIONS}")
    for version in listed.keys() - {f.name for f in folders}:
        result.problems.append(f"{VERSIONS}: lists {version}, which has no folder")
    if versions_path.exists() and newest != folders[-1].name:
        result.problems.append(f"{VERSIONS}: says the latest version is {newest}, the newest folder is {folders[-1].name}")
    if not latest.is_dir() or latest.is_symlink():
        result.problems.append(f"{LATEST}/: missing (or not a folder); the next `make run` writes it")
    else:
        ours, theirs = folder_files(latest), folder_files(folders[-1])
        differ = sorted(rel for rel in ours.keys() | theirs.keys() if ours.get(rel, {}).get("sha256") != theirs.get(rel, {}).get("sha256"))
        if differ:
            result.problems.append(
                f"{LATEST}/: differs from {folders[-1].name} in {', '.join(differ[:5])}" + (" ..." if len(differ) > 5 else "")
            )
        else:
            result.checked.append(f"{LATEST}/ = {folders[-1].name}")
    if not result.problems and versions_path.exists():
        result.checked.append(f"{VERSIONS} ({len(listed)} versions)")
    for name in (CHANGELOG, INDEX):
        if not (published_root / name).is_file():
            result.problems.append(f"{name}: missing; the next `make run` writes it")
    return result

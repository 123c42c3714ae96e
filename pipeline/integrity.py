"""Checking that published releases are still the bytes they were published as.

Belongs here: re-hashing every data file of a release against the ``hash`` (and ``bytes``) its
``datapackage.json`` records, CSV and Parquet alike, and naming every file that differs, is
missing or is not part of the package. ``frictionless validate`` checks CSV hashes only: it
reads Parquet through pyarrow and never hashes it, so a changed byte there passes it.
Not here: writing releases (``pipeline.publish``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_VERSION = re.compile(r"\d+\.\d+\.\d+")
# Files a release holds beside its resources: not data, not hashed.
_NOT_DATA = {"datapackage.json", "README.md"}


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

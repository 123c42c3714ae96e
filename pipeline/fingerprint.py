"""Has anything a run reads changed since the last run on the same folders?

Belongs here: one hash of what decides a release (every file of the raw folder, by name and
bytes, and the code version), and the record of the last successful command-line run on a
raw/published pair, kept beside that pair's run storage. When the hash is the one recorded and the
version it published or confirmed is still the latest, ``make run`` says so and starts nothing:
no Dagster run, nothing read, nothing written. Imports nothing heavy, so that answer costs a
fraction of a second. Not here: deciding versions (``pipeline.publish``), which still compares
content whenever a run does happen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import settings
from .release.codeversion import code_version

RECORD = "last-run.json"


def inputs_fingerprint(raw_dir: Path) -> str:
    """sha256 over the code version and every file under ``raw_dir`` (links followed)."""
    digest = hashlib.sha256(code_version().encode())
    if raw_dir.is_dir():
        for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
            digest.update(path.relative_to(raw_dir).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class LastRun:
    fingerprint: str
    version: str
    when: str
    summary: str


def _record_path(raw_dir: Path, published_dir: Path) -> Path:
    return settings.storage_dir(raw_dir, published_dir) / RECORD


def _latest_version(published_dir: Path) -> str | None:
    try:
        return json.loads((published_dir / "versions.json").read_text(encoding="utf-8"))["latest"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unchanged(raw_dir: Path, published_dir: Path, fingerprint: str) -> LastRun | None:
    """The last run, if nothing it read has changed and its version is still the latest."""
    try:
        last = LastRun(**json.loads(_record_path(raw_dir, published_dir).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if last.fingerprint != fingerprint or not last.version or _latest_version(published_dir) != last.version:
        return None
    if not (published_dir / last.version / "datapackage.json").is_file():
        return None
    return last


def remember(raw_dir: Path, published_dir: Path, fingerprint: str, version: str, summary: str) -> None:
    path = _record_path(raw_dir, published_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(LastRun(fingerprint, version, when, summary).__dict__, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)

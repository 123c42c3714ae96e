"""Stable paths of the published folder: ``latest/``, ``versions.json``, ``CHANGELOG.md``, ``index.html``.

Belongs here: keeping them in step with the version folders after every publish (and repairing
them when one is missing), each written atomically:
- ``latest/`` is a real copy of the newest version, not a symbolic link: a zip of the repository
  or a checkout on Windows turns a link into a small text file, while a copy opens everywhere,
  and git stores the copied files once (same bytes, same blob). It is built beside the old one
  and swapped in: on Linux by one ``renameat2(RENAME_EXCHANGE)``, so a reader sees the old copy
  or the new one, never neither; elsewhere by two renames, so for an instant there is none, but
  never a mix of two versions.
- ``versions.json`` lists every version with its date and the sha256 and size of each of its
  files; an entry, once written, is kept as it is: it records what was published.
- ``CHANGELOG.md`` and ``index.html`` are rendered from the versions' change records.
A file whose content would not change is not rewritten. Not here: writing a version
(``pipeline.publish``), checking all this (``pipeline.integrity``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from .. import schema
from ..integrity import release_folders, sha256_file
from ..settings import PROJECT_ROOT
from . import site
from .notes import NoteError, read_note
from .semver import parse

LATEST = "latest"
VERSIONS = "versions.json"
CHANGELOG = "CHANGELOG.md"
INDEX = "index.html"
STAGING_PREFIX = ".staging-"  # the publish lock removes what a killed run left under this prefix


# --- dates ---------------------------------------------------------------------------------------
def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def release_date() -> str:
    """When a new version is dated: SOURCE_DATE_EPOCH if set (reproducible builds), else the
    time of the commit the code is at, else now (a copy without git history)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _iso(int(epoch))
    commit = _git("log", "-1", "--format=%ct")
    return _iso(int(commit)) if commit else _iso(int(datetime.now(UTC).timestamp()))


def _date_of(folder: Path) -> str | None:
    """The date of a version already published: its `created`, else the commit that added it."""
    try:
        created = json.loads((folder / "datapackage.json").read_text(encoding="utf-8")).get("created")
    except (OSError, json.JSONDecodeError):
        created = None
    if created:
        return created
    added = _git("log", "--diff-filter=A", "--format=%ct", "--", str((folder / "datapackage.json").resolve()))
    return _iso(int(added.splitlines()[-1])) if added else None


# --- files ---------------------------------------------------------------------------------------
def folder_files(folder: Path) -> dict[str, dict]:
    return {
        p.relative_to(folder).as_posix(): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_if_changed(path: Path, text: str) -> bool:
    """Write a file atomically (temporary file, then one rename), only when its content changes."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_name(f"{STAGING_PREFIX}{path.name}-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -0x64  # AT_FDCWD of <fcntl.h>: paths relative to the working directory


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``, replacing what is there at once where possible."""
    if not target.exists() and not target.is_symlink():
        new.rename(target)
        return
    if target.is_dir() and not target.is_symlink() and _exchange(new, target):
        shutil.rmtree(new)  # it now holds the old copy
        return
    old = target.with_name(f"{STAGING_PREFIX}{target.name}-old-{os.getpid()}")
    target.rename(old)
    new.rename(target)
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)
    else:
        old.unlink()


def latest_in_step(root: Path, newest: Path) -> bool:
    latest = root / LATEST
    return latest.is_dir() and not latest.is_symlink() and folder_files(latest) == folder_files(newest)


def _update_latest(root: Path, newest: Path) -> bool:
    if latest_in_step(root, newest):
        return False
    copy = root / f"{STAGING_PREFIX}{LATEST}-{os.getpid()}"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(newest, copy)
    swap_in(copy, root / LATEST)
    return True


# --- versions ------------------------------------------------------------------------------------
def read_versions(root: Path) -> dict:
    path = root / VERSIONS
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}


def _changes(folder: Path) -> dict | None:
    path = folder / "changes.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except json.JSONDecodeError:
        return None


def _entry(folder: Path) -> dict:
    changes = _changes(folder) or {}
    return {
        "version": folder.name,
        "date": _date_of(folder),
        "bump": changes.get("bump"),
        "previous": changes.get("previous"),
        "path": f"{folder.name}/",
        "files": folder_files(folder),
    }


def _note(notes_dir: Path | None, version: str) -> str | None:
    if notes_dir is None:
        return None
    try:
        return read_note(notes_dir, version).text
    except NoteError:
        return None


def update(root: Path, notes_dir: Path | None = None) -> list[str]:
    """Bring the stable paths in step with the version folders; returns what was rewritten."""
    folders = release_folders(root)
    if not folders:
        return []
    written = []
    known = {v["version"]: v for v in read_versions(root).get("versions", []) if isinstance(v, dict) and "version" in v}
    entries = [known.get(f.name) or _entry(f) for f in folders]
    entries.sort(key=lambda v: parse(v["version"]), reverse=True)
    meta = schema.package_metadata()
    versions = {"name": meta["name"], "title": meta["title"], "latest": entries[0]["version"], "versions": entries}
    if write_if_changed(root / VERSIONS, json.dumps(versions, indent=2, ensure_ascii=False) + "\n"):
        written.append(VERSIONS)
    if _update_latest(root, folders[-1]):
        written.append(f"{LATEST}/ = {folders[-1].name}")
    rows = []
    for v in entries:
        changes = _changes(root / v["version"])
        note = (changes or {}).get("note") or _note(notes_dir, v["version"])
        summary = (changes or {}).get("reasons", [])[:6] if changes and changes.get("previous") else (["first release"] if changes else [])
        page = INDEX if (root / v["version"] / INDEX).is_file() else "README.md"
        causes = site.changes_view(changes, {})[0] if changes else []
        rows.append(
            {
                **v,
                "summary": summary,
                "note": note,
                "causes": causes,
                "has_changes": changes is not None,
                "page": page,
                "files": len(v.get("files", {})),
            }
        )
    package = {"title": meta["title"], "description": " ".join(meta["description"].split()), "licenses": meta["licenses"]}
    latest = rows[0]
    if write_if_changed(root / CHANGELOG, site.render("CHANGELOG.md.j2", package=package, versions=rows)):
        written.append(CHANGELOG)
    if write_if_changed(root / INDEX, site.render("index.html.j2", package=package, versions=rows, latest=latest)):
        written.append(INDEX)
    return written

"""The code version: one hash of everything besides the texts that decides what a release holds.

Belongs here: hashing the sources of ``pipeline/`` (Python, rules, templates), ``schemas/`` and
the pinned dependencies of ``requirements.lock``, by path and bytes, in a fixed order. Two runs
with the same code version and the same texts publish the same tables, so when a row changes
and its text did not, the code version says the rules or code did. Recorded in every release's
``datapackage.json`` as ``codeVersion``. Not here: git (a zip of the repository has no history,
and uncommitted edits count too).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..settings import PROJECT_ROOT

# What the pipeline reads besides the texts: its code, its rules and templates, its schemas.
_FOLDERS = ("pipeline", "schemas")
_SUFFIXES = {".py", ".yaml", ".yml", ".j2", ".html", ".css", ".json", ".toml"}
_FILES = ("requirements.lock",)


# What one document's figures and observations depend on besides its text: the extractor, the
# mapping rules and catalog, the schemas and the pinned libraries (pint reads the units).
_DOCUMENT_PARTS = (
    "pipeline/extract",
    "pipeline/indicators",
    "pipeline/figures.py",
    "pipeline/document_results.py",
    "pipeline/schema.py",
    "schemas",
    "requirements.lock",
)


def code_files(root: Path = PROJECT_ROOT, parts: tuple[str, ...] = (*_FOLDERS, *_FILES)) -> list[Path]:
    files = []
    for part in parts:
        path = root / part
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES and "__pycache__" not in p.parts]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def compute_code_version(root: Path = PROJECT_ROOT, parts: tuple[str, ...] = (*_FOLDERS, *_FILES)) -> str:
    """sha256 over (relative path, sha256 of bytes) of every code file. CRLF counts as LF: a
    Windows checkout of the same commit has the same code version."""
    digest = hashlib.sha256()
    for path in code_files(root, parts):
        rel = path.relative_to(root).as_posix()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).digest())
    return digest.hexdigest()


def code_version() -> str:
    """The code version of this checkout (computed each time: a long-lived process may see edits)."""
    return compute_code_version()


def document_code_version() -> str:
    """The code version of one document's results (``pipeline.document_results``): a change of
    the extractor or the rules re-runs every document; a change of the landing page does not."""
    return compute_code_version(PROJECT_ROOT, _DOCUMENT_PARTS)


def short(version: str | None) -> str:
    return version[:12] if version else "not recorded"

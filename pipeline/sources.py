"""Reading the raw texts and their manifest, with clear messages for bad input.

Belongs here: listing ``raw/*.txt``, decoding them, reading ``raw/sources.csv`` and building the
``documents`` table. A bad text is reported (file and problem) and left out so the good ones still
publish; a manifest that names a missing file stops the run, since the input set is then wrong.
Not here: anything about figures.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "title", "publisher", "url", "language")


class InputError(ValueError):
    """The raw directory cannot be read as a whole; the message names the file and the problem."""


@dataclass
class RawText:
    file: str
    text: str
    sha256: str


@dataclass
class Corpus:
    documents: pd.DataFrame  # one row per readable text (the published `documents` table)
    problems: list[str] = field(default_factory=list)  # "file: problem" for every text left out
    warnings: list[str] = field(default_factory=list)


def document_id(file: str) -> str:
    """Slug of a file name: "Mn Embassy_Ref.txt" -> "mn-embassy-ref"."""
    stem = Path(file).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "document"


def read_manifest(raw_dir: Path) -> dict[str, dict]:
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(MANIFEST_COLUMNS)}")
        rows = {}
        for line, row in enumerate(reader, start=2):
            name = (row.get("file") or "").strip()
            if not name:
                raise InputError(f"{path}, line {line}: empty 'file' value")
            rows[name] = row
    absent = sorted(name for name in rows if not (raw_dir / name).is_file())
    if absent:
        raise InputError(f"{path}: lists {', '.join(absent)}, not found in {raw_dir}")
    return rows


def read_text(path: Path) -> RawText:
    """Decode one raw text as UTF-8; raise InputError naming the file and the problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{path.name}: not valid UTF-8 (byte {err.start}: {data[err.start:err.start + 1]!r})") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is encoding, not text; offsets start after it
    if not text.strip():
        raise InputError(f"{path.name}: empty text")
    if "\x00" in text:
        raise InputError(f"{path.name}: holds NUL bytes; is it a binary file renamed .txt?")
    return RawText(path.name, text, hashlib.sha256(data).hexdigest())


def text_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw directory not found (set PIPELINE_RAW_DIR?)")
    return sorted(p for p in raw_dir.glob("*.txt") if p.is_file())


def load_corpus(raw_dir: Path) -> Corpus:
    manifest = read_manifest(raw_dir)
    rows, problems, warnings = [], [], []
    files = text_files(raw_dir)
    if not files:
        raise InputError(f"{raw_dir}: no .txt files to read")
    for path in files:
        try:
            raw = read_text(path)
        except InputError as err:
            problems.append(str(err))
            continue
        meta = manifest.get(path.name)
        if meta is None:
            meta = {}
            warnings.append(f"{path.name}: not listed in {MANIFEST}; published with empty title, publisher and url")
        rows.append(
            {
                "document": path.name,
                "document_id": document_id(path.name),
                "file_sha256": raw.sha256,
                "characters": len(raw.text),
                **{k: (meta.get(k) or "").strip() for k in ("title", "publisher", "url", "language")},
            }
        )
    if not rows:
        raise InputError(f"{raw_dir}: no readable text; " + "; ".join(problems))
    return Corpus(pd.DataFrame(rows), problems, warnings)

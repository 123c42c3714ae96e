"""Reading the raw texts of a folder into the ``documents`` and ``problems`` tables.

Belongs here: listing ``raw/*.txt``, decoding each text (UTF-8, or the encoding a byte-order mark
names), and leaving out, with a precise reason, every file that cannot be used: undecodable,
binary, empty, not in English, a duplicate of another text, a link leaving the folder, a directory,
or listed in the manifest but missing. The good texts still publish and the left-out files are
published in ``problems``, so a reader of the release sees what was not read.
Offsets everywhere count Python ``str`` characters of the decoded text: byte-order mark removed,
newlines kept as they are in the file (CRLF stays two characters).
Not here: the manifest's syntax (``pipeline.manifest``), anything about figures.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import filetype
import pandas as pd

from . import schema
from .errors import InputError
from .extract.lexicon import MIN_LATIN_SHARE
from .extract.script import latin_share
from .manifest import MANIFEST_NAMES, read_manifest

__all__ = ["Corpus", "InputError", "RawText", "UnusableText", "document_id", "load_corpus", "read_text"]

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
# The extractor reads English; a text whose letters are mostly of another script yields junk.
READ_LANGUAGE = "en"
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_SAMPLE_CHARS = 4096  # enough letters to name the script a text is written in


class UnusableText(InputError):
    """One text cannot be used; ``problem`` is a code of the `problems` table's enum."""

    def __init__(self, problem: str, message: str):
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class RawText:
    file: str
    text: str
    sha256: str  # of the file's bytes
    encoding: str


@dataclass
class Corpus:
    documents: pd.DataFrame  # one row per text read (the published `documents` table)
    problems: pd.DataFrame  # one row per file left out (the published `problems` table)
    warnings: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return list(self.problems["detail"])


def document_id(file: str) -> str:
    """Slug of a file name: "Mn Embassy_Ref.txt" -> "mn-embassy-ref"."""
    stem = Path(file).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "document"


def _line_and_column(data: bytes, at: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, at) + 1
    return data.count(b"\n", 0, at) + 1, at - line_start + 1


def _guess_encoding(data: bytes) -> str:
    """A hint for a file that is not UTF-8: most such texts are Latin-1 / Windows-1252."""
    try:
        data.decode("cp1252")
        return "Latin-1 / Windows-1252?"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only on this rare path: it is slow to import

    best = from_bytes(data[:65536]).best()
    return f"{best.encoding}?" if best else "an unknown encoding"


def _looks_utf16(data: bytes) -> str | None:
    """'UTF-16 LE'/'UTF-16 BE' when every other byte is NUL, as in UTF-16 text without a mark."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(odd) >= 4 and odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "UTF-16 LE"
    if len(even) >= 4 and even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "UTF-16 BE"
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was read with; UnusableText names the file and the problem."""
    kind = filetype.guess(data[:8192])
    if kind is not None:
        raise UnusableText("binary", f"{name}: binary ({kind.extension.upper()}, {kind.mime}), not a text file")
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            label = _ENCODING_NAMES[encoding]
            raise UnusableText(
                "undecodable", f"{name}: starts with a {label} byte-order mark but is not valid {label} (byte {err.start})"
            ) from None
    else:
        if b"\x00" in data:
            utf16 = _looks_utf16(data)
            if utf16:
                raise UnusableText("undecodable", f"{name}: looks like {utf16} without a byte-order mark; save it as UTF-8")
            raise UnusableText("binary", f"{name}: binary (holds NUL bytes), not a text file")
        encoding = "utf-8"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line, column = _line_and_column(data, err.start)
            raise UnusableText(
                "undecodable",
                f"{name}, line {line}: not valid UTF-8 (byte 0x{data[err.start]:02X} at column {column}); "
                f"{_guess_encoding(data)} Save it as UTF-8",
            ) from None
    if encoding != "utf-8" and text.startswith("\ufeff"):
        text = text[1:]  # utf-16/utf-32 keep the mark as a character; it is encoding, not text
    if "\x00" in text:
        raise UnusableText("binary", f"{name}: holds NUL characters; is it a binary file renamed .txt?")
    if not text.strip():
        raise UnusableText("empty", f"{name}: empty text")
    return text, encoding


def script_problem(text: str) -> str | None:
    """Why the extractor cannot read the text's script, or None when it is mostly Latin."""
    sample = text[:_SCRIPT_SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return None  # a table of numbers, say: nothing to judge by
    share = latin_share(text)
    if share >= MIN_LATIN_SHARE:
        return None
    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in letters if ord(ch) > 0x24F)
    script = scripts.most_common(1)[0][0].title() if scripts else "a non-Latin"
    return f"written mostly in {script} script ({1 - share:.0%} of its letters); the extractor reads English"


def read_text(path: Path) -> RawText:
    """Decode one raw text; UnusableText names the file and the problem."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnusableText("not_a_file", f"{path.name}: a directory, not a text file") from None
    except FileNotFoundError:
        raise UnusableText("missing", f"{path.name}: not found") from None
    except OSError as err:
        raise UnusableText("unreadable", f"{path.name}: cannot be read ({err.strerror})") from None
    text, encoding = decode(data, path.name)
    return RawText(path.name, text, hashlib.sha256(data).hexdigest(), encoding)


def text_files(raw_dir: Path) -> tuple[list[Path], list[str]]:
    """The candidate texts of a folder (``*.txt``, sorted) and warnings about other files."""
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: raw directory not found (set PIPELINE_RAW_DIR?)")
    texts, warnings = [], []
    for path in sorted(raw_dir.iterdir()):
        if path.name.startswith(".") or path.name in MANIFEST_NAMES:
            continue
        if path.suffix.lower() == ".txt":
            texts.append(path)
        else:
            warnings.append(f"{path.name}: ignored (only .txt files are read)")
    return texts, warnings


def _problem_row(file: str, problem: str, detail: str, sha256: str | None = None) -> dict:
    return {"file": file, "sha256": sha256, "problem": problem, "detail": detail}


def _usable(path: Path, root: Path, meta: dict | None) -> RawText:
    """The decoded text of one candidate file, or UnusableText saying why it cannot be read."""
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        raise UnusableText("outside_raw", f"{path.name}: a link to {path.resolve()}, outside the raw folder; copy the file in instead")
    raw = read_text(path)
    language = (meta or {}).get("language", "")
    if language and language != READ_LANGUAGE:
        raise UnusableText(
            "not_english", f"{path.name}: the manifest gives language {language!r}; the extractor reads English ({READ_LANGUAGE})"
        )
    script = None if language == READ_LANGUAGE else script_problem(raw.text)
    if script:
        raise UnusableText("not_english", f"{path.name}: {script}")
    return raw


def load_corpus(raw_dir: Path) -> Corpus:
    """Every usable text of ``raw_dir`` as `documents`, every other file as `problems`."""
    manifest = read_manifest(raw_dir)
    files, warnings = text_files(raw_dir)
    warnings = manifest.warnings + warnings
    root = raw_dir.resolve()
    texts: dict[str, RawText] = {}
    problems = []
    for path in files:
        try:
            texts[path.name] = _usable(path, root, manifest.rows.get(path.name))
        except UnusableText as err:
            sha = file_sha256(path) if path.is_file() else None
            problems.append(_problem_row(path.name, err.problem, str(err), sha))
    # The same text under two names is read once: the copy the manifest lists, else the first by name.
    kept: dict[str, str] = {}  # sha256 of the decoded text -> the file read
    for name in sorted(texts, key=lambda n: (n not in manifest.rows, n)):
        key = hashlib.sha256(texts[name].text.encode("utf-8")).hexdigest()
        if key in kept:
            problems.append(_problem_row(name, "duplicate", f"{name}: duplicate of {kept[key]} (the same text)", texts.pop(name).sha256))
        else:
            kept[key] = name
    rows = []
    for name, raw in sorted(texts.items()):
        meta = manifest.rows.get(name)
        if meta is None and manifest.path is not None:
            warnings.append(f"{name}: not listed in {manifest.path.name}; published with empty title, publisher and url")
        rows.append(
            {
                "document": name,
                "document_id": document_id(name),
                "file_sha256": raw.sha256,
                "characters": len(raw.text),
                "encoding": raw.encoding,
                **(meta or {}),
            }
        )
    listed = {p.name for p in files}
    missing = [(name, line) for name, line in manifest.lines.items() if name not in listed]
    for name, line in missing:
        problems.append(_problem_row(name, "missing", f"{name}: listed in {manifest.name} (line {line}) but not found in {raw_dir}"))
    if manifest.path is None:
        warnings.append(f"{raw_dir}: no sources.csv; texts are published with empty title, publisher and url")
    if not rows:
        detail = "; ".join(p["detail"] for p in problems) or "no .txt files"
        raise InputError(f"{raw_dir}: no readable text ({detail})")
    problems.sort(key=lambda p: p["file"])
    documents = pd.DataFrame(rows, columns=schema.tables()["documents"].field_names).fillna("")
    return Corpus(documents, pd.DataFrame(problems, columns=schema.tables()["problems"].field_names), warnings)


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None

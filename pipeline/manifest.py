"""Reading a raw folder's manifest (``sources.csv``) strictly: a bad row stops the run.

Belongs here: parsing the CSV with the columns declared in ``schemas/manifest.yaml`` and checking
every value (file names, URLs, ISO 639-1 languages, ISO 3166-1 countries, ISO dates). A row with
too many or too few fields, an unclosed quote or a duplicate file would shift or swallow metadata
silently, so each stops the run with the file, the line and the problem named.
Not here: reading the texts themselves (``pipeline.sources``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError
from .schema import SCHEMAS_DIR

MANIFEST_NAMES = ("sources.csv", "SOURCES.csv")


class _Column(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    required: bool = False
    check: Literal["file_name", "url", "iso_639_1", "iso_3166_1", "iso_date"] | None = None
    on_error: Literal["stop", "warn"] = "stop"


class _ManifestSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    columns: dict[str, _Column]


@cache
def spec() -> _ManifestSpec:
    path = SCHEMAS_DIR / "manifest.yaml"
    try:
        return _ManifestSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as err:
        raise InputError(f"{path}: {err}") from None


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DATED_REMARK = re.compile(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+\(.*\)")


def _file_name(value: str) -> str | None:
    if "/" in value or "\\" in value or value in (".", ".."):
        return f"file {value!r} is a path; give the file's name inside the raw folder"
    if not value.endswith(".txt"):
        return f"file {value!r} does not end in .txt; only .txt texts are read"
    return None


def _url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        return f"url {value!r} is not an http(s) URL"
    return None


def _iso_639_1(value: str) -> str | None:
    if len(value) != 2 or pycountry.languages.get(alpha_2=value) is None:
        return f"language {value!r} is not an ISO 639-1 code (two letters, e.g. en)"
    return None


def _iso_3166_1(value: str) -> str | None:
    if len(value) != 2 or pycountry.countries.get(alpha_2=value) is None:
        return f"country {value!r} is not an ISO 3166-1 alpha-2 code (two capitals, e.g. JP)"
    return None


def _iso_date(value: str) -> str | None:
    if _ISO_DATE.fullmatch(value):
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            date(*parts[:3])
            return None
        except ValueError:
            pass
    return f"date {value!r} is not an ISO date (2024, 2024-05 or 2024-05-03)"


_CHECKS = {"file_name": _file_name, "url": _url, "iso_639_1": _iso_639_1, "iso_3166_1": _iso_3166_1, "iso_date": _iso_date}


@dataclass
class Manifest:
    path: Path | None  # None when the raw folder has no manifest
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> column -> value
    lines: dict[str, int] = field(default_factory=dict)  # file -> line of its row
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "sources.csv"


def find(raw_dir: Path) -> Path | None:
    found = [raw_dir / n for n in MANIFEST_NAMES if (raw_dir / n).is_file()]
    if len(found) > 1:
        raise InputError(f"{raw_dir}: both {found[0].name} and {found[1].name} exist; keep one manifest")
    return found[0] if found else None


def read_manifest(raw_dir: Path) -> Manifest:
    """The manifest of ``raw_dir``, every value checked; raises InputError naming file and line."""
    path = find(raw_dir)
    if path is None:
        return Manifest(None)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 (byte {err.start}); save the manifest as UTF-8") from None
    return parse(text, path)


def parse(text: str, path: Path) -> Manifest:
    columns = spec().columns
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    manifest = Manifest(path)
    last_line = 1
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}: empty manifest; the first line names the columns ({', '.join(columns)})")
        header = [h.strip() for h in header]
        duplicated = sorted({h for h in header if header.count(h) > 1})
        if duplicated:
            raise InputError(f"{path}, line 1: column(s) {', '.join(duplicated)} appear twice")
        missing = [c for c, col in columns.items() if col.required and c not in header]
        if missing:
            raise InputError(f"{path}, line 1: missing column(s) {', '.join(missing)}; the columns are {', '.join(columns)}")
        unknown = [h for h in header if h not in columns]
        if unknown:
            manifest.warnings.append(
                f"{path.name}: column(s) {', '.join(unknown)} ignored; the manifest's columns are {', '.join(columns)}"
            )
        last_line = reader.line_num
        for row in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(v.strip() for v in row):
                continue  # a blank line
            where = f"{path}, line {line}"
            if last_line > line:
                raise InputError(f"{where}: a quoted value runs over lines {line}-{last_line}; is a closing quote missing?")
            if len(row) != len(header):
                hint = "an unquoted comma in a value? quote it" if len(row) > len(header) else "a missing comma?"
                raise InputError(f"{where}: {len(row)} fields where the header has {len(header)} ({hint})")
            values = {h: v.strip() for h, v in zip(header, row, strict=True) if h in columns}
            for name, column in columns.items():
                value = values.get(name, "")
                if not value:
                    if column.required:
                        raise InputError(f"{where}: empty {name!r}")
                    continue
                if column.check == "iso_date" and (remark := _DATED_REMARK.fullmatch(value)):
                    # "2018-12 (inferred from the visit)": the date, and a remark for people.
                    manifest.warnings.append(f"{where}: date {value!r} read as {remark.group(1)}; the remark is not kept")
                    value = values[name] = remark.group(1)
                problem = _CHECKS[column.check](value) if column.check else None
                if problem and column.on_error == "warn":
                    manifest.warnings.append(f"{where}: {problem}; left empty")
                    values[name] = ""
                elif problem:
                    raise InputError(f"{where}: {problem}")
            name = values["file"]
            if name in manifest.rows:
                raise InputError(f"{where}: file {name!r} is already listed on line {manifest.lines[name]}")
            manifest.rows[name] = {c: values.get(c, "") for c in columns if c != "file"}
            manifest.lines[name] = line
    except csv.Error as err:
        # csv gives up at the end of the file for an unclosed quote: name the line the row began on.
        raise InputError(f"{path}, line {last_line + 1}: {err}; is a closing quote missing?") from None
    return manifest

"""Comparing two releases: their schemas field by field, their tables row by row.

Belongs here: reading a written release back (its ``datapackage.json`` says how: Parquet where a
twin exists, else CSV with the declared types), the schema comparison (tables and fields added,
removed, retyped, re-keyed, constraints and descriptions changed, package metadata), and the row
comparison of every table present in both: rows are matched on the table's change key
(``schemas/releases.yaml``), numbered within a key in the order their figures stand in their
document, and aligned by daff; rows equal in every field are set aside first, so the cost
follows the changes, not the size of the tables, and a row that only moved is no change. Not here: what the changes mean for the version
(``semver``) or why they happened (``changes``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import daff
import pandas as pd
import pyarrow.parquet as pq

from .. import schema
from .config import release_of

PARQUET_SUFFIX = "-parquet"
ORDINAL = "#"  # the number of a row among rows sharing its change key
# Package properties that are not content: they differ between two writes of the same data.
VOLATILE = {"version", "created", "codeVersion", "resources"}


# --- reading a release ---------------------------------------------------------------------------
def canonical(value):
    """One canonical Python value per cell: None for missing, plain int/float/bool/str otherwise."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


_BOOLEANS = {"true": True, "True": True, "TRUE": True, "1": True, "false": False, "False": False, "FALSE": False, "0": False}


def _typed_csv(path: Path, fields: list[dict]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    for f in fields:
        name = f["name"]
        if name not in df:
            continue
        col = df[name].replace("", None)
        if f.get("type") == "integer":
            col = pd.to_numeric(col).astype("Int64")
        elif f.get("type") == "number":
            col = pd.to_numeric(col).astype("float64")
        elif f.get("type") == "boolean":
            col = col.map(lambda v: None if v is None else _BOOLEANS.get(v, v))
        df[name] = col
    return df


class Release:
    """A written package folder: its descriptor and, read when asked, its tables."""

    def __init__(self, folder: Path, descriptor: dict | None = None):
        self.folder = folder
        self.descriptor = descriptor if descriptor is not None else json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        self._frames: dict[str, pd.DataFrame] = {}

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @cached_property
    def resources(self) -> dict[str, dict]:
        return {r["name"]: r for r in self.descriptor.get("resources", [])}

    @property
    def tables(self) -> list[str]:
        """Tabular resources, their Parquet twins aside."""
        return [n for n in self.resources if not n.endswith(PARQUET_SUFFIX)]

    def frame(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            resource = self.resources[name]
            fields = resource.get("schema", {}).get("fields", [])
            twin = self.resources.get(name + PARQUET_SUFFIX)
            if twin and (self.folder / twin["path"]).is_file():
                df = pq.read_table(self.folder / twin["path"]).to_pandas()
            else:
                df = _typed_csv(self.folder / resource["path"], fields)
            self._frames[name] = df
        return self._frames[name]

    def rows(self, name: str) -> int:
        """How many rows a table has, from its Parquet footer when it has one (nothing is read)."""
        if name in self._frames:
            return len(self._frames[name])
        twin = self.resources.get(name + PARQUET_SUFFIX)
        if twin and (self.folder / twin["path"]).is_file():
            return pq.ParquetFile(self.folder / twin["path"]).metadata.num_rows
        return len(self.frame(name))

    def texts(self) -> dict[str, str]:
        """document -> sha256 of the texts the release was built from."""
        if "documents" not in self.resources:
            return {}
        df = self.frame("documents")
        return dict(zip(df["document"], df["file_sha256"], strict=True))


# --- schema comparison ---------------------------------------------------------------------------
@dataclass
class SchemaChange:
    table: str  # "" for the package itself
    change: str  # e.g. "field removed"
    detail: str
    bump: str  # major, minor or patch

    def as_dict(self) -> dict:
        return {"table": self.table, "change": self.change, "detail": self.detail, "bump": self.bump}


def _constraint_changes(table: str, name: str, old: dict, new: dict) -> list[SchemaChange]:
    out = []

    def add(kind: str, detail: str, bump: str):
        out.append(SchemaChange(table, f"constraint {kind}", f"{name}: {detail}", bump))

    for flag in ("required", "unique"):
        was, now = bool(old.get(flag)), bool(new.get(flag))
        if was != now:
            add("tightened" if now else "loosened", f"{flag} {was} -> {now}", "major" if now else "minor")
    if old.get("enum") != new.get("enum"):
        values_before, values_after = set(old.get("enum") or []), set(new.get("enum") or [])
        if "enum" not in new:
            add("loosened", "enum removed", "minor")
        elif "enum" in old and values_before <= values_after:
            add("loosened", f"enum gains {sorted(values_after - values_before)}", "minor")
        else:
            add("tightened", f"enum loses {sorted(values_before - values_after)}" if "enum" in old else "enum added", "major")
    for bound, looser in (("minimum", lambda a, b: b < a), ("maximum", lambda a, b: b > a)):
        before, after = old.get(bound), new.get(bound)
        if before == after:
            continue
        if after is None or (before is not None and looser(before, after)):
            add("loosened", f"{bound} {before} -> {after}", "minor")
        else:
            add("tightened", f"{bound} {before} -> {after}", "major")
    if old.get("pattern") != new.get("pattern"):
        if new.get("pattern") is None:
            add("loosened", "pattern removed", "minor")
        else:
            add("changed", f"pattern {old.get('pattern')!r} -> {new.get('pattern')!r}", "major")
    return out


def _field_changes(table: str, old: dict, new: dict) -> list[SchemaChange]:
    out: list[SchemaChange] = []
    old_fields = {f["name"]: f for f in old.get("schema", {}).get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("schema", {}).get("fields", [])}
    removed = [n for n in old_fields if n not in new_fields]
    added = [n for n in new_fields if n not in old_fields]
    # A rename is a field removed and one added: both sides are named, the bump is major.
    out += [SchemaChange(table, "field removed", n, "major") for n in removed]
    out += [SchemaChange(table, "field added", n, "minor") for n in added]
    common_old = [n for n in old_fields if n in new_fields]
    common_new = [n for n in new_fields if n in old_fields]
    if common_old != common_new:
        out.append(SchemaChange(table, "fields reordered", f"{', '.join(common_old)} -> {', '.join(common_new)}", "major"))
    for n in common_new:
        a, b = old_fields[n], new_fields[n]
        if a.get("type") != b.get("type") or a.get("format") != b.get("format"):
            out.append(SchemaChange(table, "field retyped", f"{n}: {a.get('type')} -> {b.get('type')}", "major"))
        if a.get("unit") != b.get("unit"):
            out.append(SchemaChange(table, "unit changed", f"{n}: {a.get('unit')} -> {b.get('unit')}", "major"))
        out += _constraint_changes(table, n, a.get("constraints", {}), b.get("constraints", {}))
        if a.get("description") != b.get("description") or a.get("title") != b.get("title"):
            out.append(SchemaChange(table, "description changed", n, "patch"))
    before, after = old.get("schema", {}).get("primaryKey"), new.get("schema", {}).get("primaryKey")
    if before != after:
        out.append(SchemaChange(table, "primary key changed", f"{before} -> {after}", "major"))
    if old.get("schema", {}).get("foreignKeys") != new.get("schema", {}).get("foreignKeys"):
        out.append(SchemaChange(table, "foreign keys changed", "references between tables", "minor"))
    for prop in ("title", "description"):
        if old.get(prop) != new.get(prop):
            out.append(SchemaChange(table, f"table {prop} changed", "", "patch"))
    return out


def schema_changes(old: dict, new: dict) -> list[SchemaChange]:
    """Every difference between two descriptors that is not data, each with its bump."""
    out: list[SchemaChange] = []
    if old.get("name") != new.get("name"):
        out.append(SchemaChange("", "package renamed", f"{old.get('name')} -> {new.get('name')}", "major"))
    for key in sorted((set(old) | set(new)) - VOLATILE - {"name"}):
        if old.get(key) != new.get(key):
            out.append(SchemaChange("", "metadata changed", key, "patch"))
    old_res = {r["name"]: r for r in old.get("resources", [])}
    new_res = {r["name"]: r for r in new.get("resources", [])}
    for name in old_res:
        if name not in new_res:
            out.append(SchemaChange(name, "table removed", old_res[name].get("path", ""), "major"))
    for name, resource in new_res.items():
        if name not in old_res:
            out.append(SchemaChange(name, "table added", resource.get("path", ""), "minor"))
        elif not name.endswith(PARQUET_SUFFIX):  # a Parquet twin repeats its CSV's schema
            out += _field_changes(name, old_res[name], resource)
    return out


# --- row comparison ------------------------------------------------------------------------------
@dataclass
class RowDiff:
    table: str
    key: list[str]
    added: list[dict] = field(default_factory=list)  # whole rows
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {"key": {...}, "before": row, "after": row, "fields": [...]}
    compared: tuple[int, int] = (0, 0)  # rows before, rows after

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _positions(release: Release) -> dict[str, tuple]:
    """figure_id -> (document, start): where each figure stands, to number rows in text order."""
    if "figures" not in release.resources:
        return {}
    figures = release.frame("figures")
    if not {"figure_id", "document", "start"} <= set(figures.columns):
        return {}
    return dict(zip(figures["figure_id"], zip(figures["document"], figures["start"], strict=True), strict=True))


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts of canonical values."""
    return [{c: canonical(v) for c, v in zip(columns, values, strict=True)} for values in df[columns].itertuples(index=False, name=None)]


def _pair_equal(
    old_rows: list[dict], new_rows: list[dict], old_idx: list[int], new_idx: list[int], signature
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs rows with equal signatures (in table order, as many times as both sides hold them);
    returns the pairs and the indexes left on each side."""
    waiting: dict[tuple, list[int]] = {}
    for i in old_idx:
        waiting.setdefault(signature(old_rows[i]), []).append(i)
    pairs, new_rest = [], []
    for j in new_idx:
        queue = waiting.get(signature(new_rows[j]))
        if queue:
            pairs.append((queue.pop(0), j))
        else:
            new_rest.append(j)
    paired = {i for i, _ in pairs}
    return pairs, [i for i in old_idx if i not in paired], new_rest


def _keys(rows: list[dict], indexes: list[int], key: list[str], positions: dict) -> list[tuple]:
    """The change key of each row, plus its number among the rows sharing that key, counted in
    the order their figures stand in the text (not in the table's order, which may sort by value)."""
    order = list(indexes)
    if positions and indexes and "figure_id" in rows[indexes[0]]:
        far = (chr(0x10FFFF), math.inf)
        order.sort(key=lambda i: positions.get(rows[i]["figure_id"], far))
    seen: dict[tuple, int] = {}
    keys: dict[int, tuple] = {}
    for i in order:
        base = tuple("" if rows[i][k] is None else rows[i][k] for k in key)
        n = seen.get(base, 0)
        seen[base] = n + 1
        keys[i] = (*base, n)
    return [keys[i] for i in indexes]


def _align(key: list[str], old_keys: list[tuple], new_keys: list[tuple]) -> list[tuple[int, int]]:
    """daff's alignment of two tables of keys: (old row, new row) pairs, -1 where a side has none."""
    header = [*key, ORDINAL]
    flags = daff.CompareFlags()
    for column in header:
        flags.addPrimaryKey(column)
    old_view = daff.PythonTableView([header, *[list(k) for k in old_keys]])
    new_view = daff.PythonTableView([header, *[list(k) for k in new_keys]])
    alignment = daff.Coopy.compareTables(old_view, new_view, flags).align()
    pairs = []
    for unit in alignment.toOrder().getList():
        if unit.l == 0 or unit.r == 0:  # the header rows
            continue
        pairs.append((unit.l - 1 if unit.l > 0 else -1, unit.r - 1 if unit.r > 0 else -1))
    return pairs


def compare_table(name: str, key: list[str], old: Release, new: Release, old_frame: pd.DataFrame, new_frame: pd.DataFrame) -> RowDiff:
    columns = [c for c in new_frame.columns if c in old_frame.columns]
    key = [k for k in key if k in columns] or columns
    diff = RowDiff(name, key, compared=(len(old_frame), len(new_frame)))
    old_rows, new_rows = _records(old_frame, columns), _records(new_frame, columns)
    # 1. Rows equal in every field are set aside: daff aligns only what changed, and a row that
    #    merely moved (another row removed before it) is no change.
    _, old_left, new_left = _pair_equal(
        old_rows, new_rows, list(range(len(old_rows))), list(range(len(new_rows))), lambda r: tuple(r.values())
    )
    if not old_left and not new_left:
        return diff
    # 2. Rows equal in everything but their ids (a hash that counts occurrences shifts when an
    #    earlier one goes) are the same rows, renumbered: changed in their ids only.
    ids = [c for c in columns if c.endswith(("_id", "_ids")) and c not in key]
    renumbered, old_left, new_left = _pair_equal(
        old_rows, new_rows, old_left, new_left, lambda r: tuple(v for c, v in r.items() if c not in ids)
    )
    # 3. The rest is aligned by daff on the change key, numbered in text order within a key.
    old_keys = _keys(old_rows, old_left, key, _positions(old))
    new_keys = _keys(new_rows, new_left, key, _positions(new))
    pairs = _align(key, old_keys, new_keys) if old_keys or new_keys else []
    for i, j in renumbered:
        before, after = old_rows[i], new_rows[j]
        fields = [c for c in columns if before[c] != after[c]]
        diff.changed.append({"key": {k: after[k] for k in key}, "before": before, "after": after, "fields": fields})
    for left, right in pairs:
        if left < 0:
            diff.added.append(new_rows[new_left[right]])
        elif right < 0:
            diff.removed.append(old_rows[old_left[left]])
        else:
            before, after = old_rows[old_left[left]], new_rows[new_left[right]]
            fields = [c for c in columns if before[c] != after[c]]
            if fields:
                diff.changed.append({"key": {k: after[k] for k in key}, "before": before, "after": after, "fields": fields})
    return diff


def table_key(name: str) -> list[str]:
    """The change key of a published table or view (a view keyed like the table it shows)."""
    from .views import READABLE_SUFFIX, observation_tables

    tables = schema.tables()
    if name in tables:
        return list(release_of(tables[name]).change_key)
    base = name.removesuffix(READABLE_SUFFIX)
    if base in observation_tables():
        return list(release_of(tables[base]).change_key)
    return ["period"]  # a chart-ready table: one row per period


def compare_rows(old: Release, new: Release) -> dict[str, RowDiff]:
    """Row differences of every table both releases hold."""
    out = {}
    for name in new.tables:
        if name not in old.resources:
            continue
        out[name] = compare_table(name, table_key(name), old, new, old.frame(name), new.frame(name))
    return out

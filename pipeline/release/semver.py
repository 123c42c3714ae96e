"""The next version, from what changed since the latest release (the Frictionless recipe).

Belongs here: the rules, in one place.
- **major**: a table or field removed or renamed, a field retyped or given another unit, fields
  reordered, the primary key changed, a constraint tightened; and rows of data removed, which
  also needs a release note (``<published>/release-notes/<version>.md``) saying why.
- **minor**: a table or field added, a constraint loosened, references between tables changed,
  rows added.
- **patch**: values corrected (a row matched on its change key with other values), descriptions
  and package metadata changed, findings of checks (conflicts, sums, files left out) or rows of
  derived tables removed.
- nothing changed: no version (identical content publishes nothing).
The first release is 1.0.0. Not here: computing the differences (``diff``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diff import RowDiff, SchemaChange

FIRST_VERSION = "1.0.0"
MAX_NAMED = 6  # places named in one line of reasons; CHANGES.md lists them all
_RANK: dict[str | None, int] = {None: 0, "patch": 1, "minor": 2, "major": 3}


@dataclass
class Decision:
    bump: str | None  # major, minor, patch, or None when nothing changed
    reasons: list[str] = field(default_factory=list)  # one line per kind of change, largest first
    removed_data: dict[str, int] = field(default_factory=dict)  # table -> rows removed that need a note
    headlines: list[str] = field(default_factory=list)  # the reasons in a few words each, for one line


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def parse(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in version.split("."))
    return major, minor, patch


def next_version(previous: str | None, bump: str) -> str:
    if previous is None:
        return FIRST_VERSION
    major, minor, patch = parse(previous)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"no version follows a bump of {bump!r}")


def decide(schema: list[SchemaChange], rows: dict[str, RowDiff], *, data_tables: set[str]) -> Decision:
    """The bump from schema changes and row differences; ``data_tables`` are the tables whose
    removed rows are data (not findings of checks, not derived tables)."""
    reasons: list[tuple[str, str, str]] = []  # (bump, line, headline)
    grouped: dict[tuple[str, str], list[str]] = {}
    for change in schema:  # one line per kind of change, naming where
        where = ".".join(p for p in (change.table, change.detail if change.change != "table added" else "") if p)
        grouped.setdefault((change.bump, change.change), []).append(where or "package")
    for (kind_bump, kind), places in grouped.items():
        shown = ", ".join(places[:MAX_NAMED]) + (f" and {len(places) - MAX_NAMED} more" if len(places) > MAX_NAMED else "")
        reasons.append((kind_bump, f"{kind}: {shown}", f"{kind} ({len(places)})"))
    removed_data = {}
    for name, diff in rows.items():
        if diff.added:
            reasons.append(("minor", f"{name}: {_rows(len(diff.added))} added", f"{name} +{len(diff.added)}"))
        if diff.changed:
            reasons.append(("patch", f"{name}: {_rows(len(diff.changed))} changed", f"{name} ~{len(diff.changed)}"))
        if diff.removed:
            if name in data_tables:
                removed_data[name] = len(diff.removed)
                reasons.append(("major", f"{name}: {_rows(len(diff.removed))} removed", f"{name} -{len(diff.removed)}"))
            else:
                reasons.append(
                    ("patch", f"{name}: {_rows(len(diff.removed))} removed (findings or derived rows)", f"{name} -{len(diff.removed)}")
                )
    bump: str | None = max((r[0] for r in reasons), key=_RANK.__getitem__, default=None)
    ordered = sorted(reasons, key=lambda r: -_RANK[r[0]])
    return Decision(bump, [r[1] for r in ordered], removed_data, [r[2] for r in ordered])

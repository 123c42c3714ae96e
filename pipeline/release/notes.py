"""Release notes: ``<published>/release-notes/<version>.md``, read when that version is published.

Belongs here: reading a note and what it allows. A note is optional, except when the version
removes rows of data: then it must say why, and say what it removes, in a front matter the
refusal prints for pasting::

    ---
    removes: {figures: 8}
    ---
    Years written in Mongolian script are no longer read as figures.

The run publishes only when the rows it would remove are exactly those the note names, so a note
written for one change never lets another removal through unseen (another branch merged, a text
edited since). Not here: deciding what was removed (``semver``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = "---"


class NoteError(ValueError):
    """A note that cannot be read; the message names the file and the problem."""


@dataclass
class Note:
    path: Path
    text: str | None  # the note in one paragraph; None when there is no note
    removes: dict[str, int] = field(default_factory=dict)  # table -> rows the note allows to remove

    @property
    def exists(self) -> bool:
        return self.text is not None


def read_note(notes_dir: Path, version: str) -> Note:
    path = notes_dir / f"{version}.md"
    if not path.is_file():
        return Note(path, None)
    raw = path.read_text(encoding="utf-8").lstrip("\ufeff")
    removes: dict[str, int] = {}
    if raw.startswith(FENCE):
        head, sep, body = raw[len(FENCE) :].partition(f"\n{FENCE}")
        if not sep:
            raise NoteError(f"{path}: the front matter opened by '---' is not closed by a line '---'")
        try:
            meta = yaml.safe_load(head) or {}
        except yaml.YAMLError as err:
            raise NoteError(f"{path}: the front matter is not YAML ({err})") from None
        unknown = sorted(set(meta) - {"removes"}) if isinstance(meta, dict) else ["(not a mapping)"]
        if unknown:
            raise NoteError(f"{path}: unknown keys in the front matter: {unknown} (only `removes` is read)")
        removes = meta.get("removes") or {}
        if not isinstance(removes, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in removes.items()):
            raise NoteError(f"{path}: `removes` must map table names to row counts, e.g. {{figures: 8}}")
        raw = body
    text = " ".join(raw.split())
    return Note(path, text or None, removes)


def front_matter(removed: dict[str, int]) -> str:
    """The front matter a note needs to allow these removals, as one line per YAML line."""
    counts = ", ".join(f"{table}: {n}" for table, n in removed.items())
    return f"{FENCE}\nremoves: {{{counts}}}\n{FENCE}"

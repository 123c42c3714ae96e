"""A large benchmark corpus made by repeating and varying the source texts, streamed.

Belongs here: generating documents deterministically (seeded) without holding the corpus in
memory. Each document is a source text with its numbers re-drawn (same number of digits, same
separators, years still years) and its paragraphs shuffled, so no two documents are byte-identical.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

_DIGIT = re.compile(r"\d")


def _vary(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    varied = "\n\n".join(head + body)
    return re.sub(r"\d+", lambda m: _redraw(m.group(0), rng), varied)


def _redraw(number: str, rng: random.Random) -> str:
    """Same length and separators; a year stays a year (its century is kept), other numbers
    keep their first digit so their magnitude stays alike."""
    keep = 2 if len(number) == 4 and number[:2] in ("18", "19", "20") else 1
    return number[:keep] + _DIGIT.sub(lambda _: str(rng.randrange(10)), number[keep:])


def documents(raw_dir: Path, megabytes: float, seed: int = 7) -> Iterator[tuple[str, str]]:
    """Yield (name, text) pairs until about ``megabytes`` MB of UTF-8 text has been produced."""
    sources = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(raw_dir).glob("*.txt"))]
    rng = random.Random(seed)
    produced, i = 0, 0
    while produced < megabytes * 1e6:
        name, text = sources[i % len(sources)]
        doc = _vary(text, rng)
        produced += len(doc.encode("utf-8"))
        yield f"{i:06d}-{name}", doc
        i += 1

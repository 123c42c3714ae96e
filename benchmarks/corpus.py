"""A large benchmark corpus made by repeating and varying the source texts, streamed.

Belongs here: generating documents deterministically (seeded) without holding the corpus in
memory. Each document is a source text with its numbers re-drawn (same number of digits, same
separators) and its paragraphs shuffled, so no two documents are byte-identical.
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
    # Re-draw every digit but keep the first of each number, so years stay years-like.
    return re.sub(r"\d+", lambda m: m.group(0)[0] + _DIGIT.sub(lambda _: str(rng.randrange(10)), m.group(0)[1:]), varied)


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

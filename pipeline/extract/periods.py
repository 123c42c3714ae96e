"""The period each figure refers to, read from the years and dates around it.

Belongs here: turning the year and date figures of a sentence into cues ("as of June 2022",
"in 2019", "by the end of 2022") and giving each quantity the cue that governs it: the one right
after it ("16 people in 1984"), else the nearest before it in its sentence, else the nearest after
it, else the one the previous sentence of the paragraph hands on, else the one a heading names for
its section ("Economic Cooperation (up to FY2022)"). Years that start a span
("since 1990") or are the base of a comparison ("compared to 2022") are no cues.
Not here: finding the figures (``extractor.py``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from . import patterns as P
from .lexicon import BEFORE_WINDOW
from .model import Figure
from .segments import LineSegmenter, Sentence


class Cue(NamedTuple):  # a tuple: a frozen dataclass costs four attribute sets through object per cue
    start: int
    end: int
    period: str
    strong: bool  # "as of", "by the end of", or a full date: it also holds for the next sentences


def _cues(text: str, sentence: Sentence, figures: list[Figure]) -> list[Cue]:
    cues = []
    for f in figures:
        if f.kind != "date" or f.qualifier in ("range_low", "range_high"):
            continue
        before = text[max(sentence.start, f.start - BEFORE_WINDOW) : f.start]
        if P.START_BEFORE_ENDING.found(before):
            continue
        strong = P.ASOF_BEFORE_ENDING.found(before) or f.unit == "date"
        cues.append(Cue(f.start, f.end, f.period, strong))
    return cues


def _period_for(text: str, f: Figure, cues: list[Cue], handed_on: str) -> str:
    latest_before = first_after = None  # one pass over the cues, in text order
    for cue in cues:
        if cue.start >= f.end:
            if P.IMMEDIATE_PERIOD.match(text[f.end : cue.start]):
                return cue.period  # "16 people in 1984", "12,345 (Dec. 2021)"
            if first_after is None:
                first_after = cue
        if cue.end <= f.start:
            latest_before = cue
    if latest_before is not None:
        return latest_before.period
    if first_after is not None:
        return first_after.period
    return handed_on


def _latest_heading(headings: list, key):
    i = bisect_left(headings, key) - 1
    return headings[i] if i >= 0 else None


def assign_periods(text: str, segments: LineSegmenter, figures: list[Figure]) -> None:
    """Set ``period``, ``sentence`` and ``sentence_start`` of every figure, in place."""
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(segments.key_at(f.start), []).append(f)
    # Section headings: short unpunctuated lines that state no quantity ("4. Cultural Relations");
    # a line like "Grant aid: 126.4 billion yen" is an entry of its section, not a new one.
    with_quantities = {i for i, fs in by_sentence.items() if any(f.kind == "quantity" for f in fs)}
    headings = segments.heading_keys(with_quantities)
    handed: tuple[int, str] | None = None  # (paragraph, period) a sentence hands to the next ones
    section: tuple[tuple[int, int], str] | None = None  # (heading key, period) of "Cooperation (up to FY2022)"
    for index in sorted(by_sentence):
        sentence = segments.sentence(index)
        found = by_sentence[index]
        if handed and handed[0] != sentence.paragraph:
            handed = None
        cues = _cues(text, sentence, found)
        fallback = handed[1] if handed else ""
        if not fallback and section and section[0] == _latest_heading(headings, index):
            fallback = section[1]
        sentence_text = text[sentence.start : sentence.end]
        for f in found:
            if f.kind != "date":
                f.period = _period_for(text, f, cues, fallback)
            f.sentence = sentence_text
            f.sentence_start = sentence.start
        if sentence.heading and index not in with_quantities:
            # A heading that names one period sets it for its section, as basic-data pages do.
            section = (index, cues[0].period) if len(cues) == 1 else None
        strong = [c for c in cues if c.strong]
        if strong:
            handed = (sentence.paragraph, strong[-1].period)
        elif len(cues) == 1 and any(f.kind == "quantity" for f in found):
            # "Trade reached $812 million in 2023. Exports reached $41 million": one year for the
            # figures of one topic (the year of an event alone is not handed on).
            handed = (sentence.paragraph, cues[0].period)

"""Finding every figure in an English text: value, unit, qualifier, period and exact span.

Belongs here: one pass over one document (``_Extraction``), assembled from the rule families of
``rules/`` (scanning, numbers, money, units, dates and years, ranks, rejections), the record of
each figure and of each number skipped (``explain``), and the public functions.
Not here: the decisions (``rules/``), vocabularies (``lexicon.py``), compiled patterns
(``patterns.py``), reading a numeral (``numbers.py``), units (``units.py``), sentence spans
(``segments.py``), periods (``periods.py``). No Dagster, no pandas: plain functions on text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from . import patterns as P
from .lexicon import LONG_TIME_UNITS
from .model import DocumentHints, Figure
from .periods import assign_periods
from .rules.dates import Dates
from .rules.money import Money
from .rules.numbers import Numbers
from .rules.ranks import Ranks
from .rules.rejections import Rejections
from .rules.scanning import Scanning, anchors_of
from .rules.units import Units
from .segments import LineSegmenter
from .units import DIMENSIONS, dimension_of, to_years


class Decision(NamedTuple):
    """What the extractor decided about one number: read as a figure, or skipped, by which rule."""

    start: int
    end: int
    quote: str
    rule: str
    outcome: str  # "figure", "skipped", or "within" (a number inside a span already decided)
    figure: Figure | None = None


def extract_figures(text: str, document: str, hints: DocumentHints | None = None) -> list[Figure]:
    """Every figure in ``text``, in reading order, each with ``text[start:end] == quote``.

    ``hints`` carries what the manifest says about the document (country, publisher, currency);
    it decides the currency of a bare "$" or "¥". Without hints, "$" is USD and "¥" JPY, flagged
    ``currency_assumed`` either way.
    """
    return _Extraction(text, document, hints).run()


def explain(text: str, document: str = "", hints: DocumentHints | None = None) -> list[Decision]:
    """Every number of ``text`` with the rule that read or skipped it, in text order."""
    extraction = _Extraction(text, document, hints, explaining=True)
    extraction.run()
    return extraction.decisions_in_order()


def iter_figures(documents: Iterable[tuple[str, str]], hints: dict[str, DocumentHints] | None = None) -> Iterator[tuple[str, Figure]]:
    """Figures of a stream of ``(document, text)`` pairs, one document in memory at a time."""
    for document, text in documents:
        for figure in extract_figures(text, document, (hints or {}).get(document)):
            yield document, figure


def figure_ids(figures: list[Figure]) -> list[str]:
    """Stable ids for the figures of one document (see ``Figure.figure_id``)."""
    seen: Counter = Counter()
    ids = []
    for f in figures:
        key = (f.quote, f.qualifier)
        seen[key] += 1
        ids.append(f.figure_id(seen[key]))
    return ids


class _Extraction(Scanning, Numbers, Rejections, Dates, Money, Units, Ranks):
    """State of one pass over one document; the methods come from the rule families."""

    def __init__(self, text: str, document: str, hints: DocumentHints | None = None, *, explaining: bool = False):
        # Digits of other scripts ("٣٬٩٠٠") are read through a copy with ASCII digits in their
        # place, character for character; quotes and sentences are then taken from the text.
        # Word patterns run case-sensitively on a lower-cased copy: case folding slows the engine
        # down several times. lower() can lengthen a few non-ASCII letters; then offsets would
        # not line up and the case-insensitive patterns run on the text itself.
        mapped, self.lower, self.anchors = anchors_of(text)
        self.source: str | None = text if mapped is not None else None
        if mapped is not None:
            text = mapped
        self.text = text
        self.document = document
        self.hints = hints
        self.lower_aligned = len(self.lower) == len(text)
        self.segments = LineSegmenter(text)
        self.figures: list[Figure] = []
        self.names = self._quoted_names()
        self._word_before_key: str | None = None
        self._word_before_value = ""
        self._line_start_key = -1
        self._line_start_value = False
        self._first_person_noun: dict[tuple[int, int], int] = {}  # sentence key -> offset of its first people noun
        self.assumed_after = False  # whether the currency word read last after an amount was ambiguous
        self._table_headers: list[tuple[int, str, float]] | None = None  # money headers of tables, found on first need
        self.last_full_year: str = ""  # year of the latest date that stated one ("June 10" borrows it)
        self.decisions: list[Decision] | None = [] if explaining else None

    def run(self) -> list[Figure]:
        self._scan()
        assign_periods(self.text, self.segments, self.figures)
        if self.source is not None:
            source = self.source
            for f in self.figures:
                f.quote = source[f.start : f.end]
                f.sentence = source[f.sentence_start : f.sentence_start + len(f.sentence)]
        return self.figures

    # -- shared helpers -------------------------------------------------------------------
    def _word_before(self, before: str) -> str:
        """The word right before a number ("" if none); looked up once per window."""
        if before is not self._word_before_key:
            self._word_before_key, self._word_before_value = before, P.word_before(before)
        return self._word_before_value

    def _at_line_start(self, start: int) -> bool:
        """Only blanks and bullets stand between the line's start and ``start``."""
        if start == self._line_start_key:
            return self._line_start_value  # asked twice for one number by two rules
        text = self.text
        i = start - 1
        while i >= 0 and text[i] in " \t":
            i -= 1  # back over the blanks; a word or mark there (the common case) settles it
        if i >= 0 and text[i] not in "\n•-*(":
            found = False
        else:
            line_start = text.rfind("\n", 0, start) + 1
            found = text[line_start:start].strip(" \t•-*(") == ""
        self._line_start_key, self._line_start_value = start, found
        return found

    # -- output ---------------------------------------------------------------------------
    def _add(self, start, end, value, unit, *, qualifier="exact", kind="quantity", period="", flags=(), rule="", assumed=False):
        quote = self.text[start:end]
        if unit in LONG_TIME_UNITS:
            value, unit = to_years(value, unit), "year"  # "two decades", "three centuries": durations in years
        # Trailing blanks and punctuation are never part of a figure's quote.
        stripped = quote.rstrip(" \t,;:")
        end -= len(quote) - len(stripped)
        figure = Figure(
            document=self.document,
            start=start,
            end=end,
            quote=stripped,
            value=value,
            unit=unit,
            qualifier=qualifier,
            period=period,
            kind=kind,
            flags=flags if len(flags) < 2 else tuple(dict.fromkeys(flags)),
            dimension=DIMENSIONS.get(unit) or dimension_of(unit, kind) if kind != "date" else "calendar",
            currency_assumed=assumed,
            rule=rule,
        )
        self.figures.append(figure)
        if self.decisions is not None:
            self.decisions.append(Decision(start, end, stripped, rule, "figure", figure))

    def _skip(self, rule: str, start: int, end: int) -> int:
        """Record that the rule ``rule`` skipped the number at ``start``; return where it ends."""
        if self.decisions is not None:
            self.decisions.append(Decision(start, end, self.text[start:end], rule, "skipped"))
        return end

    def _within(self, start: int) -> None:
        if start >= 2 and self.text[start - 1] in ".," and self.text[start - 2].isdigit():
            return  # the digits after a separator are part of the numeral before them ("7,382")
        decisions = self.decisions
        assert decisions is not None  # called only while explaining
        last = next((d for d in reversed(decisions) if d.start <= start), None)
        m = P.NUMERAL_AT.match(self.text, start)
        end = m.end() if m else start + 1
        decisions.append(Decision(start, end, self.text[start:end], last.rule if last else "", "within"))

    def decisions_in_order(self) -> list[Decision]:
        decisions = self.decisions or []
        if self.source is not None:
            decisions = [d._replace(quote=self.source[d.start : d.end]) for d in decisions]
        return sorted(decisions, key=lambda d: (d.start, d.outcome != "figure"))

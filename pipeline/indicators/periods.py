"""The period of an observation, read from the figure's own clause first.

Belongs here: choosing, among the date figures of a document, the one bound to a figure (right
after it, "16 people in 1984", "(Dec. 2007)"; else the nearest in its item, clause, sentence),
never a date that starts a span ("since 1990"), is the base of a comparison ("compared to 2021",
"down from the same period of 2017") or stands in a date line; then relative expressions ("this
year", "last year", "the first quarter of this year", "today") resolved against the document's
date; then a date an earlier sentence of the paragraph or the section heading states; then, for
indicators that are stocks or news, the document's date. Each choice says where it came from
(``period_basis``).
Not here: finding dates in the text (the extractor's date figures), parties, indicators.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as _date

from .context import DocumentContext, FigureScopes
from .resources import Lexicon

_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_LOOKBEHIND = 48  # characters before a date read for "since", "as of", "compared to"
# A line that is nothing but a date (a date line): weekday, time, separators and agency names only.
_DATELINE_NOISE = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?|\d{1,2}:\d{2}(?::\d{2})?|\b(?:am|pm|GMT|UTC|updated|posted|published)\b|[|,\-–—/:.()\s]+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateFigure:
    start: int
    end: int
    period: str
    figure_id: str
    ranged: bool  # one end of a range ("2017-2021")


@dataclass(frozen=True)
class Period:
    period: str = ""
    basis: str = ""
    figure_id: str = ""  # the date figure that gave it, if any


class DocumentDates:
    """The date figures of one document, by position, and the document's own date."""

    def __init__(self, ctx: DocumentContext, dates: list[DateFigure], document_date: str, quantities: Sequence[int] = ()):
        self.ctx = ctx
        self._quantities = sorted(quantities)  # starts of the quantity figures: a date belongs to the nearest
        self._datelines: dict[int, bool] = {}
        self.dates = sorted(dates, key=lambda d: d.start)
        self._starts = [d.start for d in self.dates]
        self.document_date = document_date
        self.lexicon: Lexicon = ctx.lexicon

    def _introduces_another(self, d: DateFigure, figure_end: int, hi: int) -> bool:
        i = bisect_left(self._quantities, d.end)
        return i < len(self._quantities) and self._quantities[i] < hi and self._quantities[i] - d.end < d.start - figure_end

    def in_span(self, start: int, end: int) -> list[DateFigure]:
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return self.dates[lo:hi]

    def is_dateline(self, d: DateFigure) -> bool:
        """A date standing alone on its line, with a time or weekday at most (a date line)."""
        if d.start not in self._datelines:
            index = self.ctx.sentence_index(d.start)
            start, end = self.ctx.sentence_span(index)
            # A date line is short: a long sentence holding a date is no date line, read no further.
            rest = self.ctx.text[max(start, d.start - 80) : d.start] + " " + self.ctx.text[d.end : min(end, d.end + 80)]
            self._datelines[d.start] = end - start < 160 and not _DATELINE_NOISE.sub("", rest).strip()
        return self._datelines[d.start]

    def usable(self, d: DateFigure, floor: int) -> bool:
        """Whether a date may give another figure its period (not a span start, base or date line)."""
        if d.ranged:
            return False
        before = self.ctx.text[max(floor, d.start - _LOOKBEHIND) : d.start]
        if self.lexicon.not_a_period_before.search(before) or self.lexicon.change_before.search(before):
            return False
        # "Since the country joined in 2001, 400 officials have studied": a date in a clause that
        # opens a span is its start, whatever stands between the opening word and the date.
        s_start = self.ctx.sentence_span(self.ctx.sentence_index(d.start))[0]
        head = self.ctx.text[s_start : d.start]
        cut = max(head.rfind(","), head.rfind(";"))
        if self.lexicon.span_clause.match(head[cut + 1 :]):
            return False
        return not self.is_dateline(d)

    # --- relative expressions -------------------------------------------------------------------
    def relative(self, text: str, offset: int, floor: int) -> tuple[str, int, int] | None:
        """A period resolved from "this year", "last year", a quarter or "today" in ``text``."""
        doc = self.document_date
        if not doc:
            return None
        year = int(doc[:4])
        lx = self.lexicon
        for m in lx.quarters.finditer(text):
            before = self.ctx.text[max(floor, offset + m.start() - _LOOKBEHIND) : offset + m.start()]
            if lx.not_a_period_before.search(before):
                continue
            n = m.group("n") or m.group("q") or ("first" if m.group("m") else "")
            if not n:
                continue
            q = _QUARTER.get(n.lower()) if n.lower() in _QUARTER else int(n[1])
            y = m.group("year") or m.group("year2")
            if y is None:
                rel = (m.group("rel") or "").lower()
                y = year - 1 if rel in ("last", "the previous") else year
            return f"{int(y):04d}-Q{q}", m.start(), m.end()
        for key, pattern in lx.relative.items():
            for m in pattern.finditer(text):
                before = self.ctx.text[max(floor, offset + m.start() - _LOOKBEHIND) : offset + m.start()]
                if lx.not_a_period_before.search(before):
                    continue
                if key == "this_year":
                    return f"{year:04d}", m.start(), m.end()
                if key == "last_year":
                    return f"{year - 1:04d}", m.start(), m.end()
                if key == "this_month" and len(doc) >= 7:
                    return doc[:7], m.start(), m.end()
                if key == "today" and len(doc) >= 10:
                    return doc[:10], m.start(), m.end()
        return None

    # --- the period of a figure -----------------------------------------------------------------
    def of(self, scopes: FigureScopes, *, as_of_document: bool, rate: bool = False, series: Period | None = None) -> Period:
        """The period of a quantity. ``series``: the period of the same indicator in an earlier
        sentence of the paragraph ("Trade reached X in 2023. Exports reached Y"), if any."""
        ctx, lx = self.ctx, self.lexicon
        text = ctx.text
        c_start, c_end = scopes.clause
        i_start, i_end = scopes.item
        s_start, s_end = ctx.sentence_span(scopes.sentence_index)
        # A comparison after the figure ("up 7 percent compared to 2021"): what follows is its base.
        m = lx.comparison_after.match(text, scopes.end, c_end)
        stop = m.start() + len(m.group()) if m else s_end
        # 1. the date right after the figure ("16 people in 1984", "12,345 (Dec. 2021)")
        following = self.in_span(scopes.end, min(stop, c_end))
        if following:
            d = following[0]
            if lx.immediate.match(text[scopes.end : d.start]) and not d.ranged and not self.is_dateline(d):
                return Period(d.period, "clause", d.figure_id)
        # 2. the nearest usable date of the item, the clause, the sentence (before the figure first);
        #    "this year", "the first quarter of last year" in the clause count as dates of the clause.
        for lo, hi, basis in ((i_start, i_end, "clause"), (c_start, c_end, "clause"), (s_start, s_end, "sentence")):
            before = [d for d in self.in_span(lo, scopes.start) if self.usable(d, lo)]
            if before:
                return Period(before[-1].period, basis, before[-1].figure_id)
            after = [d for d in self.in_span(scopes.end, min(hi, stop)) if self.usable(d, lo)]
            # "412 people have taken part, and as of 2022, 36 are studying": a date that introduces
            # a figure after it, nearer than ours, belongs to that figure.
            if after and not self._introduces_another(after[0], scopes.end, hi):
                return Period(after[0].period, basis, after[0].figure_id)
            if rate:
                return Period()  # "15 million kWh a year": a rate has no period unless its item gives one
            found = self.relative(text[lo : min(hi, stop)], lo, lo)
            if found:
                return Period(found[0], "relative")
        # 3. a sentence that continues the one before ("Of them, ...", "This number was ...") takes
        #    the one date that sentence states; a figure of the same indicator takes its series' date.
        #    Any other earlier date belongs to another fact and is not taken.
        sentence = text[s_start:s_end]
        if any(p.search(sentence) for p in lx.continuations):
            for i in ctx.paragraph_before(scopes.sentence_index):
                p_start, p_end = ctx.sentence_span(i)
                usable = [d for d in self.in_span(p_start, p_end) if self.usable(d, p_start)]
                if len({d.period for d in usable}) == 1:
                    return Period(usable[0].period, "context", usable[0].figure_id)
                if usable:
                    break
        if series is not None and series.period:
            return Period(series.period, "context")
        # 4. the section heading that names one period ("Trade (2023)")
        h = ctx.heading_before(scopes.sentence_index)
        if h is not None:
            h_start, h_end = ctx.sentence_span(h)
            # A full date in a heading line is a date line or an event, not a section's period.
            usable = [d for d in self.in_span(h_start, h_end) if not d.ranged and not self.is_dateline(d) and len(d.period) < 10]
            if len({d.period for d in usable}) == 1:
                return Period(usable[0].period, "heading", usable[0].figure_id)
        # 4b. the period the headline itself names relatively ("... tourists last year"): a text
        #     reporting on that period, for a figure no sentence gives a period.
        for i in ctx.headline_block:
            if i == scopes.sentence_index:
                continue
            h_start, h_end = ctx.sentence_span(i)
            found = self.relative(text[h_start:h_end], h_start, h_start)
            if found:
                return Period(found[0], "heading")
        # 5. stocks and news: as of the document's date (not what a clause tells of the past)
        if as_of_document and self.document_date and not lx.historical.search(text[s_start:s_end]):
            return Period(self.document_date, "document_date")
        return Period()

    def resolve_year(self, period: str, flags: str) -> tuple[str, str]:
        """A date written without its year ("On April 17") takes the year that puts it nearest the
        document's date (a news item tells of last week or announces next week). Returns (period, basis)."""
        doc = self.document_date
        if "year_inferred" not in flags.split(";") or len(doc) < 7 or len(period) < 7:
            return period, "figure"
        anchor = _date.fromisoformat(doc[:10] if len(doc) >= 10 else doc[:7] + "-15")
        month, day = int(period[5:7]), int(period[8:10]) if len(period) >= 10 else 15
        best = None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                distance = abs((_date(year, month, day) - anchor).days)
            except ValueError:  # 29 February of a year that has none
                continue
            if best is None or distance < best[0]:
                best = (distance, year)
        if best is None:
            return period, "figure"
        return f"{best[1]:04d}{period[4:]}", "relative"

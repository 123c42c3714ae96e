"""Rules of the family "dates and years": calendar dates, years, year ranges and fiscal years.

Belongs here: reading a date at a digit or a month name, telling a year ("in 2019", "FY2021",
"2015-2019", "in 1274") from a count that looks like one ("2000 students", "4410 in Tokyo,
1876 in Osaka"), and a date's missing year taken from the latest full date before it.
Not here: the period a quantity refers to (``periods.py``).
"""

from __future__ import annotations

from .. import patterns as P
from ..lexicon import (
    COLLECTIVE_NOUNS,
    EARLY_YEAR_CUES,
    MONTHS,
    NP_STOPWORDS,
    PERSON_NOUNS,
    SERIES_GAP,
    YEAR_RANGE,
)
from .numbers import looks_plural
from .state import State

_YEAR_MIN, _YEAR_MAX = YEAR_RANGE
_PREPOSITIONS_BEFORE_YEAR = frozenset(
    ["in", "since", "by", "from", "until", "till", "to", "of", "during", "and", "or", "before", "after", "between"]
)


class Dates(State):
    """Mixin of the extraction pass: dates and years."""

    def _date(self, m) -> int:
        g = dict.fromkeys(("iso", "dotted", "y1", "y2", "y3", "m1", "m2", "m3", "d1", "d2"), None) | m.groupdict()
        if g["iso"]:
            year, month, day = g["iy"], int(g["im"]), int(g["id"])
        elif g["dotted"]:
            year, month, day = g["dy"], int(g["dm"]), int(g["dd"])
        else:
            year = g["y1"] or g["y2"] or g["y3"] or ""
            month = MONTHS[(g["m1"] or g["m2"] or g["m3"]).lower()]
            day = int(g["d1"] or g["d2"] or 0)
        flags: tuple[str, ...] = ()
        second = P.DAY_AND_AFTER.match(self.text, m.end()) if g["d2"] and not year and m.end() == m.end("d2") else None
        if second and int(second.group("day")) <= day:
            second = None  # "May 14 and 3 ...": no second day of the same month
        if second and second.group("year"):
            year = second.group("year")  # "May 14 and 15, 2019": the year written once
        if year:
            self.last_full_year = year
        elif self.last_full_year:
            year, flags = self.last_full_year, ("year_inferred",)
        elif (dated := self._dateline_year(m.start())) is not None:
            year, flags = dated, ("year_from_document",)  # "ULAN BATOR, April 1 (Kyodo)": the item's own date
        else:
            return self._skip(
                "date_without_year", m.start(), second.end("day") if second else m.end()
            )  # no year anywhere before: not placeable
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        quote_end = m.end() - (1 if self.text[m.end() - 1] == "." else 0)
        self._add(m.start(), quote_end, float(year), "date", kind="date", period=iso, flags=flags, rule="date")
        if second:
            second_iso = f"{year}-{month:02d}-{int(second.group('day')):02d}"
            second_end = second.end("year") if second.group("year") else second.end("day")  # "15, 2019" holds its year
            self._add(second.start("day"), second_end, float(year), "date", kind="date", period=second_iso, flags=flags, rule="second_day")
            return second_end
        return m.end()

    def _dateline_year(self, start: int) -> str | None:
        """The year of the document's date for a date that opens a dateline, else None."""
        date = self.hints.date if self.hints is not None else ""
        if not (len(date) >= 4 and date[:4].isdigit()):
            return None
        if not P.DATELINE_BEFORE.search(self.text, max(0, start - 48), start):
            return None
        return date[:4]

    def _plainly_a_year(self, start: int, end: int, before: str) -> bool:
        """A year-like number between a blank and punctuation ("in 2019,"): no unit, noun or range can follow.

        The common case, decided before the general path so years cost little.
        """
        text = self.text
        before_char, after_char = text[start - 1 : start], text[end : end + 1]
        if not (before_char in ("(", "") or before_char.isspace()) or not (
            after_char in (",", ".", ";", ":", ")", "") or after_char == "\n"
        ):
            return False
        if text[end : end + 1] == "." and text[end + 1 : end + 2].isdigit():
            return False
        if self.figures and self._continues_a_series(start):
            return False
        if self._in_name(start) or self._after_capitalised_name(before):
            return False
        return not (P.fiscal_before(before) or P.currency_before(before))

    @staticmethod
    def _looks_like_year(token: str) -> bool:
        return len(token) == 4 and token.isdigit() and _YEAR_MIN <= int(token) <= _YEAR_MAX

    def _early_year(self, token: str, before: str) -> bool:
        """A year before 1800, known by the word before it ("in 1268", "1268 and 1271")."""
        if not (len(token) == 4 and token.isdigit() and token[0] != "0" and int(token) < _YEAR_MIN):
            return False
        word = self._word_before(before).lower()
        if word in ("and", "or"):
            return bool(self.figures) and self.figures[-1].unit == "year"
        return word in EARLY_YEAR_CUES

    def _year(self, start: int, end: int, token: str, high: str | None, rule: str = "year") -> int:
        if high is None:
            self._add(start, end, float(token), "year", kind="date", period=token, rule=rule)
            return end
        high_year = high if len(high) == 4 else token[:2] + high
        self._add(start, end, float(token), "year", qualifier="range_low", kind="date", period=token, rule="year_range")
        self._add(start, end, float(high_year), "year", qualifier="range_high", kind="date", period=high_year, rule="year_range")
        return end

    def _counts_people_or_things(self, pos: int, before: str) -> bool:
        """A year-like number ("2000") that counts something: "2000 students", not "in 2019"."""
        if self._word_before(before).lower() in _PREPOSITIONS_BEFORE_YEAR:
            return False
        if self._continues_a_series(pos - 4):
            return True  # "4410 in Tokyo, 1876 in Osaka": one more item of a list of counts
        w = P.WORD_AFTER.match(self.text, pos)
        if not w:
            return False
        lower = w.group(1).lower()
        if lower in PERSON_NOUNS and lower not in COLLECTIVE_NOUNS:
            return True  # "2000 students"; but "the 1989 population" is a year
        tail = before.rstrip(" \t")
        if not tail or tail[-1] in ".!?\n":
            return False  # "2019 marks the 30th year": a year opens the sentence, a verb follows
        return looks_plural(lower) and lower not in NP_STOPWORDS

    def _continues_a_series(self, start: int) -> bool:
        """Whether the figure before ``start`` is a count a short list item away ("N in X, ")."""
        if not self.figures:
            return False
        prev = self.figures[-1]
        gap = self.text[prev.end : start]
        return (
            prev.kind == "quantity"
            and prev.unit in ("person", "count")
            and len(gap) <= SERIES_GAP
            and gap.rstrip().endswith(",")
            and "." not in gap
        )

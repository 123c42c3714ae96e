"""Rules of the family "units": percent, physical units, rates, multipliers and fractions.

Belongs here: deciding the unit written right after a number (``_unit_after``): percent, a
currency word or code (read by the money family), a multiplier ("12-fold", "ten times"), a
physical unit read through pint ("miles", "sq. km", "TWh"), and the denominator of a rate
("MWh/day", "a year", "per 10,000 live births"); fractions written as words ("one-third of" is
33.3 percent, approx) and multiplier verbs ("tripled"); durations in two units ("5 h 30 m").
Not here: pint itself and the canonical symbols (``units.py``), words (``lexicon.py``).
"""

from __future__ import annotations

from .. import patterns as P
from ..lexicon import (
    BEFORE_WINDOW,
    COMPARATIVE_AFTER_TIMES,
    CURRENCY_WORDS,
    FRACTION_DENOMINATORS,
    GROWTH_VERBS,
    ISO_CURRENCY_CODES,
    LONG_TIME_UNIT_WORDS,
    LONG_TIME_UNITS,
    MULTIPLIER_BARE_VERB_BEFORE,
    MULTIPLIER_BARE_VERBS,
    MULTIPLIER_VERBS,
    SCALE_WORDS,
    TIME_WINDOW_WORDS,
    UNITS_WORDS,
)
from ..units import UNIT_CACHE, Unit, denominator, physical_unit, rate, to_years
from .state import State

PERCENT = SCALE_WORDS["hundred"]  # a share of one is a hundred percent


# How a rate's denominator or a multiplier can start right after a number or unit (cheap gates).
PER_STARTS = (" per ", " a ", " an ", " /", "  per ", "\u00a0per ")
MULTIPLIER_STARTS = (" times", "-fold", " fold", "-times", "fold", " Times", "\u00a0times")


def _currency_code(word: str) -> str:
    """The ISO code of a currency word as matched: a phrase's blanks (a no-break space, a line
    break, two spaces) match any run of blanks, so they are folded to one space first."""
    return CURRENCY_WORDS[" ".join(word.lower().split())]


class Units(State):
    """Mixin of the extraction pass: the unit after a number."""

    def _unit_after(self, pos: int, currency: str | None, before: str = ""):
        """(unit, end of quote, rule) for a unit written right after ``pos``, else None."""
        text = self.text
        lead = P.lead(text, pos)  # the character after the blanks tells which patterns may match
        if currency is not None:
            c = P.CURRENCY_AFTER.match(text, pos) if lead in P.CURRENCY_AFTER_LEADS else None  # "$5 million USD": the code restates it
            end = c.end() if c and _currency_code(c.group("cur")) == currency else pos
            return self._per(currency, "currency", end, "currency_before")
        p = P.PERCENT_AFTER.match(text, pos) if lead in P.PERCENT_LEADS else None
        if p:
            return "percent", p.end(), "percent"
        c = P.CURRENCY_AFTER.match(text, pos) if lead in P.CURRENCY_AFTER_LEADS else None
        if c:
            word = c.group("cur")
            if word.lower() == "won" and not word.isupper():
                return None  # "won" the verb
            code, self.assumed_after = self._currency(word, _currency_code(word), c.start("cur"))
            return self._per(code, "currency", c.end(), "currency_after")
        iso = P.ISO_AFTER.match(text, pos) if lead in P.ISO_LEADS else None
        if iso and iso.group("cur") in ISO_CURRENCY_CODES:
            return self._per(iso.group("cur"), "currency", iso.end(), "currency_after")
        x = P.MULTIPLIER_AFTER.match(text, pos) if text.startswith(MULTIPLIER_STARTS, pos) else None
        if x:
            return self._multiplier(x, before)
        if text[pos + 1 : pos + 2] in ("d", "c", "D", "C") and (d := P.LONG_TIME_AFTER.match(text, pos)):
            return LONG_TIME_UNIT_WORDS[d.group("unit").lower()], d.end(), "long_duration"  # "two decades": _add gives years
        u = P.UNIT_AFTER.match(text, pos)
        if u:
            written = u.group("unit")
            unit = UNIT_CACHE[written] if written in UNIT_CACHE else physical_unit(written)
            if unit is not None:
                return self._per(unit.symbol, unit.dimension, u.end(), "physical_unit")
        return None

    # -- rates ------------------------------------------------------------------------------
    def _per(self, symbol: str, dimension: str, end: int, rule: str):
        """The unit, with the denominator of a rate written after it ("MWh/day", "$3 a day")."""
        text = self.text
        if not (text.startswith(PER_STARTS, end) or text[end : end + 1] == "/"):
            return symbol, end, rule  # the common case, told without a regex
        return self._rate_after(symbol, dimension, end, rule)

    def _rate_after(self, symbol: str, dimension: str, end: int, rule: str):
        r = P.PER_AFTER.match(self.text, end)
        if r is None:
            return symbol, end, rule
        per, per_end = self._denominator(r)
        if per is None:
            return symbol, end, rule
        return rate(Unit(symbol, dimension), per).symbol, per_end, "rate"

    def _denominator(self, r) -> tuple[Unit | None, int]:
        if r.group("den") is None:
            base = r.group("base")
            if base is None or r.group("article") or r.group("slash"):
                return None, 0
            return Unit(base.replace(",", ""), "count"), r.end("base")  # "12.4 per 10,000"
        den2 = r.group("den2")
        if den2 and not r.group("article"):
            per = denominator(r.group("den") + " " + den2, r.group("base"))
            if per is not None:
                return per, r.end()
        per = denominator(r.group("den"), r.group("base"))
        if per is None:
            return None, 0
        if r.group("article") and (per.dimension != "time" or P.PER_NOT_AFTER.match(self.text, r.end("den"))):
            return None, 0  # "a year" is a rate; "a year ago", "a country" are not
        return per, r.end("den")

    # -- multipliers ------------------------------------------------------------------------
    def _multiplier(self, x, before: str):
        """ "12-fold" and "three times as large" are ratios; "some ten times since 1991" counts occasions."""
        if x.group("word").lower() == "fold":
            return "times", x.end(), "multiplier"
        nxt = P.WORD_AFTER_HYPHEN.match(self.text, x.end())
        if nxt and nxt.group(1).lower() in COMPARATIVE_AFTER_TIMES:
            return "times", x.end(), "multiplier"
        if self._word_before(before).lower() in GROWTH_VERBS:
            return "times", x.end(), "multiplier"
        return "count", x.end(), "occasions"

    def _multiplier_verb(self, m) -> int:
        """ "exports tripled", "the budget doubled": a multiplier stated by a verb."""
        start, end = m.start(), m.end()
        word = m.group(0).lower()
        before = self.text[max(0, start - BEFORE_WINDOW) : start]
        qualifier = self._qualifier_before(before)  # "almost doubled", "more than tripled"
        if word in MULTIPLIER_VERBS:
            self._add(start, end, float(MULTIPLIER_VERBS[word]), "times", qualifier=qualifier, rule="multiplier_verb")
            return end
        if qualifier == "exact" and self._word_before(before).lower() not in MULTIPLIER_BARE_VERB_BEFORE:
            return self._skip("multiplier_adjective", start, end)  # "double taxation", "a triple jump"
        self._add(start, end, float(MULTIPLIER_BARE_VERBS[word]), "times", qualifier=qualifier, rule="multiplier_verb")
        return end

    # -- fractions --------------------------------------------------------------------------
    def _fraction(self, start: int, end: int) -> int | None:
        """A fraction written in words at ``start`` ("one-third of", "half of", "a quarter of"),
        read as a share in percent; "half a century" as a duration. None when it is no fraction."""
        text = self.text
        f = P.FRACTION_AT.match(text, start)
        if f is None:
            return None
        numerator_word = (f.group("num") or f.group("num2") or "").lower()
        if numerator_word in ("", "a", "an"):
            # "a third of", "half of": the article may stand before the fraction word
            article = P.ARTICLE_BEFORE.search(text, max(0, start - 5), start) if not numerator_word else None
            numerator = 1
            q_start = article.start(1) if article else start
        else:
            numerator = UNITS_WORDS.get(numerator_word, 0)
            q_start = start
        den_word = f.group("den").lower()
        denominator_value = FRACTION_DENOMINATORS[den_word]
        plural = den_word.endswith("s")
        if not 0 < numerator < denominator_value or (numerator == 1) == plural:
            return None  # "two third", "one thirds": no fraction
        before = text[max(0, q_start - BEFORE_WINDOW) : q_start]
        if self._word_before(before).lower() in TIME_WINDOW_WORDS:
            return self._skip("time_window", q_start, f.end())  # "the first half of 2023"
        duration = P.FRACTION_OF_TIME_AFTER.match(text, f.end())
        if duration and den_word in ("half", "quarter"):
            word = duration.group("unit").lower()
            if word in LONG_TIME_UNITS:
                value, symbol = to_years(numerator / denominator_value, word), "year"  # half a century: 50 years
            else:
                unit = physical_unit(word)
                if unit is None or unit.dimension != "time":
                    return None
                value, symbol = numerator / denominator_value, unit.symbol
            self._add(q_start, duration.end(), value, symbol, qualifier=self._qualifier_before(before), rule="fraction")
            return duration.end()
        of = P.FRACTION_OF_AFTER.match(text, f.end())
        if of is None and self._word_before(before).lower() not in ("by", "for"):
            return None  # "a third country", "half-day": no share
        share = numerator / denominator_value * PERCENT
        value = round(share, 1)
        qualifier = self._qualifier_before(before)
        if qualifier == "exact" and value != share:
            qualifier = "approx"  # one-third is 33.3 percent, approximately
        self._add(q_start, f.end(), value, "percent", qualifier=qualifier, flags=("unit_inferred",), rule="fraction")
        return f.end()

    # -- durations --------------------------------------------------------------------------
    def _compound_duration(self, end: int, low, high):
        """ "5 h 30 m", "2 hours 15 minutes": the minutes join the hours of one duration."""
        d = P.MINUTES_AFTER.match(self.text, end)
        if d is None or high is not None:
            return end, low, high
        return d.end(), (low[0] + int(d.group("num")) / 60, low[1], low[2]), high

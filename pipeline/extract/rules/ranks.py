"""Rules of the family "ranks": ordinals that rank ("ranked 7th", "the fourth-largest",
"61st export partner") and anniversaries ("the 60th anniversary" is 60 years).

Belongs here: telling a rank from an ordinal that numbers a sequence ("the 3rd meeting"), which
is no figure. Not here: fractions written with ordinal words ("a third of", ``rules/units.py``).
"""

from __future__ import annotations

from .. import patterns as P
from ..lexicon import (
    BEFORE_WINDOW,
    ORDINAL_WORDS,
    RANK_ACTOR_NOUNS,
    RANK_PARTNER_NOUNS,
    RANK_PARTNER_WORDS,
    RANK_WORDS,
    SUPERLATIVES,
)
from .state import State


class Ranks(State):
    """Mixin of the extraction pass: ordinals."""

    def _ordinal(self, start: int, end: int, value: float, before: str) -> int:
        nxt = P.WORD_AFTER_HYPHEN.match(self.text, end)
        if self._word_before(before).lower() in RANK_WORDS:
            self._add(start, end, value, "rank", rule="rank_word_before")
        elif nxt and nxt.group(1).lower() in SUPERLATIVES:
            self._add(start, end, value, "rank", rule="rank_superlative")
        elif nxt and self._ranks_among_partners(nxt):
            self._add(start, end, value, "rank", rule="rank_among_partners")
        elif nxt and nxt.group(1).lower() == "anniversary":
            self._add(start, nxt.end(), value, "year", rule="anniversary")
            return nxt.end()
        else:
            return self._skip("sequence_ordinal", start, end)  # "the 3rd meeting" numbers a sequence
        return end

    def _ranks_among_partners(self, nxt) -> bool:
        """ "61st export partner", "the fourth trading partner", "the 2nd investor" are ranks."""
        word = nxt.group(1).lower()
        if word in RANK_ACTOR_NOUNS:
            return True
        if word not in RANK_PARTNER_WORDS:
            return False
        noun = P.WORD_AFTER.match(self.text, nxt.end())
        return bool(noun and noun.group(1).lower() in RANK_PARTNER_NOUNS)

    def _ordinal_word(self, m) -> int:
        """ "ranked third", "the fourth-largest partner": ordinal words count only as ranks."""
        start, end = m.start(), m.end()
        fraction = self._fraction(start, end)  # "a third of the exports"
        if fraction:
            return fraction
        value = float(ORDINAL_WORDS[m.group(0).lower()])
        return self._ordinal(start, end, value, self.text[max(0, start - BEFORE_WINDOW) : start])

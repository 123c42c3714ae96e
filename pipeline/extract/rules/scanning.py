"""Rules of the family "scanning": where a number may start, and which family reads it first.

Belongs here: the one pass over a text (digit runs and the words that hold numbers: number words,
ordinals, month names, fractions, multiplier verbs), merged in text order, and the dispatch of
each start to the family that reads it: a date at a digit or a month name, a numeral, a number
phrase, an ordinal word, a fraction, a multiplier verb. A start inside a span already read is
passed over (``within`` in the explanation).
Not here: the decisions themselves (the other families).
"""

from __future__ import annotations

from .. import patterns as P
from .state import State


class Scanning(State):
    """Mixin of the extraction pass: the scan."""

    def _scan(self) -> None:
        text = self.text
        consumed = 0
        explaining = self.decisions is not None
        for code in self._anchors():
            start, is_digit = code >> 1, code & 1
            if start < consumed:
                if explaining and is_digit:
                    self._within(start)
                continue
            end = None
            if is_digit:
                m = P.DATE_AT_DIGIT.match(text, start)
                if m:
                    end = self._date(m)
                elif start == 0 or text[start - 1] not in ".,":
                    numeral = P.NUMERAL_AT.match(text, start)
                    if numeral is None:  # digits of a script beyond those mapped: not read
                        continue
                    end = self._numeral(numeral)
                elif explaining:  # recorded only: "3.5" is read from its first digit
                    after = P.NUMERAL_AT.match(text, start)
                    self._skip("digits_after_separator", start, after.end() if after else start + 1)
            elif text[start].isupper() and (m := P.DATE_AT_MONTH.match(text, start)):
                end = self._date(m)
            elif m := P.WORDS_AT.match(text, start):
                end = self._words(m)
            elif m := P.ORDINAL_WORD_AT.match(text, start):
                end = self._ordinal_word(m)
            elif m := P.MULTIPLIER_VERB_AT.match(text, start):
                end = self._multiplier_verb(m)
            elif m := P.FRACTION_WORD_AT.match(text, start):
                end = self._fraction(start, m.end())
            if end and end > consumed:
                consumed = end

    def _anchors(self) -> list[int]:
        """Offsets of digit runs and of number, ordinal, fraction and month words, in text order.

        Each offset is coded as ``2 * offset + 1`` for a digit and ``2 * offset`` for a word,
        so that one sort of plain integers merges the two scans.
        """
        words = P.WORD_ANCHORS.finditer(" " + self.lower) if self.lower_aligned else P.WORD_ANCHORS_ANYCASE.finditer(" " + self.text)
        # A match starts one character before its word, which the leading " " cancels out.
        coded = [2 * m.start() for m in words]
        coded += [2 * start + 1 for start in self.digit_starts]
        coded.sort()
        return coded

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
from ..script import ascii_digits, digits_of
from .state import State


def anchors_of(text: str) -> tuple[str | None, str, list[int]]:
    """Where numbers may start in ``text``: its digit runs and its number, ordinal, fraction and
    month words, in text order; with the lower-cased copy the word patterns read, and a copy of
    the text with ASCII digits in place of digits of other scripts (None when it has none).

    Each offset is coded as ``2 * offset + 1`` for a digit and ``2 * offset`` for a word, so that
    plain integers in one sorted list merge the two kinds.
    """
    lower = text.lower()
    if len(lower) != len(text):
        # lower() lengthened a letter, so its offsets do not line up: the words are found
        # case-insensitively on the text itself (slower, and rare).
        mapped, digit_starts = digits_of(text)
        words = P.WORD_ANCHORS_ANYCASE.finditer(" " + (mapped or text))
        coded = [2 * m.start() for m in words]  # a match starts one character before its word, as " " does
        coded += [2 * start + 1 for start in digit_starts]
        coded.sort()
        return mapped, lower if mapped is None else mapped.lower(), coded
    coded = []
    add = coded.append
    digit_runs = []
    for m in P.ANCHORS.finditer(" " + lower):
        start = m.start()  # the offset in the text of the character after the matched one
        if m.start("digits") < 0:
            add(2 * start)  # a word
            continue
        add(2 * start - 1)  # a digit run, at the matched character
        digit_runs.append(m)
        if m.start("glued") >= 0:
            add(2 * m.start("glued") - 2)  # "5million"
    if text.isascii() or "".join([m.group() for m in digit_runs]).isascii():
        return None, lower, coded
    # Digits of other scripts ("٣٬٩٠٠") are read through a copy with ASCII digits in their place,
    # character for character (lower() leaves digits and their separators as they are).
    mapped = ascii_digits(text)
    return mapped, mapped.lower(), coded


class Scanning(State):
    """Mixin of the extraction pass: the scan."""

    def _scan(self) -> None:
        text = self.text
        consumed = 0
        explaining = self.decisions is not None
        for code in self.anchors:
            start, is_digit = code >> 1, code & 1
            if start < consumed:
                if explaining and is_digit:
                    self._within(start)
                continue
            end = None
            if is_digit:
                m = P.DATE_OR_NUMERAL_AT.match(text, start)
                if m is not None and m.lastgroup != "numeral":
                    end = self._date(m)
                elif start == 0 or text[start - 1] not in ".,":
                    if m is None:  # digits of a script beyond those mapped: not read
                        continue
                    end = self._numeral(m)
                elif explaining:  # recorded only: "3.5" is read from its first digit
                    self._skip("digits_after_separator", start, m.end() if m else start + 1)
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

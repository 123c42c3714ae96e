"""Reading one written number: numerals (with separators, malformed ones too) and number words.

Belongs here: turning the characters of a single number into a float, with flags for odd spellings.
Not here: finding numbers in text or deciding their unit (``extractor.py``).
"""

from __future__ import annotations

import re

from .lexicon import SCALE_WORDS, TENS_WORDS, UNITS_WORDS

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+")
_SPACES = re.compile(r"[\u00a0\u202f\u2009]")


def parse_numeral(token: str, *, scaled: bool = False) -> tuple[float, tuple[str, ...]]:
    """Value of a numeral and the flags of its spelling.

    ``scaled`` says a scale word follows ("2.352.7 billion"): the mantissa of a scaled amount is
    plausibly below a thousand, which decides between readings of a malformed numeral.
    """
    if token.isdigit():
        return float(token), ()  # the common case first
    if _GROUPED.fullmatch(token):
        return float(token.replace(",", "")), ()
    if _SPACE_GROUPED.fullmatch(token):
        return float(_SPACES.sub("", token)), ()
    if token.count(".") <= 1 and "," not in token:
        return float(token), ()
    if "," in token:
        # "1,2" or "15,2": a decimal comma (continental style), never a thousands group.
        return float(token.replace(".", "").replace(",", ".")), ("decimal_comma",)
    # Several dots ("2.352.7"): mixed decimal and thousands marks. Either every dot but the last
    # groups thousands (1111.4) or the first is the decimal point and the rest are stray (1.1114).
    head, *rest = token.split(".")
    grouped = float(head + "".join(rest[:-1]) + "." + rest[-1])
    decimal = float(head + "." + "".join(rest))
    if scaled and grouped >= SCALE_WORDS["thousand"] > decimal:
        return decimal, ("malformed_number",)
    return grouped, ("malformed_number",)


_WORD_SPLIT = re.compile(r"[\s-]+")


def parse_number_words(phrase: str) -> float | None:
    """Value of an English number phrase ("one billion", "twenty-five", "a dozen"), else None."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _WORD_SPLIT.split(phrase.lower()):
        if not word or word == "and":
            continue
        if word == "a":
            current = max(current, 1.0)
            continue
        if word == "dozen":
            current = (current or 1.0) * 12
            seen = True
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
            seen = True
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * SCALE_WORDS["hundred"]
            seen = True
        elif word in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None

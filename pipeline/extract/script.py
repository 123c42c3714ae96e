"""Writing systems: digits of other scripts, and how much of a text is in the Latin alphabet.

Belongs here: reading numerals written with non-ASCII digits (Arabic-Indic "٣٬٩٠٠", Devanagari,
full-width "３，９００") through their Unicode digit values, and the cheap script check that tells
whether a text is in a language the extractor reads at all (its share of Latin letters).
Not here: deciding what a number means (``extractor.py``).

Digits of another script are mapped one character to one character onto ASCII digits, so every
offset into the mapped copy is an offset into the text: the extractor reads the copy and quotes
the text. A numeral whose digits mix two scripts is not read at all (see ``mixed_digit_scripts``).
"""

from __future__ import annotations

import re
import unicodedata

from .lexicon import DIGIT_SEPARATORS, MIN_LATIN_SHARE, SCRIPT_SAMPLE_CHARS


def _non_ascii_digits() -> str:
    # Every decimal digit (Unicode category Nd) lies below U+20000; the ASCII ones are left out.
    return "".join(chr(c) for c in range(0x80, 0x20000) if chr(c).isdecimal())


_OTHER_DIGITS = _non_ascii_digits()
#: Runs of digits, the anchors of the scan where a text's lower-cased copy does not line up with
#: it (otherwise ``patterns.ANCHORS`` finds them with the words). "\d" is a category test the engine runs inline as it
#: searches, faster there than the range "[0-9]"; the patterns that read a numeral take ASCII
#: digits only, and digits of other scripts are read through a mapped copy of the text.
DIGIT_RUNS = re.compile(r"\d+")
_DIGIT_MAP = str.maketrans({c: str(unicodedata.decimal(c)) for c in _OTHER_DIGITS} | dict(DIGIT_SEPARATORS))


def digits_of(text: str) -> tuple[str | None, list[int]]:
    """A copy of ``text`` with its digits of other scripts in ASCII (None when it has none), and
    the offsets of its digit runs (the same in the copy: one character stands for one).

    One scan finds both: the runs of ``\\d`` hold the digits of every script.
    """
    if text.isascii():
        return None, [m.start() for m in DIGIT_RUNS.finditer(text)]
    runs = list(DIGIT_RUNS.finditer(text))
    if "".join([m.group() for m in runs]).isascii():
        return None, [m.start() for m in runs]
    return text.translate(_DIGIT_MAP), [m.start() for m in runs]


def ascii_digits(text: str) -> str:
    """``text`` with every non-ASCII digit and digit separator replaced by its ASCII reading,
    character for character (same length, same offsets)."""
    return text.translate(_DIGIT_MAP)


def digit_scripts(token: str) -> set[int]:
    """The scripts of the digits of ``token``, each named by the code point of its zero."""
    return {ord(c) - unicodedata.decimal(c) for c in token if c.isdecimal()}


_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")


def latin_share(text: str, sample: int = SCRIPT_SAMPLE_CHARS) -> float:
    """Share of Latin letters among the letters of ``text`` (0.0 when it holds no letter).

    Cheap: reads at most ``sample`` characters, taken from the start, middle and end of the text.
    A text in Mongolian Cyrillic gives about 0.0, an English page about 1.0, an English page with
    a few Cyrillic labels stays near 1.0.
    """
    if len(text) > sample:
        third = sample // 3
        middle = len(text) // 2 - third // 2
        text = text[:third] + text[middle : middle + third] + text[-third:]
    letters = len(_LETTER.findall(text))
    return len(_LATIN_LETTER.findall(text)) / letters if letters else 0.0


def reads_script(text: str) -> bool:
    """Whether the extractor reads ``text``: mostly Latin letters (an English text).

    The threshold is ``MIN_LATIN_SHARE`` of the lexicon; the ingest stage uses this to leave out a
    text in a language the extractor does not read, with that reason.
    """
    return latin_share(text) >= MIN_LATIN_SHARE

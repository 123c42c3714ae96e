"""The shortcuts the extractor takes for speed decide as the patterns they stand for.

Where a string method or a cheap gate replaces or guards a regular expression on the path of
every number, these tests run both on many random strings built from the characters that matter
(letters, marks, blanks of every kind, line breaks, digits) and on the corner cases by hand.
"""

import random
import re
import sys

import pytest

from pipeline.extract import patterns as P
from pipeline.extract.lexicon import WORD_WINDOW

_CHARS = "aZq.'’-  \t\n\r\u00a0\u2009\u3000x1,:(#$"


def _strings(count: int, longest: int, chars: str = _CHARS, seed: int = 11):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(chars) for _ in range(rng.randint(0, longest)))


def test_blanks_are_every_blank_but_the_line_break():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert "".join(re.findall(r"[^\S\n]", everything)) == P.BLANKS


@pytest.mark.parametrize(
    "before",
    ["", "in ", "in", "In\n", "in \n", "in\n\n", "-in ", "'s ", "U.S. ", "x" * 30 + " ", "ab" * 13, "Article\u00a0", "by\t\u3000"],
)
def test_word_before_is_the_word_its_pattern_finds(before):
    m = P.WORD_BEFORE.search(before, len(before) - WORD_WINDOW)
    assert P.word_before(before) == (m.group(1) if m else "")


def test_word_before_on_random_strings():
    for before in _strings(20000, 2 * WORD_WINDOW):
        m = P.WORD_BEFORE.search(before, len(before) - WORD_WINDOW)
        assert P.word_before(before) == (m.group(1) if m else ""), repr(before)


def _quoted_by_pattern(text):
    return [(q.start(), q.end(), q.group(1) or q.group(2)) for q in P.QUOTED.finditer(text)]


@pytest.mark.parametrize(
    "text",
    ["", '"', '""', '"a"', 'x "a" and "b', '"a\nb" "c"', "“a” “b”", '“a"b”', '"a“b"c”', "“a", '"' + "x" * 120 + '"', '"' + "x" * 121 + '"'],
)
def test_quoted_spans_are_those_of_the_pattern(text):
    assert P.quoted(text) == _quoted_by_pattern(text)


def test_quoted_spans_on_random_strings():
    for text in _strings(20000, 60, chars='ab"“”\n '):
        assert P.quoted(text) == _quoted_by_pattern(text), repr(text)
    for text in _strings(300, 400, chars='a"“”\n ' + "b" * 40):  # spans near the longest
        assert P.quoted(text) == _quoted_by_pattern(text), repr(text)

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
from pipeline.extract import segments as S
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


def _pieces_strings(pieces, count, longest, seed=5):
    """Random strings made of whole ``pieces`` (words, marks, blanks), so that patterns match often."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))


_BLANK_PIECES = [" ", " ", "  ", "\t", "\n", "\u00a0", "(", ".", ",", "-", "x", "Xs", "5"]


def test_a_symbol_or_code_before_a_number_as_its_pattern_finds_it():
    from pipeline.extract.lexicon import CURRENCY_PREFIXES, CURRENCY_WINDOW

    pieces = [*CURRENCY_PREFIXES, *_BLANK_PIECES, "USd", "D", "$$"]
    for before in _pieces_strings(pieces, 20000, 6):
        expected = P.CURRENCY_BEFORE.search(before, len(before) - CURRENCY_WINDOW)
        found = P.currency_before(before)
        assert (found and found.span()) == (expected and expected.span()), repr(before)


def test_a_fiscal_year_before_a_number_as_its_pattern_finds_it():
    from pipeline.extract.lexicon import FISCAL_WINDOW

    pieces = ["FY", "fy", "CY", "Fiscal", "fiscal", "year", "YEAR", "ſ", "İ", *_BLANK_PIECES]
    for before in _pieces_strings(pieces, 20000, 6):
        expected = P.FISCAL_BEFORE.search(before, len(before) - FISCAL_WINDOW)
        found = P.fiscal_before(before)
        assert (found and found.span()) == (expected and expected.span()), repr(before)


@pytest.mark.parametrize(
    ("ending", "words"),
    [
        (P.START_BEFORE_ENDING, ["since", "Starting", "in", "from", "beginning", "than", "compared", "to", "with", "vs.", "VS"]),
        (P.ASOF_BEFORE_ENDING, ["as", "of", "at", "By", "until", "till", "the", "end", "Year"]),
        (P.OUT_OF_BEFORE_ENDING, ["out", "OUT", "of", "the", "four", "xout"]),
        (P.QUALIFIER_BEFORE_ENDING, ["more", "than", "just", "over", "Up", "to", "a", "total", "of", "approx.", "~", "some", "about"]),
    ],
)
def test_patterns_ending_before_a_number_find_what_they_stand_for(ending, words):
    pieces = [*words, *_BLANK_PIECES, "ſince", "İn", "_", "’"]
    for before in _pieces_strings(pieces, 20000, 9):
        for pos in (0, len(before) - 12):
            m = ending.pattern.search(before, pos)
            assert ending.found(before, pos) == (m is not None), repr(before)
            assert ending.group_name(before, pos) == (m.lastgroup if m else None), repr(before)


@pytest.mark.parametrize(
    ("pattern", "leads", "words"),
    [
        (P.PERCENT_AFTER, P.PERCENT_LEADS, ["%", "percent", "Per cent", "PCT", "pct", "percentage points", "-"]),
        (P.CURRENCY_AFTER, P.CURRENCY_AFTER_LEADS, ["yen", "US dollars", "Tugriks", "MNT", "₮", "euro", "won", "xyen"]),
        (P.ISO_AFTER, P.ISO_LEADS, ["USD", "EUR", "usd", "Usd", "ABCD", "GDP"]),
        (P.SCALE_AFTER, P.SCALE_LEADS, ["million", "Billion", "bn", "mln", "thousand", "Mil.", "tn", "m", "k", "mm"]),
        (P.GLUED_SCALE, P.GLUED_SCALE_LEADS, ["m", "bn", "K", "mln", "MN", "\u212a", "km"]),
        (P.QUALIFIER_AFTER_RE["over"], P.QUALIFIER_AFTER_LEADS, ["or", "more", "and", "above", "plus", "+", "over"]),
        (P.QUALIFIER_AFTER_RE["under"], P.QUALIFIER_AFTER_LEADS, ["or", "less", "fewer", "below", "OR", "LESS"]),
    ],
)
def test_a_pattern_after_a_number_matches_only_where_its_lead_says_it_may(pattern, leads, words):
    pieces = [*words, " ", " ", "  ", "\t", "\n", "\u00a0", ".", ",", "-", "s", "S", "ſ", "5", "x"]
    for text in _pieces_strings(pieces, 20000, 5):
        if pattern.match(text, 0):
            assert P.lead(text, 0) in leads, repr(text)


def test_the_time_words_as_a_trie_match_what_their_flat_alternation_matched():
    flat = re.compile(r"[^\S\n]?(?:a\.m\.|p\.m\.|am|pm|o'clock|hrs?)(?![A-Za-z])|:[0-9]", re.I)
    pieces = ["a", "m", ".", "p", "AM", "P.M.", "o'clock", "hr", "hrs", "HRS", ":", "5", " ", "\u00a0", "x"]
    for text in _pieces_strings(pieces, 20000, 5):
        assert (P.TIME_AFTER.match(text) is None) == (flat.match(text) is None), repr(text)


def _lines_by_pattern(text):
    """The lines as the pattern ``[^\\n]+`` cut them (the code before str.split)."""
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        raw = line.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = line.start() + len(raw) - len(raw.lstrip())
        heading = not stripped.endswith(S._FINAL_PUNCTUATION) and len(stripped.split()) <= 12
        yield start, start + len(stripped), paragraph, heading


def test_lines_and_sentence_ends_as_their_patterns_cut_them():
    pieces = [
        "Trade",
        "rose",
        "U.S.",
        "5.2",
        ".",
        "!",
        "?",
        '"',
        "”",
        ")",
        " ",
        " ",
        "  ",
        "\n",
        "\n\n",
        " \n",
        "\t",
        "\r",
        "\u00a0",
        "A",
        "x",
    ]
    for text in _pieces_strings(pieces, 5000, 40):
        assert list(S._lines(text)) == list(_lines_by_pattern(text)), repr(text)
        for start in (0, len(text) // 3):
            expected = [m.span() for m in S._BOUNDARY.finditer(text, start, len(text))]
            assert [m.span() for m in S._boundaries(text, start, len(text))] == expected, repr(text)

"""Compiled regular expressions of the extractor, built once from ``lexicon.py``.

Belongs here: the patterns for dates, numerals, number words and what stands around a number.
Not here: the decisions taken on a match (``extractor.py``).
"""

from __future__ import annotations

import re
import string

from .lexicon import (
    CURRENCY_MENTIONS,
    CURRENCY_PREFIXES,
    CURRENCY_WINDOW,
    CURRENCY_WORDS,
    FISCAL_WINDOW,
    FRACTION_DENOMINATORS,
    GROWTH_VERBS,
    ISO_CURRENCY_CODES,
    LONG_TIME_UNIT_WORDS,
    MEASURE_NOUNS,
    MONTHS,
    MULTIPLIER_BARE_VERBS,
    MULTIPLIER_VERBS,
    ORDINAL_WORDS,
    PERCENT_WORDS,
    PERSON_NOUNS,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TABLE_HEADER_SCALES,
    TENS_WORDS,
    UNITS_WORDS,
    WORD_WINDOW,
    alternation,
    trie_branches,
)

# Month names are matched capitalised only, so the verbs "may" and "march" stay words.
_MONTH = alternation([m.capitalize() for m in MONTHS] + [m.upper() for m in MONTHS if len(m) > 3])
_YEAR = r"(?:1[0-9]|20)[0-9][0-9]"  # four digits: histories date the Mongol invasions by month too ("May 1268")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"

# What may follow "Dec. 12 to 14" when no year does: punctuation or a word that no count takes.
_AFTER_DAY_RANGE = r"[^\S\n]*(?:[.,;:)]|\n|$)|[^\S\n]+(?:at|in|on|and|for|with|during|when|where|as|by|of|to)\b"
_DAY_FIRST = (
    rf"(?P<iso>(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3][0-9]))(?![0-9])"
    rf"|(?P<dotted>(?P<dd>{_DAY})[./](?P<dm>0?[1-9]|1[0-2])[./](?P<dy>{_YEAR}))(?![0-9.][0-9])"
    rf"|(?P<dmy>(?P<d1>{_DAY}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH})\b\.?(?:,?\s+(?P<y1>{_YEAR})(?![0-9]))?)"
)
_MONTH_FIRST = (
    rf"(?P<my>(?P<m3>{_MONTH})\b\.?,?\s+(?P<y3>{_YEAR})(?![0-9]))"
    rf"|(?P<mdy>(?P<m2>{_MONTH})\b\.?\s+(?P<d2>{_DAY}){_ORD}"
    rf"(?:\s*[-–]\s*{_DAY}{_ORD}|\s+to\s+{_DAY}{_ORD}(?=,?\s+{_YEAR}(?![0-9])|{_AFTER_DAY_RANGE}))?(?![0-9])(?:,?\s+(?P<y2>{_YEAR})(?![0-9]))?)"
)
#: A second day after "May 14": "May 14 and 15 in Tokyo", "May 14 and 15, 2019" (the same month).
DAY_AND_AFTER = re.compile(
    rf"[^\S\n]+(?:and|&)[^\S\n]+(?P<day>{_DAY}){_ORD}(?![0-9])(?=,?\s+(?P<year>{_YEAR})(?![0-9])|{_AFTER_DAY_RANGE})"
)
#: Dates, tried where a number or a month name starts (never scanned for across the text).
DATE_AT_DIGIT = re.compile(rf"(?:{_DAY_FIRST})")
DATE_AT_MONTH = re.compile(rf"(?:{_MONTH_FIRST})")
# Thousands are grouped with commas, or with no-break / thin spaces ("15\u202f214"), never plain spaces.
NUMERAL = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9,][0-9])|[0-9]{1,3}(?:[\u00a0\u202f\u2009][0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)*"
NUMERAL_AT = re.compile(NUMERAL)
#: At a digit: a date, else the numeral (group ``numeral``); one call where two were made.
DATE_OR_NUMERAL_AT = re.compile(rf"{DATE_AT_DIGIT.pattern}|(?P<numeral>{NUMERAL})")
_NUMBER_WORD = alternation(list(UNITS_WORDS) + list(TENS_WORDS) + list(SCALE_WORDS) + ["dozen"], ignore_case=True)
WORDS_AT = re.compile(rf"(?:a\s+(?:dozen|hundred|thousand|million|billion)|{_NUMBER_WORD}(?:(?:\s+and\s+|\s+|-){_NUMBER_WORD})*)\b", re.I)
ORDINAL_WORD_AT = re.compile(rf"{alternation(ORDINAL_WORDS, ignore_case=True)}\b", re.I)

#: The scan itself: only cheap patterns run over the whole text. Digit runs and words (number
#: words, ordinals, month names) are found in one pass over its lower-cased copy, where no case
#: folding slows the engine down (``ANCHORS``).
DIGITS = re.compile(r"[0-9]+")
DIGIT = re.compile(r"[0-9]")
_ANCHOR_WORDS = (
    list(UNITS_WORDS)
    + list(TENS_WORDS)
    + list(SCALE_WORDS)
    + list(ORDINAL_WORDS)
    + list(MONTHS)
    + ["dozen"]
    + list(FRACTION_DENOMINATORS)
    + list(MULTIPLIER_VERBS)
    + list(MULTIPLIER_BARE_VERBS)
)
# Each match starts at the character before the word, to be run on " " + text: a pattern that
# starts with a character class lets the engine skip through the letters inside words quickly,
# which made this scan twice as fast as a lookbehind.
WORD_ANCHORS = re.compile(rf"[^a-z](?:{alternation(_ANCHOR_WORDS)})(?![a-z])")
WORD_ANCHORS_ANYCASE = re.compile(WORD_ANCHORS.pattern, re.I)
#: Digit runs and anchor words in one pass over " " + the lower-cased copy (a scan of its own
#: for the digits cost 40% more instructions than this one pass). The leading character class keeps the engine's quick skip through the
#: letters inside words; when that character is a digit (``\d``: digits of every script; lower()
#: leaves digits as they are), the match is the digit run, with a word glued to it ("5million")
#: in ``glued``, since the run has taken the character that word's own match would start at.
_ANCHOR_WORD = rf"{alternation(_ANCHOR_WORDS)}(?![a-z])"
ANCHORS = re.compile(
    rf"[^a-z](?:(?<=\d)(?P<digits>\d*)(?P<glued>{_ANCHOR_WORD})?|{'|'.join(trie_branches(_ANCHOR_WORDS, then='(?![a-z])'))})"
)

_SCALE_WORDS = [w for w in SCALE_ABBREVIATIONS if len(w) > 1]
# The blank between a number and its word, which may be a line break where a text is hard-wrapped
# ("fell by 31.4\npercent"): only before a lower-case word, so headings and table cells stay apart.
_GAP = r"(?:[^\S\n]?|[^\S\n]*\n[^\S\n]*(?=(?-i:[a-z])))"
SCALE_AFTER = re.compile(rf"{_GAP}(?P<scale>{alternation(_SCALE_WORDS, ignore_case=True)})(?P<dot>\.)?(?![A-Za-z])", re.I)
GLUED_SCALE = re.compile(r"(?P<scale>[kmb]|bn|mn|mln)(?![A-Za-z])", re.I)

CURRENCY_BEFORE = re.compile(rf"(?P<cur>{alternation(CURRENCY_PREFIXES)})[^\S\n]?$")
CURRENCY_AFTER = re.compile(rf"{_GAP}(?P<cur>{alternation(CURRENCY_WORDS, ignore_case=True)})(?![A-Za-z])", re.I)
ISO_AFTER = re.compile(r"[^\S\n]?(?P<cur>[A-Z]{3})(?![A-Za-z])")
PERCENT_AFTER = re.compile(rf"(?:[^\S\n]?-)?{_GAP}(?P<unit>{alternation(PERCENT_WORDS, ignore_case=True)})(?![A-Za-z])", re.I)
# A unit written after a number: one word or symbol ("km", "tonnes", "MWh", "km²", "°C"), with
# the prefixes and second words of units pint spells in two ("sq. km", "kilowatt hours",
# "degrees Celsius"). Whether the word is a unit at all is pint's answer (units.py), not this pattern's.
_UNIT_WORD = r"(?:°[CF]|[A-Za-zµ][A-Za-z]*(?:[²³]|(?<=[a-z])[23](?![0-9]))?)"
_UNIT_PREFIX = r"(?:(?:sq|square|cubic|cu|metric|nautical)(?:\.?[^\S\n]+|-))"
UNIT_AFTER = re.compile(
    rf"(?P<hyphen>[^\S\n]?-[^\S\n]?|[^\S\n]?)(?P<unit>{_UNIT_PREFIX}?{_UNIT_WORD}"
    r"(?:-?hours?|[^\S\n]+(?:[Hh]ours?|[Cc]elsius|[Ff]ahrenheit|(?:of[^\S\n]+)?oil[^\S\n]+equivalent))?"
    r"(?:\.(?=/))?)(?![A-Za-z0-9])"
)
#: The denominator of a rate: "/day", " per day", " a year", " per 10,000 live births", "/sq. km".
PER_AFTER = re.compile(
    r"(?:[^\S\n]*(?P<slash>/)[^\S\n]*|[^\S\n]+per[^\S\n]+|[^\S\n]+(?P<article>an?)[^\S\n]+)"
    r"(?:(?P<base>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![0-9]|[.,][0-9])[^\S\n]*)?"
    rf"(?:(?P<den>{_UNIT_PREFIX}?{_UNIT_WORD})(?:[^\S\n]+(?P<den2>[a-z]+))?(?![A-Za-z0-9]))?"
)
#: Words after "a year" that make it a time before or after, not a rate ("a year ago").
PER_NOT_AFTER = re.compile(r"[^\S\n]+(?:ago|earlier|later|before|after|on|since|from)\b", re.I)
MULTIPLIER_AFTER = re.compile(r"(?:[^\S\n]?-[^\S\n]?|[^\S\n]?)(?P<word>times|fold)(?![A-Za-z])", re.I)
RANGE_JOIN = re.compile(
    rf"[^\S\n]*(?P<join>-|–|—|~|to|and)[^\S\n]*(?P<cur>{alternation(CURRENCY_PREFIXES)})?[^\S\n]?(?P<num>{NUMERAL})(?![0-9])"
)

#: One pattern for every qualifier word before a number; the name of the group that matched
#: ("over", "under", "approx") is the qualifier.
QUALIFIER_BEFORE_RE = re.compile(
    "(?<![A-Za-z])(?:"
    + "|".join(f"(?P<{q}>{alternation(words, ignore_case=True)})" for q, words in QUALIFIER_BEFORE.items())
    + r")[^\S\n]+(?:a[^\S\n]+total[^\S\n]+of[^\S\n]+)?$",
    re.I,
)
QUALIFIER_AFTER_RE = {
    qualifier: re.compile(rf"[^\S\n]*(?:{alternation(words, ignore_case=True)})(?![A-Za-z])", re.I)
    for qualifier, words in QUALIFIER_AFTER.items()
}

WORD_AFTER = re.compile(r"[^\S\n]+([A-Za-z][A-Za-z'’-]*)")
PERSON_NOUN = re.compile(rf"\b{alternation(PERSON_NOUNS, ignore_case=True)}\b", re.I)
PERSON_NOUN_LOWER = re.compile(rf"(?<!\w){alternation(PERSON_NOUNS)}(?!\w)")  # on a lower-cased copy
#: Last words of the qualifier phrases: a number preceded by none of them is "exact" at once.
QUALIFIER_LAST_WORDS = frozenset(phrase.split()[-1].lower() for phrases in QUALIFIER_BEFORE.values() for phrase in phrases) | {"of"}
COPULA_NOUN = re.compile(r"[^\S\n]+(?:were|are|was|is|became)[^\S\n]+(?:(?:\w+[^\S\n]+){0,2})?([A-Za-z]+s)\b", re.I)
WORD_AFTER_HYPHEN = re.compile(r"[ \t-]+([A-Za-z]+)")
# The lookbehind lets the search skip starts inside a word at once.
WORD_BEFORE = re.compile(r"(?<![A-Za-z.'’-])([A-Za-z][A-Za-z.'’-]*)[^\S\n]*$")
#: The characters of ``[^\S\n]``: every blank but the line break (none lies above U+3000).
BLANKS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")
_WORD_CHARS = string.ascii_letters + ".'’-"


def word_before(before: str) -> str:
    """The word that ends ``before`` (blanks after it allowed), "" if none: the group of
    ``WORD_BEFORE.search(before, len(before) - WORD_WINDOW)``, found by string methods.

    A search tries the pattern at each of the window's positions; the word can only be the run
    of word characters that ends the text, so three strips find it. Asked for nearly every number.
    """
    # "$" also matches before a line break that ends the text.
    tail = (before[:-1] if before.endswith("\n") else before).rstrip(BLANKS)
    start = len(tail.rstrip(_WORD_CHARS))  # where the run of word characters starts
    if start == len(tail) or start < len(before) - WORD_WINDOW or tail[start] not in string.ascii_letters:
        return ""
    return tail[start:]


SECTION_TITLE = re.compile(r"[^\S\n]+[A-Z][a-z]")
#: The rest of a code that starts with a zero ("02-1448", "007/15").
CODE_TAIL = re.compile(r"(?:[-/.][0-9]+)+")
CONTACT_BEFORE = re.compile(r"\b(?:tel|telephone|phone|fax|mobile)\.?[^\S\n]*:?[^\S\n]*[+(]*$", re.I)
PHONE_TAIL = re.compile(r"(?:(?:[-.()]|[^\S\n])*[0-9]+)+")
LABEL_AFTER = re.compile(r"[.)]([^\S\n]|$)")
#: Dates and times written with blanks around their marks ("2018 / 09 / 21", "11 : 53"); a slash
#: that brackets a share ("3120 /12.5 percent/") is not one.
SPACED_DATE_AT = re.compile(
    r"[0-9]{1,4}[^\S\n]?/[^\S\n]?[0-9]{1,2}[^\S\n]?/[^\S\n]?[0-9]{1,4}(?![0-9.,][0-9])|[0-9]{1,2}[^\S\n]?:[^\S\n]?[0-9][0-9](?![0-9])"
)
#: A thousands group typed with a blank after its comma ("up to 12, 480 households"), then a word.
SPACED_GROUP_AFTER = re.compile(r", (?P<group>[0-9]{3})(?![0-9,.])(?=[^\S\n]+[a-z])")
#: A smaller amount written after a scaled one: "two billion 450 million togrogs" is 2,450 million.
COMPOUND_SCALE_AFTER = re.compile(
    rf"[^\S\n]+(?P<and>and[^\S\n]+)?(?P<num>[0-9]{{1,3}}(?:\.[0-9]+)?)(?:[^\S\n]?(?P<scale>{alternation(_SCALE_WORDS, ignore_case=True)})(?![A-Za-z])|(?![0-9,.]))",
    re.I,
)
_TIME_WORDS = ("a.m.", "p.m.", "am", "pm", "o'clock", "hr", "hrs")
TIME_AFTER = re.compile(rf"[^\S\n]?{alternation(_TIME_WORDS, ignore_case=True)}(?![A-Za-z])|:[0-9]", re.I)
BETWEEN_BEFORE = re.compile(r"\b(?:between|from)[^\S\n]+(?:the[^\S\n]+ages?[^\S\n]+of[^\S\n]+)?$", re.I)
AGES_BEFORE = re.compile(r"\b(?:ages?[^\S\n]+of|aged|age|older[^\S\n]+than|younger[^\S\n]+than)[^\S\n]+(?:between[^\S\n]+)?$", re.I)
#: Years that start a span ("since 1990") or are the base of a comparison ("compared to 2022",
#: "than in 2021") are not the period a figure refers to.
START_BEFORE = re.compile(
    r"\b(?:since|starting(?:[^\S\n]+(?:in|from))?|from|beginning(?:[^\S\n]+in)?|after|than(?:[^\S\n]+in)?"
    r"|compared[^\S\n]+(?:to|with)(?:[^\S\n]+in)?|versus|vs\.?)[^\S\n]+(?:the[^\S\n]+)?(?:end[^\S\n]+of[^\S\n]+)?(?:year[^\S\n]+)?$",
    re.I,
)
ASOF_BEFORE = re.compile(
    r"\b(?:as[^\S\n]+of|as[^\S\n]+at|by|until|till|at)[^\S\n]+(?:the[^\S\n]+)?(?:end[^\S\n]+of[^\S\n]+)?(?:(?:the[^\S\n]+)?year[^\S\n]+)?$",
    re.I,
)
OF_TOTAL_AFTER = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:total|all)\b", re.I)
IMMEDIATE_PERIOD = re.compile(
    r"^[^\S\n]*\(?[^\S\n]*(?:(?:in|as[^\S\n]+of|as[^\S\n]+at|by|for|at[^\S\n]+the[^\S\n]+end[^\S\n]+of|end[^\S\n]+of|up[^\S\n]+to)[^\S\n]+)?"
    r"(?:the[^\S\n]+)?(?:end[^\S\n]+of[^\S\n]+)?(?:year[^\S\n]+)?$",
    re.I,
)
FISCAL_BEFORE = re.compile(r"\b(?:FY|CY|fiscal[^\S\n]+year|fiscal)[^\S\n]?$", re.I)
QUOTED_LONGEST = 120
QUOTED = re.compile(rf"\"([^\"\n]{{1,{QUOTED_LONGEST}}})\"|“([^”\n]{{1,{QUOTED_LONGEST}}})”")
_CLOSING_QUOTE = {'"': '"', "“": "”"}


def quoted(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of every match of ``QUOTED``, in order, found with ``str.find``.

    The engine's search for the first character of a match costs some fifty instructions per
    character of the text, ``find`` a few. A match is the quote mark, then up to the next closing
    mark (one to ``QUOTED_LONGEST`` characters and no line break between); where there is none,
    the search goes on from the character after the mark, as the pattern's does.
    """
    found = []
    straight, curly = text.find('"'), text.find("“")
    while straight >= 0 or curly >= 0:
        start = straight if curly < 0 or 0 <= straight < curly else curly
        close = text.find(_CLOSING_QUOTE[text[start]], start + 1, start + 2 + QUOTED_LONGEST)
        if close > start + 1 and text.find("\n", start + 1, close) < 0:
            found.append((start, close + 1, text[start + 1 : close]))
            after = close + 1
        else:
            after = start + 1
        if straight < after:
            straight = text.find('"', after)
        if curly < after:
            curly = text.find("“", after)
    return found


# --- words around a number that other rules read ---------------------------------------------
#: A number word after "out of (the)" ("four out of the eight boilers") is a figure despite "the".
OUT_OF_BEFORE = re.compile(r"\bout[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?$", re.I)
OUT_OF_AFTER = re.compile(r"[^\S\n]+out[^\S\n]+of(?:[^\S\n]+the|[^\S\n]+a[^\S\n]+total[^\S\n]+of)?(?=[^\S\n])", re.I)
#: "seven of his ministers": a partitive with a possessive counts the noun after it.
OF_POSSESSIVE_AFTER = re.compile(r"[^\S\n]+of[^\S\n]+(?:his|her|their|its|our|my|your|whose)(?=[^\S\n])", re.I)
#: A label right before a bare number ("Residents: 16,082", "Literacy rate = 98").
LABEL_BEFORE = re.compile(r"([A-Za-z][^:;=\n]*)[:=][^\S\n]*$")
#: Labels after which a number is an identifier or a page counter ("ID :\n391", "Views: 2046").
LABEL_COLON_BEFORE = re.compile(
    r"\b(?:ID|No|Nr|Ref|Code|Item|ISBN|ISSN|Views?|Comments?|Likes?|Shares?|Reads?|Downloads?|Hits)\.?[^\S\n]*:[^\S\n]*\n?[^\S\n]*$",
    re.I,
)
MEASURE_BEFORE = re.compile(
    rf"\b{alternation(MEASURE_NOUNS, ignore_case=True)}[^\S\n]+(?:of|at|was|is|stood[^\S\n]+at|reached)[^\S\n]+(?:about[^\S\n]+|around[^\S\n]+)?$",
    re.I,
)
VERSUS_BEFORE = re.compile(r"(?:\bversus|\bvs\.?|\bagainst|\bcompared[^\S\n]+(?:with|to))[^\S\n]+$", re.I)
#: "5 h 30 m", "2 hours and 15 minutes": the minutes of a duration in hours.
MINUTES_AFTER = re.compile(r"[^\S\n]+(?:and[^\S\n]+)?(?P<num>[0-5]?[0-9])[^\S\n]?(?:m|min|mins|minutes?)(?![A-Za-z0-9])")
#: Fractions in words: "one-third", "two thirds", "a quarter", "half".
_NUMERATOR = alternation(["a", "an", "one", "two", "three", "four", "five", "seven", "nine"], ignore_case=True)
FRACTION_AT = re.compile(
    rf"(?:(?P<num>{_NUMERATOR})[^\S\n]*[-‑–][^\S\n]*|(?P<num2>{_NUMERATOR})[^\S\n]+)?(?P<den>{alternation(FRACTION_DENOMINATORS, ignore_case=True)})(?![A-Za-z-])",
    re.I,
)
FRACTION_WORD_AT = re.compile(rf"{alternation(FRACTION_DENOMINATORS, ignore_case=True)}(?![A-Za-z])", re.I)
ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])(an?|one)[^\S\n]+$", re.I)
FRACTION_OF_AFTER = re.compile(r"[^\S\n]+of[^\S\n]+(?!(?:the[^\S\n]+)?(?:year|month|century|decade|day|(?:1[0-9]|20)[0-9][0-9])\b)", re.I)
FRACTION_OF_TIME_AFTER = re.compile(r"[^\S\n]+an?[^\S\n]+(?P<unit>century|decade|year|month|day|hour|week)\b", re.I)
# "rose by 1450", "fell by 2000": the amount of a change, never a year.
CHANGE_BY_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{alternation(GROWTH_VERBS, ignore_case=True)})[^\S\n]+by[^\S\n]+$", re.I)
# A short parenthesis between an amount and its scale word: "USD 12.4 (5%) million".
PAREN_BEFORE_SCALE = re.compile(r"[^\S\n]\([^()\n]{1,24}\)(?=[^\S\n]*(?:million|billion|trillion|mln|bln|bn)\b)", re.I)
# A time unit right after a number word: "every four years" is an interval, not a reference.
TIME_UNIT_AFTER = re.compile(r"[^\S\n]+(?:years?|months?|weeks?|days?|decades?)\b", re.I)
# A table header naming the money unit of a column: "Amount (million USD)", "(USD mln)", "($ million)".
_HEADER_CUR = alternation([*CURRENCY_WORDS, *CURRENCY_PREFIXES, *ISO_CURRENCY_CODES], ignore_case=True)
_HEADER_SCALE = alternation(TABLE_HEADER_SCALES, ignore_case=True)
TABLE_MONEY_HEADER = re.compile(
    rf"\((?:(?P<scale1>{_HEADER_SCALE})\.?[^\S\n]+(?:of[^\S\n]+)?(?P<cur1>{_HEADER_CUR})|(?P<cur2>{_HEADER_CUR})[^\S\n]*(?P<scale2>{_HEADER_SCALE})\.?)\)",
    re.I,
)
# What may follow a table's amount cell on its row: words and punctuation, no further number.
NO_DIGIT_TO_LINE_END = re.compile(r"[^0-9\n]*(?:\n|$)")
# A dateline before a date: a line opening with a place in capitals and a comma ("ULAN BATOR, ").
DATELINE_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*[A-Z][A-Z.'’ -]{2,40},[^\S\n]*$")
AGO_AFTER = re.compile(r"[^\S\n]+ago\b", re.I)
COUNTER_LINE = re.compile(r"[^\S\n]*(?:[•·|][^\S\n]*[0-9][0-9,.]*[^\S\n]*)+[•·|]?[^\S\n]*")
LONG_TIME_AFTER = re.compile(rf"[^\S\n]+(?P<unit>{alternation(LONG_TIME_UNIT_WORDS, ignore_case=True)})(?![A-Za-z])", re.I)
MULTIPLIER_VERB_AT = re.compile(rf"{alternation([*MULTIPLIER_VERBS, *MULTIPLIER_BARE_VERBS], ignore_case=True)}(?![A-Za-z])", re.I)
#: Currencies written unambiguously, on the lower-cased text ("c$", "canadian dollars", "yuan"),
#: for the amounts in "$" or "¥" after them.
CURRENCY_MENTION_LOWER = re.compile(rf"(?<![a-z$]){alternation(CURRENCY_MENTIONS)}(?![a-z])")

# --- the same questions, asked for less ----------------------------------------------------
# A call into the engine costs a few thousand instructions; the questions below are asked about
# nearly every number, so a test of a character or two decides first where the pattern cannot
# match, and patterns that end where the text before a number ends ("...$") are searched so that
# the engine passes over letters quickly. tests/test_extract_speed.py holds each to its pattern.
BLANK_SET = frozenset(BLANKS)


def may_end(before: str, ends: frozenset[str]) -> bool:
    """Whether a pattern whose match ends with a character of ``ends``, at most one blank and
    "$" may match at the end of ``before``. Characters beyond ASCII always may (case folding)."""
    try:  # indexing costs a fraction of slicing
        i = -2 if before[-1] == "\n" else -1  # "$" also matches before a final line break
        last = before[i]
        if last in BLANK_SET:
            last = before[i - 1]
    except IndexError:
        return False
    return last in ends or last > "\x7f"


def lead(text: str, pos: int) -> str | None:
    """The character that decides whether a pattern whose match at ``pos`` is blanks, then a word
    or mark, may match: the first after at most one blank ("" at the end of the text). None when
    it decides nothing: a second blank or a line break (blanks and hard-wrapped lines go on), or a
    character beyond ASCII (case folding matches "K" to "k")."""
    try:  # indexing costs a fraction of slicing
        c = text[pos]
        if c in BLANK_SET:
            c = text[pos + 1]
    except IndexError:
        return ""
    if c > "\x7f" or c in BLANK_SET or c == "\n":
        return None
    return c


def _leads(words, *, ignore_case: bool = True, marks: str = "") -> frozenset[str | None]:
    """The characters a match of ``words`` (and of ``marks``) can begin with, and None (see ``lead``)."""
    firsts = {w[0] for w in words} | set(marks)
    if ignore_case:
        firsts |= {c.lower() for c in firsts} | {c.upper() for c in firsts}
    return frozenset([*firsts, None])


# What each pattern after a number can begin with once the blanks are passed over.
PERCENT_LEADS = _leads(PERCENT_WORDS, marks="-")
CURRENCY_AFTER_LEADS = _leads(CURRENCY_WORDS)
ISO_LEADS = _leads(string.ascii_uppercase, ignore_case=False)
SCALE_LEADS = _leads(_SCALE_WORDS)
GLUED_SCALE_LEADS = _leads("kmb")
QUALIFIER_AFTER_LEADS = _leads([w for words in QUALIFIER_AFTER.values() for w in words])


_CURRENCY_PREFIX_ENDS = frozenset(prefix[-1] for prefix in CURRENCY_PREFIXES)
_FISCAL_ENDS = frozenset("YyRrLl")  # the last letters of FY, CY, fiscal year, fiscal


def currency_before(before: str) -> re.Match[str] | None:
    """``CURRENCY_BEFORE.search(before, len(before) - CURRENCY_WINDOW)``: a symbol or code right before a number."""
    if not may_end(before, _CURRENCY_PREFIX_ENDS):
        return None
    return CURRENCY_BEFORE.search(before, len(before) - CURRENCY_WINDOW)


def fiscal_before(before: str) -> re.Match[str] | None:
    """``FISCAL_BEFORE.search(before, len(before) - FISCAL_WINDOW)``: "FY", "fiscal year" right before a year."""
    if not may_end(before, _FISCAL_ENDS):
        return None
    return FISCAL_BEFORE.search(before, len(before) - FISCAL_WINDOW)


class EndingPattern:
    """A case-insensitive pattern that ends where the text before a number ends ("...$"),
    asked whether it matches there and by which named group.

    A search tries the pattern at every position of the text before the number, hundreds of
    instructions each, since its first item (a word boundary, a lookbehind) gives the engine no
    character to look for. An ASCII text (nearly all) is searched instead as " " + its lower-cased
    copy, with that first item written as the character class it tests (``\\W`` for ``\\b``,
    ``[^A-Za-z]`` for ``(?<![A-Za-z])``): the engine then passes over letters at a tenth of
    that each and tries the pattern only after a blank or a mark. On ASCII, lower-casing
    is what the case-insensitive match does; the pattern's words are written in lower case.
    """

    def __init__(self, pattern: re.Pattern[str], boundary: str, character_class: str):
        assert pattern.flags & re.I and pattern.pattern.startswith(boundary)
        self.pattern = pattern
        self._spaced = re.compile(character_class + pattern.pattern[len(boundary) :])

    def _search(self, before: str, pos: int) -> re.Match[str] | None:
        if before.isascii():
            # Offsets shift by one, and the match starts at the character before the pattern's:
            # a search from ``pos`` of the copy is one from ``pos`` of the text.
            return self._spaced.search(" " + before.lower(), pos)
        return self.pattern.search(before, pos)

    def found(self, before: str, pos: int = 0) -> bool:
        """Whether ``pattern.search(before, pos)`` finds a match."""
        return self._search(before, pos) is not None

    def group_name(self, before: str, pos: int = 0) -> str | None:
        """``lastgroup`` of ``pattern.search(before, pos)``; None when there is no match."""
        m = self._search(before, pos)
        return m.lastgroup if m else None


START_BEFORE_ENDING = EndingPattern(START_BEFORE, r"\b", r"\W")
ASOF_BEFORE_ENDING = EndingPattern(ASOF_BEFORE, r"\b", r"\W")
OUT_OF_BEFORE_ENDING = EndingPattern(OUT_OF_BEFORE, r"\b", r"\W")
QUALIFIER_BEFORE_ENDING = EndingPattern(QUALIFIER_BEFORE_RE, "(?<![A-Za-z])", "[^A-Za-z]")

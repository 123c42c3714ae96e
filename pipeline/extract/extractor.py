"""Finding every figure in an English text: value, unit, qualifier, period and exact span.

Belongs here: the decisions taken around each number found by one regex scan of the text (is it a
date, a year, an amount of money, a share, a count of people, an identifier to skip?), and the
assignment of the period each figure refers to.
Not here: vocabularies (``lexicon.py``), compiled patterns (``patterns.py``), reading a numeral
(``numbers.py``), sentence spans (``segments.py``). No Dagster, no pandas: plain functions on text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from . import patterns as P
from .lexicon import (
    ONE_LETTER_UNITS,
    CURRENCY_ONLY_SCALES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    IDENTIFIER_LABELS,
    ISO_CURRENCY_CODES,
    MONTHS,
    NP_STOPWORDS,
    ORDINAL_WORDS,
    PAGE_COUNTER_NOUNS,
    PERSON_NOUNS,
    RANK_ACTOR_NOUNS,
    RANK_PARTNER_NOUNS,
    RANK_PARTNER_WORDS,
    RANK_WORDS,
    SCALE_WORDS,
    SCALE_ABBREVIATIONS,
    SUPERLATIVES,
    TIME_WINDOW_WORDS,
    UNIT_WORDS,
)
from .model import Figure
from .numbers import parse_numeral, parse_number_words
from .periods import assign_periods
from .script import ascii_digits, digit_scripts
from .segments import Segmenter

_YEAR_MIN, _YEAR_MAX = 1800, 2100
_THOUSAND = SCALE_WORDS["thousand"]
_PREPOSITIONS_BEFORE_YEAR = frozenset("in since by from until till to of during and or before after between".split())
# Words that make a number below 1800 a year ("in 1268", "by 1250"); without one it stays a count.
_EARLY_YEAR_CUES = frozenset("in since by from until till during before after between year circa c.".split())
_TIME_PREFIXES = frozenset("mid early late pre post end".split())
_WINDOW_UNITS = frozenset({"month", "week", "day", "hour"})
_DEFINITE = frozenset("the these those its their our his her my your both all every each per".split())


def _times(value: float, factor: float) -> float:
    """value * factor in decimal, so "131.7 billion" is 1317e8 exactly, not a float near it."""
    return value if factor == 1.0 else float(Decimal(repr(value)) * Decimal(repr(factor)))


def _looks_plural(lower: str) -> bool:
    """A lower-cased word that reads as a plural noun ("projects"), not "its", "Japan's" or "class"."""
    return lower.endswith("s") and not lower.endswith(("'s", "’s", "ss")) and len(lower) > 3


def extract_figures(text: str, document: str) -> list[Figure]:
    """Every figure in ``text``, in reading order, each with ``text[start:end] == quote``."""
    return _Extraction(text, document).run()


def iter_figures(documents) -> Iterator[tuple[str, Figure]]:
    """Figures of a stream of ``(document, text)`` pairs, one document in memory at a time."""
    for document, text in documents:
        for figure in extract_figures(text, document):
            yield document, figure


def figure_ids(figures: list[Figure]) -> list[str]:
    """Stable ids for the figures of one document (see ``Figure.figure_id``)."""
    seen: Counter = Counter()
    ids = []
    for f in figures:
        key = (f.quote, f.qualifier)
        seen[key] += 1
        ids.append(f.figure_id(seen[key]))
    return ids


class _Extraction:
    """State of one pass over one document."""

    def __init__(self, text: str, document: str):
        # Digits of other scripts ("٣٬٩٠٠") are read through a copy with ASCII digits in their
        # place, character for character; quotes and sentences are then taken from the text.
        mapped = ascii_digits(text)
        self.source: str | None = text if mapped is not None else None
        text = mapped if mapped is not None else text
        self.text = text
        self.document = document
        # Word patterns run case-sensitively on a lower-cased copy: case folding slows the engine
        # down several times. lower() can lengthen a few non-ASCII letters; then offsets would
        # not line up and the case-insensitive patterns run on the text itself.
        self.lower = text.lower()
        self.lower_aligned = len(self.lower) == len(text)
        self.segments = Segmenter(text)
        self.figures: list[Figure] = []
        self.names = self._quoted_names()
        self._word_before_key: str | None = None
        self._word_before_value = ""
        self._first_person_noun: dict[int, int] = {}  # sentence index -> offset of its first people noun
        self.last_full_year: str = ""  # year of the latest date that stated one ("June 10" borrows it)

    # -- the scan -------------------------------------------------------------------------
    def run(self) -> list[Figure]:
        text = self.text
        consumed = 0
        for code in self._anchors():
            start, is_digit = code >> 1, code & 1
            if start < consumed:
                continue
            end = None
            if is_digit:
                m = P.DATE_AT_DIGIT.match(text, start)
                if m:
                    end = self._date(m)
                elif start == 0 or text[start - 1] not in ".,":
                    end = self._numeral(P.NUMERAL_AT.match(text, start))
            elif text[start].isupper() and (m := P.DATE_AT_MONTH.match(text, start)):
                end = self._date(m)
            elif m := P.WORDS_AT.match(text, start):
                end = self._words(m)
            elif m := P.ORDINAL_WORD_AT.match(text, start):
                end = self._ordinal_word(m)
            if end and end > consumed:
                consumed = end
        assign_periods(self.text, self.segments, self.figures)
        if self.source is not None:
            source = self.source
            for f in self.figures:
                f.quote = source[f.start:f.end]
                f.sentence = source[f.sentence_start:f.sentence_start + len(f.sentence)]
        return self.figures

    def _anchors(self) -> list[int]:
        """Offsets of digit runs and of number, ordinal and month words, in text order.

        Each offset is coded as ``2 * offset + 1`` for a digit and ``2 * offset`` for a word,
        so that one sort of plain integers merges the two scans.
        """
        if self.lower_aligned:
            words = P.WORD_ANCHORS.finditer(" " + self.lower)
        else:
            words = P.WORD_ANCHORS_ANYCASE.finditer(" " + self.text)
        # A match starts one character before its word, which the leading " " cancels out.
        coded = [2 * m.start() for m in words]
        coded += [2 * m.start() + 1 for m in P.DIGITS.finditer(self.text)]
        coded.sort()
        return coded

    # -- dates ----------------------------------------------------------------------------
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
        if year:
            self.last_full_year = year
        elif self.last_full_year:
            year, flags = self.last_full_year, ("year_inferred",)
        else:
            return m.end()  # a day and month with no year anywhere before: not placeable
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        quote_end = m.end() - (1 if self.text[m.end() - 1] == "." else 0)
        self._add(m.start(), quote_end, float(year), "date", kind="date", period=iso, flags=flags)
        return m.end()

    # -- numerals -------------------------------------------------------------------------
    def _numeral(self, m) -> int | None:
        text = self.text
        start, end = m.start(), m.end()
        token = m.group(0)
        if self.source is not None and len(digit_scripts(self.source[start:end])) > 1:
            return end  # digits of two scripts in one numeral ("٣9٠٠"): no reading is safe
        after3 = text[end:end + 3]
        if ("/" in after3 or ":" in after3) and (spaced := P.SPACED_DATE_AT.match(text, start)):
            return spaced.end()  # a date or time with blanks around its marks: "2018 / 09 / 21", "11 : 53"
        before = text[max(0, start - 40):start]
        if token[0] == "0" and len(token) > 1 and token[1].isdigit():
            tail = P.CODE_TAIL.match(text, end)
            return tail.end() if tail else end  # a code with a leading zero: "02-1448", "007"
        if before[-3:].rstrip()[-1:] in (":", "(", "+", ".") and P.CONTACT_BEFORE.search(before, len(before) - 12):
            tail = P.PHONE_TAIL.match(text, end)
            return tail.end() if tail else end  # telephone and fax numbers: "Tel :7011-8822"
        is_year = len(token) == 4 and (self._looks_like_year(token) or self._early_year(token, before))
        if is_year and self._plainly_a_year(start, end, before):
            return self._year(start, end, token, None)
        fiscal = is_year and P.FISCAL_BEFORE.search(before, len(before) - 14)
        if fiscal:
            return self._year(start - (len(before) - fiscal.start()), end, token, None)  # "FY2021"
        cur_m = P.CURRENCY_BEFORE.search(before, len(before) - 8)
        if self._is_identifier(start, end, token, before, has_currency=cur_m is not None):
            return end

        spaced = self._spaced_group(token, end, before) if after3[:2] == ", " else None
        if spaced:
            token, end = spaced
        # Letters glued to the numeral: an ordinal, a unit or scale symbol, a decade, or a code.
        suffix_end = end
        while suffix_end < len(text) and (text[suffix_end].isalpha() or text[suffix_end] in "²³"):
            suffix_end += 1
        suffix = text[end:suffix_end]
        if suffix:
            lower = suffix.lower()
            if lower in ("st", "nd", "rd", "th"):
                return self._ordinal(start, suffix_end, float(token), before)
            if lower == "s" and len(token) == 4:
                return suffix_end  # a decade ("1990s") is not a figure
            known_unit = suffix in UNIT_WORDS.values() or lower in UNIT_WORDS
            if not known_unit and lower not in SCALE_ABBREVIATIONS:
                return suffix_end  # "4G", "3D", "G7"-like codes

        currency: str | None = None
        q_start = start
        negative = self._minus_before(start)
        if negative:
            q_start -= 1
            before = before[:-1]
            cur_m = P.CURRENCY_BEFORE.search(before, len(before) - 8)
        if cur_m:
            currency = CURRENCY_PREFIXES[cur_m.group("cur")]
            q_start = start - (len(before) - cur_m.start())

        value_end, value, flags, scaled = self._scaled(token, end, currency is not None)
        if spaced:
            flags = flags + ("malformed_number",)
        if negative:
            flags = flags + ("negative",)  # "-5 people": read as written, flagged for the bounds
        low = (-value if negative else value, flags, q_start)

        # A range: "140-260MW", "20-25 percent", "between 5 and 10", "2017-2021".
        high = None
        high_token = ""
        r = P.RANGE_JOIN.match(text, value_end)
        if r and self._range_allowed(r, text[max(0, q_start - 40):q_start], token):
            h_value_end, h_value, h_flags, h_scaled = self._scaled(r.group("num"), r.end(), currency is not None or bool(r.group("cur")))
            if h_scaled or not scaled:  # "3 million to 5" is not a range of one unit
                if h_scaled and not scaled:
                    # "40-60 million": the scale written once applies to both ends.
                    _, factor = self._scale_factor(text, r.end(), currency is not None)
                    low = (_times(low[0], factor), low[1], low[2])
                high = (h_value, h_flags)
                high_token = r.group("num")
                value_end = h_value_end

        if currency is None and self._foreign_word_after(value_end):
            return value_end  # "15 хувийн": the number's word is in a script the extractor does not read

        # Year or year range?
        if (
            currency is None
            and not scaled
            and is_year
            and (high is None or self._looks_like_year(high_token) or len(high_token) == 2)
        ):
            unit_here = self._unit_after(value_end, currency)
            if unit_here is None or unit_here[0] == "year":
                if not self._counts_people_or_things(value_end, before):
                    if high is None and self._after_capitalised_name(before):
                        return value_end  # "King Search 2022", "Vision 2030": a name
                    return self._year(q_start, value_end, token, high_token if high else None)

        unit_info = self._unit_after(value_end, currency)
        if unit_info is None and currency is None and not scaled and "." in token and high is None:
            if P.OF_TOTAL_AFTER.match(text, value_end):
                unit_info = ("percent", value_end, ("unit_inferred",))
        qualifier = self._qualifier_before(text[max(0, q_start - 40):q_start])

        if unit_info is not None:
            unit, q_end, unit_flags = unit_info
            if unit in _WINDOW_UNITS and self._word_before(before).lower() in TIME_WINDOW_WORDS:
                return q_end  # "the first 9 months of 2023" names a stretch of time
            flags = flags + unit_flags
        else:
            if P.AGES_BEFORE.search(before):
                unit, q_end = "year", value_end
            else:
                np_end, person, has_noun = self._noun_phrase(value_end)
                if has_noun and "." in token and not scaled and high is None and self._after_capitalised_name(before):
                    return value_end  # a version in a name: "Youth 2.0 program", "Industry 4.0 plan"
                if has_noun and text[value_end + 1:np_end].lower() in PAGE_COUNTER_NOUNS:
                    return np_end  # a web page's counters: "1250 Views", "14 comments"
                if has_noun and not person and len(token) >= 5 and token.isdigit() and text[value_end + 1:value_end + 2].isupper() and self._after_capitalised_name(before):
                    return value_end  # a postal code in an address: "Ulaanbaatar 15160 Mongolia"
                if has_noun:
                    unit, q_end = ("person" if person else "count"), np_end
                elif "." in token and not scaled:
                    return value_end  # a bare decimal ("objectives 2.1") is a section number
                elif not scaled and high is None and "," not in token and self._after_capitalised_name(before):
                    return value_end  # "Boeing 767", "Terminal 2": part of a name, never "Philippines 120,000"
                else:
                    unit, q_end = self._bare_unit(start, value_end), value_end
                    flags = flags + ("unit_inferred",)

        if qualifier == "exact" and high is None:
            for name, pattern in P.QUALIFIER_AFTER_RE.items():
                if pattern.match(text, q_end):
                    qualifier = name  # "70 or more", "2,400+"
        if high is None:
            self._add(q_start, q_end, low[0], unit, qualifier=qualifier, flags=low[1] + flags)
        else:
            self._add(q_start, q_end, low[0], unit, qualifier="range_low", flags=low[1] + flags)
            self._add(q_start, q_end, high[0], unit, qualifier="range_high", flags=high[1] + flags)
        return q_end

    def _plainly_a_year(self, start: int, end: int, before: str) -> bool:
        """A year-like number between a blank and punctuation ("in 2019,"): no unit, noun or range can follow.

        The common case, decided before the general path so years cost little.
        """
        text = self.text
        before_char, after_char = text[start - 1:start], text[end:end + 1]
        if not (before_char in ("(", "") or before_char.isspace()) or not (after_char in (",", ".", ";", ":", ")", "") or after_char == "\n"):
            return False
        if text[end:end + 1] == "." and text[end + 1:end + 2].isdigit():
            return False
        if self.figures and self._continues_a_series(start):
            return False
        if self._in_name(start) or self._after_capitalised_name(before):
            return False
        return not (P.FISCAL_BEFORE.search(before, len(before) - 14) or P.CURRENCY_BEFORE.search(before, len(before) - 8))

    def _in_name(self, start: int) -> bool:
        if not self.names:
            return False
        i = bisect_right(self.names, (start, 1 << 62)) - 1
        return i >= 0 and self.names[i][0] <= start < self.names[i][1]

    def _scaled(self, token: str, end: int, has_currency: bool):
        """Value of a numeral with the scale written after it, and where that scale ends."""
        factor_end, factor = self._scale_factor(self.text, end, has_currency)
        value, flags = parse_numeral(token, scaled=factor != 1.0)
        value = _times(value, factor)
        if factor >= _THOUSAND:
            factor_end, value = self._compound_tail(factor_end, factor, value)
        return factor_end, value, flags, factor != 1.0

    def _compound_tail(self, end: int, factor: float, value: float) -> tuple[int, float]:
        """Add a smaller scaled amount written right after: "1 billion 60 million" is 1.06 billion."""
        c = P.COMPOUND_SCALE_AFTER.match(self.text, end)
        if not c:
            return end, value
        if c.group("scale"):
            tail_factor = SCALE_ABBREVIATIONS[c.group("scale").lower()]
        elif c.group("and") and "." not in c.group("num") and not P.PERCENT_AFTER.match(self.text, c.end()):
            tail_factor = 1.0  # "41 thousand and 217 vehicles"
        else:
            return end, value
        tail = _times(float(c.group("num")), tail_factor)
        if tail_factor >= factor or tail >= factor:
            return end, value  # "2 million 3 billion" is no single amount
        return c.end(), value + tail

    def _spaced_group(self, token: str, end: int, before: str) -> tuple[str, int] | None:
        """A thousands group typed after a comma and a blank ("12, 480 households"), read as one number.

        Only where one to three digits stand alone before it and a noun follows, so that lists
        ("5, 10, 15") and counts in a series ("12, 300 more") keep their own numbers.
        """
        if len(token) > 3 or not token.isdigit():  # the caller has seen ", " after the token
            return None
        g = P.SPACED_GROUP_AFTER.match(self.text, end)
        if not g or before.rstrip().endswith(",") or not self._noun_phrase(g.end("group"))[2]:
            return None
        return token + "," + g.group("group"), g.end("group")

    @staticmethod
    def _scale_factor(text: str, end: int, has_currency: bool) -> tuple[int, float]:
        s = P.SCALE_AFTER.match(text, end)
        if s:
            word = s.group("scale").lower()
            if s.group("dot") and word != "mil":
                return s.end() - 1, SCALE_ABBREVIATIONS[word]
            return s.end(), SCALE_ABBREVIATIONS[word]
        g = P.GLUED_SCALE.match(text, end)
        if g and (has_currency or g.group("scale").lower() not in CURRENCY_ONLY_SCALES):
            return g.end(), SCALE_ABBREVIATIONS[g.group("scale").lower()]
        return end, 1.0

    def _range_allowed(self, r, before: str, token: str) -> bool:
        join = r.group("join")
        high = r.group("num")
        if self._looks_like_year(token) and not (self._looks_like_year(high) or len(high) == 2 and join in "-–—"):
            if r.group("cur") or self._word_before(before).lower() in _PREPOSITIONS_BEFORE_YEAR:
                return False  # "from USD 5.1 billion in 2012 to USD 310 million": a year, then an amount
        if join == "and":
            return bool(P.BETWEEN_BEFORE.search(before))
        if join == "to":
            return True
        # A hyphen between two numerals inside a word-like code ("3-5-1") is not a range.
        return self.text[r.end():r.end() + 1] != "-"

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
        return word in _EARLY_YEAR_CUES

    def _year(self, start: int, end: int, token: str, high: str | None) -> int:
        if high is None:
            self._add(start, end, float(token), "year", kind="date", period=token)
            return end
        high_year = high if len(high) == 4 else token[:2] + high
        self._add(start, end, float(token), "year", qualifier="range_low", kind="date", period=token)
        self._add(start, end, float(high_year), "year", qualifier="range_high", kind="date", period=high_year)
        return end

    def _ordinal(self, start: int, end: int, value: float, before: str) -> int:
        nxt = P.WORD_AFTER_HYPHEN.match(self.text, end)
        if self._word_before(before).lower() in RANK_WORDS:
            self._add(start, end, value, "rank")
        elif nxt and nxt.group(1).lower() in SUPERLATIVES:
            self._add(start, end, value, "rank")
        elif nxt and self._ranks_among_partners(nxt):
            self._add(start, end, value, "rank")
        elif nxt and nxt.group(1).lower() == "anniversary":
            self._add(start, nxt.end(), value, "year")
            return nxt.end()
        return end  # other ordinals ("the 3rd meeting") number a sequence, not a quantity

    def _ranks_among_partners(self, nxt) -> bool:
        """"61st export partner", "the fourth trading partner", "the 2nd investor" are ranks."""
        word = nxt.group(1).lower()
        if word in RANK_ACTOR_NOUNS:
            return True
        if word not in RANK_PARTNER_WORDS:
            return False
        noun = P.WORD_AFTER.match(self.text, nxt.end())
        return bool(noun and noun.group(1).lower() in RANK_PARTNER_NOUNS)

    def _ordinal_word(self, m) -> int:
        """"ranked third", "the fourth-largest partner": ordinal words count only as ranks."""
        start, end = m.start(), m.end()
        value = float(ORDINAL_WORDS[m.group(0).lower()])
        return self._ordinal(start, end, value, self.text[max(0, start - 40):start])

    # -- number words ---------------------------------------------------------------------
    def _words(self, m) -> int | None:
        text = self.text
        start, end = m.start(), m.end()
        phrase = m.group(0)
        if phrase.lower() in SCALE_WORDS or phrase.lower() == "dozen":
            if text[max(0, start - 2):start].lower() != "a ":
                return end  # a bare "million" counts nothing
            start, phrase = start - 2, text[start - 2:end]  # "a dozen", "a hundred"
        value = parse_number_words(phrase)
        if value is None:
            return end
        before = text[max(0, start - 40):start]
        if self._word_before(before).lower() in _DEFINITE:
            return end  # "the two countries" refers back; it states no figure
        nxt = P.WORD_AFTER.match(text, end)
        if nxt and nxt.group(1).lower() == "of":
            return end  # "one of the few", "two of them"
        if text[end:end + 1] in (".", ":") and self._at_line_start(start):
            return end  # list labels: "One.", "Two:"
        value_end, value2, _, scaled = self._scaled("1", end, False)
        if scaled:
            value *= value2
        elif (last := phrase.rsplit(None, 1)[-1].lower()) in SCALE_WORDS and SCALE_WORDS[last] >= _THOUSAND:
            value_end, value = self._compound_tail(end, SCALE_WORDS[last], value)
        unit_info = self._unit_after(value_end, None)
        qualifier = self._qualifier_before(before)
        if unit_info is not None:
            unit, q_end, flags = unit_info
            if unit in _WINDOW_UNITS and self._word_before(before).lower() in TIME_WINDOW_WORDS:
                return q_end  # "the first nine months of 2023" names a stretch of time
        else:
            if value == 1 and not scaled:
                return end  # "one" alone is an article more often than a figure
            np_end, person, has_noun = self._noun_phrase(value_end)
            if not has_noun and not scaled:
                return end
            unit, q_end, flags = ("person" if person else "count"), (np_end if has_noun else value_end), ()
        self._add(start, q_end, value, unit, qualifier=qualifier, flags=flags)
        return q_end

    # -- what stands around a number ------------------------------------------------------
    def _unit_after(self, pos: int, currency: str | None):
        """(unit, end of quote, flags) for a unit written right after ``pos``, else None."""
        text = self.text
        if currency is not None:
            c = P.CURRENCY_AFTER.match(text, pos)  # "$5 million USD": the code restates it
            return currency, (c.end() if c and CURRENCY_WORDS[c.group("cur").lower()] == currency else pos), ()
        p = P.PERCENT_AFTER.match(text, pos)
        if p:
            return "percent", p.end(), ()
        c = P.CURRENCY_AFTER.match(text, pos)
        if c:
            word = c.group("cur")
            if word.lower() == "won" and not word.isupper():
                return None  # "won" the verb
            return CURRENCY_WORDS[word.lower()], c.end(), ()
        iso = P.ISO_AFTER.match(text, pos)
        if iso and iso.group("cur") in ISO_CURRENCY_CODES:
            return iso.group("cur"), iso.end(), ()
        u = P.UNIT_AFTER.match(text, pos)
        if u:
            written = u.group("unit")
            unit = UNIT_WORDS[written.lower()]
            if unit in ONE_LETTER_UNITS and len(written) == 1 and written != unit:
                return None  # "5 M" or "3 T" are not metres or tonnes; "5 meters" is
            flags = ("per_" + u.group("per").strip(" /").split()[-1],) if u.group("per") else ()
            return unit, u.end(), flags
        return None

    def _qualifier_before(self, before: str) -> str:
        last = before.rstrip(" \t").rsplit(None, 1)[-1:]
        if not last or last[0].lstrip("(\"“").lower() not in P.QUALIFIER_LAST_WORDS:
            return "exact"
        q = P.QUALIFIER_BEFORE_RE.search(before, len(before) - 32)
        return (q.lastgroup or "exact") if q else "exact"

    def _noun_phrase(self, pos: int) -> tuple[int, bool, bool]:
        """End, counts-people and found-a-noun for the noun phrase right after a number."""
        text = self.text
        end, person, words = pos, False, 0
        while words < 5:
            w = P.WORD_AFTER.match(text, end)
            if not w:
                break
            word = w.group(1)
            lower = word.lower()
            if lower == "and":
                if not words:
                    break  # "15 and 20": a list of numbers, not a noun
                nxt = P.WORD_AFTER.match(text, w.end())
                if nxt and nxt.group(1).lower() not in NP_STOPWORDS and not nxt.group(1)[0].isdigit():
                    end, words = w.end(), words + 1
                    continue
                break
            if lower in NP_STOPWORDS or lower in MONTHS and word[0].isupper():
                break
            end, words = w.end(), words + 1
            if lower in PERSON_NOUNS:
                person = True
                nxt = P.WORD_AFTER.match(text, end)
                if nxt and self._head_noun_after_person(nxt.group(1)):
                    end, words, person = nxt.end(), words + 1, False
                    break  # "passenger vehicles", "student visas": the people noun only qualifies
                if not (nxt and nxt.group(1).lower() in PERSON_NOUNS):
                    break  # "trainee workers" reads on to the second noun
                continue
            if _looks_plural(lower):
                nxt = P.WORD_AFTER.match(text, end)
                if not (word[0].isupper() and nxt and nxt.group(1)[0].isupper()):
                    break  # a plural ends the phrase, unless a capitalised name goes on
        return end, person, words > 0

    @staticmethod
    def _head_noun_after_person(word: str) -> bool:
        lower = word.lower()
        return word[0].islower() and _looks_plural(lower) and lower not in PERSON_NOUNS and lower not in NP_STOPWORDS

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
        if lower in PERSON_NOUNS:
            return True
        tail = before.rstrip(" \t")
        if not tail or tail[-1] in ".!?\n":
            return False  # "2019 marks the 30th year": a year opens the sentence, a verb follows
        return _looks_plural(lower) and lower not in NP_STOPWORDS

    def _continues_a_series(self, start: int) -> bool:
        """Whether the figure before ``start`` is a count a short list item away ("N in X, ")."""
        if not self.figures:
            return False
        prev = self.figures[-1]
        gap = self.text[prev.end:start]
        return prev.kind == "quantity" and prev.unit in ("person", "count") and len(gap) <= 24 and gap.rstrip().endswith(",") and "." not in gap

    def _bare_unit(self, start: int, end: int) -> str:
        """Unit of a number with no word of its own ("318 in 1995"): people if its sentence counts them."""
        copula = P.COPULA_NOUN.match(self.text, end)  # "4,112 were students"
        if copula:
            return "person" if copula.group(1).lower() in PERSON_NOUNS else "count"
        index = self.segments.index_at(start)
        first = self._first_person_noun.get(index)
        if first is None:
            sentence = self.segments.sentences[index]
            if self.lower_aligned:
                found = P.PERSON_NOUN_LOWER.search(self.lower, sentence.start, sentence.end)
            else:
                found = P.PERSON_NOUN.search(self.text, sentence.start, sentence.end)
            first = self._first_person_noun[index] = found.start() if found else sentence.end
        return "person" if first < start else "count"

    def _after_capitalised_name(self, before: str) -> bool:
        word = self._word_before(before)
        if not word or not word[0].isupper() or word.lower() in MONTHS or word.lower() in NP_STOPWORDS:
            return False  # "In 2022" or "May 2022" is a time, not part of a name
        sentence_start = before.rstrip()[: -len(word)].rstrip()
        return not sentence_start.endswith((".", "\n", ":")) and sentence_start != ""

    def _word_before(self, before: str) -> str:
        """The word right before a number ("" if none); looked up once per window."""
        if before is not self._word_before_key:
            m = P.WORD_BEFORE.search(before, len(before) - 24)
            self._word_before_key, self._word_before_value = before, (m.group(1) if m else "")
        return self._word_before_value

    def _at_line_start(self, start: int) -> bool:
        """Only blanks and bullets stand between the line's start and ``start``."""
        if start and self.text[start - 1] not in " \t•-*(\n":
            return False  # the common case, without reading back to the line's start
        line_start = self.text.rfind("\n", 0, start) + 1
        return self.text[line_start:start].strip(" \t•-*(") == ""

    def _foreign_word_after(self, pos: int) -> bool:
        """The word after ``pos`` is written in a non-Latin script ("15 хувийн", "2023 онд")."""
        char = self.text[pos:pos + 1]
        if char == " " or char == "\u00a0":
            char = self.text[pos + 1:pos + 2]
        return char > "\u024f" and char.isalpha()

    def _minus_before(self, start: int) -> bool:
        """A minus sign written before the number ("-2.3%", "−5"), not a hyphen inside a word."""
        text = self.text
        prev = text[start - 1] if start else ""
        if prev == "\u2212":
            return True
        return prev == "-" and (start < 2 or text[start - 2].isspace() or text[start - 2] == "(")

    def _is_identifier(self, start: int, end: int, token: str, before: str, *, has_currency: bool = False) -> bool:
        text = self.text
        prev = text[start - 1] if start else ""
        if prev.isalpha() and not has_currency:
            return True  # "G7", "H2"
        if (prev == "/" and text[start - 2:start - 1].isalnum()) or (text[end:end + 1] == "/" and text[end + 1:end + 2].isalnum()):
            return True  # URL paths, fractions and "24/7"
        if prev == "-" and start >= 2 and text[start - 2].isalpha():
            w = P.WORD_BEFORE.search(before[:-1])
            return not (w and w.group(1).lower() in _TIME_PREFIXES)  # "COVID-19", but "mid-2022"
        nxt = text[end:end + 2]
        if nxt[:1] in ("+", "/", ":") and nxt[1:2].isdigit() or prev in ("+", "/", ":", "#") and start >= 2 and text[start - 2].isalnum() or prev in ("#", "№"):
            return True  # "3+3", "24/7", "10:30", "#5", "GMT+8"
        if P.TIME_AFTER.match(text, end):
            return True
        if self._word_before(before).lower().rstrip(".") in IDENTIFIER_LABELS and not before.endswith(("  ", "\t")):
            return True  # "Resolution No. 77", "Article 5", "Phase 2"
        at_line_start = self._at_line_start(start)
        if at_line_start and P.LABEL_AFTER.match(text, end):
            return True  # list labels "1." and "2)" at the start of a line
        if prev == "(" and text[end:end + 1] == ")" and len(token) <= 2:
            return True  # enumerators "(1)", "(2)" inside a line
        if prev == "[" and text[end:end + 1] == "]":
            return True  # references to notes: "[1]", "[12]"
        if at_line_start and nxt[:1] == ":" and not self._looks_like_year(token) and P.SECTION_TITLE.match(text, end + 1):
            return True  # a numbered heading: "512: Outline of the Agreement"
        if at_line_start and len(token) <= 2 and P.SECTION_TITLE.match(text, end):
            line_end = text.find("\n", end)
            line = text[end:line_end if line_end != -1 else len(text)]
            if ":" in line:
                return True  # numbered headings of a basic-data page: "3 Trade with Japan (2022): ..."
            if self._title_case(line):
                return True  # "2 Japan-Mongolia Vice-Ministerial Consultations"
        if "." in token and at_line_start and P.SECTION_TITLE.match(text, end):
            return True  # section numbers "2.1 Title"
        return self._in_name(start)

    @staticmethod
    def _title_case(line: str) -> bool:
        """A heading, not a sentence: no full stop at the end and its longer words capitalised."""
        if line.rstrip().endswith((".", ",", ";")):
            return False
        words = [w for w in line.replace("-", " ").split() if len(w) > 3 and w[0].isalpha()]
        return bool(words) and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3

    def _quoted_names(self) -> list[tuple[int, int]]:
        """Spans of quoted Title Case names ("King Search 2022"), whose numbers are no figures."""
        spans = []
        for q in P.QUOTED.finditer(self.text):
            inner = q.group(1) or q.group(2)
            if not P.DIGIT.search(inner):
                continue
            words = [w for w in inner.replace("-", " ").split() if w[:1].isalpha() and len(w) > 3]
            if words and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2:
                spans.append((q.start(), q.end()))
        return spans

    # -- output ---------------------------------------------------------------------------
    def _add(self, start, end, value, unit, *, qualifier="exact", kind="quantity", period="", flags=()):
        quote = self.text[start:end]
        # Trailing blanks and punctuation are never part of a figure's quote.
        stripped = quote.rstrip(" \t,;:")
        end -= len(quote) - len(stripped)
        self.figures.append(
            Figure(
                document=self.document, start=start, end=end, quote=stripped, value=value,
                unit=unit, qualifier=qualifier, period=period, kind=kind,
                flags=flags if len(flags) < 2 else tuple(dict.fromkeys(flags)),
            )
        )

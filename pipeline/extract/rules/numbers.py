"""Rules of the family "numbers": reading one numeral or number phrase and what it counts.

Belongs here: the path every number takes (``_numeral`` for digits, ``_words`` for number words):
scale words, ranges, qualifiers, the sign, and the noun a number counts (people or things). At
each step the other families are asked in turn: rejections first, then dates and years, money,
units and ranks; each reading and each skip is named by a rule of the registry.
Not here: turning characters into a value (``numbers.py``), units (``rules/units.py``).
"""

from __future__ import annotations

from decimal import Decimal

from .. import patterns as P
from ..lexicon import (
    BARE_NUMBER_WORD_BEFORE,
    BEFORE_WINDOW,
    COMPARISON_GAP,
    COMPARISON_WORDS,
    CONTACT_WINDOW,
    COUNTER_LINE_MARKS,
    CURRENCY_ONLY_SCALES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    DYAD_NOUNS,
    ELLIPSIS_PREPOSITIONS,
    FILE_SIZE_WORDS,
    ISO_4217,
    MEASURE_LINKS,
    MEASURE_WORDS,
    MONTHS,
    NOUN_PHRASE_WORDS,
    NP_STOPWORDS,
    PAGE_COUNTER_NOUNS,
    PERSON_NOUNS,
    POSTED_AGO_UNITS,
    QUALIFIER_WINDOW,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    SERIES_GAP,
    TABLE_HEADER_SCALES,
    TABLE_ROWS_WINDOW,
    TIME_PHRASE_CHARS,
    TIME_WINDOW_WORDS,
)
from ..numbers import parse_number_words, parse_numeral
from ..script import digit_scripts
from ..units import UNIT_CACHE, Unit, physical_unit, rate
from .state import State

_THOUSAND = SCALE_WORDS["thousand"]
_PREPOSITIONS_BEFORE_YEAR = frozenset(
    ["in", "since", "by", "from", "until", "till", "to", "of", "during", "and", "or", "before", "after", "between"]
)
_WINDOW_UNITS = frozenset({"month", "week", "d", "h"})
_DEFINITE = frozenset(["the", "these", "those", "its", "their", "our", "his", "her", "my", "your", "both", "all", "every", "each", "per"])


def _times(value: float, factor: float) -> float:
    """value * factor in decimal, so "131.7 billion" is 1317e8 exactly, not a float near it."""
    return value if factor == 1.0 else float(Decimal(repr(value)) * Decimal(repr(factor)))


def looks_plural(lower: str) -> bool:
    """A lower-cased word that reads as a plural noun ("projects"), not "its", "Japan's" or "class"."""
    return lower.endswith("s") and not lower.endswith(("'s", "’s", "ss")) and len(lower) > 3


def _unit_follows(text: str, pos: int) -> bool:
    """A unit stands right after ``pos``: then a glued "m" or "k" before it is a scale ("168.5m kWh")."""
    u = P.UNIT_AFTER.match(text, pos)
    return u is not None and u.group("hyphen") != "" and physical_unit(u.group("unit")) is not None


class Numbers(State):
    """Mixin of the extraction pass: reading numerals and number words."""

    # -- numerals ---------------------------------------------------------------------------
    def _numeral(self, m) -> int | None:
        text = self.text
        start, end = m.start(), m.end()
        token = m.group(0)
        if self.source is not None and len(digit_scripts(self.source[start:end])) > 1:
            return self._skip("mixed_digit_scripts", start, end)  # "٣9٠٠": no reading is safe
        after3 = text[end : end + 3]
        if ("/" in after3 or ":" in after3) and (spaced := P.SPACED_DATE_AT.match(text, start)):
            return self._skip("spaced_date_time", start, spaced.end())  # "2018 / 09 / 21", "11 : 53"
        before = text[max(0, start - BEFORE_WINDOW) : start]
        if token[0] == "0" and len(token) > 1 and token[1].isdigit():
            tail = P.CODE_TAIL.match(text, end)
            return self._skip("leading_zero_code", start, tail.end() if tail else end)  # "02-1448", "007"
        if before[-3:].rstrip()[-1:] in (":", "(", "+", ".") and P.CONTACT_BEFORE.search(before, len(before) - CONTACT_WINDOW):
            tail = P.PHONE_TAIL.match(text, end)
            return self._skip("telephone_number", start, tail.end() if tail else end)  # "Tel :7011-8822"
        is_year = len(token) == 4 and (self._looks_like_year(token) or self._early_year(token, before))
        if is_year and before.endswith("by ") and P.CHANGE_BY_BEFORE.search(before):
            is_year = False  # "arrivals rose by 1450": the size of the change
        if is_year and self._plainly_a_year(start, end, before):
            return self._year(start, end, token, None)
        fiscal = is_year and P.fiscal_before(before)
        if fiscal:
            return self._year(start - (len(before) - fiscal.start()), end, token, None, rule="fiscal_year")
        cur_m = P.currency_before(before)
        rejected = self.identifier(start, end, token, before, has_currency=cur_m is not None)
        if rejected:
            return self._skip(rejected, start, end)

        grouped = self._spaced_group(token, end, before) if after3[:2] == ", " else None
        if grouped:
            token, end = grouped
        # Letters glued to the numeral: an ordinal, a unit or scale symbol, a decade, or a code.
        suffix_end = end
        while suffix_end < len(text) and (text[suffix_end].isalpha() or text[suffix_end] in "²³"):
            suffix_end += 1
        if suffix_end > end:
            suffix = text[end:suffix_end]
            lower = suffix.lower()
            if lower in ("st", "nd", "rd", "th"):
                return self._ordinal(start, suffix_end, float(token), before)
            if lower == "s" and len(token) == 4:
                return self._skip("decade", start, suffix_end)  # "1990s"
            if lower not in SCALE_ABBREVIATIONS and (UNIT_CACHE[suffix] if suffix in UNIT_CACHE else physical_unit(suffix)) is None:
                return self._skip("glued_code", start, suffix_end)  # "4G", "3D"

        currency: str | None = None
        assumed = False
        q_start = start
        negative = self._minus_before(start)
        if negative:
            q_start -= 1
            before = before[:-1]
            cur_m = P.currency_before(before)
        if cur_m:
            q_start = start - (len(before) - cur_m.start())
            currency, assumed = self._currency(cur_m.group("cur"), CURRENCY_PREFIXES[cur_m.group("cur")], q_start)

        value_end, value, flags, scaled = self._scaled(token, end, currency is not None)
        if grouped:
            flags = (*flags, "malformed_number")
        if negative:
            flags = (*flags, "negative")  # "-5 people": read as written, flagged for the bounds
        low = (-value if negative else value, flags, q_start)

        # A range: "140-260MW", "20-25 percent", "between 5 and 10", "2017-2021".
        high = None
        high_token = ""
        r = P.RANGE_JOIN.match(text, value_end)
        if r and self._range_allowed(r, text[max(0, q_start - BEFORE_WINDOW) : q_start], token):
            h_value_end, h_value, h_flags, h_scaled = self._scaled(r.group("num"), r.end(), currency is not None or bool(r.group("cur")))
            if h_scaled or not scaled:  # "3 million to 5" is not a range of one unit
                if h_scaled and not scaled:
                    # "40-60 million": the scale written once applies to both ends.
                    _, factor = self._scale_factor(text, r.end(), currency is not None)
                    low = (_times(low[0], factor), low[1], low[2])
                high = (h_value, h_flags)
                high_token = r.group("num")
                value_end = h_value_end

        # "USD 12.4 (5%) million": a parenthesis between the amount and its scale.
        inner_end = None
        if currency is not None and not scaled and high is None and text.startswith(" (", value_end):
            paren = P.PAREN_BEFORE_SCALE.match(text, value_end)
            if paren:
                factor_end, factor = self._scale_factor(text, paren.end(), True)
                if factor != 1.0:
                    low = (_times(low[0], factor), low[1], low[2])
                    flags = (*flags, "scale_after_parenthesis")
                    inner_end, scaled = value_end, True  # the parenthesis is read on its own
                    value_end = factor_end

        # Year or year range?
        if currency is None and not scaled and is_year and (high is None or self._looks_like_year(high_token) or len(high_token) == 2):
            unit_here = self._unit_after(value_end, currency, before)
            if (unit_here is None or unit_here[0] == "year") and not self._counts_people_or_things(value_end, before):
                if high is None and self._after_capitalised_name(before):
                    return self._skip("year_in_name", start, value_end)  # "Vision 2030"
                return self._year(q_start, value_end, token, high_token if high else None)

        if currency is None and not scaled and high is None and (cell := self._table_cell(start, value_end)) is not None:
            if cell[0] == "":
                return self._skip("table_row_number", start, value_end)  # "2 Rural Roads Program 45.0 Grant"
            code, factor = cell
            flags = (*flags, "unit_from_header")
            self._add(q_start, value_end, _times(low[0], factor), code, flags=low[1] + flags, rule="table_amount")
            return value_end

        if (
            currency is None
            and (text[value_end : value_end + 1] > "\u024f" or text[value_end + 1 : value_end + 2] > "\u024f")
            and self._foreign_word_after(value_end)
        ):
            # "15 хувийн": the number's word is in a script the extractor does not read, so it is
            # no count ("2019 он" above stays a year: a year needs no word).
            return self._skip("foreign_script_word", start, value_end)

        unit_info = self._unit_after(value_end, currency, before)
        if unit_info is None and currency is None and not scaled and "." in token and high is None:
            if P.OF_TOTAL_AFTER.match(text, value_end):
                unit_info = ("percent", value_end, "share_of_total")
                flags = (*flags, "unit_inferred")
        qualifier = self._qualifier_before(text[max(0, q_start - BEFORE_WINDOW) : q_start])

        if unit_info is not None:
            unit, q_end, rule = unit_info
            if unit in _WINDOW_UNITS and self._word_before(before).lower() in TIME_WINDOW_WORDS:
                return self._skip("time_window", start, q_end)  # "the first 9 months of 2023"
            if rule == "physical_unit" and unit in POSTED_AGO_UNITS and P.AGO_AFTER.match(text, q_end):
                return self._skip("posted_ago", start, q_end)  # "posted 1 minute ago": a time stamp
            if rule == "physical_unit" and unit == "h":
                q_end, low, high = self._compound_duration(q_end, low, high)
                if q_end != unit_info[1]:
                    rule = "compound_duration"
            if currency is not None and rule == "currency_after":
                rule = "currency_before"
            elif rule == "currency_after" or (rule == "rate" and unit[:3] in ISO_4217):
                assumed = self.assumed_after  # "45 dollars": the word is as ambiguous as "$"
        elif ("age" in before or "than" in before) and P.AGES_BEFORE.search(before):
            unit, q_end, rule = "year", value_end, "ages"
        else:
            np_end, person, has_noun = self._noun_phrase(value_end)
            counted_from = None
            if not has_noun and (possessive := P.OF_POSSESSIVE_AFTER.match(text, value_end)):
                counted_from = possessive.end()  # "270 of their nationals" counts nationals
                np_end, person, has_noun = self._noun_phrase(counted_from)
            if has_noun and counted_from is not None:
                unit, q_end, rule = ("person" if person else "count"), value_end, "count_noun"
            elif has_noun:
                if "." in token and not scaled and high is None and self._after_capitalised_name(before):
                    return self._skip("version_in_name", start, value_end)  # "Youth 2.0 program"
                if (w := P.WORD_AFTER.match(text, value_end)) and w.group(1).lower() in FILE_SIZE_WORDS:
                    return self._skip("file_size", start, w.end())  # "report.pdf (512 KB)"
                if text[value_end + 1 : np_end].lower() in PAGE_COUNTER_NOUNS:
                    return self._skip("page_counter", start, np_end)  # "1250 Views"
                if (
                    not person
                    and len(token) >= 5
                    and token.isdigit()
                    and text[value_end + 1 : value_end + 2].isupper()
                    and self._after_capitalised_name(before)
                ):
                    return self._skip("postal_code", start, value_end)  # "Ulaanbaatar 15160 Mongolia"
                unit, q_end, rule = self._counted(value_end, np_end, person)
            elif (per := P.PER_AFTER.match(text, value_end)) and (den := self._denominator(per))[0] is not None:
                unit, q_end, rule = rate(Unit("count", "count"), den[0]).symbol, den[1], "rate"  # "17 per 10,000 live births"
            elif self._word_before(before).lower() in MEASURE_WORDS and (measured := self._measure_before(before, start)) is not None:
                unit, q_end, rule = measured, value_end, "measure_value"  # "an index of 52.7", "versus 38.2"
                flags = (*flags, "unit_inferred")
            elif "." in token and not scaled:
                return self._skip("bare_decimal", start, value_end)  # "objectives 2.1": a section number
            elif not scaled and high is None and "," not in token and self._after_capitalised_name(before):
                return self._skip("number_in_name", start, value_end)  # "Boeing 767", "Terminal 2"
            elif self._on_counter_line(start):
                return self._skip("counter_line", start, value_end)  # "• 2848 • 0": views and comments
            else:
                unit, q_end, rule = self._bare_unit(start, value_end, before), value_end, "bare_count"
                flags = (*flags, "unit_inferred")

        if qualifier == "exact" and high is None and P.lead(text, q_end) in P.QUALIFIER_AFTER_LEADS:
            for name, pattern in P.QUALIFIER_AFTER_RE.items():
                if pattern.match(text, q_end):
                    qualifier = name  # "70 or more", "2,400+"
        if inner_end is not None:
            self._add(
                q_start, q_end, low[0], unit, qualifier=qualifier, flags=low[1] + flags, rule="scale_after_parenthesis", assumed=assumed
            )
            return inner_end
        if high is None:
            self._add(q_start, q_end, low[0], unit, qualifier=qualifier, flags=low[1] + flags, rule=rule, assumed=assumed)
        else:
            self._add(q_start, q_end, low[0], unit, qualifier="range_low", flags=low[1] + flags, rule=rule, assumed=assumed)
            self._add(q_start, q_end, high[0], unit, qualifier="range_high", flags=high[1] + flags, rule=rule, assumed=assumed)
        return q_end

    # -- number words -----------------------------------------------------------------------
    def _words(self, m) -> int | None:
        text = self.text
        start, end = m.start(), m.end()
        phrase = m.group(0)
        lower_phrase = phrase.lower()
        if lower_phrase in SCALE_WORDS or lower_phrase == "dozen":
            if text[max(0, start - 2) : start].lower() != "a ":
                return self._skip("bare_scale_word", start, end)  # a bare "million" counts nothing
            start, phrase = start - 2, text[start - 2 : end]  # "a dozen", "a hundred"
        fraction = self._fraction(start, end)
        if fraction:
            return fraction
        value = parse_number_words(phrase)
        if value is None:
            return self._skip("number_word_without_noun", start, end)
        before = text[max(0, start - BEFORE_WINDOW) : start]
        if self._word_before(before).lower() in _DEFINITE and not P.OUT_OF_BEFORE_ENDING.found(before):
            if self._word_before(before).lower() != "every" or not P.TIME_UNIT_AFTER.match(text, end):
                return self._skip("definite_reference", start, end)  # "the two countries" refers back
            # "every four years": an interval, read below as a duration
        nxt = P.WORD_AFTER.match(text, end)
        noun_from = None
        if nxt and nxt.group(1).lower() == "of":
            possessive = P.OF_POSSESSIVE_AFTER.match(text, end)
            if not possessive or value == 1:
                return self._skip("partitive_of", start, end)  # "one of the few", "two of them"
            noun_from = possessive.end()  # "seven of his cabinet's ministers" counts ministers
        elif nxt and nxt.group(1).lower() == "out":
            out_of = P.OUT_OF_AFTER.match(text, end)
            if out_of:
                noun_from = out_of.end()  # "four out of the eight boilers" counts boilers
        if text[end : end + 1] in (".", ":") and self._at_line_start(start):
            return self._skip("list_label_word", start, end)  # "One.", "Two:"
        value_end, value2, _, scaled = self._scaled("1", end, False)
        if scaled:
            value *= value2
        elif (last := phrase.rsplit(None, 1)[-1].lower()) in SCALE_WORDS and SCALE_WORDS[last] >= _THOUSAND:
            value_end, value = self._compound_tail(end, SCALE_WORDS[last], value)
        qualifier = self._qualifier_before(before)
        if noun_from is None and not scaled:
            r = P.RANGE_JOIN.match(text, value_end)
            if r and r.group("join") in ("and", "to", "-", "–") and (r.group("join") != "and" or P.BETWEEN_BEFORE.search(before)):
                high_end, high, h_flags, _ = self._scaled(r.group("num"), r.end(), False)
                unit_info = self._unit_after(high_end, None, before)
                if unit_info is not None:  # "between one and 1.5 percent"
                    unit, q_end, _ = unit_info
                    self._add(start, q_end, value, unit, qualifier="range_low", rule="word_range")
                    self._add(start, q_end, high, unit, qualifier="range_high", flags=h_flags, rule="word_range")
                    return q_end
        unit_info = self._unit_after(value_end, None, before) if noun_from is None else None
        assumed = False
        if unit_info is not None:
            unit, q_end, rule = unit_info
            if unit in _WINDOW_UNITS and self._word_before(before).lower() in TIME_WINDOW_WORDS:
                return self._skip("time_window", start, q_end)  # "the first nine months of 2023"
            flags: tuple[str, ...] = ()
            assumed = rule == "currency_after" and self.assumed_after
        else:
            if value == 1 and not scaled:
                return self._skip("article_one", start, end)  # "one" is an article more often than a figure
            np_end, person, has_noun = self._noun_phrase(noun_from if noun_from is not None else value_end)
            if has_noun and value == 2 and self._head_noun(value_end, np_end) in DYAD_NOUNS:
                return self._skip("dyad_reference", start, np_end)  # "signed by two countries"
            if not has_noun and not scaled:
                if self._word_before(before).lower() in BARE_NUMBER_WORD_BEFORE and text[end : end + 1] in (",", ".", ";"):
                    self._add(start, end, value, "count", qualifier=qualifier, flags=("unit_inferred",), rule="bare_number_word")
                    return end  # "brings the loans to eight, totaling ..."
                if (listed := self._elliptical_list_unit(start, end)) is not None:
                    self._add(start, end, value, listed, qualifier=qualifier, flags=("unit_inferred",), rule="elliptical_list")
                    return end  # "8 for health, ten for roads": the noun of the list is left out
                return self._skip("number_word_without_noun", start, end)
            if noun_from is not None:
                unit, q_end, rule = ("person" if person else "count"), end, "count_noun"  # the quote is the number
            else:
                unit, q_end, rule = (
                    self._counted(value_end, np_end, person) if has_noun else self._per("count", "count", value_end, "count_noun")
                )
            flags = ()
        self._add(start, q_end, value, unit, qualifier=qualifier, flags=flags, rule=rule, assumed=assumed)
        return q_end

    # -- parts of a number ------------------------------------------------------------------
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
        elif factor == _THOUSAND and c.group("and") and "." not in c.group("num") and not P.PERCENT_AFTER.match(self.text, c.end()):
            tail_factor = 1.0  # "41 thousand and 217 vehicles"; never "$6 million and 16 grants"
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
        s = P.SCALE_AFTER.match(text, end) if P.lead(text, end) in P.SCALE_LEADS else None
        if s:
            word = s.group("scale").lower()
            if s.group("dot") and word != "mil":
                return s.end() - 1, SCALE_ABBREVIATIONS[word]
            return s.end(), SCALE_ABBREVIATIONS[word]
        glued = text[end : end + 1]
        g = P.GLUED_SCALE.match(text, end) if glued in P.GLUED_SCALE_LEADS or glued > "\x7f" else None
        if g and (has_currency or g.group("scale").lower() not in CURRENCY_ONLY_SCALES or _unit_follows(text, g.end())):
            return g.end(), SCALE_ABBREVIATIONS[g.group("scale").lower()]
        return end, 1.0

    def _range_allowed(self, r, before: str, token: str) -> bool:
        join = r.group("join")
        high = r.group("num")
        if self._looks_like_year(token) and not (self._looks_like_year(high) or (len(high) == 2 and join in "-–—")):
            if r.group("cur") or self._word_before(before).lower() in _PREPOSITIONS_BEFORE_YEAR:
                return False  # "from USD 5.1 billion in 2012 to USD 310 million": a year, then an amount
        if join == "and":
            return bool(P.BETWEEN_BEFORE.search(before))
        if join == "to":
            return True
        # A hyphen between two numerals inside a word-like code ("3-5-1") is not a range.
        return self.text[r.end() : r.end() + 1] != "-"

    def _qualifier_before(self, before: str) -> str:
        last = before.rstrip(" \t").rsplit(None, 1)[-1:]
        if not last or last[0].lstrip('("“').lower() not in P.QUALIFIER_LAST_WORDS:
            return "exact"
        return P.QUALIFIER_BEFORE_ENDING.group_name(before, len(before) - QUALIFIER_WINDOW) or "exact"

    def _minus_before(self, start: int) -> bool:
        """A minus sign written before the number ("-2.3%", "−5"), not a hyphen inside a word."""
        text = self.text
        prev = text[start - 1] if start else ""
        if prev == "\u2212":
            return True
        return prev == "-" and (start < 2 or text[start - 2].isspace() or text[start - 2] == "(")

    # -- what a number counts ---------------------------------------------------------------
    def _noun_phrase(self, pos: int) -> tuple[int, bool, bool]:
        """End, counts-people and found-a-noun for the noun phrase right after a number."""
        text = self.text
        end, person, words = pos, False, 0
        while words < NOUN_PHRASE_WORDS:
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
            if lower in NP_STOPWORDS or (lower in MONTHS and word[0].isupper()):
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
            if looks_plural(lower):
                nxt = P.WORD_AFTER.match(text, end)
                if not (word[0].isupper() and nxt and nxt.group(1)[0].isupper()):
                    break  # a plural ends the phrase, unless a capitalised name goes on
        return end, person, words > 0

    def _counted(self, value_end: int, np_end: int, person: bool):
        """(unit, end, rule) of a number and its noun phrase: people, things, or a duration
        whose time unit ends a short phrase ("eight consecutive years", "30 working days")."""
        if not person and np_end - value_end <= TIME_PHRASE_CHARS and (head := self._head_noun(value_end, np_end)):
            unit = UNIT_CACHE[head] if head in UNIT_CACHE else physical_unit(head)
            if unit is not None and unit.dimension == "time":
                return self._per(unit.symbol, unit.dimension, np_end, "physical_unit")
        return self._per("person" if person else "count", "count", np_end, "count_noun")

    def _head_noun(self, start: int, end: int) -> str:
        """Last word of the noun phrase text[start:end], lower-cased."""
        words = self.text[start:end].split()
        return words[-1].lower() if words else ""

    @staticmethod
    def _head_noun_after_person(word: str) -> bool:
        lower = word.lower()
        return word[0].islower() and looks_plural(lower) and lower not in PERSON_NOUNS and lower not in NP_STOPWORDS

    def _elliptical_list_unit(self, start: int, end: int) -> str | None:
        """The unit of a list's count before ``start`` when both it and the number at ``start``
        are followed by the same preposition: "8 for health, ten for roads and two for schools"."""
        if not self.figures:
            return None
        text = self.text
        prev = self.figures[-1]
        if prev.kind != "quantity" or prev.unit not in ("person", "count"):
            return None
        gap = text[prev.end : start]
        if len(gap) > SERIES_GAP or "." in gap or not ("," in gap or gap.endswith(" and ")):
            return None
        here, there = P.WORD_AFTER.match(text, end), P.WORD_AFTER.match(text, prev.end)
        if not here or not there or here.group(1).lower() != there.group(1).lower():
            return None
        return prev.unit if here.group(1).lower() in ELLIPSIS_PREPOSITIONS else None

    def _table_cell(self, start: int, end: int) -> tuple[str, float] | None:
        """Under a table header that names a column's money unit ("Amount (million USD)"), in
        the rows that follow it without a blank line: ("", 0) for the row number opening a row,
        (currency, scale) for the last number of a row; None elsewhere."""
        headers = self._table_headers
        if headers is None:
            headers = self._table_headers = self._money_headers()
        if not headers:
            return None
        text = self.text
        for line_end, code, factor in reversed(headers):
            if line_end < start:
                rows = text[line_end:start]
                if "\n\n" in rows or rows.count("\n") > TABLE_ROWS_WINDOW:
                    return None
                if text[start - 1] == "\n":
                    return "", 0.0
                return (code, factor) if P.NO_DIGIT_TO_LINE_END.match(text, end) else None
        return None

    def _money_headers(self) -> list[tuple[int, str, float]]:
        found = []
        text = self.text
        for m in P.TABLE_MONEY_HEADER.finditer(text):
            written = m.group("cur1") or m.group("cur2")
            folded = " ".join(written.lower().split())
            code = CURRENCY_WORDS.get(folded) or CURRENCY_PREFIXES.get(written) or written.upper()
            if code not in ISO_4217:
                continue
            factor = TABLE_HEADER_SCALES[(m.group("scale1") or m.group("scale2")).lower()]
            line_end = text.find("\n", m.end())
            if line_end >= 0:
                found.append((line_end, code, factor))
        return found

    def _on_counter_line(self, start: int) -> bool:
        """The number stands on a line of bullets and bare numbers only: a page's counters."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        m = P.COUNTER_LINE.match(text, line_start)
        return m is not None and m.end() == line_end and any(c in COUNTER_LINE_MARKS for c in text[line_start:start])

    def _bare_unit(self, start: int, end: int, before: str) -> str:
        """Unit of a number with no word of its own ("318 in 1995"): people if its sentence counts them."""
        copula = P.COPULA_NOUN.match(self.text, end)  # "4,112 were students"
        if copula:
            return "person" if copula.group(1).lower() in PERSON_NOUNS else "count"
        label = P.LABEL_BEFORE.search(before) if before.rstrip().endswith((":", "=")) else None
        if label:
            # An entry of a list of indicators ("Residents: 16,082", "Life expectancy: 71"):
            # its own label says what it counts, not a people noun elsewhere in the line.
            return "person" if P.PERSON_NOUN.search(label.group(1)) else "count"
        index = self.segments.key_at(start)
        first = self._first_person_noun.get(index)
        if first is None:
            sentence = self.segments.sentence(index)
            if self.lower_aligned:
                found = P.PERSON_NOUN_LOWER.search(self.lower, sentence.start, sentence.end)
            else:
                found = P.PERSON_NOUN.search(self.text, sentence.start, sentence.end)
            first = self._first_person_noun[index] = found.start() if found else sentence.end
        return "person" if first < start else "count"

    def _measure_before(self, before: str, start: int) -> str | None:
        """Unit of a bare number that a measure names ("an index of 52.7") or that continues a
        comparison with the figure before it ("... versus 38.2"), else None."""
        word = self._word_before(before).lower()
        if word in MEASURE_LINKS and P.MEASURE_BEFORE.search(before):
            return "index"
        if self.figures and word in COMPARISON_WORDS and P.VERSUS_BEFORE.search(before):
            prev = self.figures[-1]
            if start - prev.end <= COMPARISON_GAP and prev.kind == "quantity":
                return prev.unit
        return None

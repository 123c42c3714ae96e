"""Rules of the family "rejections": numbers that are not figures (codes, labels, names, times).

Belongs here: the checks that skip a number before any reading of it is tried. The identifier
checks run in the order of the registry (``rules/__init__.py``): ``Rejections.identifier`` walks
``IDENTIFIER_RULES`` and names the first rule that holds, so ``make evaluate --explain`` can say
which rule skipped a number. Each check is a cheap test of the characters around the number.
Not here: what a kept number means (the other families).
"""

from __future__ import annotations

from bisect import bisect_right

from .. import patterns as P
from ..lexicon import IDENTIFIER_LABELS, LABEL_WINDOW, MONTHS, NP_STOPWORDS
from .state import State

_TIME_PREFIXES = frozenset(["mid", "early", "late", "pre", "post", "end"])
# Checks that can hold only when a letter or one of these marks touches the number.
CHARACTER_CHECKS = frozenset(["letter_before", "slash_code", "hyphen_name", "joined_code", "enumerator", "note_reference"])
_MARKS_BEFORE = "/-+:#№(["
_MARKS_AFTER = "/+:"
_LINE_START_MARKS = " \t•-*(\n"  # a number at a line's start has one of these before it, or none
# The checks that need one of those conditions, each on its own.
_CONDITIONAL = {"clock_time": 0, "list_label": 1, "numbered_heading": 1, "quoted_name": 2}
_TIME_STARTS = " \u00a0\u2009\u202f\t\r\x0b\x0c:aApPoOhH"


class Rejections(State):
    """Mixin of the extraction pass: every method reads ``self.text`` around one number."""

    # Each check: (self, start, end, token, before, prev) -> bool. ``prev`` is the character
    # before the number, ``before`` up to ``BEFORE_WINDOW`` characters before it.
    def _reject_letter_before(self, start, end, token, before, prev):
        return prev.isalpha()  # "G7", "H2"

    def _reject_slash_code(self, start, end, token, before, prev):
        text = self.text
        return (prev == "/" and text[start - 2 : start - 1].isalnum()) or (text[end : end + 1] == "/" and text[end + 1 : end + 2].isalnum())

    def _reject_hyphen_name(self, start, end, token, before, prev):
        if prev == "-" and start >= 2 and self.text[start - 2].isalpha():
            w = P.WORD_BEFORE.search(before[:-1])
            return not (w and w.group(1).lower() in _TIME_PREFIXES)  # "COVID-19", but "mid-2022"
        return False

    def _reject_joined_code(self, start, end, token, before, prev):
        text = self.text
        nxt = text[end : end + 2]
        return (
            (nxt[:1] in ("+", "/", ":") and nxt[1:2].isdigit())
            or (prev in ("+", "/", ":", "#") and start >= 2 and text[start - 2].isalnum())
            or prev in ("#", "№")
        )  # "3+3", "24/7", "10:30", "#5", "GMT+8", "№1"

    def _reject_clock_time(self, start, end, token, before, prev):
        if self.text[end : end + 1] not in _TIME_STARTS:
            return False
        return P.TIME_AFTER.match(self.text, end) is not None  # "6 pm", "10:30"

    def _reject_label_word(self, start, end, token, before, prev):
        if before.endswith(("  ", "\t")):
            return False
        if self._word_before(before).lower().rstrip(".") in IDENTIFIER_LABELS:
            return True  # "Resolution No. 77", "Article 5", "Phase 2"
        # "ID :\n391", "Views: 2046": a label and a colon, the cheap test first
        return (
            prev in ": \n" and before.rstrip().endswith(":") and P.LABEL_COLON_BEFORE.search(before, len(before) - LABEL_WINDOW) is not None
        )

    def _reject_list_label(self, start, end, token, before, prev):
        return self._at_line_start(start) and P.LABEL_AFTER.match(self.text, end) is not None  # "1." "2)"

    def _reject_enumerator(self, start, end, token, before, prev):
        return prev == "(" and self.text[end : end + 1] == ")" and len(token) <= 2  # "(1)"

    def _reject_note_reference(self, start, end, token, before, prev):
        return prev == "[" and self.text[end : end + 1] == "]"  # "[1]", "[12]"

    def _reject_numbered_heading(self, start, end, token, before, prev):
        text = self.text
        if not self._at_line_start(start):
            return False
        if text[end : end + 1] == ":" and not self._looks_like_year(token) and P.SECTION_TITLE.match(text, end + 1):
            return True  # "512: Outline of the Agreement"
        if "." in token and P.SECTION_TITLE.match(text, end):
            return True  # section numbers "2.1 Title"
        if len(token) <= 2 and P.SECTION_TITLE.match(text, end):
            line_end = text.find("\n", end)
            line = text[end : line_end if line_end != -1 else len(text)]
            # "3 Trade with Japan (2022): ..." or "2 Japan-Mongolia Vice-Ministerial Consultations"
            return ":" in line or self._title_case(line)
        return False

    def _reject_quoted_name(self, start, end, token, before, prev):
        return bool(self.names) and self._in_name(start)  # "Winter Search 2021"

    def identifier(self, start: int, end: int, token: str, before: str, *, has_currency: bool = False) -> str | None:
        """Name of the first identifier rule that holds for the number at ``start``, else None.

        The checks run in the registry's order. Those of ``CHARACTER_CHECKS`` hold only when a
        mark or letter touches the number; when none does (most numbers), they are passed over.
        """
        text = self.text
        prev = text[start - 1] if start else ""
        nxt = text[end : end + 1]
        if not prev:
            checks = IDENTIFIER_CHECKS  # the text's first character
        elif prev.isalpha() or prev in _MARKS_BEFORE or nxt in _MARKS_AFTER:
            checks = IDENTIFIER_CHECKS
        else:
            # Which of the other checks can hold at all: a time needs a blank, a colon or a letter
            # next; a label at a line start needs a blank or a bullet before; a quoted name a name.
            checks = QUIET_CHECKS[(nxt in _TIME_STARTS, prev in _LINE_START_MARKS and self._at_line_start(start), bool(self.names))]
        for name, check in checks:
            if check(self, start, end, token, before, prev) and not (has_currency and name == "letter_before"):
                return name
        return None

    # -- helpers ----------------------------------------------------------------------------
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
        for start, end, inner in P.quoted(self.text):
            if not P.DIGIT.search(inner):
                continue
            words = [w for w in inner.replace("-", " ").split() if w[:1].isalpha() and len(w) > 3]
            if words and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2:
                spans.append((start, end))
        return spans

    def _in_name(self, start: int) -> bool:
        if not self.names:
            return False
        i = bisect_right(self.names, (start, 1 << 62)) - 1
        return i >= 0 and self.names[i][0] <= start < self.names[i][1]

    def _after_capitalised_name(self, before: str) -> bool:
        word = self._word_before(before)
        if not word or not word[0].isupper() or word.lower() in MONTHS or word.lower() in NP_STOPWORDS:
            return False  # "In 2022" or "May 2022" is a time, not part of a name
        sentence_start = before.rstrip()[: -len(word)].rstrip()
        return not sentence_start.endswith((".", "\n", ":")) and sentence_start != ""

    def _foreign_word_after(self, pos: int) -> bool:
        """The word after ``pos`` is written in a non-Latin script ("15 хувийн", "2023 онд")."""
        char = self.text[pos : pos + 1]
        if char == " " or char == "\u00a0":
            char = self.text[pos + 1 : pos + 2]
        return char > "\u024f" and char.isalpha()


def _checks():
    from . import RULES  # the registry decides the order

    return tuple((r.name, getattr(Rejections, "_reject_" + r.name)) for r in RULES if r.stage == "identifier")


IDENTIFIER_CHECKS: tuple = ()
# The same, less the checks that cannot hold: no mark or letter touches the number, and the
# conditions of ``_CONDITIONAL`` (time possible, line start possible, names in the text) hold or not.
QUIET_CHECKS: dict = {}


def bind_registry() -> None:
    """Order the identifier checks as the registry lists them (called once, at import)."""
    global IDENTIFIER_CHECKS, QUIET_CHECKS
    IDENTIFIER_CHECKS = _checks()
    quiet = [c for c in IDENTIFIER_CHECKS if c[0] not in CHARACTER_CHECKS]
    QUIET_CHECKS = {
        flags: tuple(c for c in quiet if c[0] not in _CONDITIONAL or flags[_CONDITIONAL[c[0]]])
        for flags in [(a, b, n) for a in (False, True) for b in (False, True) for n in (False, True)]
    }

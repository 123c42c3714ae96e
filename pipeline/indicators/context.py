"""The structure of one document that mapping reads: sentences, clauses, list items, headings, and
the mentions of parties, all found once per document and looked up by position.

Belongs here: cutting a text into the scopes rules name and finding what lies in a span, in time
linear in the text (one pass per kind of thing, then bisection by offset; per-sentence cuts are
cached). Scopes around a figure at ``start``:

  item       its list item: the clause cut further at commas, "and", "or" and brackets
  left/right the item's words before / after the figure
  clause     its clause: the sentence cut at ";", "while", "which", "however", "–" ...
  sentence   its sentence
  previous   the sentence before
  paragraph  up to three sentences before it in its line, and its own sentence
  heading    the latest section heading before it (a short line without final punctuation)
  label      the heading line right above a figure that stands alone on a short line (a table cell)
  title      the document's first line when it is a heading
  window     the text shortly before the figure, and its sentence (what this part is about)
  bound      its clause, and the sentence before when its sentence continues that one ("Of them,
             ...", "Out of these, ...", "This number ..."): what a count of people is bound to

Not here: what the words mean (``parties.py``, ``periods.py``, ``mapping.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..extract.segments import Segmenter
from .resources import Lexicon

_CLAUSE_BREAK = re.compile(
    r";\s*|\s+-{2,}\s+|\)\s+(?=\d)|\s*\((?=(?:out )?of which|including|among them)"
    r"|,\s+(?=(?:while|whereas|but|although|though|however)\b)"
    # Participles that open a new statement ("..., paving the way for"); not "totaling", "including".
    r"|,\s+(?=(?:paving|resulting|leading|causing|marking|following|according|citing|adding|saying|noting)\b)"
    r"|\s+(?=(?:while|whereas|however)\b)",
    re.I,
)
# Brackets stay in their item ("47 percent (2,208 people) are men"); "and" cuts only before a new
# figure ("21 people in 1985 and 317 in 1995", "exports were X and imports Y"), not between words
# ("loans and assistance have been provided").
# A relative clause (", which was valued at ...") and a dash apposition (" — ¥39.9 billion — ") stay
# in their clause, whose head noun they describe, but are items of their own.
_ITEM_BREAK = re.compile(
    r",\s+|\s+[–—]+\s+|\s+(?:and|or)\s+(?=(?:[\w'’-]+\s+){0,3}(?:US)?[$€¥£₮]?\d)|\s+as well as\s+|(?P<joint>\s+(?:and|or)\s+)", re.I
)
_BETWEEN = re.compile(r"\bbetween\s+\S+$", re.I)  # "between one and 1.5 percent" is one item
_PARAGRAPH_WINDOW = 3  # sentences before a figure that stand for "what this paragraph is about"
_TITLE_LINES = 2  # a title is a heading among the first lines
_HEADLINE_LINES = 4  # heading lines a text opens with that make its headline
_WINDOW = 600  # characters before a figure that stand for "what this part of the text is about"
# No scope reaches further than this from its figure: words bound to a figure stand near it, and a
# table line or run-on sentence thousands of characters long must not make mapping quadratic.
REACH = 800


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    party: str  # party id of the lexicon
    side: str
    name: str
    text: str


_WORD_BOUNDARY = re.compile(r"\b")


def _at_word_boundaries(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose every alternative begins with ``\\b``
    (checked when the lexicon loads): it is tried only where a word begins or ends, not at every
    character, which saves the engine most of its work on a long alternation of names."""
    end = 0
    match = pattern.match
    for boundary in _WORD_BOUNDARY.finditer(text):
        pos = boundary.start()
        if pos < end:
            continue
        m = match(text, pos)
        if m is not None and m.end() > pos:
            end = m.end()
            yield m


class DocumentContext:
    """Scopes of figures in one document; everything is found once and looked up by offset."""

    def __init__(self, text: str, lexicon: Lexicon, quantities: Sequence[tuple[int, int]] = ()):
        self.text = text
        # Spans of the document's quantity figures: which list items hold a figure of their own.
        self.quantities = sorted(quantities)
        self._quantity_starts = [q[0] for q in self.quantities]
        self.lexicon = lexicon
        self.segments = Segmenter(text)
        self.sentences = self.segments.sentences
        self._sentence_starts = [s.start for s in self.sentences]
        self.heading_indices = [i for i, s in enumerate(self.sentences) if s.heading]
        self.title_index = next((i for i in self.heading_indices[:1] if self.sentences[i].paragraph < _TITLE_LINES and i == 0), None)
        # The headline block: the heading lines a text opens with, before its first sentence.
        first_body = next((i for i, s in enumerate(self.sentences) if not s.heading), len(self.sentences))
        self.headline_indices = list(range(first_body))
        # What the text's headline is: its first few heading lines ("Official Development
        # Assistance from Japan", "Mongolia welcomes 577.3 thousand tourists last year").
        self.headline_block = self.headline_indices[:_HEADLINE_LINES]
        parties = lexicon.parties
        # Countries named where a description says where a country lies are no parties.
        described = [(d.start(), d.end()) for d in lexicon.descriptions.finditer(text)] if lexicon.descriptions else []
        self.mentions: list[Mention] = []
        for m in _at_word_boundaries(lexicon.party_pattern, text):
            if any(lo <= m.start() and m.end() <= hi for lo, hi in described):
                continue
            party = parties[m.lastgroup or ""]
            self.mentions.append(Mention(m.start(), m.end(), party.id, party.side, party.name, m.group()))
        self._mention_starts = [m.start for m in self.mentions]
        self._clauses: dict[int, list[tuple[int, int]]] = {}

    # --- sentences ------------------------------------------------------------------------------
    def sentence_index(self, offset: int) -> int:
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def sentence_span(self, index: int) -> tuple[int, int]:
        s = self.sentences[index]
        return s.start, s.end

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def paragraph_before(self, index: int) -> list[int]:
        """Indices of up to a few sentences before ``index`` in the same line, nearest first."""
        out: list[int] = []
        paragraph = self.sentences[index].paragraph
        i = index - 1
        while i >= 0 and len(out) < _PARAGRAPH_WINDOW and self.sentences[i].paragraph == paragraph:
            out.append(i)
            i -= 1
        return out

    def heading_before(self, index: int) -> int | None:
        """The latest heading before sentence ``index`` (the title when no other comes first), or None."""
        i = bisect_left(self.heading_indices, index) - 1
        return self.heading_indices[i] if i >= 0 else None

    def label_of(self, index: int) -> int | None:
        """The heading line right above a short line holding a figure ("Project amount" / "2 billion yen")."""
        s = self.sentences[index]
        if index == 0 or not s.heading:
            return None
        above = self.sentences[index - 1]
        return index - 1 if above.heading and above.paragraph != s.paragraph else None

    # --- clauses and items -----------------------------------------------------------------------
    def _cuts(self, index: int) -> list[tuple[int, int]]:
        """Clause spans of a sentence (absolute offsets), cut once."""
        if index not in self._clauses:
            start, end = self.sentence_span(index)
            spans, cursor = [], start
            for m in _CLAUSE_BREAK.finditer(self.text, start, end):
                if m.start() > cursor:
                    spans.append((cursor, m.start()))
                cursor = m.end()
            spans.append((cursor, end))
            self._clauses[index] = spans
        return self._clauses[index]

    def clause_span(self, start: int, end: int) -> tuple[int, int]:
        index = self.sentence_index(start)
        for c_start, c_end in self._cuts(index):
            if start < c_end:
                return c_start, c_end
        return self.sentence_span(index)

    def item_span(self, start: int, end: int) -> tuple[int, int]:
        """The list item holding the figure [start, end): its clause cut at commas, "and", brackets."""
        c_start, c_end = self.clause_span(start, end)
        c_start, c_end = max(c_start, start - REACH), min(c_end, end + REACH)
        text = self.text
        i_start, i_end = c_start, c_end
        breaks = [m for m in _ITEM_BREAK.finditer(text, c_start, c_end) if not (m.start() < end and m.end() > start)]  # not "23, 749"
        for k, m in enumerate(breaks):
            if m.group().strip().lower() in ("and", "or") and _BETWEEN.search(text, max(c_start, m.start() - 30), m.start()):
                continue
            if m.group("joint") and not self._joins_two_figures(breaks, k, c_start, c_end):
                continue
            if m.end() <= start:
                i_start = m.end()
            elif m.start() >= end:
                i_end = m.start()
                break
        return i_start, i_end

    def quantities_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of the quantity figures starting in [start, end)."""
        lo, hi = bisect_left(self._quantity_starts, start), bisect_left(self._quantity_starts, end)
        return self.quantities[lo:hi]

    def _joins_two_figures(self, breaks: list[re.Match], k: int, c_start: int, c_end: int) -> bool:
        """Whether the "and" of ``breaks[k]`` joins two list items that each hold a figure ("...,
        tourists from Malaysia rose by 412 and tourists from Japan rose by 2,870"): a figure since
        the break before it, and one before the break after it; "coal and copper exports" join no items."""
        lo = next((b.end() for b in reversed(breaks[:k]) if not b.group("joint")), c_start)
        hi = next((b.start() for b in breaks[k + 1 :] if not b.group("joint")), c_end)
        m = breaks[k]
        return bool(self.quantities_in(lo, m.start())) and bool(self.quantities_in(m.end(), hi))

    # --- parties ---------------------------------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo = bisect_left(self._mention_starts, start)
        hi = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]


@dataclass
class FigureScopes:
    """The texts of every scope around one figure, cut once and reused by every rule."""

    ctx: DocumentContext
    start: int
    end: int
    sentence_index: int
    item: tuple[int, int]
    clause: tuple[int, int]
    _texts: dict

    @classmethod
    def of(cls, ctx: DocumentContext, start: int, end: int) -> FigureScopes:
        index = ctx.sentence_index(start)
        c_start, c_end = ctx.clause_span(start, end)
        clause = (max(c_start, start - REACH), min(c_end, end + REACH))
        return cls(ctx, start, end, index, ctx.item_span(start, end), clause, {})

    def span(self, scope: str) -> tuple[int, int] | None:
        """The scope's span, never further than ``REACH`` from the figure."""
        span = self._span(scope)
        if span is None or scope in ("title", "heading", "label", "previous"):
            return span
        return max(span[0], self.start - REACH), min(span[1], self.end + REACH)

    def _span(self, scope: str) -> tuple[int, int] | None:
        ctx = self.ctx
        if scope == "item":
            return self.item
        if scope == "clause":
            return self.clause
        if scope == "left":
            return self.item[0], self.start
        if scope == "right":
            return self.end, self.item[1]
        if scope == "sentence":
            return ctx.sentence_span(self.sentence_index)
        if scope == "previous":
            return ctx.sentence_span(self.sentence_index - 1) if self.sentence_index > 0 else None
        if scope == "paragraph":
            before = ctx.paragraph_before(self.sentence_index)
            first = before[-1] if before else self.sentence_index
            return ctx.sentences[first].start, ctx.sentences[self.sentence_index].end
        if scope == "heading":
            h = ctx.heading_before(self.sentence_index)
            return ctx.sentence_span(h) if h is not None else None
        if scope == "label":
            h = ctx.label_of(self.sentence_index)
            return ctx.sentence_span(h) if h is not None else None
        if scope == "window":
            _s_start, s_end = ctx.sentence_span(self.sentence_index)
            return max(0, self.start - _WINDOW), s_end
        if scope == "title":
            t = ctx.title_index
            return ctx.sentence_span(t) if t is not None and t != self.sentence_index else None
        raise KeyError(scope)

    def text(self, scope: str) -> str:
        if scope == "bound":
            if scope not in self._texts:
                own = self.text("clause")
                sentence = self.ctx.sentence_text(self.sentence_index)
                continues = self.sentence_index > 0 and any(p.search(sentence) for p in self.ctx.lexicon.continuations)
                self._texts[scope] = (self.text("previous") + "\n" + own) if continues else own
            return self._texts[scope]
        if scope not in self._texts:
            span = self.span(scope)
            self._texts[scope] = self.ctx.text[span[0] : span[1]] if span else ""
        return self._texts[scope]

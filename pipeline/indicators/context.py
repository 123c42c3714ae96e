"""The words around a figure that mapping rules read: its clause, sentence, neighbours, section.

Belongs here: cutting a figure's surroundings into the scopes rules name (``item``, ``after``,
``sentence``, ``previous``, ``heading``, ``window``). Not here: the rules or what they decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..extract.segments import Segmenter

# Clauses of a sentence: lists are written "A, B; C and D".
# A parenthesis that itemises ("(out of which ...") or closes before a new number also breaks.
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|\s+and\s+|\s*\((?=(?:out )?of which|including|among them)|\)\s+(?=\d)")
_WINDOW = 400  # characters before a figure that stand for "what this part of the text is about"


@dataclass(frozen=True)
class Context:
    item: str  # the clause holding the figure ("2917 trainee workers / 18.3 percent /")
    after: str  # from the figure's start to the end of its clause
    sentence: str
    previous: str  # the sentence before, in the same document
    heading: str  # the latest heading line before the figure ("Technical cooperation")
    window: str  # the text shortly before the figure, and its sentence

    def scope(self, name: str) -> str:
        return getattr(self, name)


class DocumentContext:
    """Contexts of figures in one document; sentences are cut once per document."""

    def __init__(self, text: str):
        self.text = text
        self.segments = Segmenter(text)
        self._headings = [(s.start, text[s.start:s.end]) for s in self.segments.sentences if s.heading]

    def of(self, start: int) -> Context:
        text = self.text
        index = self.segments.index_at(start)
        sentence = self.segments.sentences[index]
        body = text[sentence.start:sentence.end]
        offset = start - sentence.start
        clause_start, clause_end = 0, len(body)
        for m in _CLAUSE_BREAK.finditer(body):
            if m.end() <= offset:
                clause_start = m.end()
            elif m.start() > offset:
                clause_end = m.start()
                break
        previous = ""
        if index > 0:
            p = self.segments.sentences[index - 1]
            previous = text[p.start:p.end]
        heading = ""
        for h_start, h_text in reversed(self._headings):
            if h_start < sentence.start:
                heading = h_text
                break
        return Context(
            item=body[clause_start:clause_end],
            after=body[offset:clause_end],
            sentence=body,
            previous=previous,
            heading=heading,
            window=text[max(0, start - _WINDOW):start] + " " + body,
        )

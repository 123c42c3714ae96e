"""Cutting a text into lines (paragraphs, headings) and sentences, as character spans.

Belongs here: sentence and paragraph boundaries, with the abbreviations that do not end a sentence.
Not here: anything about numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital or digit.
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[.!?]?$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the line holding it
    heading: bool  # a short line without final punctuation: a section title or table cell


class Segmenter:
    """Sentence spans of one text, with lookup of the sentence holding an offset."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[Sentence] = []
        for paragraph, line in enumerate(_LINE.finditer(text)):
            self._split_line(line.start(), line.end(), paragraph)
        self._starts = [s.start for s in self.sentences]

    def _split_line(self, start: int, end: int, paragraph: int) -> None:
        text = self.text
        # Strip surrounding blanks so spans hold words only.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            return
        line = text[start:end]
        heading = not line.endswith((".", "!", "?", ":", ";", ",", "”", '"')) and len(line.split()) <= 12
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            before = _WORD_BEFORE.search(text, max(cursor, boundary.start() - 12), boundary.start() + 1)
            word = before.group(1).rstrip(".").lower() if before else ""
            # Initials ("U. Khurelsukh", "Ch. Khurelbaatar") and abbreviations do not end a sentence.
            if word in ABBREVIATIONS or (before and len(before.group(1).rstrip(".")) <= 2 and before.group(1)[0].isupper()):
                continue
            self.sentences.append(Sentence(cursor, boundary.start() + 1, paragraph, heading))
            cursor = boundary.end()
        self.sentences.append(Sentence(cursor, end, paragraph, heading))

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one when between sentences)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def at(self, offset: int) -> Sentence:
        return self.sentences[self.index_at(offset)]

"""Cutting a text into lines (paragraphs, headings) and sentences, as character spans.

Belongs here: sentence and paragraph boundaries, with the abbreviations that do not end a sentence.
Not here: anything about numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .lexicon import ABBREVIATIONS, ABBREVIATION_WINDOW

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (and closing quotes/brackets) followed by space and a capital or digit.
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])")
# The lookbehind lets the search skip starts inside a word at once.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9.])([A-Za-z][A-Za-z.]*)[.!?]?$")
_FINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",", "”", '"')


class Sentence(NamedTuple):
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
            self._split_line(line.start(), line.group(), paragraph)
        self._starts = [s.start for s in self.sentences]

    def _split_line(self, start: int, raw: str, paragraph: int) -> None:
        # Strip surrounding blanks so spans hold words only.
        line = raw.strip()
        if not line:
            return
        start += len(raw) - len(raw.lstrip())
        end = start + len(line)
        heading = not line.endswith(_FINAL_PUNCTUATION) and len(line.split()) <= 12
        text = self.text
        append = self.sentences.append
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            stop = boundary.start()
            before = _WORD_BEFORE.search(text, max(cursor, stop - ABBREVIATION_WINDOW), stop + 1)
            if before:
                word = before.group(1).rstrip(".")
                # Initials ("U. Khurelsukh", "Ch. Khurelbaatar") and abbreviations do not end a sentence.
                if word.lower() in ABBREVIATIONS or (len(word) <= 2 and word[0].isupper()):
                    continue
            append(Sentence(cursor, stop + 1, paragraph, heading))
            cursor = boundary.end()
        append(Sentence(cursor, end, paragraph, heading))

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one when between sentences)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def at(self, offset: int) -> Sentence:
        return self.sentences[self.index_at(offset)]

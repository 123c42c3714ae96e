"""Cutting a text into lines (paragraphs, headings) and sentences, as character spans.

Belongs here: sentence and paragraph boundaries, with the abbreviations that do not end a sentence.
Not here: anything about numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .lexicon import ABBREVIATION_WINDOW, ABBREVIATIONS

# A sentence ends at . ! ? (and closing quotes/brackets, and citation marks such as "[3]" or
# "[update]") followed by space and a capital or digit.
_BOUNDARY = re.compile(r"[.!?](?:\[[\w ]{1,12}\])*[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])")
# The same, one pattern per mark: the engine looks for a pattern's one first character in a tight
# loop, where testing each character against a class costs it some tens of instructions; and "!"
# and "?" are rare. Their matches never overlap (a match holds its mark, closers and blanks only).
_BOUNDARY_AT = {mark: re.compile(re.escape(mark) + _BOUNDARY.pattern[len("[.!?]") :]) for mark in ".!?"}
# The lookbehind lets the search skip starts inside a word at once.
_WORD_BEFORE = re.compile(r"(?<![A-Za-z0-9.])([A-Za-z][A-Za-z.]*)[.!?]?$")
_FINAL_PUNCTUATION = (".", "!", "?", ":", ";", ",", "”", '"')


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int  # index of the line holding it
    heading: bool  # a short line without final punctuation: a section title or table cell


def _split_line(text: str, start: int, end: int, paragraph: int, heading: bool, append) -> None:
    """Append the sentences of the stripped line text[start:end] with ``append``."""
    cursor = start
    for boundary in _boundaries(text, start, end):
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


def _boundaries(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of ``_BOUNDARY`` in text[start:end], in text order."""
    found = list(_BOUNDARY_AT["."].finditer(text, start, end))
    for mark in "!?":
        if text.find(mark, start, end) >= 0:
            found += _BOUNDARY_AT[mark].finditer(text, start, end)
            found.sort(key=lambda m: m.start())
    return found


def _lines(text: str):
    """(start, end, paragraph, heading) of every line that holds more than blanks, stripped.

    ``paragraph`` counts the lines that are not empty, blank ones included."""
    offset = 0
    paragraph = 0
    for raw in text.split("\n"):
        if raw:
            stripped = raw.strip()
            if stripped:
                # Strip surrounding blanks so spans hold words only.
                start = offset + raw.find(stripped[0])
                heading = not stripped.endswith(_FINAL_PUNCTUATION) and len(stripped.split(None, 12)) <= 12
                yield start, start + len(stripped), paragraph, heading
            paragraph += 1
        offset += len(raw) + 1


class Segmenter:
    """Sentence spans of one text, with lookup of the sentence holding an offset."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[Sentence] = []
        for start, end, paragraph, heading in _lines(text):
            _split_line(text, start, end, paragraph, heading, self.sentences.append)
        self._starts = [s.start for s in self.sentences]

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the previous one when between sentences)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def at(self, offset: int) -> Sentence:
        return self.sentences[self.index_at(offset)]


class LineSegmenter:
    """The sentences of one text, cut line by line on demand: a line is split into sentences
    only when a figure asks for it, so lines without figures cost one pass of the line scan.

    A sentence is named by a key ``(line number, sentence number in the line)``; keys sort in
    text order. The spans of a split line are those ``Segmenter`` gives.
    """

    def __init__(self, text: str):
        self.text = text
        self.lines = list(_lines(text))
        self._line_starts = [line[0] for line in self.lines]
        self._split: dict[int, list[Sentence]] = {}
        self._sentence_starts: dict[int, list[int]] = {}

    def sentences_of(self, line: int) -> list[Sentence]:
        found = self._split.get(line)
        if found is None:
            found = []
            start, end, paragraph, heading = self.lines[line]
            _split_line(self.text, start, end, paragraph, heading, found.append)
            self._split[line] = found
            self._sentence_starts[line] = [s.start for s in found]
        return found

    def key_at(self, offset: int) -> tuple[int, int]:
        """Key of the sentence holding ``offset`` (the previous one when between sentences)."""
        if not self.lines:
            return (0, 0)
        line = bisect_right(self._line_starts, offset) - 1
        if line < 0:
            line = 0
        starts = self._sentence_starts.get(line)
        if starts is None:
            self.sentences_of(line)
            starts = self._sentence_starts[line]
        if len(starts) == 1:
            return (line, 0)  # most lines hold one sentence
        k = bisect_right(starts, offset) - 1
        return (line, k if k > 0 else 0)

    def sentence(self, key: tuple[int, int]) -> Sentence:
        split = self._split.get(key[0])
        return (split if split is not None else self.sentences_of(key[0]))[key[1]]

    def heading_keys(self, exclude) -> list[tuple[int, int]]:
        """Keys of the heading sentences not in ``exclude``, in text order. A heading line no
        figure has asked about counts as one sentence: only its place among headings matters."""
        keys = []
        for i, line in enumerate(self.lines):
            if not line[3]:
                continue
            split = self._split.get(i)
            for k in range(len(split) if split else 1):
                if (i, k) not in exclude:
                    keys.append((i, k))
        return keys

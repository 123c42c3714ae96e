"""The figure record: what the extractor returns for every number it finds.

Belongs here: the plain data shape shared by the extractor, the evaluator and the benchmark.
Not here: how figures are found (``extractor.py``) or how they are published (``schemas/``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Units of the annotation vocabulary that denote a point in time rather than a quantity.
TIME_UNITS = frozenset({"year", "date"})


@dataclass(frozen=True, slots=True)
class DocumentHints:
    """What the manifest says about a document that decides how its figures are read.

    All optional: ``country`` (ISO 3166 alpha-2 code or English name of the publisher's
    country), ``publisher`` (its name), ``currency`` (ISO 4217 code a bare "$" or "¥" stands for),
    ``date`` (the document's ISO date: it gives a dateline with no year its year).
    """

    country: str = ""
    publisher: str = ""
    currency: str = ""
    date: str = ""


@dataclass(slots=True)
class Figure:
    """One figure found in a text, with the exact span it was read from."""

    document: str  # raw file name
    start: int  # Python str offset into the decoded text
    end: int
    quote: str  # text[start:end], verbatim
    value: float  # fully expanded; for a year or date, the year (the full ISO date is in ``period``)
    unit: str  # ISO 4217 code, percent, person, count, times, rank, year, date, or a pint symbol (MW, km²)
    qualifier: str = "exact"
    period: str = ""  # ISO year, month or day the figure refers to ("" when the text gives none)
    kind: str = "quantity"  # "quantity" or "date" (a calendar year or date)
    sentence: str = ""
    sentence_start: int = 0
    flags: tuple[str, ...] = field(default_factory=tuple)
    dimension: str = ""  # length, area, energy, currency, count, ... (units.dimension_of)
    currency_assumed: bool = False  # the currency was taken from the document, not written next to the amount
    rule: str = ""  # name of the rule that read the figure (rules.py)

    def figure_id(self, occurrence: int) -> str:
        """Stable id: unchanged for unchanged text, independent of edits elsewhere in the file.

        ``occurrence`` is the n-th figure with the same quote and qualifier in the document.
        """
        key = f"{self.document}\x1f{self.quote}\x1f{self.qualifier}\x1f{occurrence}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

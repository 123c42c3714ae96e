"""The figure record: what the extractor returns for every number it finds.

Belongs here: the plain data shape shared by the extractor, the evaluator and the benchmark.
Not here: how figures are found (``extractor.py``) or how they are published (``schemas/``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Units of the annotation vocabulary that denote a point in time rather than a quantity.
TIME_UNITS = frozenset({"year", "date"})


@dataclass(slots=True)
class Figure:
    """One figure found in a text, with the exact span it was read from."""

    document: str  # raw file name
    start: int  # Python str offset into the decoded text
    end: int
    quote: str  # text[start:end], verbatim
    value: float  # fully expanded; for a year or date, the year (the full ISO date is in ``period``)
    unit: str  # ISO 4217 code, percent, person, count, MW, MWh, kWh, rank, year, date, or a symbol
    qualifier: str = "exact"
    period: str = ""  # ISO year, month or day the figure refers to ("" when the text gives none)
    kind: str = "quantity"  # "quantity" or "date" (a calendar year or date)
    sentence: str = ""
    sentence_start: int = 0
    flags: tuple[str, ...] = field(default_factory=tuple)

    def figure_id(self, occurrence: int) -> str:
        """Stable id: unchanged for unchanged text, independent of edits elsewhere in the file.

        ``occurrence`` is the n-th figure with the same quote and qualifier in the document.
        """
        key = f"{self.document}\x1f{self.quote}\x1f{self.qualifier}\x1f{occurrence}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

"""Rules of the family "money": which currency an amount is in, ISO 4217.

Belongs here: the currency of a symbol or word written next to an amount. Unambiguous ones map
straight to their code ("US$", "yen", "MNT"); ambiguous ones ("$", "dollars", "¥") take the
currency the document gives them: a currency of their family written nearby, within
``CURRENCY_CONTEXT_WINDOW`` characters before the amount ("C$", "Canadian dollars", "yuan"),
else the document's hints (the manifest's currency, country or publisher), else the default
(USD, JPY). Such amounts are flagged
``currency_assumed``. Windows and vocabularies are data in ``lexicon.py``.
Not here: where a currency stands (``patterns.py``), scales and ranges (``rules/numbers.py``).
"""

from __future__ import annotations

from .. import patterns as P
from ..lexicon import (
    AMBIGUOUS_CURRENCIES,
    COUNTRY_CURRENCIES,
    CURRENCY_CONTEXT_WINDOW,
    CURRENCY_FAMILIES,
    CURRENCY_MARKERS,
    CURRENCY_MENTION_REACH,
    CURRENCY_MENTIONS,
)
from ..model import DocumentHints
from .state import State


def hinted_currency(hints: DocumentHints | None, family: frozenset[str]) -> str | None:
    """The currency of ``family`` (the dollar currencies, say) the manifest gives a document."""
    if hints is None:
        return None
    if hints.currency in family:
        return hints.currency
    country = COUNTRY_CURRENCIES.get(hints.country.strip().lower())
    if country in family:
        return country
    publisher = hints.publisher.lower()
    for name, code in COUNTRY_CURRENCIES.items():
        if len(name) > 2 and code in family and name in publisher:
            return code  # "Global Affairs Canada"
    return None


class Money(State):
    """Mixin of the extraction pass: the currency of an amount."""

    def _currency(self, written: str, code: str, pos: int) -> tuple[str, bool]:
        """(ISO code, assumed) for the currency ``written`` next to the amount at ``pos``."""
        family_name = AMBIGUOUS_CURRENCIES.get(written.lower())
        if family_name is None:
            return code, False
        return self._currency_in_context(CURRENCY_FAMILIES[family_name], pos) or code, True

    def _currency_in_context(self, family: frozenset[str], pos: int) -> str | None:
        """A currency of ``family`` named nearby ("C$12 million ... and a further $3 million"),
        else the one the document's hints give, else None (the default)."""
        window = self.lower[max(0, pos - CURRENCY_CONTEXT_WINDOW) : pos]
        first = min((i for i in (window.find(m) for m in CURRENCY_MARKERS[family]) if i >= 0), default=-1)
        named = None
        if first >= 0:  # most windows name no currency: a few substring tests tell
            for m in P.CURRENCY_MENTION_LOWER.finditer(window, max(0, first - CURRENCY_MENTION_REACH)):
                code = CURRENCY_MENTIONS.get(" ".join(m.group(0).split()))
                if code in family:
                    named = code  # the nearest before the amount wins
        return named or hinted_currency(self.hints, family)

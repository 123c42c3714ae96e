"""Rules of the family "money": which currency an amount is in, ISO 4217.

Belongs here: the currency of a symbol or word written next to an amount. Unambiguous ones map
straight to their code ("US$", "yen", "MNT"); ambiguous ones ("$", "dollars", "¥") take the
currency the document gives them: a dollar currency written nearby ("C$", "Canadian dollars")
first, else the document's hints (the manifest's currency, country or publisher), else the one
dollar currency the text names, else the default (USD, JPY). Such amounts are flagged
``currency_assumed``. Windows and vocabularies are data in ``lexicon.py``.
Not here: where a currency stands (``patterns.py``), scales and ranges (``rules/numbers.py``).
"""

from __future__ import annotations

from bisect import bisect_right

from .. import patterns as P
from ..lexicon import (
    AMBIGUOUS_CURRENCIES,
    COUNTRY_CURRENCIES,
    CURRENCY_FAMILIES,
    CURRENCY_MARKERS,
    CURRENCY_CONTEXT_WINDOW,
    CURRENCY_MENTIONS,
    CURRENCY_PREFIXES,
)
from ..model import DocumentHints


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


class Money:
    """Mixin of the extraction pass: the currency of an amount."""

    def _currency(self, written: str, code: str, pos: int) -> tuple[str, bool]:
        """(ISO code, assumed) for the currency ``written`` next to the amount at ``pos``."""
        family_name = AMBIGUOUS_CURRENCIES.get(written.lower())
        if family_name is None:
            return code, False
        family = CURRENCY_FAMILIES[family_name]
        return self._currency_in_context(family_name, family, pos) or code, True

    def _currency_in_context(self, family_name: str, family: frozenset[str], pos: int) -> str | None:
        mentions = self._mentions(family_name, family)
        i = bisect_right(mentions, (pos, "")) - 1
        if i >= 0 and pos - mentions[i][0] <= CURRENCY_CONTEXT_WINDOW:
            return mentions[i][1]  # "C$12 million ... and a further $3 million"
        hinted = hinted_currency(self.hints, family)
        if hinted:
            return hinted
        named = {code for _, code in mentions}
        return named.pop() if len(named) == 1 else None  # one dollar currency named in the text

    def _mentions(self, family_name: str, family: frozenset[str]) -> list[tuple[int, str]]:
        """Offsets of the currencies of ``family`` written unambiguously, found once per text.

        A text that names no other currency of the family than its default (most texts) is
        told by a few substring tests, without a regex scan.
        """
        cached = self._currency_mentions.get(family_name)
        if cached is None:
            cached = []
            lower = self.lower
            if hinted_currency(self.hints, family) is None and not any(m in lower for m in CURRENCY_MARKERS[family_name]):
                self._currency_mentions[family_name] = cached
                return cached
            for m in P.CURRENCY_MENTION.finditer(self.text):
                written = m.group(0)
                code = CURRENCY_PREFIXES.get(written) or CURRENCY_MENTIONS.get(" ".join(written.lower().split()))
                if code in family:
                    cached.append((m.start(), code))
            self._currency_mentions[family_name] = cached
        return cached

"""Direction: whose exports or imports a trade figure is, and which way aid flows.

Belongs here: reading the flow word bound to a trade figure (export, import, turnover) and the
party that owns it: the party after "to"/"from"/"into" is the counterpart ("exports to Japan",
"imported ... from Mongolia"), the party before it or after "of" is the trader ("Japan's
exports", "Japan exported", "exports of Mongolia"). Trade is published from Mongolia's side:
Japan's exports to Mongolia are Mongolia's imports from Japan. An elided trader ("Our exports to
Japan were X and imports Y") is the one of the earlier flow word of the clause. Aid that Mongolia
gives Japan is no Japanese ODA.
Not here: the words (``lexicon.yaml``), parties of the figure (``parties.py``).
"""

from __future__ import annotations

import re

from .context import FigureScopes

_TURNOVER = re.compile(
    r"\b(?:turnover|total trade|trade volume|volume of trade|bilateral trade|two-way trade|flow of trade|trade (?:between|with)|trade"
    r"|imports?\s*/\s*exports?|exports?\s*/\s*imports?|exports? and imports?|imports? and exports?)\b",
    re.I,
)
_COUNTERPART_BEFORE = re.compile(r"\b(?:to|from|into|for)\s+(?:the\s+)?$", re.I)
_TRADER_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)
_TRADER_WINDOW = 40  # characters before a flow word where its trader stands ("Japan's exports")
# Between a trader and its flow word: a possessive and a few lower-case words at most.
_TRADER_THEN_FLOW = re.compile(r"^(?:['’]s?)?(?:\s+(?:total|main|overall|annual|[a-z]+)){0,2}\s+$")
FLOWS = {
    ("mongolia", "export"): "exports_to_japan",
    ("mongolia", "import"): "imports_from_japan",
    ("japan", "export"): "imports_from_japan",
    ("japan", "import"): "exports_to_japan",
}


def _cues(scopes: FigureScopes, lo: int, hi: int) -> list[tuple[int, str, int, int]]:
    """Flow words in [lo, hi) as (distance to the figure, kind, start, end)."""
    lx = scopes.ctx.lexicon
    text = scopes.ctx.text
    out = []
    # "imports/exports", "exports and imports": both flows at once, a turnover, not one of them.
    joint = [(m.start(), m.end()) for m in _TURNOVER.finditer(text, lo, hi) if lx.export.search(m.group()) and lx.import_.search(m.group())]
    for kind, pattern in (("export", lx.export), ("import", lx.import_), ("turnover", _TURNOVER)):
        for m in pattern.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            if kind != "turnover" and any(a <= s and e <= b for a, b in joint):
                continue
            if e <= scopes.start:
                d = scopes.start - e
            elif s >= scopes.start:
                d = max(0, s - scopes.end)
            else:
                continue
            out.append((d + (1 if kind == "turnover" else 0), kind, s, e))
    return sorted(out)


def _trader(scopes: FigureScopes, start: int, end: int, clause_end: int) -> str | None:
    """'mongolia' or 'japan': who exports or imports, read around the flow word [start, end).

    Both ends must be bound: the counterpart after "to"/"from" ("exports to Japan"), or a trader
    before the flow word ("Japan's exports") whose counterpart the clause also names. "Mongolia's
    exports" alone are its exports to the world, not to Japan."""
    ctx = scopes.ctx
    text = ctx.text
    for m in ctx.mentions_in(end, clause_end):
        if m.side not in ("mongolia", "japan"):
            continue
        before = text[max(end, m.start - 12) : m.start]
        if _COUNTERPART_BEFORE.search(before):
            return "japan" if m.side == "mongolia" else "mongolia"
        if _TRADER_BEFORE.search(before):
            trader = m.side
            break
    else:
        near = [m for m in ctx.mentions_in(max(scopes.clause[0], start - _TRADER_WINDOW), start) if m.side in ("mongolia", "japan")]
        if not (near and _TRADER_THEN_FLOW.match(text[near[-1].end : start])):
            return None
        trader = near[-1].side  # "Japan's exports", "Japan exported", "Mongolian coal exports"
    other = "japan" if trader == "mongolia" else "mongolia"
    c_start, c_end = scopes.clause
    if any(m.side in (other, "pair") for m in ctx.mentions_in(c_start, c_end)):
        return trader
    return None


def trade_flow(scopes: FigureScopes) -> tuple[str, int, int] | None:
    """The flow of a trade figure from Mongolia's side, with the span of its flow word; None when
    no flow word is bound to the figure or whose flow it is cannot be read."""
    for lo, hi in (scopes.item, scopes.clause):
        cues = _cues(scopes, lo, hi)
        if cues:
            break
    else:
        return None
    _, kind, start, end = cues[0]
    if kind == "turnover":
        # Trade of both: "trade between Mongolia and Japan", "bilateral trade", "the two countries".
        sides = {m.side for m in scopes.ctx.mentions_in(*scopes.clause)}
        if "pair" in sides or {"mongolia", "japan"} <= sides:
            return "turnover", start, end
        return None
    c_start, c_end = scopes.clause
    trader = _trader(scopes, start, end, c_end)
    if trader is None:
        # "Exports to Japan were X and imports Y": the trader of the clause's earlier flow word.
        earlier = [c for c in _cues(scopes, c_start, start) if c[1] != "turnover" and c[3] <= start]
        for _, _, s, e in sorted(earlier, key=lambda c: -c[2]):
            trader = _trader(scopes, s, e, start)
            if trader:
                break
    if trader is None:
        return None
    return FLOWS[(trader, kind)], start, end


def aid_reversed(scopes: FigureScopes) -> bool:
    """Aid from Mongolia to Japan ("Mongolia provided USD ... in humanitarian aid to Japan")."""
    pattern = scopes.ctx.lexicon.aid_to_japan
    return bool(pattern.search(scopes.text("item")) or pattern.search(scopes.text("clause")))

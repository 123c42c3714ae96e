"""Parties first: which parties the text binds a figure to, and how closely.

Belongs here: walking the scopes around a figure from the closest outwards (item, clause, the
antecedent of a definite noun phrase, sentence, paragraph, heading, title) and deciding, at the
first scope that names a foreign party, whether the figure is about Japan (or a Japanese body) or
about another partner; Mongolia's side is looked for the same way. "The two countries" and
"bilateral" stand for the pair the text named last. Nothing is assumed: a figure no scope binds to
both Mongolia and Japan is not a Mongolia–Japan fact.
Not here: the words (``lexicon.yaml``), what the figure measures (``mapping.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import DocumentContext, FigureScopes, Mention

_GENERIC_JAPAN = {"japan", "japanese_places", "yen_loan"}
LEVELS = ("item", "clause", "antecedent", "sentence", "paragraph", "heading", "title")
_ANTECEDENT_WINDOW = 10  # sentences searched back for what "the loan" refers to
_PAIR_WINDOW = 8  # sentences searched back for the pair "the two countries" stands for
_NEAR = ("item", "clause", "sentence")  # levels at which the figure's own sentence binds a party


@dataclass(frozen=True)
class Binding:
    partner: str = ""  # name of the Japanese party ("Japan", "JBIC"); empty when Japan is not bound
    mongolia: bool = False
    other: str = ""  # the other partner the figure is bound to, when that decided
    basis: str = ""  # the widest level needed to bind both parties
    detail: str = ""

    @property
    def bilateral(self) -> bool:
        return bool(self.partner) and self.mongolia and not self.other


def _nearest(mentions: list[Mention], start: int, end: int) -> Mention:
    return min(mentions, key=lambda m: start - m.end if m.end <= start else m.start - end)


def _pair_sides(ctx: DocumentContext, sentence_index: int, window: int = _PAIR_WINDOW, title: bool = True) -> tuple[str, str] | None:
    """The pair "the two countries" stands for: the last sentence before naming Mongolia and one
    partner, at most ``window`` sentences back counting its own (and the title, when ``title``)."""
    spans = [ctx.sentence_span(i) for i in range(sentence_index, max(-1, sentence_index - window), -1)]
    if window < _PAIR_WINDOW:
        # Sentences that each speak of "the two countries" keep the pair in view: the search goes
        # on past the window while every sentence it passes says "the two countries" itself.
        i = sentence_index - window + 1
        while i > 0 and sentence_index - i < _PAIR_WINDOW and any(m.side == "pair" for m in ctx.mentions_in(*ctx.sentence_span(i))):
            i -= 1
            spans.append(ctx.sentence_span(i))
    if title and ctx.title_index is not None:
        spans.append(ctx.sentence_span(ctx.title_index))
    for start, end in spans:
        mentions = [m for m in ctx.mentions_in(start, end) if m.side in ("mongolia", "japan", "other")]
        if any(m.side == "mongolia" for m in mentions):
            japan = [m for m in mentions if m.side == "japan"]
            other = [m for m in mentions if m.side == "other"]
            if japan and not other:
                return "japan", japan[0].name
            if other and not japan:
                return "other", other[0].name
            if japan and other:
                return None
    return None


def _headline_side(ctx: DocumentContext, sentence_index: int) -> tuple[str, str] | None:
    """The one party a text's headline names ("Official Development Assistance from Japan"):
    ('japan', name) or ('mongolia', name) when its first heading lines name one of them and no
    other partner, nor all partners; None otherwise."""
    block = [i for i in ctx.headline_block if i != sentence_index]
    if not block:
        return None
    mentions = ctx.mentions_in(ctx.sentences[block[0]].start, ctx.sentences[block[-1]].end)
    sides = {m.side for m in mentions}
    if sides & {"other", "world", "pair"} or len(sides) != 1:
        return None
    bodies = [m for m in mentions if m.party not in _GENERIC_JAPAN]
    return mentions[0].side, (bodies or mentions)[0].name


def _in_a_sibling_item(scopes: FigureScopes, m: Mention) -> bool:
    """Whether a mention outside the figure's item is another list item's own source: it lies in
    an item holding a figure of its own, after that figure and the first figure of its clause (the
    words before that are every item's), introduced as a source ("from the Japan Fund"), and no
    finite verb after that figure makes it the whole list's ("X and Y were provided by Japan")."""
    ctx = scopes.ctx
    i_start, i_end = scopes.item
    if i_start <= m.start and m.end <= i_end:
        return False
    lo, hi = ctx.item_span(m.start, m.end)
    own = [q for q in ctx.quantities_in(lo, hi) if q[0] != scopes.start]
    if not own:
        return False
    c_start, c_end = ctx.clause_span(m.start, m.end)
    first = ctx.quantities_in(c_start, c_end)
    if not first or m.start < first[0][0]:
        return False
    before = [q for q in own if q[1] <= m.start]
    if not before:
        return False
    tail = ctx.text[before[-1][1] : m.start]
    return bool(ctx.lexicon.item_source.search(tail)) and not ctx.lexicon.shared_predicate.search(tail)


def _antecedent_spans(scopes: FigureScopes) -> list[tuple[int, int]]:
    """The sentences a definite noun phrase of the figure's clause may refer to, nearest first:
    earlier sentences naming a thing of the same kind and some party."""
    ctx, lexicon = scopes.ctx, scopes.ctx.lexicon
    clause = scopes.text("clause")
    sentence = ctx.sentence_text(scopes.sentence_index)
    heads = [name for name, p in lexicon.anaphora_heads.items() if p.search(clause)]
    continues = any(p.search(sentence) for p in lexicon.continuations)
    out: list[tuple[int, int]] = []
    if not heads and not continues:
        return out
    first = scopes.sentence_index - 1
    for i in range(first, max(-1, first - _ANTECEDENT_WINDOW), -1):
        start, end = ctx.sentence_span(i)
        if not ctx.mentions_in(start, end):
            continue
        text = ctx.text[start:end]
        if (continues and i == first) or any(_head_named(lexicon, name, text) for name in heads):
            out.append((start, end))
    return out


def _head_named(lexicon, name: str, text: str) -> bool:
    """Whether a sentence names a thing of the kind ``name`` (with or without a determiner)."""
    words = lexicon.spec.anaphora.heads[name]
    return re.search(r"\b(?:" + "|".join(words) + r")\b", text, re.I) is not None


EVENT_PAIR_WINDOW = 2  # an event's "the two countries": a pair its own sentence or the one before names


def named_pair(ctx: DocumentContext, start: int, end: int, sentence_index: int) -> tuple[str, str] | None:
    """Who the span [start, end) binds both sides to, for an event: ('japan', name) when it names
    Mongolia and Japan (or a Japanese body), or says "the two countries" of a Mongolia–Japan pair
    named in its own sentence or the one before, and names no other partner; ('other', name) when
    it names another partner or the pair is another; None when it binds no pair."""
    mentions = ctx.mentions_in(start, end)
    japan = [m for m in mentions if m.side == "japan"]
    # All partners at once ("the global situation") say nothing against Japan named beside them.
    other = [m for m in mentions if m.side == "other" or (m.side == "world" and not japan)]
    if other:
        return "other", other[0].name
    mongolia = any(m.side == "mongolia" for m in mentions)
    if japan and mongolia:
        bodies = [m for m in japan if m.party not in _GENERIC_JAPAN]
        return "japan", (bodies or japan)[0].name
    if any(m.side == "pair" for m in mentions):
        pair = _pair_sides(ctx, sentence_index, window=EVENT_PAIR_WINDOW, title=False)
        return pair
    return None


def event_antecedents(scopes: FigureScopes) -> list[tuple[int, tuple[int, int]]]:
    """(sentence index, span) of the sentences an event's definite noun phrase ("the EPA", "the
    agreement") or continuation ("they signed") refers to, nearest first (``_antecedent_spans``)."""
    ctx = scopes.ctx
    out = [(ctx.sentence_index(span[0]), span) for span in _antecedent_spans(scopes)]
    # "...agreed to send students in 1974; the first student to arrive under the agreement came in
    # 1976": a definite noun phrase may refer to the thing its own sentence named before its clause.
    lexicon = ctx.lexicon
    s_start = ctx.sentence_span(scopes.sentence_index)[0]
    if scopes.clause[0] > s_start and any(p.search(scopes.text("clause")) for p in lexicon.anaphora_heads.values()):
        out.insert(0, (scopes.sentence_index, (s_start, scopes.clause[0])))
    return out


def bind(scopes: FigureScopes, *, widest: str = "title") -> Binding:
    """The parties the text binds the figure to, looking no further than ``widest``."""
    ctx = scopes.ctx
    partner, mongolia, basis_japan, basis_mongolia = "", False, "", ""
    seen_pair = False
    steps: list[tuple[str, tuple[int, int]]] = []
    for level in LEVELS[: LEVELS.index(widest) + 1]:
        if level == "antecedent":
            steps.extend(("antecedent", span) for span in _antecedent_spans(scopes))
        elif level == "paragraph":
            before = ctx.paragraph_before(scopes.sentence_index)
            if before:
                steps.append((level, (ctx.sentences[before[-1]].start, ctx.sentences[before[0]].end)))
        else:
            span = scopes.span(level)
            if span:
                steps.append((level, span))
    for level, span in steps:
        mentions = ctx.mentions_in(*span)
        if level in ("clause", "sentence"):
            mentions = [m for m in mentions if not _in_a_sibling_item(scopes, m)]
        if not mentions:
            continue
        if level == "title" and not ({"mongolia", "japan"} <= {m.side for m in mentions} or "pair" in {m.side for m in mentions}):
            continue  # a title binds a whole text only when it names both parties
        sides = {m.side for m in mentions}
        if "pair" in sides and not seen_pair:
            seen_pair = True
            pair = _pair_sides(ctx, scopes.sentence_index)
            named = [m for m in mentions if m.side == "other"]
            if pair and pair[0] == "japan" and named and not partner:
                # "Relations between Mongolia and the Republic of Korea ..., and the two countries":
                # the pair of an earlier sentence is not the pair this scope names.
                found = _nearest(named, scopes.start, scopes.end)
                return Binding(mongolia=mongolia, other=found.name, basis=level, detail=f"'{found.text}' in its {level}")
            if pair and pair[0] == "japan":
                if not partner:
                    partner, basis_japan = pair[1], level
                if not mongolia:
                    mongolia, basis_mongolia = True, level
            elif pair and pair[0] == "other" and not partner:
                return Binding(other=pair[1], mongolia=True, basis=level, detail=f"'the two countries' are Mongolia and {pair[1]}")
        if not partner:
            japan = [m for m in mentions if m.side == "japan"]
            other = [m for m in mentions if m.side == "other"]
            world = [m for m in mentions if m.side == "world"]
            if other and japan:
                names = sorted({m.name for m in other})
                return Binding(
                    mongolia=mongolia,
                    other=", ".join(names),
                    basis=level,
                    detail=f"both Japan and {', '.join(names)} in its {level}: which one is not bound",
                )
            if other or (world and not japan):
                found = _nearest(other or world, scopes.start, scopes.end)
                return Binding(mongolia=mongolia, other=found.name, basis=level, detail=f"'{found.text}' in its {level}")
            if japan:
                # A named body (JICA, JBIC, the Government of Japan) says more than "Japan".
                bodies = [m for m in japan if m.party not in _GENERIC_JAPAN]
                partner, basis_japan = _nearest(bodies or japan, scopes.start, scopes.end).name, level
        if not mongolia and "mongolia" in sides:
            mongolia, basis_mongolia = True, level
        if partner and mongolia:
            break
    if widest == "title" and bool(partner) != mongolia:
        # One side bound by the figure's own sentence, the other named by the headline alone
        # ("Official Development Assistance from Japan" / "339 experts have been sent to Mongolia").
        bound_near = (basis_japan if partner else basis_mongolia) in _NEAR
        side = _headline_side(ctx, scopes.sentence_index)
        if bound_near and side is not None:
            if side[0] == "mongolia" and partner:
                mongolia, basis_mongolia = True, "title"
            elif side[0] == "japan" and mongolia:
                partner, basis_japan = side[1], "title"
    if not (partner and mongolia):
        missing = " and ".join(x for x, ok in (("Mongolia", mongolia), ("Japan", bool(partner))) if not ok)
        return Binding(partner=partner, mongolia=mongolia, detail=f"{missing} not bound within its {widest}")
    basis = max(basis_japan, basis_mongolia, key=LEVELS.index)
    return Binding(partner=partner, mongolia=True, basis=basis)

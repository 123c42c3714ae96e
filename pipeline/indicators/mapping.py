"""Mapping figures to Mongolia–Japan observations, on evidence bound to each figure.

Belongs here: for every figure of a document, in order, (1) the measure or event bound to it
decides the indicator: every rule of ``rules.yaml`` whose cue lies in the figure's item, else its
clause, else the label above it, competes, and the cue nearest the figure wins; (2) parties: the
text must bind the figure to Mongolia and to Japan or a Japanese body (``parties.py``), and a
figure bound to another partner never becomes an observation; (3) direction of trade and aid
(``direction.py``); (4) the period, from the figure's own clause first (``periods.py``); (5) its
status (pledged, planned, estimated); (6) the plausible bounds of ``schemas/indicators.yaml``.
A figure that fails any step is reported in ``unmapped`` with the reason; an observation records
its evidence (cue phrase and offsets), partner, and where parties and period were read.
Not here: the words (``lexicon.yaml``), the rules (``rules.yaml``), thematic tables, Dagster.
"""

from __future__ import annotations

import hashlib
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as _date
from itertools import pairwise

import pandas as pd

from .. import schema
from ..extract.lexicon import ISO_4217
from . import direction
from .context import DocumentContext, FigureScopes
from .parties import Binding, bind, event_antecedents, named_pair
from .periods import DateFigure, DocumentDates, Period
from .resources import IndicatorSpec, Lexicon, Rule, load_catalog, load_lexicon, load_rules

_ENERGY = {"Wh", "kWh", "MWh", "GWh", "TWh"}
_POWER = {"W", "kW", "MW", "GW"}
# A cue of a wider scope is always further than any cue of a narrower one.
_LEVEL_PENALTY = {"item": 0, "clause": 10**6, "sentence": 2 * 10**6, "label": 3 * 10**6}
_BETWEEN_AND = re.compile(r"\bbetween\s+\S+\s+and\s+$", re.I)
_EVENT_REACH = 60  # characters between an event word and "today" / the weekday it is dated by
_DATE_INTRO = 40  # characters before a date read for "since", "as of", "from ... to"
_SINCE_BEFORE = re.compile(r"\b(?:since|starting(?: in| from)?|beginning(?: in)?)\s+(?:the\s+)?$", re.I)
_RELATIVE_ITEM = re.compile(r"^\W*(?:which|that|who|whose)\b", re.I)
_SERIES_REACH = 3
_PARTS_REACH = 12  # sentences after a total where amounts adding up to it are still its parts
PROGRESS_SECONDS = 10  # a line about a long text at most this often
_PART_REASONS = ("no_measure", "parties_not_bound")
_DATELINE_REACH = 3000  # characters after a date line where "signed today" still means its day  # sentences back within a paragraph where a series' period still holds


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _written_step(f: FigureRow) -> float | None:
    """One unit of the last digit ``f`` is written with, in its value ("$187Mln": a million), or
    None when its number cannot say how precise it is."""
    m = _WRITTEN_NUMBER.search(f.quote)
    if not m:
        return None
    written = float(m.group().replace(",", ""))
    if written == 0:
        return None
    step = abs(f.value / written) * 10 ** -len(m.group(1) or "")
    # A number written with one digit ("1 billion") agrees with too much to say anything.
    return step if step <= 0.05 * abs(f.value) else None


def _agrees(f: FigureRow, value: float) -> bool:
    """Whether ``value`` is ``f``'s value at the precision ``f`` is written with: within one unit
    of its last written digit ("$187Mln" agrees with 187.4 million, truncated or rounded)."""
    step = _written_step(f)
    return step is not None and abs(f.value - value) < step


def _any_between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list holds a value in [lo, hi)."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


# A rate the extractor wrote into the unit ("kWh/year", "MWh/d"): the base unit decides which
# indicators it may measure, and the rate stays in the published unit.
_PER_TIME = re.compile(r"(?P<base>[^/]+)(?P<per>/(?:year|month|week|d|day|h|hour))")


def split_rate(unit: str) -> tuple[str, str]:
    """("kWh", "/year") for "kWh/year"; (unit, "") for a unit that is no rate over time."""
    m = _PER_TIME.fullmatch(unit)
    return (m["base"], m["per"]) if m else (unit, "")


def unit_class(unit: str) -> str:
    if unit in ISO_4217:
        return "money"
    if unit in _ENERGY:
        return "energy"
    if unit in _POWER:
        return "power"
    return unit


def observation_columns() -> list[str]:
    return schema.tables()["observations"].field_names


def unmapped_columns() -> list[str]:
    return schema.tables()["unmapped"].field_names


@dataclass
class Candidate:
    rule: Rule
    distance: int
    evidence: tuple[int, int]
    breakdowns: dict[str, str]


@dataclass
class MappingResult:
    observations: list[dict] = field(default_factory=list)
    unmapped: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRow:
    figure_id: str
    document: str
    start: int
    end: int
    quote: str
    value: float
    unit: str
    qualifier: str
    period: str
    kind: str
    flags: str


class Mapper:
    """The rules, lexicon and catalog, loaded once, applied to documents."""

    def __init__(
        self, rules: tuple[Rule, ...] | None = None, lexicon: Lexicon | None = None, catalog: dict[str, IndicatorSpec] | None = None
    ):
        self.rules = rules if rules is not None else load_rules()
        self.lexicon = lexicon or load_lexicon()
        self.catalog = catalog or load_catalog()
        self.breakdowns = schema.breakdowns("observations")

    # --- evidence ---------------------------------------------------------------------------------
    def _evidence(self, rule: Rule, s: FigureScopes) -> tuple[int, tuple[int, int]] | None:
        """The nearest cue of the rule bound to the figure: (distance, span), or None."""
        text = s.ctx.text
        for level in rule.spec.within:
            if level == "label":
                span = s.span("label")
                if not span:
                    continue
                for p in rule.evidence:
                    m = p.search(text[span[0] : span[1]])
                    if m:
                        return _LEVEL_PENALTY[level], (span[0] + m.start(), span[0] + m.end())
                continue
            bounds = s.item if level == "item" else s.clause if level == "clause" else s.span("sentence")
            if bounds is None:
                continue
            lo, hi = bounds
            best = None
            left = text[lo : s.start]
            right = text[s.start : hi]  # the figure's own words count ("2,935 Mongolian students")
            for p in rule.evidence:
                last = None
                for m in p.finditer(left):
                    last = m
                if last and last.end() > 0:
                    d = len(left) - last.end()
                    if best is None or d < best[0]:
                        best = (d, (lo + last.start(), lo + last.end()))
                for m in p.finditer(right):
                    if m.end() == 0:
                        continue
                    d = max(0, m.start() - (s.end - s.start))
                    if best is None or d < best[0]:
                        best = (d, (s.start + m.start(), s.start + m.end()))
                    break
            if best:
                start, end = best[1]
                if start <= s.start < s.end < end:
                    # A cue that runs over the figure ("4,817 in Tokyo"): its words after the figure.
                    start = s.end + len(text[s.end : end]) - len(text[s.end : end].lstrip())
                return best[0] + _LEVEL_PENALTY[level], (start, end)
        return None

    def _conditions(self, rule: Rule, s: FigureScopes) -> bool:
        for scope, patterns in rule.require.items():
            if not any(p.search(s.text(scope)) for p in patterns):
                return False
        return all(not any(p.search(s.text(scope)) for p in patterns) for scope, patterns in rule.unless.items())

    def _breakdowns(self, rule: Rule, s: FigureScopes) -> dict[str, str] | None:
        found = dict(rule.spec.set)
        for column, (scopes, values) in rule.classify.items():
            found[column] = next((value for scope in scopes for value, p in values if p.search(s.text(scope))), "")
        for column, (scopes, pattern, reject) in rule.capture.items():
            for scope in scopes:
                m = pattern.search(s.text(scope))
                if m and m.group("v").strip() not in reject:
                    found[column] = " ".join(m.group("v").split())
                    break
            else:
                found.setdefault(column, "")
        if any(not found.get(c) for c in rule.spec.required_breakdowns):
            return None
        return found

    def _candidates(self, f: FigureRow, s: FigureScopes) -> list[Candidate]:
        out = []
        base = split_rate(f.unit)[0]
        uclass = unit_class(base)
        for rule in self.rules:
            if rule.spec.kind != f.kind or rule.spec.event == "dateline" or rule.spec.parts_of_total:
                continue
            if f.unit not in rule.units and base not in rule.units and uclass not in rule.units:
                continue
            if rule.spec.qualifiers and f.qualifier not in rule.spec.qualifiers:
                continue
            if not self._conditions(rule, s):
                continue
            ev = self._evidence(rule, s)
            if ev is None:
                continue
            breakdowns = self._breakdowns(rule, s)
            if breakdowns is None:
                continue
            out.append(Candidate(rule, ev[0], ev[1], breakdowns))
        out.sort(key=lambda c: (c.distance, c.rule.order))
        return out

    # --- status, sign, bounds ---------------------------------------------------------------------
    def _status(self, s: FigureScopes, event: tuple[int, int] | None = None) -> str:
        """pledged, estimated or planned when the figure's item says so, else its clause; a relative
        clause of its own ("..., which was valued at X") keeps the tense it states. An event's
        status is its event word's own ("will sign", "is expected to visit"): the words of the event
        word's item up to it; "agreed in 1974 to send students" is an agreement, not a plan."""
        if event is not None:
            text = s.ctx.text
            scopes = [text[s.ctx.item_span(*event)[0] : event[1]]]
        else:
            item = s.text("item")
            scopes = [item] if _RELATIVE_ITEM.match(item) else [item, s.text("clause")]
        for status in ("pledged", "estimated", "planned"):
            if any(p.search(text) for text in scopes for p in self.lexicon.status[status]):
                return status
        return ""

    def _out_of_bounds(self, indicator: str, value: float, unit: str) -> str:
        spec = self.catalog[indicator]
        for bounds in (spec.bounds, spec.bounds_by_unit.get(unit)):
            if bounds is None:
                continue
            if bounds.minimum is not None and value < bounds.minimum:
                return f"{value:g} {unit} is below the minimum {bounds.minimum:g} of {indicator}"
            if bounds.maximum is not None and value > bounds.maximum:
                return f"{value:g} {unit} is above the maximum {bounds.maximum:g} of {indicator}"
        return ""

    # --- dates ------------------------------------------------------------------------------------
    def _date_is_an_event(self, f: FigureRow, s: FigureScopes, dates: DocumentDates, evidence: tuple[int, int]) -> str:
        """Why a date with an event word in its clause is still no event date ('' when it is one)."""
        lx = self.lexicon
        text = s.ctx.text
        before = text[max(s.clause[0], f.start - _DATE_INTRO) : f.start]
        after = text[f.end : min(s.clause[1], f.end + _DATE_INTRO)]
        if lx.fiscal_before.search(before) or lx.fiscal_after.match(after) or lx.fiscal_quote.match(f.quote):
            return "a fiscal year, the period of an amount"
        if lx.change_before.search(before):
            return "a count of a change ('increased by 1340'), not a date"
        if lx.reference_before.search(before):
            return "a reference date ('as of', 'by', 'until')"
        day_range = f.unit == "date" and f.qualifier in ("range_low", "range_high")  # "visited from June 7 to 9"
        if lx.not_a_period_before.search(before) and not day_range:
            is_since = _SINCE_BEFORE.search(before)
            if not (is_since and lx.start_verbs.search(text[s.clause[0] : s.clause[1]])):
                return "the start or end of a span, or a base of comparison"
        if f.qualifier in ("range_low", "range_high") and not day_range:
            return "one end of a period of years"
        if dates.is_dateline(DateFigure(f.start, f.end, f.period, f.figure_id, False)):
            return "a date line"
        # "24,600 Mongolian tourists visited Japan in 2022": a count of people doing it, a statistic.
        lo = s.clause[0]
        if _any_between(self._people_starts, lo, evidence[0]):
            return "the period of a count of people, not an event"
        # "Thanks to the partnership, 3,100 students enrolled in 2023": an event noun with a figure
        # between it and the date dates the figure, not the event.
        cue = text[evidence[0] : evidence[1]]
        if not self.lexicon.event_verbs.search(cue):
            lo, hi = sorted((evidence[1], f.start))
            if _any_between(self._quantity_starts, lo, hi):
                return "the period of a figure between it and the event word"
        statement = self._event_statement(s)
        if not statement[0] <= evidence[0] < statement[1]:
            return "dated by another statement than its event word's (', and ...')"
        owner = self._own_event_of(f, s, evidence)
        if owner:
            return f"an event of {owner} alone: its subject is {owner}'s and nothing up to its date names the other party"
        if lx.writer_subject.search(text[s.clause[0] : evidence[0]]):
            return "an event of the writer's own ('I visited'), not of the parties"
        # "Saikhanbileg, who took office in November 2014, visiting Japan": a date in a relative
        # clause of its own is dated by that clause's verb, not by an event word outside it.
        item = text[s.item[0] : s.item[1]]
        if _RELATIVE_ITEM.match(item) and not (s.item[0] <= evidence[0] < s.item[1]):
            return "the date of a relative clause whose own verb is no event"
        if "year_inferred" in f.flags.split(";") and not dates.document_date and self._year_crossed(f):
            return "a date whose year was inferred across other years the text names"
        return ""

    def _year_crossed(self, f: FigureRow) -> bool:
        """Whether a date given without its year ("on March 17") comes after other years than the
        one inferred for it: the year it took from an earlier date is then no longer the text's."""
        return self._years.crossed(f.start, f.period[:4])

    def _event_phrase_binding(self, f: FigureRow, s: FigureScopes, evidence: tuple[int, int]) -> Binding | None:
        """Both parties in the event's own phrase, from its clause's start to its date (to the end
        of the event word's item when the date comes first), and no other partner there: "Japan had
        suspended yen loans to Mongolia in 2001 until Mongolia paid its debts to Russia" binds the
        suspension to Japan and Mongolia whatever the clause says after it. None otherwise."""
        ctx = s.ctx
        end = f.end if f.start >= evidence[1] else ctx.item_span(*evidence)[1]
        mentions = ctx.mentions_in(self._event_statement(s)[0], end)
        sides = {m.side for m in mentions}
        if not {"japan", "mongolia"} <= sides or sides & {"other", "world"}:
            return None
        japan = [m for m in mentions if m.side == "japan"]
        bodies = [m for m in japan if m.party not in ("japan", "japanese_places", "yen_loan")]
        return Binding(partner=(bodies or japan)[0].name, mongolia=True, basis="clause")

    def _event_statement(self, s: FigureScopes) -> tuple[int, int]:
        """The statement of the date's clause that holds the date: the clause cut at the words
        joining two statements (", and", ", but"), when that statement names a party; the whole
        clause when it names none but places (its subject is shared: "..., and entered into force in
        2016"; "..., and the ceremony was held at the Embassy in Tokyo")."""
        ctx, (lo, hi) = s.ctx, s.clause
        start, end = lo, hi
        for m in self.lexicon.conjunction.finditer(ctx.text, lo, hi):
            if self.lexicon.pending_pair.search(ctx.text, start, m.start()):
                continue
            if m.end() <= s.start:
                start = m.end()
            elif m.start() >= s.end:
                end = m.start()
                break
        # A place says where, not who ("the ceremony was held at the Embassy in Tokyo").
        actors = [m for m in ctx.mentions_in(start, end) if m.party != "japanese_places"]
        if (start, end) != (lo, hi) and not actors:
            return lo, hi
        return start, end

    def _event_clause_binding(self, s: FigureScopes) -> Binding:
        """The parties of an event, bound in the date's own clause: Mongolia and Japan (or a
        Japanese body) named there, or "the two countries" of a Mongolia–Japan pair that the
        clause's sentence or the one before names; else, for a definite noun phrase or a
        continuation ("the EPA launched on ...", "they signed ..."), the sentence it refers to,
        which must bind both itself. Another partner named first decides against Japan. Nothing
        else is read: not the rest of the sentence, not a pair named further back, not the title."""
        ctx = s.ctx
        statement = self._event_statement(s)
        found, basis = named_pair(ctx, *statement, s.sentence_index), "clause"
        if found is None:
            for index, (a, b) in event_antecedents(s):
                found, basis = named_pair(ctx, a, b, index), "antecedent"
                if found is not None:
                    break
        if found is None:
            return Binding(detail="the event's clause binds no pair of Mongolia and Japan")
        if found[0] != "japan":
            return Binding(mongolia=True, other=found[1], basis=basis, detail=f"the event's {basis} binds it to {found[1]}")
        partner = found[1]
        if basis == "antecedent":
            # The Japanese party the clause names itself says who acts ("Japan has been ... since 1990").
            own = [m for m in ctx.mentions_in(*statement) if m.side == "japan"]
            partner = own[0].name if own else partner
        return Binding(partner=partner, mongolia=True, basis=basis)

    def _own_event_of(self, f: FigureRow, s: FigureScopes, evidence: tuple[int, int]) -> str:
        """The party whose own thing an event is: its subject, from the last boundary word before
        the event word ("under", "with", "which"), is owned by one party ("Tokyo's programme
        launched in 2023"), and nothing from the subject to the date (to the end of the event word's
        item when the date comes first) names the other party. '' when the event may be bilateral."""
        lx, ctx = self.lexicon, s.ctx
        lo = s.clause[0]
        boundaries = list(lx.subject_boundary.finditer(ctx.text, lo, evidence[0]))
        subject = boundaries[-1].end() if boundaries else lo
        owners = [m for m in ctx.mentions_in(subject, evidence[0]) if lx.possessive.match(ctx.text, m.end)]
        if not owners:
            return ""
        end = f.end if f.start >= evidence[1] else ctx.item_span(*evidence)[1]
        sides = {m.side for m in ctx.mentions_in(subject, end)}
        owner = owners[-1]
        if owner.side in ("japan", "mongolia") and sides & {"japan", "mongolia", "pair"} == {owner.side}:
            return owner.text
        return ""

    def _dateline_events(self, ctx: DocumentContext, dates: DocumentDates) -> list[tuple[int, int, str]]:
        """'signed today', 'signed Wednesday': (start, end, what dates it) for each such phrase."""
        lx = self.lexicon
        out = []
        weekday = re.compile(r"\b(?:on\s+)?(" + "|".join(lx.weekdays) + r")\b")
        for pattern, kind in ((lx.today, "today"), (weekday, "weekday")):
            for m in pattern.finditer(ctx.text):
                out.append((m.start(), m.end(), kind if kind == "today" else m.group(1)))
        return sorted(out)

    @staticmethod
    def _restated_headline_figures(ctx: DocumentContext, figures: list[FigureRow]) -> dict[str, str]:
        """Figures of the title line that the body states again: the body, where the words around
        the figure say what it is ("since 1990 ... in total"), decides; a headline compresses."""
        if not ctx.headline_indices:
            return {}
        t_start, t_end = ctx.sentences[ctx.headline_indices[0]].start, ctx.sentences[ctx.headline_indices[-1]].end
        body: dict[tuple, int] = {}
        for f in figures:
            if f.kind == "quantity" and f.start >= t_end:
                body.setdefault((f.unit, round(f.value, 6)), f.start)
        return {
            f.figure_id: f"a headline figure stated again in the body at offset {body[(f.unit, round(f.value, 6))]}"
            for f in figures
            if f.kind == "quantity" and t_start <= f.start < t_end and (f.unit, round(f.value, 6)) in body
        }

    def _conversions(self, ctx: DocumentContext, figures: list[FigureRow]) -> dict[str, str]:
        """Amounts that restate another in another currency. A conversion the text writes right
        after a sum of money, in brackets or after "equivalent to", is the text's own statement
        in that currency and is mapped like any figure ("JPY 340 million (over USD 3 million)"),
        unless it names no currency ("20 billion yen (187.4 million)"); any other amount that
        agrees with a conversion at its own precision (a headline's "$187Mln") states the same
        sum once more and is reported as restated."""
        lx = self.lexicon
        amounts = sorted((f for f in figures if f.kind == "quantity"), key=lambda f: f.start)
        out: dict[str, str] = {}
        conversions: list[tuple[FigureRow, FigureRow]] = []  # (conversion, the amount it converts)
        for a, b in pairwise(amounts):
            if unit_class(a.unit) != "money" or b.unit == a.unit:
                continue
            bare = b.unit == "count" and bool(lx.bare_amount.fullmatch(b.quote))
            if (unit_class(b.unit) == "money" or bare) and lx.conversion.fullmatch(ctx.text[a.end : b.start]):
                conversions.append((b, a))
                if bare:
                    out[b.figure_id] = f"'{a.quote}' (offset {a.start}) stated again, in a currency the text does not name"
        converted = {b.figure_id for b, _ in conversions} | {a.figure_id for _, a in conversions}
        # Conversions by their unit and value: an amount looks only at those within its precision.
        by_unit: dict[str, list[tuple[float, int]]] = {}
        for i, (b, _) in enumerate(conversions):
            by_unit.setdefault(b.unit, []).append((b.value, i))
        for entries in by_unit.values():
            entries.sort()
        for g in amounts:
            if g.figure_id in converted or unit_class(g.unit) != "money":
                continue
            step = _written_step(g)
            if step is None:
                continue
            near = []
            for unit in (g.unit, "count"):
                entries = by_unit.get(unit, [])
                lo = bisect_left(entries, (g.value - step, -1))
                near += [i for value, i in entries[lo:] if value < g.value + step] if entries else []
            # the first conversion in the text that agrees, as a walk over them all would find
            first = min(
                (i for i in near if conversions[i][1].unit != g.unit and abs(g.value - conversions[i][0].value) < step), default=None
            )
            if first is not None:
                b, a = conversions[first]
                out[g.figure_id] = f"'{a.quote}' (offset {a.start}) stated again in another currency, as '{b.quote}' converts it"
        return out

    # --- one document -----------------------------------------------------------------------------
    def map_document(
        self, document: str, text: str, figures: list[FigureRow], document_date: str = "", progress: Callable[[str], None] | None = None
    ) -> MappingResult:
        ctx = DocumentContext(text, self.lexicon, [(f.start, f.end) for f in figures if f.kind == "quantity"])
        date_figures = [
            DateFigure(f.start, f.end, f.period, f.figure_id, f.qualifier in ("range_low", "range_high"))
            for f in figures
            if f.kind == "date" and f.period
        ]
        dates = DocumentDates(ctx, date_figures, document_date, [f.start for f in figures if f.kind == "quantity"])
        result = MappingResult()
        self._people_starts = sorted(f.start for f in figures if f.kind == "quantity" and f.unit == "person")
        self._quantity_starts = sorted(f.start for f in figures if f.kind == "quantity")
        self._dates = sorted((f for f in figures if f.kind == "date" and f.period), key=lambda f: f.start)
        self._years = _StatedYears([d for d in self._dates if "year_inferred" not in d.flags.split(";")])
        latest: dict[str, str] = {}  # indicator -> latest period stated so far (for `period_from`)
        self._series: dict[str, tuple[int, int, str]] = {}  # indicator -> (sentence, paragraph, period)
        used_as_period: set[str] = set()
        dateline_cues = None
        restated = self._restated_headline_figures(ctx, figures)
        restated.update(self._conversions(ctx, figures))
        last_said = time.perf_counter()
        for i, f in enumerate(sorted(figures, key=lambda r: (r.start, r.qualifier))):
            if progress is not None and i % 10_000 == 0 and time.perf_counter() - last_said > PROGRESS_SECONDS:
                last_said = time.perf_counter()
                progress(f"{document}: {i:,} of {len(figures):,} figures mapped")
            if f.figure_id in restated:
                result.unmapped.append(self._unmapped(f, "restated", "", "", restated[f.figure_id]))
                continue
            s = FigureScopes.of(ctx, f.start, f.end)
            candidates = self._candidates(f, s)
            if f.kind == "date" and dates.is_dateline(DateFigure(f.start, f.end, f.period, f.figure_id, False)):
                if dateline_cues is None:
                    dateline_cues = self._dateline_events(ctx, dates)
                obs = self._dateline_observation(f, ctx, dates, dateline_cues)
                if obs:
                    result.observations.append(obs)
                else:
                    result.unmapped.append(self._unmapped(f, "no_event", "", "", "a date line with no event dated by it ('signed today')"))
                continue
            if not candidates and f.kind == "quantity":
                base = self._comparison_base(f, s, dates, result.observations)
                if base is not None:
                    if base.get("_period_figure"):
                        used_as_period.add(base["_period_figure"])
                    base.pop("_period_figure", None)
                    result.observations.append(base)
                    continue
            if not candidates:
                reason = "no_event" if f.kind == "date" else "no_measure"
                detail = "no event word bound to the date" if f.kind == "date" else "no indicator's measure bound to the figure"
                result.unmapped.append(self._unmapped(f, reason, "", "", detail))
                continue
            obs, miss = None, None
            for cand in candidates:
                obs, miss = self._observation(f, s, cand, dates, latest)
                if obs:
                    break
                if miss and miss["reason"] not in ("no_event",):
                    break  # the nearest measure decided; its failure is the figure's
            if obs is None and f.kind == "quantity":
                obs = self._comparison_base(f, s, dates, result.observations)
            if obs:
                if obs.get("_period_figure"):
                    used_as_period.add(obs.pop("_period_figure"))
                else:
                    obs.pop("_period_figure", None)
                if obs["period"]:
                    latest[obs["indicator_id"]] = max(latest.get(obs["indicator_id"], ""), obs["period"])
                result.observations.append(obs)
            elif miss is not None:
                result.unmapped.append(miss)
        self._parts_of_totals(ctx, dates, figures, result)
        for row in result.unmapped:
            if row["reason"] == "no_event" and row["figure_id"] in used_as_period:
                row["reason"], row["detail"] = "used_as_period", "gives another figure its period"
        return result

    def _comparison_base(self, f: FigureRow, s: FigureScopes, dates: DocumentDates, observations: list[dict]) -> dict | None:
        """The base of a comparison is the same measure at another period: "17,360 Mongolians
        lived in Japan in 2023, up from 2,810 in 2003" - the figure right after "up from" takes the
        indicator, partner and breakdowns of the last observation of its sentence before it in the
        same unit, and its own period, which it must state and which must differ."""
        ctx = s.ctx
        if not self.lexicon.comparison_base_before.search(ctx.text[s.item[0] : f.start]):
            return None
        s_start = ctx.sentence_span(s.sentence_index)[0]
        heads = [
            o
            for o in observations
            if o["unit"] == f.unit and s_start <= o["evidence_start"] < f.start and self.catalog[o["indicator_id"]].kind == "quantity"
        ]
        if not heads:
            return None
        head = heads[-1]
        found = dates.of(s, as_of_document=False)
        if not found.period or found.period == head["period"]:
            return None
        problem = self._out_of_bounds(head["indicator_id"], float(f.value), f.unit.split("/")[0])
        if problem:
            return None
        cue = self.lexicon.comparison_base_before.search(ctx.text[s.item[0] : f.start])
        assert cue is not None
        row = dict(head)
        row.update(
            {
                "period": found.period,
                "period_basis": found.basis,
                "value": float(f.value),
                "qualifier": f.qualifier,
                "figure_id": f.figure_id,
                "rule_id": "comparison_base",
                "evidence": cue.group().strip(),
                "evidence_start": s.item[0] + cue.start(),
                "evidence_end": s.item[0] + cue.start() + len(cue.group().strip()),
                "_period_figure": found.figure_id,
            }
        )
        return row

    def _parts_of_totals(self, ctx: DocumentContext, dates: DocumentDates, figures: list[FigureRow], result: MappingResult) -> None:
        """Amounts that add up to a total stated before them are its parts ("Japan promised 640
        million yen in grant aid. ... 390 million yen will be provided to deliver monitors, while
        250 million yen will go to sewerage equipment"): the amounts right after the total, in
        its unit and within a few sentences, that no measure or no party was bound to, each with
        the rule's cue bound to it and no other partner, and that sum to the total exactly. They
        take the total's indicator, partner and status, and their own period if they state one."""
        rules = [r for r in self.rules if r.spec.parts_of_total]
        if not rules:
            return
        by_id = {f.figure_id: f for f in figures}
        open_rows = {r["figure_id"]: r for r in result.unmapped if r["reason"] in _PART_REASONS and r["kind"] == "quantity"}
        published_ids = {o["figure_id"] for o in result.observations}
        amounts = sorted((f for f in figures if f.kind == "quantity" and unit_class(f.unit) == "money"), key=lambda f: f.start)
        amount_starts = [f.start for f in amounts]
        taken: set[str] = set()
        for rule in rules:
            for total in [o for o in result.observations if o["indicator_id"] == rule.indicator and o.get("component") != "part"]:
                t = by_id[total["figure_id"]]
                t_sentence = ctx.sentence_index(t.start)
                parts: list[tuple[FigureRow, FigureScopes, tuple[int, int]]] = []
                acc = 0.0
                for f in amounts[bisect_right(amount_starts, t.end) :]:  # the amounts after the total
                    if f.unit != t.unit:
                        continue
                    if ctx.sentence_index(f.start) - t_sentence > _PARTS_REACH or f.figure_id in published_ids:
                        break
                    if abs(f.value - t.value) <= 1e-9 * t.value and not parts:
                        continue  # the total stated again ("Amount: 316 million yen") before its parts
                    if f.figure_id not in open_rows or f.figure_id in taken:
                        break
                    sc = FigureScopes.of(ctx, f.start, f.end)
                    ev = self._evidence(rule, sc)
                    if ev is None or bind(sc).other or f.value >= t.value:
                        break
                    parts.append((f, sc, ev[1]))
                    acc += f.value
                    if len(parts) >= 2 and abs(acc - t.value) <= 1e-9 * t.value:
                        break
                    if acc > t.value:
                        break
                if len(parts) < 2 or abs(acc - t.value) > 1e-9 * t.value:
                    continue
                indicator = self.catalog[rule.indicator]
                if "component" in total and not total["component"]:
                    total["component"] = "total"  # the parts say what it is the total of
                for f, sc, (e_start, e_end) in parts:
                    found = dates.of(sc, as_of_document=False)
                    period, basis = (found.period, found.basis) if found.period else (total["period"], "context" if total["period"] else "")
                    if indicator.period == "required" and not period:
                        continue
                    row = {k: total[k] for k in total}
                    row.update(
                        {
                            **{c: row.get(c, "") for c in self.breakdowns},
                            **dict(rule.spec.set),
                            "period": period,
                            "period_basis": basis,
                            "value": float(f.value),
                            "unit": f.unit,
                            "qualifier": f.qualifier,
                            "figure_id": f.figure_id,
                            "rule_id": rule.id,
                            "evidence": ctx.text[e_start:e_end],
                            "evidence_start": e_start,
                            "evidence_end": e_end,
                            "party_basis": "antecedent",
                        }
                    )
                    result.observations.append(row)
                    taken.add(f.figure_id)
        if taken:
            result.unmapped[:] = [r for r in result.unmapped if r["figure_id"] not in taken]

    def _observation(
        self, f: FigureRow, s: FigureScopes, cand: Candidate, dates: DocumentDates, latest: dict[str, str]
    ) -> tuple[dict | None, dict | None]:
        _rule, spec = cand.rule, cand.rule.spec
        indicator = self.catalog[spec.indicator]
        cue = s.ctx.text[cand.evidence[0] : cand.evidence[1]]
        breakdowns = dict(cand.breakdowns)
        if spec.kind == "date" and spec.event == "bound":
            why = self._date_is_an_event(f, s, dates, cand.evidence)
            if why:
                return None, self._unmapped(f, "no_event", spec.indicator, "", f"'{cue}' is in its clause, but the date is {why}")
        # Parties: events need both in their sentence (the event's own phrase first); other figures
        # may take them from the context.
        if spec.event == "bound":
            binding = self._event_phrase_binding(f, s, cand.evidence) or self._event_clause_binding(s)
        else:
            binding = bind(s, widest="title")
        if not binding.bilateral:
            if binding.other:
                return None, self._unmapped(f, "other_partner", spec.indicator, binding.other, binding.detail)
            return None, self._unmapped(f, "parties_not_bound", spec.indicator, "", f"'{cue}' bound, but {binding.detail}")
        if spec.direction == "trade":
            flow = direction.trade_flow(s)
            if flow is None:
                return None, self._unmapped(f, "direction", spec.indicator, "", f"'{cue}' bound, but not whose exports or imports")
            breakdowns["flow"] = flow[0]
        if spec.direction == "aid" and direction.aid_reversed(s):
            return None, self._unmapped(f, "direction", spec.indicator, "", "aid given by Mongolia or to Japan is no Japanese ODA")
        # Value, unit, qualifier, period.
        value, qualifier = float(f.value), f.qualifier
        unit, rate = split_rate(f.unit)
        if spec.sign == "decrease_negative" and re.fullmatch(self.lexicon.terms["decrease"], cue.strip(), re.I):
            value = -abs(value)
        after = s.ctx.text[f.end : s.clause[1]]
        # A rate keeps a rate unit; a percent is no rate ("0.2% per annum" is an interest rate).
        rate = rate or (
            ""
            if f.unit == "percent"
            else next(
                (
                    suffix
                    for flag, suffix, words in self.lexicon.rates
                    if flag in f.flags.split(";") or f.quote.endswith(suffix) or words.match(after)
                ),
                "",
            )
        )
        if rate:
            unit = unit + rate
        if unit == "times" and indicator.unit == "count":
            unit = "count"  # "some ten times": ten occasions, counted
        if qualifier == "exact" and _BETWEEN_AND.search(s.ctx.text[s.item[0] : f.start]):
            qualifier = "range_high"  # "between one and 1.5 percent": 1.5 is the upper end
        if spec.kind == "date":
            period, basis = dates.resolve_year(f.period, f.flags)
            found = Period(period, basis)
        else:
            series = None
            last = self._series.get(spec.indicator)
            here = s.ctx.sentences[s.sentence_index]
            # Flows continue a series without restating its year ("Trade reached X in 2023. Exports
            # reached Y"); a stock or a count does not take an earlier sentence's date.
            if indicator.period == "required" and last and last[1] == here.paragraph and 0 < s.sentence_index - last[0] <= _SERIES_REACH:
                series = Period(last[2], "context")
            found = dates.of(s, as_of_document=indicator.period == "as_of_document", rate=bool(rate), series=series)
            if found.period and found.basis in ("clause", "sentence"):
                self._series[spec.indicator] = (s.sentence_index, here.paragraph, found.period)
            if not found.period and spec.period_from and latest.get(spec.period_from):
                found = Period(latest[spec.period_from], "context")
        if indicator.period == "required" and not found.period:
            return None, self._unmapped(f, "period_not_bound", spec.indicator, "", f"'{cue}' bound, but no period for a flow")
        problem = self._out_of_bounds(spec.indicator, value, unit.split("/")[0])
        if problem:
            return None, self._unmapped(f, "implausible", spec.indicator, "", problem)
        if spec.kind == "date":
            breakdowns.setdefault("event", " ".join(s.ctx.sentence_text(s.sentence_index).split()))
        breakdowns["status"] = self._status(s, cand.evidence if spec.kind == "date" else None)
        row = {
            "indicator_id": spec.indicator,
            "partner": binding.partner,
            "period": found.period,
            "period_basis": found.basis if found.period else "",
            **{c: breakdowns.get(c, "") for c in self.breakdowns},
            "value": value,
            "unit": unit,
            "qualifier": qualifier,
            "figure_id": f.figure_id,
            "document": f.document,
            "rule_id": spec.id,
            "evidence": cue,
            "evidence_start": cand.evidence[0],
            "evidence_end": cand.evidence[1],
            "party_basis": binding.basis,
            "_period_figure": found.figure_id,
        }
        return row, None

    def _dateline_observation(self, f: FigureRow, ctx: DocumentContext, dates: DocumentDates, cues) -> dict | None:
        """A date line dated by an event of the text: 'signed today', 'signed Wednesday'."""
        doc = dates.document_date
        if len(f.period) != 10 or (doc and len(doc) >= 10 and doc[:10] != f.period):
            return None
        weekday = self.lexicon.weekdays[_date.fromisoformat(f.period).weekday()]
        text = ctx.text
        # The text a date line dates: what follows it, up to the next date line, within reach.
        lo = bisect_left(cues, (f.end, 0, ""))
        hi = bisect_left(cues, (f.end + _DATELINE_REACH, 0, ""))
        for rule in self.rules:
            if rule.spec.event != "dateline" or (f.unit not in rule.units and unit_class(f.unit) not in rule.units):
                continue
            for c_start, c_end, kind in cues[lo:hi]:
                if kind != "today" and kind != weekday:
                    continue
                s = FigureScopes.of(ctx, c_start, c_end)
                if not self._conditions(rule, s):
                    continue
                lo, hi = s.clause
                near = None
                for p in rule.evidence:
                    for m in p.finditer(text, max(lo, c_start - _EVENT_REACH), min(hi, c_end + _EVENT_REACH)):
                        if near is None or abs(m.start() - c_start) < abs(near[0] - c_start):
                            near = (m.start(), m.end())
                if near is None:
                    continue
                binding = self._event_clause_binding(s)
                if not binding.bilateral:
                    continue
                ev = (min(near[0], c_start), max(near[1], c_end))
                breakdowns = self._breakdowns(rule, s) or {}
                breakdowns.setdefault("event", " ".join(ctx.sentence_text(s.sentence_index).split()))
                breakdowns["status"] = ""
                return {
                    "indicator_id": rule.indicator,
                    "partner": binding.partner,
                    "period": f.period,
                    "period_basis": "figure",
                    **{c: breakdowns.get(c, "") for c in self.breakdowns},
                    "value": float(f.value),
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "figure_id": f.figure_id,
                    "document": f.document,
                    "rule_id": rule.id,
                    "evidence": text[ev[0] : ev[1]],
                    "evidence_start": ev[0],
                    "evidence_end": ev[1],
                    "party_basis": binding.basis,
                }
        return None

    @staticmethod
    def _unmapped(f: FigureRow, reason: str, indicator: str, other: str, detail: str) -> dict:
        return {
            "figure_id": f.figure_id,
            "document": f.document,
            "quote": f.quote,
            "value": float(f.value),
            "unit": f.unit,
            "kind": f.kind,
            "reason": reason,
            "candidate_indicator": indicator,
            "other_partner": other,
            "detail": detail,
        }


class _StatedYears:
    """The dates of a document that state their year, in text order, indexed once so that asking
    what came before a figure costs a bisection, not a walk over every earlier date."""

    def __init__(self, dates: list[FigureRow]):
        self.starts = [d.start for d in dates]
        self.years = [d.period[:4] for d in dates]
        # run_start[i]: where the run of dates of the same year as date i begins.
        self.run_start: list[int] = []
        for i, year in enumerate(self.years):
            self.run_start.append(self.run_start[i - 1] if i and self.years[i - 1] == year else i)
        self.precise: dict[str, list[int]] = {}  # year -> indices of its dates with a month or day
        for i, d in enumerate(dates):
            if len(d.period) > 4:
                self.precise.setdefault(self.years[i], []).append(i)

    def crossed(self, start: int, year: str) -> bool:
        """Whether, before ``start``, a date of another year stands after the last date of ``year``
        that gives a month or a day (or anywhere, when there is no such date)."""
        before = bisect_left(self.starts, start)  # the dates at indices [0, before) come earlier
        if before == 0:
            return False
        last = before - 1
        other = last if self.years[last] != year else self.run_start[last] - 1  # the last date of another year
        if other < 0:
            return False
        precise = self.precise.get(year, [])
        source = bisect_left(precise, before) - 1  # the last precise date of ``year`` before ``start``
        return source < 0 or other > precise[source]


def _observation_id(row: dict, breakdowns: list[str]) -> str:
    key = "\x1f".join(str(row[c]) for c in ["document", "indicator_id", "period", *breakdowns, "qualifier", "unit", "value"])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _figure_rows(figures: pd.DataFrame) -> dict[str, list[FigureRow]]:
    out: dict[str, list[FigureRow]] = {}
    flags = figures["flags"] if "flags" in figures.columns else pd.Series([""] * len(figures), index=figures.index)
    for r, fl in zip(figures.itertuples(index=False), flags.fillna(""), strict=True):
        out.setdefault(r.document, []).append(
            FigureRow(
                r.figure_id,
                r.document,
                int(r.start),
                int(r.end),
                r.quote,
                float(r.value),
                r.unit,
                r.qualifier,
                r.period if isinstance(r.period, str) else "",
                r.kind,
                fl or "",
            )
        )
    return out


def document_dates(documents) -> dict[str, str]:
    """{document: ISO date} from the documents table (a missing `date` column means no dates)."""
    if documents is None:
        return {}
    if isinstance(documents, dict):
        return {k: (v or "") for k, v in documents.items()}
    if "date" not in documents.columns:
        return {}
    return {d: (v if isinstance(v, str) else "") for d, v in zip(documents["document"], documents["date"], strict=True)}


def _figure_row(r: dict) -> FigureRow:
    period = r["period"]
    return FigureRow(
        r["figure_id"],
        r["document"],
        int(r["start"]),
        int(r["end"]),
        r["quote"],
        float(r["value"]),
        r["unit"],
        r["qualifier"],
        period if isinstance(period, str) else "",
        r["kind"],
        r.get("flags") or "",
    )


def document_observations(
    document: str,
    text: str,
    figures: list[dict] | list[FigureRow],
    date: str = "",
    mapper: Mapper | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Observations (one row per distinct fact, the first mention cited) and unmapped figures of
    one document, from its figures (rows of the `figures` table or ``FigureRow``)."""
    rows = [f if isinstance(f, FigureRow) else _figure_row(f) for f in figures]
    if not rows:
        return [], []
    mapper = mapper or Mapper()
    result = mapper.map_document(document, text, rows, date, progress)
    seen: set[str] = set()
    observations = []
    for obs in result.observations:
        obs["observation_id"] = _observation_id(obs, mapper.breakdowns)
        if obs["observation_id"] not in seen:  # the id holds the document: a fact of this text
            seen.add(obs["observation_id"])
            observations.append(obs)
    return observations, result.unmapped


def map_figures(
    figures: pd.DataFrame, texts: dict[str, str], documents=None, mapper: Mapper | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations and unmapped figures of a corpus: ``document_observations`` document by
    document, in the order of their names."""
    mapper = mapper or Mapper()
    dates = document_dates(documents)
    rows, unmapped = [], []
    by_document = _figure_rows(figures)
    for document in sorted(by_document):
        obs, miss = document_observations(document, texts[document], by_document[document], dates.get(document, ""), mapper)
        rows.extend(obs)
        unmapped.extend(miss)
    return pd.DataFrame(rows, columns=observation_columns()), pd.DataFrame(unmapped, columns=unmapped_columns())


def map_text(text: str, date: str = "", document: str = "text.txt") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations and unmapped figures of one text (for examples, tests and notebooks)."""
    from ..figures import figure_rows

    figures = pd.DataFrame(figure_rows(document, text))
    if figures.empty:
        return pd.DataFrame(columns=observation_columns()), pd.DataFrame(columns=unmapped_columns())
    return map_figures(figures, {document: text}, {document: date})


def observations_table(figures: pd.DataFrame, texts: dict[str, str], documents=None) -> pd.DataFrame:
    return map_figures(figures, texts, documents)[0]


def conflicts_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Observations that give different values for one indicator, period, breakdown and qualifier.

    Dates are events, not values to compare; plans and pledges are not compared with facts.
    """
    breakdowns = schema.breakdowns("observations")
    key = ["indicator_id", "period", *breakdowns, "qualifier", "unit"]
    columns = schema.tables()["conflicts"].field_names
    obs = observations[~observations["event"].astype(bool) & ~observations["status"].astype(bool)]
    if obs.empty:
        return pd.DataFrame(columns=columns)
    # Grouped once, column-wise: a Python step per conflicting group only, never per row.
    group = obs.groupby(key, sort=True, dropna=False).ngroup()
    conflicting = (obs["value"].groupby(group).transform("nunique") >= 2).to_numpy()
    rows = obs[conflicting].assign(_group=group[conflicting]).sort_values("_group", kind="stable")
    ids, breakdown_of = {}, {}
    for g, values in zip(rows["_group"], rows[key].itertuples(index=False, name=None), strict=True):
        if g in ids:
            continue
        parts = dict(zip(key, values, strict=True))
        breakdown_of[g] = "; ".join(f"{c}={parts[c]}" for c in breakdowns if parts[c])
        ids[g] = hashlib.sha1("\x1f".join(map(str, values)).encode()).hexdigest()[:16]
    rows["conflict_id"] = rows["_group"].map(ids)
    rows["breakdown"] = rows["_group"].map(breakdown_of)
    return rows[columns].reset_index(drop=True)

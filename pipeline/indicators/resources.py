"""Loading the mapping layer's data files strictly: the lexicon, the rules and the indicator catalog.

Belongs here: the models of ``lexicon.yaml``, ``rules.yaml`` and ``schemas/indicators.yaml`` (pydantic,
unknown keys forbidden), their cross-checks (a rule names a known indicator, known scopes, known
breakdowns and breakdown values, known word lists; its patterns compile) and the compiled forms the
mapping uses. Every problem stops the load with the file and the key named.
Not here: using them (``mapping.py``, ``context.py``, ``parties.py``, ``periods.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import schema

HERE = Path(__file__).resolve().parent
LEXICON_FILE = HERE / "lexicon.yaml"
RULES_FILE = HERE / "rules.yaml"
CATALOG_FILE = schema.SCHEMAS_DIR / "indicators.yaml"

Side = Literal["mongolia", "japan", "other", "world", "pair"]
# Where a rule's patterns are searched around a figure (see context.py for each).
Scope = Literal["item", "clause", "sentence", "previous", "paragraph", "heading", "label", "left", "right", "title", "window", "bound"]
EvidenceLevel = Literal["item", "clause", "sentence", "label"]
# Units a rule may accept besides the figure units themselves: classes of units.
UNIT_CLASSES = {"money", "energy", "power"}
FIGURE_UNITS = {"person", "count", "percent", "rank", "year", "date", "times", "MW", "kW", "GW", "W", "kWh", "MWh", "GWh", "TWh", "Wh"}
_TERM = re.compile(r"@(\w+)")


class ResourceError(ValueError):
    """A data file of the mapping layer is wrong; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- lexicon.yaml -------------------------------------------------------------------------------
class PartySpec(_Strict):
    side: Side
    name: str
    patterns: list[str] = Field(min_length=1)
    case_sensitive: bool = False


class AnaphoraSpec(_Strict):
    determiners: str
    heads: dict[str, list[str]]
    continuations: list[str]


class EventsSpec(_Strict):
    verbs: list[str] = Field(min_length=1)
    nouns: list[str] = Field(min_length=1)
    start_verbs: list[str]
    weekdays: list[str] = Field(min_length=7, max_length=7)
    today: list[str]
    # Words that open the phrase an event word's subject stands in ("under", "with", "which"):
    # the subject is what lies between the last of them and the event word.
    subject_boundary: str
    # Words right after a party that make it an owner ("Tokyo's programme").
    possessive: str
    # Words right before an event word whose subject is the writer ("I visited").
    writer_subject: str
    # Words that join two statements in one clause (", and", ", but"): an event's parties are read
    # in the statement holding its date, unless that statement names no party at all.
    conjunction: str
    # Words before such a conjunction that make it join two names instead ("between Mr. A, Japanese
    # Minister for Foreign Affairs, and Ms. B, Ambassador of Mongolia").
    pending_pair: str


class RelativeSpec(_Strict):
    this_year: str
    last_year: str
    this_month: str
    today: str


class QuartersSpec(_Strict):
    pattern: str


class RateSpec(_Strict):
    flag: str
    suffix: str
    after: str


class PeriodsSpec(_Strict):
    historical: str
    fiscal_year: str
    change_before: str
    comparison_base_before: str
    span_clause: str
    not_a_period_before: str
    reference_before: str
    immediate: str
    comparison_after: str
    relative: RelativeSpec
    quarters: QuartersSpec
    rates: list[RateSpec]


class StatusSpec(_Strict):
    pledged: list[str]
    planned: list[str]
    estimated: list[str]


class DirectionSpec(_Strict):
    export: str
    import_: str = Field(alias="import")
    aid_to_japan: str


class BindingSpec(_Strict):
    # A finite verb between a list's last figure and a party after it: the party is the predicate's
    # and so the whole list's ("loans of X and grants of Y were provided by Japan").
    shared_predicate: str
    # Words right before a party in a list item's tail that make it that item's own source
    # ("Y in grant funding from the Japan Fund"); a recipient ("..., and Z in grants to Mongolia")
    # is the list's verb's, every item's.
    item_source: str
    # Descriptions that name countries without making them parties of anything: where a country
    # lies ("sandwiched between China and Russia", "bordering Russia").
    descriptions: list[str] = []


class ConversionSpec(_Strict):
    # The words between a sum of money and the same sum in another currency.
    between: str
    # A bare amount ("187.4 million"), which may be a conversion whose currency goes unsaid.
    bare_amount: str


class LexiconSpec(_Strict):
    parties: dict[str, PartySpec]
    binding: BindingSpec
    conversion: ConversionSpec
    anaphora: AnaphoraSpec
    terms: dict[str, str]
    events: EventsSpec
    periods: PeriodsSpec
    status: StatusSpec
    direction: DirectionSpec


# --- schemas/indicators.yaml ---------------------------------------------------------------------
class BoundsSpec(_Strict):
    minimum: float | None = None
    maximum: float | None = None


class IndicatorSpec(_Strict):
    name: str
    topic: str
    unit: str
    kind: Literal["quantity", "date"] = "quantity"
    description: str
    # stated: the text's period or none; required: abstain without one (flows: a value per period);
    # as_of_document: the text's period, else the document's date (a stock or news "as of" its date).
    period: Literal["stated", "required", "as_of_document"] = "stated"
    bounds: BoundsSpec = BoundsSpec()
    # Bounds for one currency or unit, where magnitudes differ by unit (yen against dollars).
    bounds_by_unit: dict[str, BoundsSpec] = {}


# --- rules.yaml -----------------------------------------------------------------------------------
class ClassifySpec(_Strict):
    scopes: list[Scope] = ["item"]
    values: dict[str, str | list[str]]


class CaptureSpec(_Strict):
    scopes: list[Scope] = ["item"]
    pattern: str
    ignore_case: bool = True
    reject: list[str] = []


class ExampleSpec(_Strict):
    text: str
    date: str = ""  # the document's date, for "this year" and the like
    # Observations this rule must publish from the text (columns to compare, a subset); an empty
    # list means this rule publishes nothing from the text, and no other rule does either unless
    # it is named in `elsewhere` (the right reading of a text the rule must not take).
    publish: list[dict[str, str | float | int]]
    elsewhere: list[str] = []


class RuleSpec(_Strict):
    id: str
    indicator: str
    units: list[str] = Field(min_length=1)
    kind: Literal["quantity", "date"] = "quantity"
    why: str = ""
    evidence: list[str] = Field(min_length=1)
    within: list[EvidenceLevel] = ["item", "clause", "label"]
    qualifiers: list[Literal["exact", "approx", "over", "under", "range_low", "range_high"]] = []
    require: dict[Scope, list[str]] = {}
    unless: dict[Scope, list[str]] = {}
    classify: dict[str, ClassifySpec] = {}
    capture: dict[str, CaptureSpec] = {}
    set: dict[str, str] = {}
    required_breakdowns: list[str] = []
    direction: Literal["none", "trade", "aid"] = "none"
    sign: Literal["as_written", "decrease_negative"] = "as_written"
    event: Literal["none", "bound", "dateline"] = "none"
    # When the text binds no period: the latest period stated so far in the document for this
    # indicator ("4,817 in Tokyo" after "residents as of June 30, 2022").
    period_from: str | None = None
    # Amounts that add up to an earlier observation of this rule's indicator (the total) are its
    # parts; the rule's cue must be bound to each (mapping.py, _parts_of_totals).
    parts_of_total: bool = False
    examples: list[ExampleSpec] = Field(min_length=2)


# --- compiled forms -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Party:
    id: str
    side: str
    name: str


@dataclass(frozen=True)
class Lexicon:
    spec: LexiconSpec
    parties: dict[str, Party]
    party_pattern: re.Pattern  # one alternation of every party, one named group per party
    anaphora_heads: dict[str, re.Pattern]
    continuations: list[re.Pattern]
    terms: dict[str, str]
    event_verbs: re.Pattern
    event_nouns: re.Pattern
    start_verbs: re.Pattern
    today: re.Pattern
    weekdays: tuple[str, ...]
    subject_boundary: re.Pattern
    possessive: re.Pattern
    writer_subject: re.Pattern
    conjunction: re.Pattern
    pending_pair: re.Pattern
    not_a_period_before: re.Pattern
    historical: re.Pattern
    fiscal_before: re.Pattern  # "in fiscal year 2019", "FY 2019": the words before a fiscal year
    fiscal_after: re.Pattern  # "2019 fiscal year"
    fiscal_quote: re.Pattern  # a date figure that is a fiscal year itself ("FY2019")
    change_before: re.Pattern  # "increased by 1340": a number read as a year that counts a change
    comparison_base_before: re.Pattern  # "up from": the figure after it is the base of a comparison
    span_clause: re.Pattern  # "Since the country joined in 2001, ...": a clause opening a span
    reference_before: re.Pattern
    immediate: re.Pattern
    comparison_after: re.Pattern
    relative: dict[str, re.Pattern]
    quarters: re.Pattern
    rates: tuple[tuple[str, str, re.Pattern], ...]  # (extractor flag, unit suffix, words after the figure)
    status: dict[str, list[re.Pattern]]
    export: re.Pattern
    import_: re.Pattern
    aid_to_japan: re.Pattern
    shared_predicate: re.Pattern
    item_source: re.Pattern
    conversion: re.Pattern
    bare_amount: re.Pattern
    descriptions: re.Pattern | None


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    order: int
    units: frozenset[str]
    evidence: tuple[re.Pattern, ...]
    require: dict[str, tuple[re.Pattern, ...]]
    unless: dict[str, tuple[re.Pattern, ...]]
    classify: dict[str, tuple[tuple[str, ...], tuple[tuple[str, re.Pattern], ...]]]
    capture: dict[str, tuple[tuple[str, ...], re.Pattern, frozenset[str]]]

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def indicator(self) -> str:
        return self.spec.indicator


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the same result, faster


def _read_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except yaml.YAMLError as err:
        raise ResourceError(f"{path}: not valid YAML: {err}") from None
    except OSError as err:
        raise ResourceError(f"{path}: cannot be read: {err}") from None


def _errors(path: Path, where: str, err: ValidationError) -> ResourceError:
    lines = []
    for e in err.errors():
        key = ".".join(str(p) for p in e["loc"])
        lines.append(f"{path}: {where}{key}: {e['msg']}")
    return ResourceError("\n".join(lines))


def _compile(path: Path, where: str, pattern: str, terms: dict[str, str] | None = None, flags: int = re.I) -> re.Pattern:
    if terms is not None:

        def term(m: re.Match) -> str:
            if m.group(1) not in terms:
                raise ResourceError(f"{path}: {where}: unknown word list @{m.group(1)} (known: {', '.join(sorted(terms))})")
            return f"(?:{terms[m.group(1)]})"

        pattern = _TERM.sub(term, pattern)
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise ResourceError(f"{path}: {where}: pattern {pattern!r} does not compile: {err}") from None


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    return _load_lexicon(Path(path).resolve())


@cache
def _load_lexicon(path: Path) -> Lexicon:
    data = _read_yaml(path)
    try:
        spec = LexiconSpec.model_validate(data)
    except ValidationError as err:
        raise _errors(path, "", err) from None
    c = lambda where, p, flags=re.I: _compile(path, where, p, flags=flags)  # noqa: E731
    groups = []
    for pid, party in spec.parties.items():
        if not re.fullmatch(r"[a-z_]+", pid):
            raise ResourceError(f"{path}: parties.{pid}: ids are lower-case words joined by _")
        for i, p in enumerate(party.patterns):
            c(f"parties.{pid}.patterns[{i}]", p)
            if not p.startswith(r"\b"):
                # DocumentContext tries the parties only where a word begins or ends.
                raise ResourceError(f"{path}: parties.{pid}.patterns[{i}]: a party's name starts at a word: begin it with \\b")
        body = _alternation(party.patterns)
        groups.append(f"(?P<{pid}>{body})" if party.case_sensitive else f"(?P<{pid}>(?i:{body}))")
    terms = {}
    for name, p in spec.terms.items():
        c(f"terms.{name}", p)
        terms[name] = p
    ev = spec.events
    for key in ("verbs", "nouns", "start_verbs", "today"):
        for i, p in enumerate(getattr(ev, key)):
            c(f"events.{key}[{i}]", p)
    terms.setdefault("event_verb", _alternation(ev.verbs))
    terms.setdefault("event_noun", _alternation(ev.nouns))
    pe = spec.periods
    return Lexicon(
        spec=spec,
        parties={pid: Party(pid, p.side, p.name) for pid, p in spec.parties.items()},
        party_pattern=c("parties", "|".join(groups), flags=0),
        anaphora_heads={
            name: c(f"anaphora.heads.{name}", spec.anaphora.determiners + r"(?:" + _alternation(heads) + r")\b")
            for name, heads in spec.anaphora.heads.items()
        },
        continuations=[c(f"anaphora.continuations[{i}]", p) for i, p in enumerate(spec.anaphora.continuations)],
        terms=terms,
        event_verbs=c("events.verbs", _alternation(ev.verbs)),
        event_nouns=c("events.nouns", _alternation(ev.nouns)),
        start_verbs=c("events.start_verbs", _alternation(ev.start_verbs)),
        today=c("events.today", _alternation(ev.today)),
        weekdays=tuple(ev.weekdays),
        subject_boundary=c("events.subject_boundary", ev.subject_boundary),
        possessive=c("events.possessive", ev.possessive),
        writer_subject=c("events.writer_subject", ev.writer_subject),
        conjunction=c("events.conjunction", ev.conjunction),
        pending_pair=c("events.pending_pair", ev.pending_pair),
        not_a_period_before=c("periods.not_a_period_before", pe.not_a_period_before),
        historical=c("periods.historical", pe.historical),
        fiscal_before=c("periods.fiscal_year", rf"(?:{pe.fiscal_year})(?:\s+of)?\s*$"),
        fiscal_after=c("periods.fiscal_year", rf"\s*(?:{pe.fiscal_year})\b"),
        fiscal_quote=c("periods.fiscal_year", rf"(?:{pe.fiscal_year})"),
        change_before=c("periods.change_before", pe.change_before),
        comparison_base_before=c("periods.comparison_base_before", pe.comparison_base_before),
        span_clause=c("periods.span_clause", pe.span_clause),
        reference_before=c("periods.reference_before", pe.reference_before),
        immediate=c("periods.immediate", pe.immediate),
        comparison_after=c("periods.comparison_after", pe.comparison_after),
        relative={k: c(f"periods.relative.{k}", v) for k, v in pe.relative.model_dump().items()},
        quarters=c("periods.quarters.pattern", pe.quarters.pattern),
        rates=tuple((r.flag, r.suffix, c(f"periods.rates[{i}].after", r.after)) for i, r in enumerate(pe.rates)),
        status={k: [c(f"status.{k}[{i}]", p) for i, p in enumerate(v)] for k, v in spec.status.model_dump().items()},
        export=c("direction.export", spec.direction.export),
        import_=c("direction.import", spec.direction.import_),
        aid_to_japan=c("direction.aid_to_japan", spec.direction.aid_to_japan, flags=0),
        shared_predicate=c("binding.shared_predicate", spec.binding.shared_predicate),
        item_source=c("binding.item_source", spec.binding.item_source),
        conversion=c("conversion.between", spec.conversion.between),
        bare_amount=c("conversion.bare_amount", spec.conversion.bare_amount),
        descriptions=c("binding.descriptions", _alternation(spec.binding.descriptions)) if spec.binding.descriptions else None,
    )


def load_catalog(path: Path = CATALOG_FILE) -> dict[str, IndicatorSpec]:
    return _load_catalog(Path(path).resolve())


@cache
def _load_catalog(path: Path) -> dict[str, IndicatorSpec]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping of indicator id to its description")
    topics = set(schema.fields()["topic"].constraints.get("enum", []))
    out = {}
    for key, spec in data.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)):
            raise ResourceError(f"{path}: {key}: indicator ids are lower-case words joined by _")
        try:
            out[key] = IndicatorSpec.model_validate(spec)
        except ValidationError as err:
            raise _errors(path, f"{key}.", err) from None
        if out[key].topic not in topics:
            raise ResourceError(
                f"{path}: {key}.topic: {out[key].topic!r} is not a topic of schemas/fields.yaml ({', '.join(sorted(topics))})"
            )
    return out


def breakdown_columns() -> list[str]:
    """Breakdown columns of observations: the fields with ``role: breakdown`` in schemas/fields.yaml."""
    return schema.breakdowns("observations")


def _check_breakdown(path: Path, where: str, column: str, value: str | None = None) -> None:
    columns = breakdown_columns()
    if column not in columns:
        raise ResourceError(f"{path}: {where}: unknown breakdown {column!r} (known: {', '.join(columns)})")
    enum = schema.fields()[column].constraints.get("enum")
    if value is not None and enum and value not in enum:
        raise ResourceError(f"{path}: {where}: {value!r} is not a value of breakdown {column!r} ({', '.join(enum)})")


def load_rules(path: Path = RULES_FILE, lexicon_path: Path = LEXICON_FILE, catalog_path: Path = CATALOG_FILE) -> tuple[Rule, ...]:
    """The rules, validated against the lexicon and the catalog; loaded once per set of files."""
    return _load_rules(Path(path).resolve(), Path(lexicon_path).resolve(), Path(catalog_path).resolve())


@cache
def _load_rules(path: Path, lexicon_path: Path, catalog_path: Path) -> tuple[Rule, ...]:
    data = _read_yaml(path)
    if not isinstance(data, list):
        raise ResourceError(f"{path}: expected a list of rules")
    lexicon = load_lexicon(lexicon_path)
    catalog = load_catalog(catalog_path)
    terms = lexicon.terms
    rules, seen = [], set()
    for order, raw in enumerate(data):
        rid = raw.get("id", f"#{order + 1}") if isinstance(raw, dict) else f"#{order + 1}"
        try:
            spec = RuleSpec.model_validate(raw)
        except ValidationError as err:
            raise _errors(path, f"rule {rid!r}: ", err) from None
        where = f"rule {spec.id!r}"
        if spec.id in seen:
            raise ResourceError(f"{path}: {where}: id is used twice")
        seen.add(spec.id)
        if spec.indicator not in catalog:
            raise ResourceError(f"{path}: {where}: indicator: unknown indicator {spec.indicator!r} (not in {catalog_path.name})")
        if catalog[spec.indicator].kind != spec.kind:
            raise ResourceError(
                f"{path}: {where}: kind: {spec.kind!r} but indicator {spec.indicator!r} is of kind {catalog[spec.indicator].kind!r}"
            )
        if spec.period_from and spec.period_from not in catalog:
            raise ResourceError(f"{path}: {where}: period_from: unknown indicator {spec.period_from!r}")
        for unit in spec.units:
            if unit not in UNIT_CLASSES | FIGURE_UNITS:
                raise ResourceError(f"{path}: {where}: units: unknown unit {unit!r}")
        for column, value in spec.set.items():
            _check_breakdown(path, f"{where}: set", column, value)
        for column, c in spec.classify.items():
            for value in c.values:
                _check_breakdown(path, f"{where}: classify.{column}", column, value)
        for column in [*spec.capture, *spec.required_breakdowns]:
            _check_breakdown(path, f"{where}: capture/required_breakdowns", column)
        known = set(schema.tables()["observations"].field_names)
        for i, example in enumerate(spec.examples):
            for expected in example.publish:
                unknown = set(expected) - known
                if unknown:
                    raise ResourceError(f"{path}: {where}: examples[{i}].publish: unknown columns {sorted(unknown)}")
        if not any(e.publish for e in spec.examples) or all(e.publish for e in spec.examples):
            raise ResourceError(f"{path}: {where}: examples: give at least one text it publishes from and one it must not")

        def comp(key: str, p: str, where: str = where) -> re.Pattern:
            return _compile(path, f"{where}: {key}", p, terms)

        rules.append(
            Rule(
                spec=spec,
                order=order,
                units=frozenset(spec.units),
                evidence=tuple(comp("evidence", p) for p in spec.evidence),
                require={s: tuple(comp(f"require.{s}", p) for p in ps) for s, ps in spec.require.items()},
                unless={s: tuple(comp(f"unless.{s}", p) for p in ps) for s, ps in spec.unless.items()},
                classify={
                    column: (
                        tuple(c.scopes),
                        tuple(
                            (value, comp(f"classify.{column}.{value}", p))
                            for value, ps in c.values.items()
                            for p in ([ps] if isinstance(ps, str) else ps)
                        ),
                    )
                    for column, c in spec.classify.items()
                },
                capture={
                    column: (
                        tuple(c.scopes),
                        _compile(path, f"{where}: capture.{column}", c.pattern, terms, re.I if c.ignore_case else 0),
                        frozenset(c.reject),
                    )
                    for column, c in spec.capture.items()
                },
            )
        )
    for rule in rules:
        for column, (_, pattern, _) in rule.capture.items():
            if "v" not in pattern.groupindex:
                raise ResourceError(f"{path}: rule {rule.id!r}: capture.{column}: the pattern needs a group (?P<v>...)")
    return tuple(rules)

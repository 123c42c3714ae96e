"""Mapping figures to indicators with the declarative rules of ``rules.yaml``.

Belongs here: loading rules, testing them against a figure's context, building the tidy
``observations`` (one row per distinct fact, first mention cited) and the ``conflicts`` among them.
Not here: the rules themselves (words and patterns, in ``rules.yaml``), thematic tables.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from ..extract.lexicon import ISO_4217
from .context import Context, DocumentContext

RULES_FILE = Path(__file__).with_name("rules.yaml")
BREAKDOWNS = [
    "prefecture", "status_of_residence", "sex", "age_group", "purpose", "aid_type", "project_type",
    "programme", "level", "flow", "scope", "place", "measure", "event",
]
_ENERGY = {"Wh", "kWh", "MWh", "GWh", "TWh"}
_POWER = {"W", "kW", "MW", "GW"}


def unit_class(unit: str) -> str:
    if unit in ISO_4217:
        return "money"
    if unit in _ENERGY:
        return "energy"
    if unit in _POWER:
        return "power"
    return unit


@dataclass
class Rule:
    id: str
    indicator: str
    units: frozenset[str]
    kind: str
    when: dict[str, list[re.Pattern]]
    unless: dict[str, list[re.Pattern]]
    classify: dict[str, tuple[list[str], list[tuple[str, re.Pattern]]]]
    capture: dict[str, tuple[list[str], re.Pattern]]
    set: dict[str, str]
    require: list[str]
    period_fallback: str | None
    reject_values: dict[str, frozenset[str]] = field(default_factory=dict)

    def applies(self, unit: str, kind: str, ctx: Context) -> dict[str, str] | None:
        """The breakdowns this rule gives the figure, or None when it does not apply."""
        if kind != self.kind or (unit not in self.units and unit_class(unit) not in self.units):
            return None
        for scope, patterns in self.when.items():
            text = ctx.scope(scope)
            if not any(p.search(text) for p in patterns):
                return None
        for scope, patterns in self.unless.items():
            text = ctx.scope(scope)
            if any(p.search(text) for p in patterns):
                return None
        found = dict(self.set)
        for column, (scopes, values) in self.classify.items():
            found[column] = next(
                (value for scope in scopes for value, p in values if p.search(ctx.scope(scope))), ""
            )
        for column, (scopes, pattern) in self.capture.items():
            for scope in scopes:
                m = pattern.search(ctx.scope(scope))
                if m and m.group("v").strip() not in self.reject_values.get(column, ()):
                    found[column] = " ".join(m.group("v").split())
                    break
            else:
                found.setdefault(column, "")
        if any(not found.get(column) for column in self.require):
            return None
        return found


def _patterns(spec) -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in ([spec] if isinstance(spec, str) else spec)]


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    with open(path, encoding="utf-8") as fh:
        specs = yaml.safe_load(fh)
    rules, seen = [], set()
    for spec in specs:
        if spec["id"] in seen:
            raise ValueError(f"{path}: rule id {spec['id']!r} is used twice")
        seen.add(spec["id"])
        unknown = set(spec.get("classify", {})) | set(spec.get("capture", {})) | set(spec.get("set", {}))
        if unknown - set(BREAKDOWNS):
            raise ValueError(f"{path}: rule {spec['id']!r} names unknown breakdowns {sorted(unknown - set(BREAKDOWNS))}")
        rules.append(
            Rule(
                id=spec["id"],
                indicator=spec["indicator"],
                units=frozenset(spec["units"]),
                kind=spec.get("kind", "quantity"),
                when={scope: _patterns(p) for scope, p in spec.get("when", {}).items()},
                unless={scope: _patterns(p) for scope, p in spec.get("unless", {}).items()},
                classify={
                    column: (c.get("scopes", ["item"]), [(value, p) for value, ps in c["values"].items() for p in _patterns(ps)])
                    for column, c in spec.get("classify", {}).items()
                },
                capture={
                    column: (c.get("scopes", ["item"]), re.compile(c["pattern"], re.I if c.get("ignore_case", True) else 0))
                    for column, c in spec.get("capture", {}).items()
                },
                set=dict(spec.get("set", {})),
                require=list(spec.get("require", [])),
                period_fallback=spec.get("period_fallback"),
                reject_values={k: frozenset(v) for k, v in spec.get("reject_values", {}).items()},
            )
        )
    return tuple(rules)


def _observation_id(row: dict) -> str:
    key = "\x1f".join(str(row[c]) for c in ["document", "indicator_id", "period", *BREAKDOWNS, "qualifier", "unit", "value"])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def map_document(figures: pd.DataFrame, text: str, rules: tuple[Rule, ...] | None = None) -> list[dict]:
    """Observations of one document's figures (in text order), before de-duplication."""
    rules = rules or load_rules()
    contexts = DocumentContext(text)
    rows: list[dict] = []
    latest_period: dict[str, str] = {}  # indicator -> latest stated period so far in the document
    for f in figures.sort_values(["start", "qualifier"]).itertuples(index=False):
        ctx = contexts.of(f.start)
        for rule in rules:
            breakdowns = rule.applies(f.unit, f.kind, ctx)
            if breakdowns is None:
                continue
            period = f.period or ""
            if not period and rule.period_fallback:
                # "Reference date not restated": the latest date stated for the anchor indicator.
                period = latest_period.get(rule.period_fallback, "")
            if period:
                latest_period[rule.indicator] = max(latest_period.get(rule.indicator, ""), period)
            if rule.kind == "date":
                breakdowns.setdefault("event", " ".join(ctx.sentence.split()))
            row = {
                "indicator_id": rule.indicator, "period": period,
                **{c: breakdowns.get(c, "") for c in BREAKDOWNS},
                "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                "figure_id": f.figure_id, "document": f.document, "rule_id": rule.id,
            }
            rows.append(row)
            break
    return rows


def observations_table(figures: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per distinct fact: a fact stated twice in a document cites its first mention."""
    rows = []
    for document, doc_figures in figures.groupby("document", sort=True):
        rows.extend(map_document(doc_figures, texts[document]))
    columns = ["observation_id", "indicator_id", "period", *BREAKDOWNS, "value", "unit", "qualifier", "figure_id", "document", "rule_id"]
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows)
    df["observation_id"] = [_observation_id(r) for r in df.to_dict("records")]
    df = df.drop_duplicates("observation_id", keep="first")
    return df[columns].reset_index(drop=True)


def conflicts_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Observations that give different values for one indicator, period, breakdown and qualifier."""
    key = ["indicator_id", "period", *BREAKDOWNS, "qualifier", "unit"]
    columns = ["conflict_id", "observation_id", "indicator_id", "period", "breakdown", "value", "unit", "qualifier", "figure_id", "document"]
    obs = observations[~observations["event"].astype(bool)]  # dates are events, not values to compare
    out = []
    for values, group in obs.groupby(key, sort=True, dropna=False):
        if group["value"].nunique() < 2:
            continue
        parts = dict(zip(key, values))
        breakdown = "; ".join(f"{c}={parts[c]}" for c in BREAKDOWNS if parts[c])
        conflict_id = hashlib.sha1("\x1f".join(map(str, values)).encode()).hexdigest()[:16]
        for r in group.itertuples(index=False):
            out.append({"conflict_id": conflict_id, "observation_id": r.observation_id, "indicator_id": r.indicator_id,
                        "period": r.period, "breakdown": breakdown, "value": r.value, "unit": r.unit,
                        "qualifier": r.qualifier, "figure_id": r.figure_id, "document": r.document})
    return pd.DataFrame(out, columns=columns)

"""Scoring the whole pipeline on the development set (``../shared/devset``), fact by fact.

Belongs here: reading a dev-set folder (raw texts, ``raw/SOURCES.csv`` for each page's date, gold
figures and facts), running the extractor and the mapping on its texts exactly as the pipeline
does, turning observations into the dev set's fact vocabulary (``devset_vocabulary.yaml``) and
scoring them with the rule of the dev set's README: an observation is correct when its figure's
span overlaps a gold row whose fact is not ``none`` with the same label, value (6 significant
digits; dates as ISO), no contradiction on the keys that carry meaning, and an agreeing period.
Precision = correct / published; recall = must=yes facts found / must=yes facts. Reported per
page and per rule. Figures are scored too, with the annotations' rule (``evaluate.score``).
Not here: any input of the pipeline; the dev set's texts never enter the repository.
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from . import settings
from .figures import figures_table
from .indicators import build_indicator_tables

if TYPE_CHECKING:
    from .evaluate import Score  # evaluate imports this module at run time

VOCABULARY_FILE = Path(__file__).with_name("devset_vocabulary.yaml")
MEANINGFUL_KEYS = ("item", "aid_type", "measure", "bound", "component")  # breakdown keys the scoring compares
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def devset_dir() -> Path:
    """``PIPELINE_DEVSET_DIR``, else ``shared/devset`` beside the project folder."""
    return Path(os.environ.get("PIPELINE_DEVSET_DIR") or settings.PROJECT_ROOT.parent / "shared" / "devset")


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def document_dates(folder: Path) -> dict[str, str]:
    """Each page's date from ``raw/SOURCES.csv``: the ISO part of its ``date`` column ("2018-12 (inferred)")."""
    path = folder / "raw" / "SOURCES.csv"
    if not path.exists():
        return {}
    out = {}
    for row in _read_csv(path):
        m = _ISO_DATE.match((row.get("date") or "").strip())
        out[row["file"]] = m.group() if m else ""
    return out


def to_facts(observations: pd.DataFrame, figures: pd.DataFrame) -> list[dict]:
    """Observations in the dev set's vocabulary: file, start, end, value, fact, breakdown, period, rule."""
    vocab = vocabulary()
    spans = figures.set_index("figure_id")[["start", "end"]]
    out = []
    for r in observations.itertuples(index=False):
        spec = vocab.get(r.indicator_id, {"fact": "other_jp_mn"})
        if "by_flow" in spec:
            spec = spec["by_flow"].get(r.flow, {"fact": "other_jp_mn"})
        breakdown = dict(spec.get("breakdown", {}))
        for column, m in spec.get("from", {}).items():
            value = getattr(r, column)
            if value in m["values"]:
                breakdown[m["key"]] = m["values"][value]
        if r.qualifier in spec.get("bound", {}):
            breakdown["bound"] = spec["bound"][r.qualifier]
        dated = r.unit in ("date",) or (r.event and r.unit == "year")
        start, end = spans.loc[r.figure_id]
        out.append(
            {
                "file": r.document,
                "start": int(start),
                "end": int(end),
                "value": r.period if dated else repr(float(r.value)),
                "fact": spec["fact"],
                "breakdown": ";".join(f"{k}={v}" for k, v in breakdown.items()),
                "period": r.period or "",
                "rule_id": r.rule_id,
                "indicator_id": r.indicator_id,
                "quote": "",
            }
        )
    return out


# --- the dev set's scoring rule ----------------------------------------------------------------------
def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if x == y:
        return True
    if x == 0 or y == 0:
        return False
    return round(x, 5 - math.floor(math.log10(abs(x)))) == round(y, 5 - math.floor(math.log10(abs(y))))


def _breakdown(text: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in (text or "").split(";") if "=" in kv)


def _period_ok(gold: str, ours: str) -> bool:
    return not gold or (ours or "").startswith(gold) or gold.startswith(ours or "\0")


def correct(o: dict, g: dict) -> bool:
    if g["fact"] == "none" or o["fact"] != g["fact"] or o["file"] != g["file"]:
        return False
    if not (int(o["start"]) < int(g["end"]) and int(g["start"]) < int(o["end"])):
        return False
    if not _same(o["value"], g["value"]):
        return False
    gb, ob = _breakdown(g["breakdown"]), _breakdown(o["breakdown"])
    if any(k in gb and k in ob and gb[k] != ob[k] for k in MEANINGFUL_KEYS):
        return False
    return _period_ok(g["period"], o["period"])


def _fact_key(g: dict) -> tuple:
    return g["file"], g["fact"], g["breakdown"], g["period"], g["value"]


@dataclass
class Tally:
    published: int = 0
    correct: int = 0
    must: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.published if self.published else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.must if self.must else 1.0


@dataclass
class DevsetScore:
    total: Tally
    pages: dict[str, Tally]
    rules: dict[str, Tally]
    wrong: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    figures: Score | None = None  # the scores of the dev set's figures (annotation rule)

    def to_text(self) -> str:
        t = self.total
        lines = [
            f"dev set facts: precision {t.precision:.3f} ({t.correct}/{t.published} published observations correct), "
            f"recall {t.recall:.3f} ({t.found}/{t.must} must=yes facts found)",
            "",
            f"{'page':<58} {'published':>9} {'correct':>7} {'precision':>9} {'must':>5} {'found':>5} {'recall':>6}",
        ]
        for page, c in sorted(self.pages.items()):
            lines.append(f"{page:<58} {c.published:>9} {c.correct:>7} {c.precision:>9.3f} {c.must:>5} {c.found:>5} {c.recall:>6.3f}")
        lines += ["", f"{'rule':<40} {'published':>9} {'correct':>7} {'precision':>9}"]
        for rule, c in sorted(self.rules.items()):
            flag = "  < 0.95" if c.precision < 0.95 else ""
            lines.append(f"{rule:<40} {c.published:>9} {c.correct:>7} {c.precision:>9.3f}{flag}")
        lines += ["", f"wrong observations: {len(self.wrong)}"]
        lines += [
            f"  {o['file']}:{o['start']}  {o['fact']} {o['value']} {o['breakdown']} period={o['period']!r} ({o['rule_id']})"
            for o in self.wrong
        ]
        lines += ["", f"must=yes facts not found: {len(self.missed)}"]
        lines += [
            f"  {g['file']}:{g['start']}  {g['quote']!r} {g['fact']} {g['value']} {g['breakdown']} period={g['period']!r}"
            for g in self.missed
        ]
        if self.figures is not None:
            lines += ["", "dev set figures (annotation rule):", self.figures.to_text()]
        return "\n".join(lines)


def score_facts(published: list[dict], gold: list[dict]) -> DevsetScore:
    must = {_fact_key(g) for g in gold if g["must"] == "yes"}
    pages: dict[str, Tally] = defaultdict(Tally)
    rules: dict[str, Tally] = defaultdict(Tally)
    found: set[tuple] = set()
    wrong = []
    by_file = defaultdict(list)
    for g in gold:
        by_file[g["file"]].append(g)
    for o in published:
        hits = [g for g in by_file[o["file"]] if correct(o, g)]
        ok = bool(hits)
        for tally in (pages[o["file"]], rules[o["rule_id"]]):
            tally.published += 1
            tally.correct += ok
        if ok:
            found |= {_fact_key(g) for g in hits if g["must"] == "yes"}
        else:
            wrong.append(o)
    for key in must:
        pages[key[0]].must += 1
        pages[key[0]].found += key in found
    total = Tally(published=len(published), correct=sum(t.correct for t in pages.values()), must=len(must), found=len(found & must))
    missed, seen = [], set()
    for g in gold:
        k = _fact_key(g)
        if g["must"] == "yes" and k not in found and k not in seen:
            seen.add(k)
            missed.append(g)
    return DevsetScore(total, dict(pages), dict(rules), wrong, missed)


def evaluate_devset(folder: Path | None = None) -> DevsetScore:
    """Run figures and mapping on the dev set's texts and score facts (and figures)."""
    from .evaluate import manifest_hints
    from .evaluate import score as score_figures

    folder = Path(folder or devset_dir())
    raw = folder / "raw"
    if not raw.is_dir():
        raise FileNotFoundError(f"{folder}: no raw/ folder of a development set")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))}
    figures = figures_table(texts.items(), manifest_hints(raw))
    tables = build_indicator_tables(figures, texts, document_dates(folder))
    gold = [row for p in sorted((folder / "gold").glob("facts_*.csv")) for row in _read_csv(p)]
    result = score_facts(to_facts(tables["observations"], figures), gold)
    gold_figures = pd.concat(
        [
            pd.read_csv(p, dtype={"value": str, "period": str}, keep_default_na=False)
            for p in sorted((folder / "gold").glob("figures_*.csv"))
        ],
        ignore_index=True,
    )
    result.figures = score_figures(figures, gold_figures)
    return result

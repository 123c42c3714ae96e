"""Scoring against hand labels: ``python -m pipeline.evaluate --annotations DIR [--devset DIR]``.

Prints (1) the extractor's figure scores on the annotations, (2) fact coverage on the annotations
(``annotation_facts``), (3) when a development set is found (``--devset``, else
``PIPELINE_DEVSET_DIR``, else ``shared/devset`` beside the project), fact precision and recall of
the whole pipeline per page and per rule, and figure scores on it (``devset``).

Belongs here: the scoring rule of the annotations README and its report. Only quantities are
scored: rows whose unit is year or date are left out on both sides. A prediction matches a gold
row when file, unit class and value agree (values to 6 significant digits; person and count are
one class; kWh/MWh compare as energy, kW/MW as power; each currency code and percent and rank
are classes of their own; any other unit is "other"). Matching is a multiset intersection.
Borderline gold rows are optional: matching one neither helps nor hurts.
Not here: extraction itself; annotations are never an input of the pipeline.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import settings
from .extract import extract_figures
from .extract.lexicon import ISO_4217
from .extract.model import TIME_UNITS

_ENERGY = {"Wh": 1.0, "kWh": 1e3, "MWh": 1e6, "GWh": 1e9, "TWh": 1e12}
_POWER = {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9}


def unit_class(unit: str, value: float) -> tuple[str, float]:
    """The class a unit is compared in, and the value in that class's base unit."""
    if unit in ("person", "count"):
        return "count", value
    if unit in _ENERGY:
        return "energy", value * _ENERGY[unit]
    if unit in _POWER:
        return "power", value * _POWER[unit]
    if unit in ("percent", "rank") or unit in ISO_4217:
        return unit, value
    return "other", value


def _key(file: str, unit: str, value: float) -> tuple[str, str, float]:
    cls, base = unit_class(unit, float(value))
    return file, cls, float(f"{base:.6g}")


@dataclass
class Counts:
    matches: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matches / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matches / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score(Counts):
    by_class: dict[str, Counts] = field(default_factory=dict)
    misses: pd.DataFrame = field(default_factory=pd.DataFrame)
    false_alarms: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_text(self) -> str:
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(matches {self.matches}, predicted {self.predicted}, gold {self.gold})",
            "",
            f"{'class':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'matches':>8} {'predicted':>10} {'gold':>5}",
        ]
        for cls, c in sorted(self.by_class.items()):
            lines.append(f"{cls:<10} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.matches:>8} {c.predicted:>10} {c.gold:>5}")
        for title, frame, doc in (("misses", self.misses, "file"), ("false alarms", self.false_alarms, "document")):
            lines += ["", f"{title}: {len(frame)}"]
            for r in frame.itertuples(index=False):
                lines.append(f"  {getattr(r, doc)}:{r.start}  {r.quote!r}  {r.value:,.12g} {r.unit}")
        return "\n".join(lines)


def load_gold(annotations_dir: Path) -> pd.DataFrame:
    """Every annotation CSV of the folder as one frame (value kept as text: dates are ISO strings)."""
    files = sorted(Path(annotations_dir).glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"{annotations_dir}: no annotation CSV files")
    return pd.concat([pd.read_csv(f, dtype={"value": str, "period": str}, keep_default_na=False) for f in files], ignore_index=True)


def score(predicted: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Score predictions (columns document, value, unit, quote, start) against gold rows.

    Precision or recall with an empty denominator is 1.0: nothing was asked, nothing was wrong.
    """
    gold = gold[~gold["unit"].isin(TIME_UNITS)].copy()
    predicted = predicted[~predicted["unit"].isin(TIME_UNITS)].copy()
    gold["key"] = [_key(f, u, float(v)) for f, u, v in zip(gold["file"], gold["unit"], gold["value"])]
    predicted["key"] = [_key(d, u, float(v)) for d, u, v in zip(predicted["document"], predicted["unit"], predicted["value"])]
    required = gold[gold["tier"] != "borderline"]
    optional = gold[gold["tier"] == "borderline"]

    # Required rows first; leftover predictions may then absorb optional (borderline) rows.
    want = Counter(required["key"])
    may = Counter(optional["key"])
    hit, absorbed, false_alarm = [], [], []
    for i, k in zip(predicted.index, predicted["key"]):
        if want[k] > 0:
            want[k] -= 1
            hit.append(i)
        elif may[k] > 0:
            may[k] -= 1
            absorbed.append(i)
        else:
            false_alarm.append(i)
    # Gold rows left in `want` are misses; pick them in file order for the report.
    left = Counter(want)
    miss_rows = []
    for i, k in zip(required.index, required["key"]):
        if left[k] > 0:
            left[k] -= 1
            miss_rows.append(i)

    out = Score(matches=len(hit), predicted=len(hit) + len(false_alarm), gold=len(required))
    classes = sorted({k[1] for k in required["key"]} | {k[1] for k in predicted["key"]})
    for cls in classes:
        out.by_class[cls] = Counts(
            matches=sum(1 for i in hit if predicted.at[i, "key"][1] == cls),
            predicted=sum(1 for i in hit + false_alarm if predicted.at[i, "key"][1] == cls),
            gold=sum(1 for k in required["key"] if k[1] == cls),
        )
    out.misses = required.loc[miss_rows, ["file", "quote", "value", "unit", "start"]].assign(value=lambda d: d["value"].astype(float))
    out.false_alarms = predicted.loc[false_alarm, ["document", "quote", "value", "unit", "start"]]
    return out


def predictions(gold: pd.DataFrame, raw_dir: Path) -> pd.DataFrame:
    """Run the extractor on every annotated file of ``raw_dir``."""
    rows = []
    for file in sorted(gold["file"].unique()):
        path = Path(raw_dir) / file
        if not path.exists():
            raise FileNotFoundError(f"{path}: annotated file not found in the raw folder")
        text = path.read_text(encoding="utf-8")
        rows += [{"document": f.document, "value": f.value, "unit": f.unit, "quote": f.quote, "start": f.start, "end": f.end}
                 for f in extract_figures(text, file)]
    return pd.DataFrame(rows, columns=["document", "value", "unit", "quote", "start", "end"])


def evaluate(annotations_dir: Path, raw_dir: Path | None = None) -> Score:
    """Score the extractor on the annotated files of ``raw_dir`` (default: ``settings.raw_dir()``)."""
    gold = load_gold(annotations_dir)
    return score(predictions(gold, raw_dir or settings.raw_dir()), gold)


def annotation_fact_text(annotations_dir: Path, raw_dir: Path | None = None) -> str:
    """Coverage of the annotated topic figures by the pipeline's observations."""
    from .annotation_facts import coverage
    from .figures import figures_table
    from .indicators import build_indicator_tables
    from .sources import load_corpus, read_text

    raw_dir = Path(raw_dir or settings.raw_dir())
    gold = load_gold(annotations_dir).astype(str)
    documents = load_corpus(raw_dir).documents
    documents = documents[documents["document"].isin(set(gold["file"]))]
    texts = {d: read_text(raw_dir / d).text for d in documents["document"]}
    figures = figures_table(texts.items())
    tables = build_indicator_tables(figures, texts, documents)
    return coverage(tables["observations"], gold).to_text()


def main(argv: list[str] | None = None) -> int:
    from .devset import devset_dir, evaluate_devset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, required=True, help="folder of annotation CSV files")
    parser.add_argument("--raw", type=Path, default=None, help="folder of the annotated texts (default: raw/)")
    parser.add_argument("--devset", type=Path, default=None,
                        help="development set folder (default: $PIPELINE_DEVSET_DIR, else shared/devset beside the project)")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.annotations, args.raw)
        sections = [result.to_text(), "", "== facts on the annotations ==", annotation_fact_text(args.annotations, args.raw)]
        folder = args.devset or devset_dir()
        if (folder / "raw").is_dir():
            sections += ["", f"== development set: {folder} ==", evaluate_devset(folder).to_text()]
        elif args.devset:
            raise FileNotFoundError(f"{folder}: no development set (expected raw/ and gold/ in it)")
        else:
            sections += ["", f"== development set: not found at {folder}; skipped (set PIPELINE_DEVSET_DIR or pass --devset) =="]
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        print("\n".join(sections))
    except BrokenPipeError:  # `| head` closed the pipe: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

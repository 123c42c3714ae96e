"""Scoring against hand labels: ``python -m pipeline.evaluate --annotations DIR [--devset DIR]``.

Prints (1) the extractor's figure scores on the annotations, overall, per page and per unit class,
(2) fact coverage on the annotations (``annotation_facts``), (3) when a development set is found
(``--devset``, else ``PIPELINE_DEVSET_DIR``, else ``shared/devset`` beside the project), fact
precision and recall of the whole pipeline per page and per rule, and figure scores on it
(``devset``).

    python -m pipeline.evaluate --annotations tests/annotations [--raw DIR] [--devset DIR]
    python -m pipeline.evaluate --explain FILE      # every number of FILE, read or skipped, and the rule

Belongs here: the scoring rule of the annotations README and its report, overall, per page and
per unit class, on the annotations and on the dev set (``--devset DIR``, by default
``$PIPELINE_DEVSET_DIR`` or ``../shared/devset`` beside the project when present; its gold is
``gold/figures_*.csv`` and its texts ``raw/``). Only quantities are scored: rows whose unit is
year or date are left out on both sides. A prediction matches a gold row when file, unit class
and value agree (values to 6 significant digits; person and count are one class; kWh/MWh compare
as energy, kW/MW as power; each currency code and percent and rank are classes of their own; any
other unit, rates and pint symbols such as km or TWh included, is "other"). Matching is a
multiset intersection. Borderline gold rows are optional: matching one neither helps nor hurts.
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
from .extract import DocumentHints, explain, extract_figures
from .extract.lexicon import ISO_4217
from .extract.model import TIME_UNITS

# The annotation vocabulary's energy and power units (README: "kWh/MWh compare as energy after
# conversion, kW/MW as power"); any other unit, GWh and rates included, is "other".
_ENERGY = {"kWh": 1e3, "MWh": 1e6}
_POWER = {"kW": 1e3, "MW": 1e6}


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
    by_page: dict[str, Counts] = field(default_factory=dict)
    misses: pd.DataFrame = field(default_factory=pd.DataFrame)
    false_alarms: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_text(self, listed: int | None = None) -> str:
        """The scores, then the misses and false alarms (the first ``listed`` of each, or all)."""
        lines = [
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(matches {self.matches}, predicted {self.predicted}, gold {self.gold})",
        ]
        for title, table in (("class", self.by_class), ("page", self.by_page)):
            if not table:
                continue
            width = max(10, *(len(k) for k in table))
            lines += ["", f"{title:<{width}} {'precision':>9} {'recall':>7} {'F1':>6} {'matches':>8} {'predicted':>10} {'gold':>5}"]
            for key, c in sorted(table.items()):
                lines.append(
                    f"{key:<{width}} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} {c.matches:>8} {c.predicted:>10} {c.gold:>5}"
                )
        for title, frame, doc in (("misses", self.misses, "file"), ("false alarms", self.false_alarms, "document")):
            lines += ["", f"{title}: {len(frame)}"]
            for r in frame.head(listed).itertuples(index=False) if listed is not None else frame.itertuples(index=False):
                lines.append(f"  {getattr(r, doc)}:{r.start}  {r.quote!r}  {r.value:,.12g} {r.unit}")
            if listed is not None and len(frame) > listed:
                lines.append(f"  ... and {len(frame) - listed} more (make evaluate lists them all)")
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
    gold["key"] = [_key(f, u, float(v)) for f, u, v in zip(gold["file"], gold["unit"], gold["value"], strict=True)]
    predicted["key"] = [_key(d, u, float(v)) for d, u, v in zip(predicted["document"], predicted["unit"], predicted["value"], strict=True)]
    required = gold[gold["tier"] != "borderline"]
    optional = gold[gold["tier"] == "borderline"]

    # Required rows first; leftover predictions may then absorb optional (borderline) rows.
    want = Counter(required["key"])
    may = Counter(optional["key"])
    hit, absorbed, false_alarm = [], [], []
    for i, k in zip(predicted.index, predicted["key"], strict=True):
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
    for i, k in zip(required.index, required["key"], strict=True):
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
    pages = sorted(set(required["file"]) | set(predicted["document"]))
    for page in pages:
        out.by_page[page] = Counts(
            matches=sum(1 for i in hit if predicted.at[i, "document"] == page),
            predicted=sum(1 for i in hit + false_alarm if predicted.at[i, "document"] == page),
            gold=int((required["file"] == page).sum()),
        )
    out.misses = required.loc[miss_rows, ["file", "quote", "value", "unit", "start"]].assign(value=lambda d: d["value"].astype(float))
    out.false_alarms = predicted.loc[false_alarm, ["document", "quote", "value", "unit", "start"]]
    return out


def manifest_hints(raw_dir: Path) -> dict[str, DocumentHints]:
    """What the raw folder's manifest says about each text that decides how it is read."""
    from .figures import corpus_hints
    from .sources import load_corpus

    return corpus_hints(load_corpus(Path(raw_dir)).documents)


def predictions(gold: pd.DataFrame, raw_dir: Path) -> pd.DataFrame:
    """Run the extractor on every annotated file of ``raw_dir``."""
    rows = []
    hints = manifest_hints(raw_dir)
    for file in sorted(gold["file"].unique()):
        path = Path(raw_dir) / file
        if not path.exists():
            raise FileNotFoundError(f"{path}: annotated file not found in the raw folder")
        text = path.read_text(encoding="utf-8")
        rows += [
            {"document": f.document, "value": f.value, "unit": f.unit, "quote": f.quote, "start": f.start, "end": f.end}
            for f in extract_figures(text, file, hints.get(file))
        ]
    return pd.DataFrame(rows, columns=["document", "value", "unit", "quote", "start", "end"])


def evaluate(annotations_dir: Path, raw_dir: Path | None = None) -> Score:
    """Score the extractor on the annotated files of ``raw_dir`` (default: ``settings.raw_dir()``)."""
    gold = load_gold(annotations_dir)
    return score(predictions(gold, raw_dir or settings.raw_dir()), gold)


def annotation_fact_text(annotations_dir: Path, raw_dir: Path | None = None) -> str:
    """Coverage of the annotated topic figures by the pipeline's observations."""
    from .annotation_facts import coverage
    from .figures import corpus_hints, figures_table
    from .indicators import build_indicator_tables
    from .sources import load_corpus, read_text

    raw_dir = Path(raw_dir or settings.raw_dir())
    gold = load_gold(annotations_dir).astype(str)
    documents = load_corpus(raw_dir).documents
    documents = documents[documents["document"].isin(set(gold["file"]))]
    texts = {d: read_text(raw_dir / d).text for d in documents["document"]}
    figures = figures_table(texts.items(), corpus_hints(documents))
    tables = build_indicator_tables(figures, texts, documents)
    return coverage(tables["observations"], gold).to_text()


def explain_text(path: Path, raw_dir: Path | None = None) -> str:
    """Every number of one text with what the extractor decided and the rule that decided it."""
    text = Path(path).read_text(encoding="utf-8")
    hints = manifest_hints(Path(path).parent).get(Path(path).name)
    lines = [f"{'offset':>7}  {'outcome':<8} {'rule':<26} quote -> value unit"]
    skipped = 0
    for d in explain(text, Path(path).name, hints):
        shown = d.quote.replace("\n", "\\n")
        if d.outcome == "figure":
            f = d.figure
            assert f is not None  # a "figure" decision carries its figure
            lines.append(f"{d.start:>7}  {'figure':<8} {d.rule:<26} {shown!r} -> {f.value:,.12g} {f.unit} ({f.qualifier})")
        else:
            skipped += d.outcome == "skipped"
            lines.append(f"{d.start:>7}  {d.outcome:<8} {d.rule:<26} {shown!r}")
    lines.append(f"{skipped} numbers skipped; 'within' marks digits inside a span decided before them")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from .devset import devset_dir, evaluate_devset

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=None, help="folder of annotation CSV files")
    parser.add_argument("--raw", type=Path, default=None, help="folder of the annotated texts (default: raw/)")
    parser.add_argument(
        "--devset",
        type=Path,
        default=None,
        help="development set folder (default: $PIPELINE_DEVSET_DIR, else shared/devset beside the project)",
    )
    parser.add_argument("--no-devset", action="store_true", help="score the annotations only")
    parser.add_argument(
        "--explain",
        type=Path,
        default=None,
        metavar="FILE",
        help="list every number of FILE with the rule that read or skipped it, and stop",
    )
    args = parser.parse_args(argv)
    try:
        if args.explain is not None:
            if not args.explain.is_file():
                raise FileNotFoundError(f"{args.explain}: no such text")
            sections = [explain_text(args.explain)]
        else:
            if args.annotations is None and args.devset is None:
                parser.error("give --annotations DIR, --devset DIR or --explain FILE")
            sections = []
            if args.annotations is not None:
                result = evaluate(args.annotations, args.raw)
                sections += [result.to_text(), "", "== facts on the annotations ==", annotation_fact_text(args.annotations, args.raw)]
            folder = args.devset or devset_dir()
            if args.no_devset and args.devset is None:
                pass
            elif (folder / "raw").is_dir():
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

"""Mapping time against text length: every stage of the indicators layer should be linear.

Run: `.venv/bin/python benchmarks/mapping.py [--kb 50 100 200 400]`. Builds documents of growing
size from the source texts (``corpus.py`` varies their digits and order), extracts their figures
once (not timed), then times the indicators stage (mapping, consistency, conflicts, thematic tables)
and prints, for each size, milliseconds per 100 KB and the ratio to the smallest size: a linear
stage keeps the ratio near 1 (a quadratic one doubles it with each doubling). Two shapes: many
documents of the usual size, and one document of the whole size (one long text, the worst case for
scans that look back over a document). Timings on this shared machine vary by up to a third; the
ratio, taken within one run, is the figure to read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import documents  # noqa: E402

from pipeline import settings  # noqa: E402
from pipeline.figures import figures_table  # noqa: E402
from pipeline.indicators import build_indicator_tables  # noqa: E402


def _texts(kb: int, one_document: bool) -> dict[str, str]:
    out, size = {}, 0
    for name, text in documents(settings.raw_dir(), kb / 1000 + 1):
        out[name] = text
        size += len(text.encode("utf-8"))
        if size >= kb * 1024:
            break
    if one_document:
        return {"all.txt": "\n\n".join(out.values())}
    return out


def _time(texts: dict[str, str], repeat: int) -> tuple[float, int, int]:
    figures = figures_table(texts.items())
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        tables = build_indicator_tables(figures, texts, {})
        best = min(best, time.perf_counter() - started)
    return best, len(figures), len(tables["observations"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs per size")
    args = parser.parse_args(argv)
    for one in (False, True):
        print("one document of the whole size" if one else "documents of the usual size")
        print(f"{'KB':>6} {'figures':>8} {'observations':>12} {'ms':>9} {'ms/100 KB':>10} {'ratio':>6}")
        base = None
        for kb in args.kb:
            texts = _texts(kb, one)
            size = sum(len(t.encode("utf-8")) for t in texts.values()) / 1024
            seconds, n_figures, n_obs = _time(texts, args.repeat)
            per = 1000 * seconds / size * 100
            base = base or per
            print(f"{size:>6.0f} {n_figures:>8} {n_obs:>12} {1000 * seconds:>9.0f} {per:>10.1f} {per / base:>6.2f}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

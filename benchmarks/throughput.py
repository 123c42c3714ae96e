"""Throughput and memory of the figure extractor, and its speed against quantulum3 and Recognizers-Text.

Run: `make bench` (installs the benchmark extras), or `python benchmarks/throughput.py [--mb 50]`.
Prints MB/s on one core over a streamed corpus of at least --mb MB, peak memory (tracemalloc of the
extraction loop, and process max RSS), memory at each quarter of the corpus (flat when documents
are streamed), then the anchors' speed on a fixed slice of the same corpus and the ratios.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import documents  # noqa: E402

from pipeline import settings  # noqa: E402
from pipeline.extract import extract_figures  # noqa: E402

#: Issue 3's throughput target, printed next to the measurement.
TARGET_MB_PER_S = 5.0


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def rss_mb() -> float:
    """Current resident memory, from /proc (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 1e6


def run_ours(megabytes: float) -> dict:
    """Speed pass: nothing but extraction is timed; RSS is read at each quarter of the corpus."""
    total_bytes, figures, docs, seconds = 0, 0, 0, 0.0
    quarters, next_mark = [], megabytes * 1e6 / 4
    for name, text in documents(settings.raw_dir(), megabytes):
        started = time.perf_counter()
        figures += len(extract_figures(text, name))
        seconds += time.perf_counter() - started
        total_bytes += len(text.encode("utf-8"))
        docs += 1
        if total_bytes >= next_mark:
            quarters.append(round(rss_mb(), 1))
            next_mark += megabytes * 1e6 / 4
    return {
        "corpus_mb": round(total_bytes / 1e6, 2),
        "documents": docs,
        "figures": figures,
        "seconds": round(seconds, 2),
        "mb_per_s": round(total_bytes / 1e6 / seconds, 2),
        "rss_at_quarters_mb": quarters,
        "max_rss_mb": round(max_rss_mb(), 1),
    }


def run_memory(megabytes: float) -> dict:
    """Memory pass: Python allocations traced (which slows them, hence a pass of its own)."""
    gc.collect()
    tracemalloc.start()
    for name, text in documents(settings.raw_dir(), megabytes):
        extract_figures(text, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"traced_mb": megabytes, "tracemalloc_peak_mb": round(peak / 1e6, 2)}


def _slice(kilobytes: float) -> list[str]:
    texts, size = [], 0
    for _, text in documents(settings.raw_dir(), kilobytes / 1000):
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def _time(fn, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - started


def _lines(texts: list[str]) -> list[str]:
    return [line for text in texts for line in text.split("\n") if line.strip()]


def _anchor_speeds(fn, texts: list[str], size_kb: float) -> dict:
    """KB/s of an anchor fed whole documents and fed line by line: each is given its better way
    (quantulum3 slows down on long inputs; Recognizers-Text pays a fixed cost per call)."""
    per_document = size_kb / _time(fn, texts)
    per_line = size_kb / _time(fn, _lines(texts))
    return {"per_document": round(per_document, 2), "per_line": round(per_line, 2), "best": round(max(per_document, per_line), 2)}


def run_anchors(kilobytes: float) -> dict:
    texts = _slice(kilobytes)
    size_kb = sum(len(t.encode("utf-8")) for t in texts) / 1000
    out: dict = {"slice_kb": round(size_kb, 1), "ours_kb_per_s": round(size_kb / _time(lambda t: extract_figures(t, "x"), texts), 1)}
    try:
        from quantulum3 import parser as q_parser

        out["quantulum3_kb_per_s"] = _anchor_speeds(q_parser.parse, texts, size_kb)
    except ImportError:
        out["quantulum3_kb_per_s"] = None
    try:
        from recognizers_number import recognize_number, recognize_percentage
        from recognizers_number_with_unit import recognize_currency, recognize_dimension
        from recognizers_text import Culture

        def recognizers(text: str) -> None:
            for fn in (recognize_number, recognize_currency, recognize_percentage, recognize_dimension):
                fn(text, Culture.English)

        out["recognizers_kb_per_s"] = _anchor_speeds(recognizers, texts, size_kb)
    except ImportError:
        out["recognizers_kb_per_s"] = None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--anchor-kb", type=float, default=200.0, help="slice for the slow anchors, in KB (default 200)")
    parser.add_argument("--mem-mb", type=float, default=5.0, help="text traced for peak allocations, in MB (default 5)")
    parser.add_argument("--skip-anchors", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON here")
    args = parser.parse_args(argv)

    ours = run_ours(args.mb)
    memory = run_memory(args.mem_mb)
    print(f"corpus          {ours['corpus_mb']} MB in {ours['documents']} documents, {ours['figures']} figures")
    met = "met" if ours["mb_per_s"] >= TARGET_MB_PER_S else "NOT met"
    print(
        f"extractor       {ours['mb_per_s']} MB/s on one core ({ours['seconds']} s of extraction); target >= {TARGET_MB_PER_S} MB/s: {met}"
    )
    print(
        f"memory          RSS at each quarter of the corpus {ours['rss_at_quarters_mb']} MB, max RSS {ours['max_rss_mb']} MB;"
        f" Python allocations peak at {memory['tracemalloc_peak_mb']} MB over {memory['traced_mb']} MB of text"
    )
    result = {"ours": ours, "memory": memory}
    if not args.skip_anchors:
        anchors = run_anchors(args.anchor_kb)
        result["anchors"] = anchors
        print(f"anchor slice    {anchors['slice_kb']} KB of the same corpus; ours on it: {anchors['ours_kb_per_s']} KB/s")
        for label, key in (("quantulum3", "quantulum3_kb_per_s"), ("Recognizers-Text", "recognizers_kb_per_s")):
            speed = anchors[key]
            if speed is None:
                print(f"{label:<15} not installed: `make bench` installs benchmarks/requirements.txt")
            else:
                ratio = ours["mb_per_s"] * 1000 / speed["best"]
                print(
                    f"{label:<15} {speed['per_document']} KB/s fed documents, {speed['per_line']} KB/s fed lines;"
                    f" ours is {ratio:.0f}x faster than its better way"
                )
                anchors[key]["ours_times_faster"] = round(ratio)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

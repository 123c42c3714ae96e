"""One very long text through the whole pipeline: time and peak memory of `python -m pipeline run`.

    .venv/bin/python benchmarks/long_text.py [--mb 200] [--source raw/<file>.txt] [--keep DIR]

Writes a raw folder holding one text, the source text repeated until it reaches ``--mb`` MB (the
issue's case: "the embassy text repeated"), runs the command line on it in a fresh Dagster home,
and prints the wall time, CPU time and peak resident memory of the run (the child's max RSS), with
its own summary line. Nothing is timed inside the test suite; this script prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "raw" / "mn-embassy-tokyo-bilateral-reference.txt"


def make_text(source: Path, megabytes: float, target: Path) -> int:
    text = source.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    copies = max(1, round(megabytes * 1e6 / len(text.encode("utf-8"))))
    with open(target, "w", encoding="utf-8") as fh:
        for _ in range(copies):
            fh.write(text)
    return copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="long-text-"))
    raw, home = work / "raw", work / "home"
    raw.mkdir(parents=True, exist_ok=True)
    home.mkdir(exist_ok=True)
    copies = make_text(args.source, args.mb, raw / "long.txt")
    size = (raw / "long.txt").stat().st_size
    print(f"text: {size / 1e6:.1f} MB ({copies} copies of {args.source.name})", flush=True)
    env = dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(work / "published"), DAGSTER_HOME=str(home))
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run"], cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(proc.stdout.strip())
    print(
        f"exit {proc.returncode}; wall {wall:.0f} s; cpu {cpu:.0f} s; peak memory {after.ru_maxrss / 1024:.0f} MB; "
        f"{size / 1e6 / wall:.2f} MB/s end to end"
    )
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())

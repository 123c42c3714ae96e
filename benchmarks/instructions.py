"""Instructions the extractor executes on a fixed slice of the corpus, counted by valgrind.

Run: `make bench-instructions`, or `python benchmarks/instructions.py [--mb 0.5]`.
Timings on a shared machine vary from run to run; instruction counts repeat exactly, so this is
the figure to compare two versions of the extractor by (fewer is faster). It runs the slice under
`valgrind --tool=callgrind` twice, with and without extraction, and prints the difference, so
start-up and imports are not counted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _child(megabytes: float, extract: bool) -> None:
    from corpus import documents

    from pipeline import settings
    from pipeline.extract import extract_figures

    texts = list(documents(settings.raw_dir(), megabytes))
    if extract:
        for name, text in texts:
            extract_figures(text, name)


def _count(megabytes: float, extract: bool) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        "--mb",
        str(megabytes),
        *(["--extract"] if extract else []),
    ]
    # The count repeats exactly only when nothing else varies between runs: string hashes (dict
    # and set probes) and the idle threads of the BLAS library that numpy (imported by pint)
    # starts, which valgrind counts while they spin.
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=0.5, help="slice of the corpus, in MB (default 0.5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.mb, args.extract)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package valgrind)")
    print(f"counting instructions on {args.mb} MB of the benchmark corpus (takes about a minute per 0.5 MB)")
    spent = _count(args.mb, True) - _count(args.mb, False)
    print(f"extraction      {spent / 1e9:.3f} G instructions for {args.mb} MB ({spent / args.mb / 1e9:.3f} G per MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

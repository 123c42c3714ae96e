"""Shared fixtures: our own fixture corpus to mutate, copies of raw/ for the source-text tests,
and a Dagster run on chosen folders.

Tests of the pipeline, the package and bad input run on `tests/fixtures/corpus/` (sentences we
wrote), never on whatever happens to be in raw/: adding a document to raw/ changes no test.
Only the tests scoring the two source texts against their annotations read raw/ (`raw_copy`).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
REFERENCE, NEWS = "reference.txt", "news.txt"
# Numbers changed in copies of the fixture corpus: (document, old text, new text, old, new value).
CORPUS_CHANGES = [
    (REFERENCE, "331.8 billion yen", "342.6 billion yen", 331.8e9, 342.6e9),
    (REFERENCE, "there are 13,905 Mongolian", "there are 14,377 Mongolian", 13905, 14377),
    (REFERENCE, "/ 23.8 percent /", "/ 24.6 percent /", 23.8, 24.6),
    (REFERENCE, "$512.3 million", "$530.9 million", 512.3e6, 530.9e6),
    (REFERENCE, "2,740 Mongolian students", "2,815 Mongolian students", 2740, 2815),
    (NEWS, "Over 2,150 Mongolian", "Over 2,265 Mongolian", 2150, 2265),
]
EMBASSY = "mn-embassy-tokyo-bilateral-reference.txt"
ASIAREVIEW = "asiareview-mongolian-workers-in-japan.txt"


# A dozen numbers changed across the tables, for copies of raw/: (document, old text, new text,
# old value, new value); the words around each number stay.
NUMBER_CHANGES = [
    (EMBASSY, "120.4 billion yen in grants", "131.7 billion yen in grants", 120.4e9, 131.7e9),
    (EMBASSY, "there are 15,214 citizens", "there are 16,082 citizens", 15214, 16082),
    (EMBASSY, "3526 in Tokyo", "3611 in Tokyo", 3526, 3611),
    (EMBASSY, "/ 22.6 percent /", "/ 23.1 percent /", 22.6, 23.1),
    (EMBASSY, "31,513 in 2019", "31,870 in 2019", 31513, 31870),
    (EMBASSY, "reached $689.4 million", "reached $702.5 million", 689.4e6, 702.5e6),
    (EMBASSY, "increase of 45.4 percent", "increase of 47.9 percent", 45.4, 47.9),
    (EMBASSY, "ranking 7th", "ranking 9th", 7, 9),
    (EMBASSY, "3,453 Mongolian students", "3,712 Mongolian students", 3453, 3712),
    (EMBASSY, "15.2 million kWh", "16.8 million kWh", 15.2e6, 16.8e6),
    (EMBASSY, "(24 MWh)", "(27 MWh)", 24, 27),
    (EMBASSY, "(2009-2021)", "(2008-2022)", None, None),
    (ASIAREVIEW, "Over 3,900 Mongolian", "Over 4,260 Mongolian", 3900, 4260),
]


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of raw/ (texts and manifest), for tests of the two source texts."""
    if not all((RAW / name).is_file() for name in (EMBASSY, ASIAREVIEW)):
        pytest.skip(f"the two source texts are not in {RAW}")
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the fixture corpus (our own texts and manifest)."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def run_pipeline(raw_dir: Path, published_dir: Path):
    """Materialise every asset and check, in process, on the given folders (a RunReport)."""
    from pipeline.run import run

    return run(raw_dir, published_dir, instance=dg.DagsterInstance.ephemeral())


def cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m pipeline ...` in a subprocess, as `make run` calls it."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def published_once(tmp_path_factory):
    """One full run on the fixture corpus into a temporary published folder."""
    out = tmp_path_factory.mktemp("published")
    report = run_pipeline(CORPUS, out)
    assert report.success, report.failures
    return out

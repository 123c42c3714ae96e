"""Shared fixtures: copies of raw/ to mutate, and a Dagster run on chosen folders."""

import shutil
from pathlib import Path

import dagster as dg
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
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
    """A writable copy of raw/ (texts and manifest)."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def run_pipeline(raw_dir: Path, published_dir: Path, *, raise_on_error: bool = True):
    """Materialise every asset and check, in process, on the given folders."""
    from pipeline.definitions import defs
    from pipeline.resources import PipelinePaths

    job_defs = dg.Definitions(
        assets=list(defs.assets),
        asset_checks=list(defs.asset_checks),
        resources={"paths": PipelinePaths(raw_dir=str(raw_dir), published_dir=str(published_dir))},
    )
    job = job_defs.resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=raise_on_error)


@pytest.fixture(scope="session")
def published_once(tmp_path_factory):
    """One full run on the project's raw/ into a temporary published folder."""
    out = tmp_path_factory.mktemp("published")
    result = run_pipeline(RAW, out)
    assert result.success
    return out

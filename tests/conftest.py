"""Shared fixtures: copies of raw/ to mutate, and a Dagster run on chosen folders."""

import shutil
from pathlib import Path

import dagster as dg
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
EMBASSY = "mn-embassy-tokyo-bilateral-reference.txt"
ASIAREVIEW = "asiareview-mongolian-workers-in-japan.txt"


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

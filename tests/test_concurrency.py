"""Two runs at once: on different folders each publishes exactly its own documents."""

import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import CORPUS, ROOT

from pipeline.release.semver import FIRST_VERSION

pytestmark = pytest.mark.slow

VERSION = FIRST_VERSION  # the first release of a fresh published folder


def test_concurrent_runs_on_different_folders_publish_their_own_documents(tmp_path):
    home = tmp_path / "home"  # one Dagster home for both, as two `make run` in one checkout
    home.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "solo.txt").write_text("In 2022, 640 Mongolian students went to Japan on scholarships.\n", encoding="utf-8")
    runs = {"fixture": (CORPUS, tmp_path / "out-a"), "solo": (other, tmp_path / "out-b")}
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ, DAGSTER_HOME=str(home), PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(out)),
        )
        for name, (raw, out) in runs.items()
    }
    outputs = {name: p.communicate(timeout=600) for name, p in procs.items()}
    for name, p in procs.items():
        assert p.returncode == 0, outputs[name][1][-2000:]
    for name, (raw, out) in runs.items():
        published = pd.read_csv(out / VERSION / "data" / "figures.csv", keep_default_na=False)
        expected = sorted(p.name for p in raw.glob("*.txt"))
        assert sorted(pd.read_csv(out / VERSION / "data" / "documents.csv")["document"]) == expected
        assert set(published["document"]) == set(expected), name

"""End to end through Dagster and the command line: texts in, a validated package out, following the texts."""

import os
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import CORPUS, CORPUS_CHANGES, NEWS, REFERENCE, cli, run_pipeline

from pipeline import schema
from pipeline.release.semver import FIRST_VERSION

pytestmark = pytest.mark.slow

VERSION = FIRST_VERSION  # the first release of a fresh published folder


def _table(published: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(published / VERSION / "data" / f"{name}.csv", keep_default_na=False)


def _values(df: pd.DataFrame) -> Counter:
    return Counter(zip(df["document"], df["value"].round(6), df["unit"], strict=True))


def _env(tmp_path: Path, raw: Path, published: Path) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(published), DAGSTER_HOME=str(home))


def test_cli_run_with_env_overrides_follows_changed_numbers(corpus, tmp_path, published_once):
    for document, old, new, *_ in CORPUS_CHANGES:
        path = corpus / document
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    proc = cli("run", env=_env(tmp_path, corpus, tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("done: 2 documents read, 0 left out"), proc.stdout

    original, changed = _table(published_once, "figures"), _table(tmp_path / "out", "figures")
    expected = _values(original)
    for document, old, _new, old_value, new_value in CORPUS_CHANGES:
        at = (CORPUS / document).read_text(encoding="utf-8").index(old)
        hit = original[
            (original["document"] == document)
            & original["start"].between(at, at + len(old) - 1)
            & (original["value"].round(6) == round(old_value, 6))
        ]
        unit = hit["unit"].iloc[0]
        expected[(document, round(old_value, 6), unit)] -= 1
        expected[(document, round(new_value, 6), unit)] += 1
    assert _values(changed) == +expected
    for document, rows in changed.groupby("document"):
        text = (corpus / document).read_text(encoding="utf-8")
        assert all(text[s:e] == q for s, e, q in zip(rows["start"], rows["end"], rows["quote"], strict=True))
    # The changed numbers reach the observations, and the old ones are gone from them.
    observed = set(_table(tmp_path / "out", "observations")["value"].round(6))
    before = set(_table(published_once, "observations")["value"].round(6))
    moved = [(o, n) for *_, o, n in CORPUS_CHANGES if round(o, 6) in before]
    assert moved, "no changed number was an observation to begin with"
    assert all(round(n, 6) in observed and round(o, 6) not in observed for o, n in moved)


def test_run_publishes_every_table_and_passes_every_check(published_once):
    folder = published_once / VERSION
    for name in schema.tables():
        assert (folder / "data" / f"{name}.csv").exists()
        assert (folder / "data" / f"{name}.parquet").exists()
    assert (folder / "README.md").read_text().startswith("# ")
    assert sorted(_table(published_once, "documents")["document"]) == [NEWS, REFERENCE]
    assert _table(published_once, "problems").empty


def test_one_short_text_alone_publishes_a_valid_package(tmp_path):
    """A corpus without the source texts, filling only some tables: empty tables are valid too."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "brief.txt").write_text("In 2023, 1,240 Mongolian students studied in Japan.\n", encoding="utf-8")
    report = run_pipeline(raw, tmp_path / "out")
    assert report.success, report.failures
    assert report.rows["documents"] == 1 and report.rows["figures"] >= 1
    empty = [name for name in schema.tables() if _table(tmp_path / "out", name).empty]
    assert "trade" in empty and "problems" in empty  # tables with 0 rows were published, valid
    proc = cli("verify", "--published", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr


def test_a_second_run_on_the_same_texts_writes_nothing(tmp_path, published_once):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(published_once, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    report = run_pipeline(CORPUS, out)
    assert report.success and report.release["status"] == "unchanged"
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before

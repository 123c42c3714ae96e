"""End to end through Dagster: raw texts in, a validated package out, following the texts."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from conftest import ASIAREVIEW, EMBASSY, NUMBER_CHANGES, ROOT, run_pipeline
from pipeline import schema

VERSION = schema.package_metadata()["version"]

def _figures(published: Path) -> pd.DataFrame:
    return pd.read_csv(published / VERSION / "data" / "figures.csv", keep_default_na=False)


def _values(df: pd.DataFrame) -> Counter:
    return Counter(zip(df["document"], df["value"].round(6), df["unit"]))


def test_cli_run_with_env_overrides_follows_changed_numbers(raw_copy, tmp_path, published_once):
    changes = [c for c in NUMBER_CHANGES if c[3] is not None]
    for document, old, new, *_ in changes:
        path = raw_copy / document
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    env = dict(os.environ, PIPELINE_RAW_DIR=str(raw_copy), PIPELINE_PUBLISHED_DIR=str(tmp_path / "out"),
               DAGSTER_HOME=str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    dagster = Path(sys.executable).parent / "dagster"
    proc = subprocess.run(
        [str(dagster), "asset", "materialize", "--select", "*", "-m", "pipeline.definitions",
         "--config-json", '{"execution":{"config":{"in_process":{}}}}'],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]

    original, changed = _figures(published_once), _figures(tmp_path / "out")
    expected = _values(original)
    for document, old, _new, old_value, new_value in changes:
        # The figure read from the changed words: it starts inside them and has the old value.
        at = (ROOT / "raw" / document).read_text(encoding="utf-8").index(old)
        hit = original[(original["document"] == document) & original["start"].between(at, at + len(old) - 1)
                       & (original["value"].round(6) == round(old_value, 6))]
        unit = hit["unit"].iloc[0]
        expected[(document, round(old_value, 6), unit)] -= 1
        expected[(document, round(new_value, 6), unit)] += 1
    assert _values(changed) == +expected
    # Every quote still points at its own span in the changed texts.
    for document, rows in changed.groupby("document"):
        text = (raw_copy / document).read_text(encoding="utf-8")
        assert all(text[s:e] == q for s, e, q in zip(rows["start"], rows["end"], rows["quote"]))


def test_run_publishes_every_table_and_passes_every_check(published_once):
    folder = published_once / VERSION
    for name in schema.tables():
        assert (folder / "data" / f"{name}.csv").exists()
        assert (folder / "data" / f"{name}.parquet").exists()
    assert (folder / "README.md").read_text().startswith("# ")


def test_bad_text_is_named_and_good_documents_still_publish(raw_copy, tmp_path):
    (raw_copy / "garbled.txt").write_bytes(b"\xff\xfe 2,000 students")
    result = run_pipeline(raw_copy, tmp_path / "out")
    assert result.success
    docs = pd.read_csv(tmp_path / "out" / VERSION / "data" / "documents.csv")
    assert sorted(docs["document"]) == sorted([ASIAREVIEW, EMBASSY])
    materialization = result.asset_materializations_for_node("documents")[0]
    assert "garbled.txt: not valid UTF-8" in materialization.metadata["left_out"].value


def test_manifest_naming_a_missing_file_fails_and_publishes_nothing(raw_copy, tmp_path):
    (raw_copy / ASIAREVIEW).unlink()
    result = run_pipeline(raw_copy, tmp_path / "out", raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert ASIAREVIEW in str(failure.event_specific_data.error)
    assert not (tmp_path / "out" / VERSION).exists()

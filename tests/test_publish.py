"""Publishing: deterministic bytes, valid package, all-or-nothing, versions never edited.

How the version number follows the changes is in test_releases.py."""

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import CORPUS, REFERENCE

from pipeline import schema
from pipeline.build import build_tables
from pipeline.publish import PublishError, publish
from pipeline.release.semver import FIRST_VERSION

pytestmark = pytest.mark.slow

VERSION = FIRST_VERSION  # the first release of a fresh published folder


def _tables(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return build_tables(raw_dir)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_texts_give_byte_identical_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = publish(_tables(CORPUS), [], tmp_path / "a")
    b = publish(_tables(CORPUS), [], tmp_path / "b")
    assert a.status == b.status == "written"
    assert _hashes(a.path) == _hashes(b.path)
    package = json.loads((a.path / "datapackage.json").read_text())
    assert package["created"] == "2023-11-14T22:13:20Z"


def test_package_layout_and_descriptor(tmp_path):
    result = publish(_tables(CORPUS), [{"title": "t", "path": "https://example.org"}], tmp_path)
    package = json.loads((result.path / "datapackage.json").read_text())
    assert result.path == tmp_path / VERSION
    assert package["version"] == VERSION and package["licenses"] and package["sources"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", package["created"])  # the commit's time without SOURCE_DATE_EPOCH
    assert re.fullmatch(r"[0-9a-f]{64}", package["codeVersion"])
    for name in schema.tables():
        csv_res = next(r for r in package["resources"] if r["name"] == name)
        pq_res = next(r for r in package["resources"] if r["name"] == name + "-parquet")
        csv_path = result.path / csv_res["path"]
        assert csv_res["bytes"] == csv_path.stat().st_size
        assert csv_res["hash"] == "sha256:" + hashlib.sha256(csv_path.read_bytes()).hexdigest()
        pq_path = result.path / pq_res["path"]
        assert pq_res["hash"] == "sha256:" + hashlib.sha256(pq_path.read_bytes()).hexdigest()
        assert "bytes" not in pq_res  # frictionless counts no Parquet bytes and would fail the package
        assert [f["name"] for f in csv_res["schema"]["fields"]] == schema.tables()[name].field_names
        assert pq.read_table(pq_path).num_rows == len(pd.read_csv(csv_path))
        # references between tables are declared once, on the CSV resources, and point at CSV resources
        assert "foreignKeys" not in pq_res["schema"]
        for fk in csv_res["schema"].get("foreignKeys", []):
            assert not fk["reference"]["resource"].endswith("-parquet")
        assert bool(csv_res["schema"].get("foreignKeys")) == bool(schema.tables()[name].foreign_keys)


def test_frictionless_cli_accepts_the_package(tmp_path):
    result = publish(_tables(CORPUS), [], tmp_path)
    cli = Path(sys.executable).parent / "frictionless"
    proc = subprocess.run([str(cli), "validate", str(result.path / "datapackage.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_republishing_identical_content_is_a_no_op(tmp_path):
    first = publish(_tables(CORPUS), [], tmp_path)
    before = _hashes(first.path)
    second = publish(_tables(CORPUS), [], tmp_path)
    assert second.status == "unchanged" and _hashes(first.path) == before


def test_a_published_version_is_never_edited(tmp_path, corpus):
    first = publish(_tables(CORPUS), [], tmp_path / "pub")
    before = _hashes(first.path)
    text = (corpus / REFERENCE).read_text(encoding="utf-8")
    (corpus / REFERENCE).write_text(text.replace("13,905", "13,999"), encoding="utf-8")
    second = publish(_tables(corpus), [], tmp_path / "pub")
    assert (second.status, second.version, second.previous) == ("written", "1.0.1", VERSION)
    assert _hashes(first.path) == before
    assert not [p.name for p in (tmp_path / "pub").iterdir() if p.name.startswith(".staging")]  # no staging folder left


def test_nothing_is_half_published(tmp_path):
    tables = _tables(CORPUS)
    broken = dict(tables)
    broken.pop("figures")
    with pytest.raises(PublishError, match="figures"):
        publish(broken, [], tmp_path)
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".publish")] == []


def test_an_altered_release_and_changed_texts_get_different_messages(tmp_path, corpus):
    first = publish(_tables(CORPUS), [], tmp_path / "pub")
    parquet = first.path / "data" / "observations.parquet"
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 1
    parquet.write_bytes(bytes(data))
    with pytest.raises(PublishError, match=r"has been altered since it was published .*data/observations.parquet"):
        publish(_tables(CORPUS), [], tmp_path / "pub")
    assert parquet.read_bytes() == bytes(data)  # reported, not repaired: releases are never edited


def test_a_killed_runs_staging_folder_is_removed_at_start(tmp_path):
    stale = tmp_path / ".staging-99999"
    (stale / "data").mkdir(parents=True)
    said = []
    publish(_tables(CORPUS), [], tmp_path, say=said.append)
    assert not stale.exists()
    assert any(stale.name in s and "interrupted" in s for s in said)


def test_runs_publishing_into_one_folder_take_turns(tmp_path):
    import threading

    from filelock import FileLock

    tables = _tables(CORPUS)
    holder = FileLock(tmp_path / ".publish.lock")
    holder.acquire()
    (tmp_path / ".publish.owner").write_text("pid 4242 on testhost (since 12:00:00 UTC)")
    said, done = [], threading.Event()
    worker = threading.Thread(target=lambda: (publish(tables, [], tmp_path, say=said.append), done.set()))
    worker.start()
    try:
        worker.join(timeout=3)
        assert not done.is_set(), "published while another run held the lock"
        assert any("waiting for pid 4242 on testhost" in s for s in said)
    finally:
        (tmp_path / ".publish.owner").unlink()
        holder.release()
    worker.join(timeout=120)
    assert done.is_set() and (tmp_path / VERSION / "datapackage.json").exists()


def test_a_dangling_foreign_key_stops_publishing(tmp_path):
    tables = _tables(CORPUS)
    cited = set(tables["observations"]["figure_id"]) | set(tables["timeline"]["figure_id"])
    broken = dict(tables, figures=tables["figures"][~tables["figures"]["figure_id"].isin(sorted(cited)[:1])])
    with pytest.raises(PublishError, match=r"foreign-key|rows whose figure_id is not in figures"):
        publish(broken, [], tmp_path)
    assert not (tmp_path / VERSION).exists()


def test_written_files_are_read_back_and_compared(tmp_path, monkeypatch):
    from pipeline import publish as publish_module

    real = publish_module.write_csv

    def lossy(df, path):  # a writer bug: one value of one column lost on the way to disk
        if path.name == "people.csv" and len(df):
            df = df.copy()
            df.loc[df.index[0], "value"] = df["value"].iloc[0] + 1
        real(df, path)

    monkeypatch.setattr(publish_module, "write_csv", lossy)
    with pytest.raises(PublishError, match=r"people: data/people.csv read back differs"):
        publish(_tables(CORPUS), [], tmp_path)

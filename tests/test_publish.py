"""Publishing: deterministic bytes, valid package, all-or-nothing, versions never edited."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import RAW
from pipeline import schema
from pipeline.build import build_tables
from pipeline.publish import PublishError, publish

VERSION = schema.package_metadata()["version"]


def _tables(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return build_tables(raw_dir)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_texts_give_byte_identical_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = publish(_tables(RAW), [], tmp_path / "a")
    b = publish(_tables(RAW), [], tmp_path / "b")
    assert a.status == b.status == "written"
    assert _hashes(a.path) == _hashes(b.path)
    package = json.loads((a.path / "datapackage.json").read_text())
    assert package["created"] == "2023-11-14T22:13:20Z"


def test_package_layout_and_descriptor(tmp_path):
    result = publish(_tables(RAW), [{"title": "t", "path": "https://example.org"}], tmp_path)
    package = json.loads((result.path / "datapackage.json").read_text())
    assert result.path == tmp_path / VERSION
    assert package["version"] == VERSION and package["licenses"] and package["sources"]
    assert "created" not in package  # no wall-clock time unless SOURCE_DATE_EPOCH says so
    for name in schema.tables():
        csv_res = next(r for r in package["resources"] if r["name"] == name)
        pq_res = next(r for r in package["resources"] if r["name"] == name + "-parquet")
        csv_path = result.path / csv_res["path"]
        assert csv_res["bytes"] == csv_path.stat().st_size
        assert csv_res["hash"] == "sha256:" + hashlib.sha256(csv_path.read_bytes()).hexdigest()
        pq_path = result.path / pq_res["path"]
        assert pq_res["fileIntegrity"]["hash"] == "sha256:" + hashlib.sha256(pq_path.read_bytes()).hexdigest()
        assert [f["name"] for f in csv_res["schema"]["fields"]] == schema.tables()[name].field_names
        assert pq.read_table(pq_path).num_rows == len(pd.read_csv(csv_path))


def test_frictionless_cli_accepts_the_package(tmp_path):
    result = publish(_tables(RAW), [], tmp_path)
    cli = Path(sys.executable).parent / "frictionless"
    proc = subprocess.run([str(cli), "validate", str(result.path / "datapackage.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_republishing_identical_content_is_a_no_op(tmp_path):
    first = publish(_tables(RAW), [], tmp_path)
    before = _hashes(first.path)
    second = publish(_tables(RAW), [], tmp_path)
    assert second.status == "unchanged" and _hashes(first.path) == before


def test_a_published_version_is_never_edited(tmp_path, raw_copy):
    first = publish(_tables(RAW), [], tmp_path / "pub")
    before = _hashes(first.path)
    text = (raw_copy / "mn-embassy-tokyo-bilateral-reference.txt").read_text(encoding="utf-8")
    (raw_copy / "mn-embassy-tokyo-bilateral-reference.txt").write_text(text.replace("15,214", "15,999"), encoding="utf-8")
    with pytest.raises(PublishError, match="bump `version`"):
        publish(_tables(raw_copy), [], tmp_path / "pub")
    assert _hashes(first.path) == before
    assert [p.name for p in (tmp_path / "pub").iterdir()] == [VERSION]  # no staging folder left behind


def test_nothing_is_half_published(tmp_path):
    tables = _tables(RAW)
    broken = dict(tables)
    broken.pop("figures")
    with pytest.raises(PublishError, match="figures"):
        publish(broken, [], tmp_path)
    assert list(tmp_path.iterdir()) == []

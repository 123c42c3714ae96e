"""`make verify`: every file of every published version against its datapackage.json."""

import shutil

import pytest
from conftest import cli

from pipeline.release.semver import FIRST_VERSION

pytestmark = pytest.mark.slow

VERSION = FIRST_VERSION  # the first release of a fresh published folder


def test_verify_passes_then_names_the_one_changed_parquet_file(published_once, tmp_path):
    out = tmp_path / "published"
    shutil.copytree(published_once, out)
    proc = cli("verify", "--published", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"ok: {VERSION}" in proc.stdout

    target = out / VERSION / "data" / "residents.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 3] ^= 0x01  # one byte, not even the footer frictionless would notice
    target.write_bytes(bytes(data))
    proc = cli("verify", "--published", str(out))
    assert proc.returncode == 1
    assert f"ALTERED: {VERSION}/data/residents.parquet: sha256 differs" in proc.stderr
    assert "residents.csv" not in proc.stderr


def test_verify_names_missing_and_foreign_files(published_once, tmp_path):
    out = tmp_path / "published"
    shutil.copytree(published_once, out)
    (out / VERSION / "data" / "trade.csv").unlink()
    (out / VERSION / "data" / "extra.csv").write_text("a\n1\n")
    proc = cli("verify", "--published", str(out))
    assert proc.returncode == 1
    assert f"{VERSION}/data/trade.csv: missing" in proc.stderr
    assert f"{VERSION}/data/extra.csv: not part of the published package" in proc.stderr


def test_verify_on_an_empty_folder_says_so(tmp_path):
    proc = cli("verify", "--published", str(tmp_path))
    assert proc.returncode == 2 and "no published versions" in proc.stderr

"""Per-document incremental work: the document store, the partitions, the sensor, the no-change run.

Every test runs on a copy of our own fixture corpus; the sensor is evaluated with Dagster's test
utilities on an ephemeral instance, and runs go through the same job the command line launches.
"""

import os
import shutil

import dagster as dg
import pytest
from conftest import CORPUS, NEWS, REFERENCE, cli

from pipeline import document_results, schema, sensors
from pipeline.assets.extraction import PARTITIONS, document_facts, sync_partitions
from pipeline.definitions import EVERYTHING, NEW_DOCUMENTS, build_defs
from pipeline.document_results import DocumentStore, compute_all, corpus_tables, inputs_of
from pipeline.resources import PipelinePaths
from pipeline.sources import load_corpus


@pytest.fixture
def raw(tmp_path):
    target = tmp_path / "raw"
    shutil.copytree(CORPUS, target)
    return target


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the store --------------------------------------------------------------------------------


def test_the_store_gives_back_what_was_computed_and_reads_only_changed_texts(raw, tmp_path):
    docs = inputs_of(load_corpus(raw).documents, raw)
    store = DocumentStore(tmp_path / "store", code_version="code-a")
    first, stats = compute_all(docs, store)
    assert sorted(stats.computed) == sorted(d.document for d in docs) and stats.stored == 0
    again, stats = compute_all(docs, store)
    assert stats.computed == [] and stats.stored == len(docs)
    assert corpus_tables(docs, again)["figures"].equals(corpus_tables(docs, first)["figures"])

    _edit(raw / NEWS, "2,150", "2,265")
    docs = inputs_of(load_corpus(raw).documents, raw)
    changed, stats = compute_all(docs, store)
    assert stats.computed == [NEWS] and stats.stored == len(docs) - 1
    assert 2265 in set(corpus_tables(docs, changed)["figures"]["value"])


def test_a_new_code_version_reads_every_text_again_and_drops_the_old_results(raw, tmp_path):
    docs = inputs_of(load_corpus(raw).documents, raw)
    compute_all(docs, DocumentStore(tmp_path / "store", code_version="code-a"))
    _, stats = compute_all(docs, DocumentStore(tmp_path / "store", code_version="code-b"))
    assert len(stats.computed) == len(docs)
    assert [p.name for p in (tmp_path / "store").iterdir()] == ["code-b"]


def test_manifest_values_that_steer_reading_are_part_of_the_key(raw):
    doc = inputs_of(load_corpus(raw).documents, raw)[0]
    assert doc.key("v") != doc.key("w")
    assert doc.key("v") != type(doc)(**{**doc.__dict__, "date": "1999-01-01"}).key("v")
    assert doc.key("v") != type(doc)(**{**doc.__dict__, "country": "CA"}).key("v")


def test_the_pool_gives_the_same_tables_as_one_process(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(document_results, "POOL_MIN_CHARACTERS", 0)  # our texts are short
    for i in range(10):  # enough texts for the pool
        shutil.copy(raw / REFERENCE, raw / f"copy-{i}.txt")
        _edit(raw / f"copy-{i}.txt", "2,740", f"2,7{i}1")
    docs = inputs_of(load_corpus(raw).documents, raw)
    serial, _ = compute_all(docs, None, workers=1)
    pooled, stats = compute_all(docs, None, workers=2)
    assert stats.workers == 2
    for name in ("figures", "observations", "unmapped"):
        assert corpus_tables(docs, pooled)[name].equals(corpus_tables(docs, serial)[name]), name


# --- the sensor -------------------------------------------------------------------------------


def _tick(raw, instance, cursor=None):
    [sensor] = [s for s in sensors.build_sensors(NEW_DOCUMENTS, EVERYTHING) if s.name == "raw_folder"]
    paths = PipelinePaths(raw_dir=str(raw), published_dir=str(raw.parent / "out"))
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"paths": paths})
    result = sensor(context)
    for request in result.dynamic_partitions_requests or []:
        if isinstance(request, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        else:
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)
    return result


def test_the_sensor_keeps_partitions_in_step_and_asks_for_changed_texts_only(raw, tmp_path):
    with dg.instance_for_test() as instance:
        first = _tick(raw, instance)
        assert sorted(instance.get_dynamic_partitions(PARTITIONS)) == sorted([NEWS, REFERENCE])
        assert sorted(r.partition_key for r in first.run_requests) == sorted([NEWS, REFERENCE])

        quiet = _tick(raw, instance, first.cursor)
        assert quiet.run_requests == [] and quiet.skip_reason

        _edit(raw / NEWS, "2,150", "2,265")
        changed = _tick(raw, instance, quiet.cursor)
        assert [r.partition_key for r in changed.run_requests] == [NEWS]

        (raw / REFERENCE).unlink()
        removed = _tick(raw, instance, changed.cursor)
        assert instance.get_dynamic_partitions(PARTITIONS) == [NEWS]
        assert removed.run_requests == []


def test_many_changed_texts_are_read_in_one_run_over_their_range():
    names = [f"t{i:02d}.txt" for i in range(30)]
    now = dict.fromkeys(names, "ab" * 32)
    requests = sensors.run_requests(names[5:20], names, now)
    assert len(requests) == 1
    assert requests[0].tags == {sensors.RANGE_START: "t05.txt", sensors.RANGE_END: "t19.txt"}
    assert [r.partition_key for r in sensors.run_requests(names[:2], names, now)] == names[:2]


# --- runs -------------------------------------------------------------------------------------


def test_a_changed_text_re_runs_only_its_partition(raw, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_DOCUMENT_STORE", str(tmp_path / "store"))
    paths = PipelinePaths(raw_dir=str(raw), published_dir=str(tmp_path / "out"))
    with dg.instance_for_test() as instance:
        sync_partitions(instance, raw)
        for name in (NEWS, REFERENCE):
            assert dg.materialize([document_facts], partition_key=name, instance=instance, resources={"paths": paths}).success
        _edit(raw / NEWS, "2,150", "2,265")
        result = dg.materialize([document_facts], partition_key=NEWS, instance=instance, resources={"paths": paths})
        [event] = result.get_asset_materialization_events()
        assert event.partition == NEWS
        assert event.materialization.metadata["read_and_mapped"].value == 1
        # the other text's partition was not touched by that run
        reference = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=dg.AssetKey("document_facts"), asset_partitions=[REFERENCE]), limit=5
        )
        assert len(reference.records) == 1


@pytest.mark.slow
def test_the_everything_job_reads_only_the_changed_text_and_marks_its_partition(raw, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_DOCUMENT_STORE", str(tmp_path / "store"))
    defs = build_defs(PipelinePaths(raw_dir=str(raw), published_dir=str(tmp_path / "out")))
    job = defs.resolve_job_def("everything")
    with dg.instance_for_test() as instance:
        assert job.execute_in_process(instance=instance).success
        _edit(raw / REFERENCE, "2,740 Mongolian students", "2,815 Mongolian students")
        result = job.execute_in_process(instance=instance)
        assert result.success
        figures = next(e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey("figures"))
        assert figures.materialization.metadata["read_and_mapped"].value == 1
        marked = [e.partition for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey("document_facts")]
        assert marked == [REFERENCE]
        # the cockpit: every table shows its row count, a preview and where it is published
        shown = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
        for table in schema.tables():
            meta = shown[table]
            assert {"dagster/row_count", "preview", "dagster/uri"} <= set(meta), table
            assert meta["dagster/uri"].value.endswith(f"/latest/data/{table}.csv")
            assert meta["path"].value.endswith(f"/latest/data/{table}.csv")  # not Dagster's pickle
        release = shown["data_package"]
        assert release["status"].value == "written" and release["version"].value and release["release"].value.endswith("index.html")
        assert release["stage_seconds"].value["document_tables"] >= 0


@pytest.mark.slow
def test_a_run_with_nothing_changed_starts_nothing_and_says_so(raw, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(tmp_path / "out"), DAGSTER_HOME=str(home))
    first = cli("run", env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    runs = (home / "history" / "runs.db").stat().st_mtime
    second = cli("run", env=env)
    assert second.returncode == 0
    assert second.stdout.startswith("unchanged:") and "Nothing was read or written" in second.stdout
    assert (home / "history" / "runs.db").stat().st_mtime == runs  # no Dagster run was started
    _edit(raw / NEWS, "2,150", "2,265")
    third = cli("run", env=env)
    assert third.returncode == 0 and "1 read and mapped, 1 from the store" in third.stdout, third.stdout

"""Releases: every semver rule, row matching on change keys, causes, views, stable paths.

The rules are tested on small descriptors and tables written here; the whole path (texts in, a
version out, CHANGES.md naming the changed observation) on copies of the fixture corpus.
"""

import copy
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import CORPUS, NEWS, REFERENCE, cli

from pipeline import schema
from pipeline.build import build_tables
from pipeline.integrity import check_stable
from pipeline.publish import PublishError, publish
from pipeline.release import config, stable
from pipeline.release.changes import Causes
from pipeline.release.codeversion import compute_code_version
from pipeline.release.diff import Release, RowDiff, compare_table, schema_changes
from pipeline.release.semver import decide, next_version
from pipeline.release.views import build_views, format_number


# --- the rules, on descriptors written here ---------------------------------------------------
def _field(name, type_="string", **extra):
    return {"name": name, "type": type_, "description": f"{name}.", **extra}


def _package(**tables) -> dict:
    resources = [
        {
            "name": name,
            "path": f"data/{name}.csv",
            "title": name,
            "description": name,
            "schema": {"fields": fields, "primaryKey": [fields[0]["name"]]},
        }
        for name, fields in tables.items()
    ]
    return {"name": "p", "title": "P", "description": "d", "licenses": [], "resources": resources}


BASE = _package(observations=[_field("id"), _field("period"), _field("value", "number", unit="person", constraints={"minimum": 0})])


def _bump(new: dict, rows: dict | None = None, data_tables=frozenset({"observations"})):
    return decide(schema_changes(BASE, new), rows or {}, data_tables=set(data_tables))


def _edit(change) -> dict:
    new = copy.deepcopy(BASE)
    change(new["resources"][0]["schema"])
    return new


@pytest.mark.parametrize(
    "change, bump",
    [
        (lambda s: s["fields"].pop(1), "major"),  # a field removed
        (lambda s: s["fields"][1].update(name="date"), "major"),  # renamed: removed and added
        (lambda s: s["fields"][2].update(type="integer"), "major"),  # retyped
        (lambda s: s.update(primaryKey=["period"]), "major"),  # re-keyed
        (lambda s: s["fields"].insert(0, s["fields"].pop(1)), "major"),  # reordered
        (lambda s: s["fields"][2].update(unit="count"), "major"),  # another unit: another meaning
        (lambda s: s["fields"][2]["constraints"].update(minimum=5), "major"),  # tightened
        (lambda s: s["fields"][2]["constraints"].pop("minimum"), "minor"),  # loosened
        (lambda s: s["fields"].append(_field("partner")), "minor"),  # a field added at the end
        (lambda s: s["fields"][2].update(description="Another sentence."), "patch"),
    ],
)
def test_schema_changes_move_the_version_by_the_recipe(change, bump):
    decision = _bump(_edit(change))
    assert decision.bump == bump, decision.reasons


def test_tables_added_removed_and_metadata():
    added = copy.deepcopy(BASE)
    added["resources"].append({**copy.deepcopy(BASE["resources"][0]), "name": "extra", "path": "data/extra.csv"})
    assert _bump(added).bump == "minor"
    assert decide(schema_changes(added, BASE), {}, data_tables=set()).bump == "major"  # a table removed
    assert _bump({**copy.deepcopy(BASE), "title": "Another title"}).bump == "patch"
    assert _bump({**copy.deepcopy(BASE), "name": "q"}).bump == "major"
    volatile = {**copy.deepcopy(BASE), "version": "9.9.9", "created": "2030-01-01T00:00:00Z", "codeVersion": "f" * 64}
    assert _bump(volatile).bump is None  # no content: nothing to publish


def _rows(**kinds) -> dict:
    diff = RowDiff("observations", ["period"])
    for kind, n in kinds.items():
        getattr(diff, kind).extend({"period": str(i)} for i in range(n))
    return {"observations": diff}


def test_rows_added_changed_and_removed():
    assert _bump(BASE, _rows(added=2)).bump == "minor"
    assert _bump(BASE, _rows(changed=1)).bump == "patch"
    removed = _bump(BASE, _rows(removed=1, added=3))
    assert removed.bump == "major" and removed.removed_data == {"observations": 1}
    # Findings of checks (and derived rows) vanish when their cause is fixed: no note, a patch.
    findings = _bump(BASE, _rows(removed=1), data_tables=frozenset())
    assert findings.bump == "patch" and not findings.removed_data
    assert _bump(BASE, _rows()).bump is None


@pytest.mark.parametrize(
    "previous, bump, expected",
    [
        (None, "minor", "1.0.0"),
        ("1.1.0", "patch", "1.1.1"),
        ("1.1.3", "minor", "1.2.0"),
        ("1.9.3", "major", "2.0.0"),
    ],
)
def test_next_version(previous, bump, expected):
    assert next_version(previous, bump) == expected


# --- rows matched on change keys --------------------------------------------------------------
def _release(folder: Path, frames: dict[str, pd.DataFrame]) -> Release:
    release = Release(folder, {"resources": [{"name": n, "path": f"{n}.csv"} for n in frames]})
    release._frames.update(frames)
    return release


def _observations(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["observation_id", "indicator_id", "period", "value", "unit", "qualifier", "figure_id", "document"])


def test_a_corrected_value_is_one_changed_row_not_a_removal(tmp_path):
    key = list(config.release_of(schema.tables()["observations"]).change_key)
    old = _observations(
        [
            ("a1", "residents_total", "2022", 13905.0, "person", "exact", "f1", "r.txt"),
            ("b1", "residents_total", "2020", 12000.0, "person", "exact", "f2", "r.txt"),
        ]
    )
    new = _observations(
        [
            ("a2", "residents_total", "2022", 14377.0, "person", "exact", "f3", "r.txt"),
            ("b1", "residents_total", "2020", 12000.0, "person", "exact", "f2", "r.txt"),
            ("c1", "residents_total", "2023", 15000.0, "person", "exact", "f4", "r.txt"),
        ]
    )
    frames_old, frames_new = {"observations": old}, {"observations": new}
    diff = compare_table("observations", key, _release(tmp_path, frames_old), _release(tmp_path, frames_new), old, new)
    assert not diff.removed and [r["period"] for r in diff.added] == ["2023"]
    [changed] = diff.changed
    assert changed["key"]["period"] == "2022" and changed["before"]["value"] == 13905 and changed["after"]["value"] == 14377
    assert set(changed["fields"]) == {"observation_id", "value", "figure_id"}


def test_rows_sharing_a_key_are_numbered_in_text_order(tmp_path):
    """Two events of one document and year: the second one's date is corrected; the table is
    sorted by value, but the rows are matched by where their figures stand in the text."""
    figures = pd.DataFrame({"figure_id": ["f1", "f2", "f3"], "document": ["r.txt"] * 3, "start": [10, 50, 50]})
    key = ["indicator_id", "document"]
    old = _observations(
        [
            ("a", "dated_event", "2001", 2001.0, "year", "exact", "f1", "r.txt"),
            ("b", "dated_event", "2005", 2005.0, "year", "exact", "f2", "r.txt"),
        ]
    )
    new = _observations(
        [
            ("c", "dated_event", "1999", 1999.0, "year", "exact", "f3", "r.txt"),
            ("a", "dated_event", "2001", 2001.0, "year", "exact", "f1", "r.txt"),
        ]
    )
    diff = compare_table(
        "timeline",
        key,
        _release(tmp_path, {"observations": old, "figures": figures}),
        _release(tmp_path, {"observations": new, "figures": figures}),
        old,
        new,
    )
    assert not diff.added and not diff.removed
    assert [(c["before"]["period"], c["after"]["period"]) for c in diff.changed] == [("2005", "1999")]


def test_a_row_is_explained_by_its_own_text_else_by_the_code():
    texts = {"added": [], "removed": [], "changed": [{"document": "r.txt", "sha256_before": "a" * 64, "sha256_after": "b" * 64}]}
    causes = Causes(texts, "1" * 64, "2" * 64)
    assert causes.of("observations", {"document": "r.txt"})["kind"] == "text changed"
    assert causes.of("observations", {"document": "n.txt"}) == {"kind": "code changed", "before": "1" * 64, "after": "2" * 64}
    assert Causes(texts, "1" * 64, "1" * 64).of("conflicts", {"document": "n.txt"})["kind"] == "other texts changed"


# --- configuration ----------------------------------------------------------------------------
def test_every_table_has_release_rules():
    """A table added to tables.yaml gets its change key in releases.yaml, or its value changes
    would count as rows removed and added (keyed on a primary key that hashes the value)."""
    assert config.undeclared_tables() == [], "add these tables to schemas/releases.yaml"
    assert config.unknown_release_tables() == []
    for table in schema.tables().values():
        config.release_of(table)  # every key and order field exists


def test_release_rules_are_strict(monkeypatch):
    real = config._load

    def with_typo(name):
        data = real(name)
        if name == "releases.yaml":
            data["documents"] = {**data["documents"], "chnage_key": ["document"]}
        return data

    monkeypatch.setattr(config, "_load", with_typo)
    config._release_specs.cache_clear()
    try:
        with pytest.raises(config.ReleaseConfigError, match=r"releases\.yaml: documents\.chnage_key"):
            config.release_of(schema.tables()["documents"])
    finally:
        config._release_specs.cache_clear()


def test_code_version_follows_code_and_schemas(tmp_path):
    for folder in ("pipeline", "schemas"):
        (tmp_path / folder).mkdir()
    (tmp_path / "pipeline" / "rules.yaml").write_text("words: [grant]\n")
    (tmp_path / "schemas" / "fields.yaml").write_text("a: 1\n")
    first = compute_code_version(tmp_path)
    (tmp_path / "pipeline" / "notes.txt").write_text("not code")  # neither code nor schema
    assert compute_code_version(tmp_path) == first
    (tmp_path / "pipeline" / "rules.yaml").write_text("words: [grant]\r\n")  # a Windows checkout
    assert compute_code_version(tmp_path) == first
    (tmp_path / "pipeline" / "rules.yaml").write_text("words: [grant, loan]\n")
    assert compute_code_version(tmp_path) != first


# --- views for people ---------------------------------------------------------------------------
def test_format_number():
    assert [format_number(v) for v in (1200.0, 0.25, 3.3e9, float("nan"))] == ["1200", "0.25", "3300000000", ""]


def test_wide_tables_state_what_the_texts_state():
    tables = {k: schema.conform(v, k) for k, v in build_tables(CORPUS).items()}
    obs = tables["observations"]
    template = obs[obs["indicator_id"] == "residents_total"].iloc[[0]]
    extra = pd.concat(
        [
            template.assign(period="2010", value=5100.0, qualifier="over", observation_id="e" * 16),
            template.assign(period="2011", value=5200.0, observation_id="f" * 16),
            template.assign(period="2011", value=5300.0, document=NEWS, observation_id="0" * 16),
        ]
    )
    tables["observations"] = pd.concat([obs, extra], ignore_index=True)
    wide = next(v for v in build_views(tables) if v.table.name == "residents_by_year").frame.set_index("period")
    assert wide.loc["2010", "residents_persons"] == 5100 and "over" in wide.loc["2010", "notes"]
    assert pd.isna(wide.loc["2011", "residents_persons"]) and "disagree" in wide.loc["2011", "notes"]  # nothing false
    assert wide.loc["2022", "residents_persons"] == 13905
    assert list(wide["year"]) == sorted(wide["year"])


def test_readable_tables_carry_name_quote_and_url():
    tables = {k: schema.conform(v, k) for k, v in build_tables(CORPUS).items()}
    readable = next(v for v in build_views(tables) if v.table.name == "residents-readable").frame
    assert list(readable.columns[:2]) == ["indicator_name", "period"] and readable.columns[-1] == "figure_id"
    row = readable[readable["indicator_id"] == "residents_total"].iloc[0]
    assert row["indicator_name"] == "Mongolian citizens residing in Japan"
    assert row["quote"].startswith("13,905") and row["url"] == "https://example.org/reference"


# --- the whole path, on copies of the fixture corpus -------------------------------------------
def _publish(raw: Path, out: Path, **kwargs):
    tables = build_tables(raw)
    from pipeline.assets.publishing import package_sources

    return publish(tables, package_sources(tables["documents"]), out, say=lambda _: None, **kwargs)


@pytest.mark.slow
def test_a_changed_number_publishes_a_patch_that_names_it(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "published"
    first = _publish(corpus, out)
    assert (first.version, first.status) == ("1.0.0", "written")
    before = (corpus / REFERENCE).read_bytes()
    (corpus / REFERENCE).write_text(before.decode().replace("there are 13,905 Mongolian", "there are 14,377 Mongolian"), encoding="utf-8")
    second = _publish(corpus, out)
    assert (second.version, second.bump, second.previous) == ("1.0.1", "patch", "1.0.0")

    changes = json.loads((out / "1.0.1" / "changes.json").read_text())
    [row] = [r for r in changes["tables"]["observations"]["rows"] if r["key"]["indicator_id"] == "residents_total"]
    assert row["change"] == "changed" and row["fields"]["value"] == [13905, 14377]
    assert row["cause"]["kind"] == "text changed" and row["cause"]["document"] == REFERENCE
    assert changes["tables"]["observations"]["removed"] == changes["tables"]["observations"]["added"] == 0
    md = (out / "1.0.1" / "CHANGES.md").read_text()
    line = next(line for line in md.splitlines() if line.startswith("| changed | Mongolian citizens residing in Japan, 2022"))
    assert "`value` 13,905 → 14,377" in line and f"{REFERENCE} changed (sha256" in line
    import hashlib

    assert f"sha256 {hashlib.sha256(before).hexdigest()[:12]}" in line

    # latest/ is a copy of the new version; versions.json lists both; verify passes.
    assert stable.folder_files(out / "latest") == stable.folder_files(out / "1.0.1")
    versions = json.loads((out / "versions.json").read_text())
    assert versions["latest"] == "1.0.1" and [v["version"] for v in versions["versions"]] == ["1.0.1", "1.0.0"]
    assert versions["versions"][0]["date"] == "2023-11-14T22:13:20Z"
    assert check_stable(out).ok
    assert "1.0.1" in (out / "CHANGELOG.md").read_text() and 'href="latest/index.html"' in (out / "index.html").read_text()


@pytest.mark.slow
def test_identical_content_publishes_nothing_and_rewrites_nothing(tmp_path):
    out = tmp_path / "published"
    _publish(CORPUS, out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = _publish(CORPUS, out)
    assert again.status == "unchanged" and again.version == "1.0.0" and "nothing published" in again.summary()
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if ".publish" not in p.name} == {
        p: t for p, t in mtimes.items() if ".publish" not in p.name
    }


@pytest.mark.slow
def test_a_new_text_is_a_minor_release(corpus, tmp_path):
    out = tmp_path / "published"
    _publish(corpus, out)
    (corpus / "brief.txt").write_text("In 2023, 1,240 Mongolian students studied in Japan.\n", encoding="utf-8")
    result = _publish(corpus, out)
    assert (result.version, result.bump) == ("1.1.0", "minor")
    changes = json.loads((out / "1.1.0" / "changes.json").read_text())
    assert changes["texts"]["added"][0]["document"] == "brief.txt"
    assert any(r["change"] == "added" and r["cause"]["kind"] == "text added" for r in changes["tables"]["figures"]["rows"])


@pytest.mark.slow
def test_removing_rows_needs_a_note_and_is_major(corpus, tmp_path):
    out = tmp_path / "published"
    _publish(corpus, out)
    (corpus / NEWS).unlink()
    manifest = corpus / "sources.csv"
    manifest.write_text("".join(line for line in manifest.read_text().splitlines(keepends=True) if not line.startswith(NEWS)))
    with pytest.raises(PublishError, match=r"would remove rows of data \(documents: 1, figures: \d+.*version 2\.0\.0") as refused:
        _publish(corpus, out)
    message = str(refused.value)
    assert "release-notes/2.0.0.md" in message and "Nothing was published" in message
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "1.0.0",
        "CHANGELOG.md",
        "index.html",
        "latest",
        "versions.json",
    ]
    notes = out / "release-notes"
    notes.mkdir()
    note = notes / "2.0.0.md"
    note.write_text("The news item was withdrawn by its publisher.\n")
    with pytest.raises(PublishError, match="says why but not what it removes"):
        _publish(corpus, out)
    front = message[message.index("---\nremoves:") : message.rindex("---") + 3]
    note.write_text(front.replace("figures: ", "figures: 1") + "\nThe news item was withdrawn by its publisher.\n")
    with pytest.raises(PublishError, match=r"allows removing .* but this run would remove"):
        _publish(corpus, out)  # a note for another removal lets nothing through
    note.write_text(front + "\nThe news item was withdrawn by its publisher.\n")
    result = _publish(corpus, out)
    assert (result.version, result.bump) == ("2.0.0", "major")
    assert "The news item was withdrawn by its publisher." in (out / "2.0.0" / "CHANGES.md").read_text()
    assert json.loads((out / "2.0.0" / "changes.json").read_text())["texts"]["removed"][0]["document"] == NEWS
    assert "withdrawn" in (out / "CHANGELOG.md").read_text()


@pytest.mark.slow
def test_an_altered_latest_release_stops_the_run(tmp_path):
    out = tmp_path / "published"
    first = _publish(CORPUS, out)
    (first.path / "data" / "trade.csv").write_text("tampered\n")
    with pytest.raises(PublishError, match="has been altered since it was published"):
        _publish(CORPUS, out)


# --- what a downloader gets ----------------------------------------------------------------------
REPO_PATH = re.compile(r"\b(?:raw|schemas|pipeline|tests)/|\.ya?ml\b|\.py\b|sources\.csv")


@pytest.mark.slow
def test_the_codebook_and_descriptor_are_for_a_downloader(published_once):
    folder = published_once / "1.0.0"
    readme = (folder / "README.md").read_text()
    package = json.loads((folder / "datapackage.json").read_text())
    for needed in ("Creative Commons Attribution 4.0", "Cite as:", "released", "How offsets are counted", "## Units"):
        assert needed in readme
    for table in schema.tables():
        assert f"## {table}:" in readme
    assert "| `value` | number |" in readme and "rows" in readme
    texts = (
        [readme]
        + [r.get("description", "") for r in package["resources"]]
        + [f.get("description", "") for r in package["resources"] for f in r["schema"]["fields"]]
    )
    found = sorted({m.group(0) for t in texts for m in REPO_PATH.finditer(t)})
    assert found == [], f"repository paths in what a downloader reads: {found}"
    cff = yaml.safe_load((folder / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["version"] == "1.0.0" and cff["authors"]
    assert cff["license"] == "CC-BY-4.0"


@pytest.mark.slow
def test_the_landing_page_loads_nothing_from_the_network(published_once):
    page = (published_once / "latest" / "index.html").read_text()
    assert "<script" not in page
    assert not re.search(r"<link[^>]+href=\"https?:", page) and not re.search(r"src=\"https?:", page)
    assert "@import" not in page and "url(http" not in page
    assert page.count("<svg") >= 1 and 'href="#f-' in page and 'id="f-' in page
    for link in set(re.findall(r'href="#(f-[0-9a-f]+)"', page)):
        assert f'id="{link}"' in page  # every value leads to its quote


@pytest.mark.slow
def test_verify_covers_latest_and_versions(published_once, tmp_path):
    out = tmp_path / "published"
    shutil.copytree(published_once, out)
    proc = cli("verify", "--published", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "ok: latest/ = 1.0.0" in proc.stdout and "ok: versions.json (1 versions)" in proc.stdout
    (out / "latest" / "index.html").write_text("<p>edited</p>")
    (out / "1.0.0" / "CHANGES.md").write_text("edited")  # not in datapackage.json, but in versions.json
    proc = cli("verify", "--published", str(out))
    assert proc.returncode == 1
    assert "OUT OF STEP: 1.0.0/CHANGES.md: sha256 differs from the one in versions.json" in proc.stderr
    assert "OUT OF STEP: latest/: differs from 1.0.0 in CHANGES.md, index.html" in proc.stderr


def test_latest_is_swapped_whole(tmp_path):
    old, new = tmp_path / "latest", tmp_path / ".staging-latest-1"
    old.mkdir()
    (old / "a.txt").write_text("old")
    new.mkdir()
    (new / "a.txt").write_text("new")
    stable.swap_in(new, old)
    assert (old / "a.txt").read_text() == "new" and not new.exists()
    assert not list(tmp_path.glob(".staging-*"))


def test_release_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert stable.release_date() == "2023-11-14T22:13:20Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", stable.release_date())


def test_written_files_are_not_rewritten_when_unchanged(tmp_path):
    path = tmp_path / "versions.json"
    assert stable.write_if_changed(path, "{}\n") and not stable.write_if_changed(path, "{}\n")
    assert os.listdir(tmp_path) == ["versions.json"]  # no temporary file left


def test_rows_renumbered_by_a_removal_keep_their_place(tmp_path):
    """A figure removed early in a text renumbers the ids of later ones with the same quote: they
    are the same rows with new ids, not a shifted chain of changed values."""
    columns = ["figure_id", "document", "start", "quote", "value", "unit", "kind"]
    old = pd.DataFrame(
        [
            ("a0", "r.txt", 5, "2015", 2015.0, "year", "date"),
            ("a1", "r.txt", 40, "2015", 2015.0, "year", "date"),
            ("a2", "r.txt", 90, "2022", 2022.0, "year", "date"),
        ],
        columns=columns,
    )
    new = pd.DataFrame(
        [("b0", "r.txt", 40, "2015", 2015.0, "year", "date"), ("a2", "r.txt", 90, "2022", 2022.0, "year", "date")], columns=columns
    )
    key = list(config.release_of(schema.tables()["figures"]).change_key)
    diff = compare_table("figures", key, _release(tmp_path, {"figures": old}), _release(tmp_path, {"figures": new}), old, new)
    assert [r["start"] for r in diff.removed] == [5] and not diff.added
    assert [(c["before"]["figure_id"], c["after"]["figure_id"], c["fields"]) for c in diff.changed] == [("a1", "b0", ["figure_id"])]


def test_a_note_says_what_it_removes(tmp_path):
    from pipeline.release.notes import NoteError, front_matter, read_note

    assert not read_note(tmp_path, "2.0.0").exists
    (tmp_path / "2.0.0.md").write_text(front_matter({"figures": 8, "documents": 1}) + "\nA text was withdrawn.\n")
    note = read_note(tmp_path, "2.0.0")
    assert note.removes == {"figures": 8, "documents": 1} and note.text == "A text was withdrawn."
    (tmp_path / "2.0.1.md").write_text("---\nremoves: {figures: 8}\nA text was withdrawn.\n")
    with pytest.raises(NoteError, match=r"2\.0\.1\.md: the front matter opened by '---' is not closed"):
        read_note(tmp_path, "2.0.1")
    (tmp_path / "2.0.2.md").write_text("---\nremove: {figures: 8}\n---\nWhy.\n")
    with pytest.raises(NoteError, match="unknown keys in the front matter: \\['remove'\\]"):
        read_note(tmp_path, "2.0.2")

"""Hostile input, as a new user would bring it: every case is named, left out or read, and recorded.

One run reads a folder holding the fixture corpus plus one file per hostile case; each case then
asserts what the command line said (file and problem named), what the package records in
`documents` or `problems`, and that the good documents' figures are exactly those of a clean run.
A bad manifest stops the run instead: each of its cases asserts the exit status and the message.
"""

import codecs
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import CORPUS, NEWS, REFERENCE, cli

from pipeline.release.semver import FIRST_VERSION

pytestmark = pytest.mark.slow

VERSION = FIRST_VERSION  # the first release of a fresh published folder
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
ON_TOPIC = "In 2023, 1,180 Mongolian students were studying in Japan.\n"

# file -> bytes written into the raw folder (None: made by `_make_special`)
HOSTILE_FILES = {
    "utf16-bom.txt": codecs.BOM_UTF16_LE + ON_TOPIC.encode("utf-16-le"),
    "utf8-bom.txt": codecs.BOM_UTF8 + b"In 2021, 870 Mongolian students were studying in Japan.\n",
    "crlf.txt": b"Grants\r\nIn 2020, Japan granted 2.4 billion yen to Mongolia.\r\n",
    "latin1.txt": "Caf\u00e9 owners: 1,200 Mongolian workers in Japan in 2022.".encode("latin-1"),
    "picture.txt": PNG,
    "blank.txt": b"  \n\n ",
    "cyrillic.txt": "Монгол Улсаас Японд суралцаж буй оюутнуудын 15 хувийн өсөлт гарчээ. Нийт 3200 оюутан байна.".encode(),
    "copy-of-news.txt": (CORPUS / NEWS).read_bytes(),
    "arabic-digits.txt": "In 2023, \u0663\u066c\u0669\u0660\u0660 Mongolian workers lived in Japan.\n".encode("utf-8"),
    "negative.txt": b"In 2022, the number of Mongolian residents in Japan was -5 people, a typing error.\n",
    "over-100.txt": b"In 2022, students made up 130 percent of the Mongolian residents in Japan.\n",
    "link-outside.txt": None,
    "folder.txt": None,
}
# file -> (problem code, words the message must hold); files absent here are read.
EXPECTED_PROBLEMS = {
    "latin1.txt": ("undecodable", ["latin1.txt, line 1", "not valid UTF-8", "Latin-1"]),
    "picture.txt": ("binary", ["picture.txt", "binary (PNG"]),
    "blank.txt": ("empty", ["blank.txt", "empty"]),
    "cyrillic.txt": ("not_english", ["cyrillic.txt", "Cyrillic", "reads English"]),
    "copy-of-news.txt": ("duplicate", ["copy-of-news.txt", f"duplicate of {NEWS}"]),
    "link-outside.txt": ("outside_raw", ["link-outside.txt", "outside the raw folder"]),
    "folder.txt": ("not_a_file", ["folder.txt", "directory"]),
    "listed-but-gone.txt": ("missing", ["listed-but-gone.txt", "sources.csv (line 4)", "not found"]),
}
READ = {
    "utf16-bom.txt": "utf-16",
    "utf8-bom.txt": "utf-8-sig",
    "crlf.txt": "utf-8",
    REFERENCE: "utf-8",
    NEWS: "utf-8",
    "arabic-digits.txt": "utf-8",
    "negative.txt": "utf-8",
    "over-100.txt": "utf-8",
}


def _make_special(raw: Path, outside: Path) -> None:
    outside.write_text("In 2019, 5,000 Mongolian workers were in Japan.", encoding="utf-8")
    os.symlink(outside, raw / "link-outside.txt")
    (raw / "folder.txt").mkdir()
    with open(raw / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write("listed-but-gone.txt,A text that was never saved,Test suite,https://example.org/gone,en,,,\n")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    raw = base / "raw"
    shutil.copytree(CORPUS, raw)
    for name, data in HOSTILE_FILES.items():
        if data is not None:
            (raw / name).write_bytes(data)
    _make_special(raw, base / "outside.txt")
    home = base / "home"
    home.mkdir()
    env = dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(base / "out"), DAGSTER_HOME=str(home))
    proc = cli("run", env=env)
    tables = (
        {
            name: pd.read_csv(base / "out" / VERSION / "data" / f"{name}.csv", keep_default_na=False)
            for name in ("documents", "problems", "figures", "observations", "unmapped")
        }
        if proc.returncode == 0
        else {}
    )
    return proc, tables, raw


def test_the_run_succeeds_and_counts_what_it_left_out(hostile_run):
    proc, _tables, _ = hostile_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith(f"done: {len(READ)} documents read, {len(EXPECTED_PROBLEMS)} left out"), proc.stdout


@pytest.mark.parametrize("file", sorted(EXPECTED_PROBLEMS))
def test_a_file_that_cannot_be_used_is_named_and_recorded(hostile_run, file):
    proc, tables, raw = hostile_run
    problem, words = EXPECTED_PROBLEMS[file]
    said = [line for line in proc.stderr.splitlines() if "left out" in line and file in line]
    assert said and all(w in said[0] for w in words), proc.stderr[-3000:]
    row = tables["problems"].set_index("file").loc[file]
    assert row["problem"] == problem and all(w in row["detail"] for w in words)
    if (raw / file).is_file() and not (raw / file).is_symlink():
        assert len(row["sha256"]) == 64  # the left-out bytes are identified
    assert file not in set(tables["documents"]["document"])


@pytest.mark.parametrize("file", sorted(READ))
def test_texts_with_a_byte_order_mark_or_crlf_are_read_with_exact_offsets(hostile_run, file):
    _, tables, raw = hostile_run
    doc = tables["documents"].set_index("document").loc[file]
    assert doc["encoding"] == READ[file]
    text = (raw / file).read_bytes().decode(READ[file])
    text = text[1:] if text.startswith("\ufeff") else text
    assert doc["characters"] == len(text)
    figures = tables["figures"][tables["figures"]["document"] == file]
    assert len(figures) and all(text[s:e] == q for s, e, q in zip(figures["start"], figures["end"], figures["quote"], strict=True))


def test_good_documents_keep_exactly_their_figures(hostile_run, published_once):
    _, tables, _ = hostile_run
    clean = pd.read_csv(published_once / VERSION / "data" / "figures.csv", keep_default_na=False)
    columns = ["figure_id", "document", "start", "end", "quote", "value", "unit", "period"]
    mine = tables["figures"][tables["figures"]["document"].isin([REFERENCE, NEWS])][columns]
    assert mine.reset_index(drop=True).equals(clean[columns].reset_index(drop=True))


def test_a_utf16_text_gives_the_same_figures_as_its_utf8_twin(hostile_run):
    _, tables, _ = hostile_run
    figures = tables["figures"]
    utf16 = figures[figures["document"] == "utf16-bom.txt"]
    assert list(utf16["quote"]) == ["2023", "1,180 Mongolian students"]


# --- a bad manifest stops the run, naming the file, the line and the problem ---------------------
HEADER = "file,title,publisher,url,language,date,country,note\n"
GOOD_ROW = "reference.txt,A reference sheet,Test suite,https://example.org/r,en,2023,,\n"
MANIFESTS = {
    "unquoted comma": (
        GOOD_ROW + "news.txt,Over 2,150 workers,Test suite,https://example.org/n,en,,,\n",
        "line 3: 9 fields where the header has 8 (an unquoted comma",
    ),
    "too few fields": (GOOD_ROW + "news.txt,Labour ties,Test suite\n", "line 3: 3 fields where the header has 8"),
    "unclosed quote": (GOOD_ROW + 'news.txt,"Labour ties,Test suite,https://example.org/n,en,,,\n', "line 3:"),
    "duplicate file": (
        GOOD_ROW + GOOD_ROW.replace("A reference", "Again a reference"),
        "line 3: file 'reference.txt' is already listed on line 2",
    ),
    "bad url": (GOOD_ROW.replace("https://example.org/r", "The Asia Review"), "line 2: url 'The Asia Review' is not an http(s) URL"),
    "bad language": (GOOD_ROW.replace(",en,", ",english,"), "line 2: language 'english' is not an ISO 639-1 code"),
    "unknown language": (GOOD_ROW.replace(",en,", ",qq,"), "line 2: language 'qq' is not an ISO 639-1 code"),
    "bad country": (GOOD_ROW.replace(",2023,,", ",2023,Japan,"), "line 2: country 'Japan' is not an ISO 3166-1 alpha-2 code"),
    "a path for a file": (GOOD_ROW.replace("reference.txt,", "../reference.txt,", 1), "line 2: file '../reference.txt' is a path"),
}


@pytest.mark.parametrize("case", sorted(MANIFESTS))
def test_a_bad_manifest_stops_the_run_naming_file_line_and_problem(case, tmp_path):
    rows, message = MANIFESTS[case]
    raw = tmp_path / "raw"
    shutil.copytree(CORPUS, raw)
    (raw / "sources.csv").write_text(HEADER + rows, encoding="utf-8")
    (tmp_path / "home").mkdir()
    env = dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(tmp_path / "out"), DAGSTER_HOME=str(tmp_path / "home"))
    proc = cli("run", env=env)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"sources.csv, {message}" in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / VERSION).exists()


def test_digits_of_another_script_are_one_figure_never_split(hostile_run):
    _, tables, _ = hostile_run
    figures = tables["figures"][tables["figures"]["document"] == "arabic-digits.txt"]
    people = figures[figures["unit"] == "person"]
    assert list(people["value"]) == [3900] and people["quote"].iloc[0].startswith("\u0663\u066c\u0669\u0660\u0660")
    assert 3 not in set(figures["value"]) and 900 not in set(figures["value"])


def test_a_negative_count_is_read_with_its_sign_and_flagged(hostile_run):
    _, tables, _ = hostile_run
    figures = tables["figures"][tables["figures"]["document"] == "negative.txt"]
    negative = figures[figures["value"] < 0]
    assert list(negative["value"]) == [-5] and "negative" in negative["flags"].iloc[0]


@pytest.mark.parametrize(("file", "value"), [("negative.txt", -5), ("over-100.txt", 130)])
def test_an_implausible_value_never_reaches_observations_and_is_listed_with_its_reason(hostile_run, file, value):
    _, tables, _ = hostile_run
    observations = tables["observations"]
    assert observations[observations["document"] == file].empty
    unmapped = tables["unmapped"][(tables["unmapped"]["document"] == file) & (tables["unmapped"]["value"] == value)]
    assert list(unmapped["reason"]) == ["implausible"], tables["unmapped"][tables["unmapped"]["document"] == file].to_dict("records")
    assert unmapped["candidate_indicator"].iloc[0]  # the indicator it would have been, for the reader

"""Reading a raw folder: the manifest strictly, each text decoded or left out with its reason."""

import codecs
import shutil

import pytest
from conftest import CORPUS, NEWS, REFERENCE

from pipeline.manifest import read_manifest
from pipeline.sources import InputError, UnusableText, decode, document_id, load_corpus, script_problem


def test_documents_table_from_the_fixture_corpus(corpus):
    result = load_corpus(corpus)
    assert sorted(result.documents["document"]) == [NEWS, REFERENCE]
    row = result.documents.set_index("document").loc[NEWS]
    assert row["title"] == "Labour ties grow, a news item"  # a quoted comma stays in its field
    assert row["url"] == "https://example.org/news?id=1" and row["date"] == "2024-05-02"
    assert row["characters"] == len((corpus / NEWS).read_text(encoding="utf-8"))
    assert result.problems.empty and result.warnings == []


def test_text_missing_from_manifest_is_kept_with_a_warning(corpus):
    (corpus / "new-article.txt").write_text("In 2024, 120 students went to Japan.", encoding="utf-8")
    result = load_corpus(corpus)
    row = result.documents.set_index("document").loc["new-article.txt"]
    assert row["title"] == "" and row["document_id"] == "new-article"
    assert any("new-article.txt" in w and "sources.csv" in w for w in result.warnings)


def test_a_manifest_named_in_capitals_is_read_and_unknown_columns_are_named(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(CORPUS, raw)
    text = (raw / "sources.csv").read_text(encoding="utf-8").replace("note\n", "note,retrieved\n", 1)
    (raw / "sources.csv").unlink()
    (raw / "SOURCES.csv").write_text(text.replace("Our own sentences.\n", "Our own sentences.,today\n"), encoding="utf-8")
    with pytest.raises(InputError, match="line 2: 8 fields where the header has 9"):
        read_manifest(raw)  # the reference row lacks the new column: strict even here
    (raw / "SOURCES.csv").write_text(text.replace("\n", ",x\n").replace("note,retrieved,x", "note,retrieved"), encoding="utf-8")
    manifest = read_manifest(raw)
    assert set(manifest.rows) == {NEWS, REFERENCE}
    assert any("retrieved" in w and "ignored" in w for w in manifest.warnings)


def test_two_manifests_are_refused(corpus):
    shutil.copy(corpus / "sources.csv", corpus / "SOURCES.csv")
    with pytest.raises(InputError, match=r"both sources.csv and SOURCES.csv"):
        load_corpus(corpus)


def test_missing_raw_dir_is_named(tmp_path):
    with pytest.raises(InputError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_a_folder_with_nothing_readable_names_every_problem(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(InputError, match=r"no readable text .*a.txt: empty text"):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + b"12 yen", "utf-8-sig"),
        (codecs.BOM_UTF16_BE + "12 yen".encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + "12 yen".encode("utf-32-le"), "utf-32"),
        (b"12 yen\r\n", "utf-8"),
    ],
)
def test_a_byte_order_mark_names_the_encoding_and_is_not_text(data, encoding):
    text, used = decode(data, "x.txt")
    assert used == encoding and text.startswith("12 yen")


@pytest.mark.parametrize(
    ("data", "problem", "words"),
    [
        ("12 yen".encode("utf-16-le"), "undecodable", "UTF-16 LE without a byte-order mark"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "binary (PDF"),
        (b"PK\x03\x04" + bytes(40), "binary", "binary (ZIP"),
        (b"caf\xe9\n2,000 yen \xff", "undecodable", "line 1: not valid UTF-8 (byte 0xE9 at column 4)"),
        (b"abc\x00def", "binary", "NUL"),
        (b" \n\t", "empty", "empty text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable", "UTF-16 byte-order mark but is not valid UTF-16"),
    ],
)
def test_unusable_bytes_get_a_precise_reason(data, problem, words):
    with pytest.raises(UnusableText) as err:
        decode(data, "x.txt")
    assert err.value.problem == problem and words in str(err.value) and str(err.value).startswith("x.txt")


def test_the_script_check_reads_long_texts_in_slices_and_names_the_script():
    english = "Japan granted 3 billion yen to Mongolia for schools. " * 50
    mongolian = "Япон Улс Монгол Улсад сургууль барих буцалтгүй тусламж олгов. " * 50
    assert script_problem(english) is None
    assert "Cyrillic" in script_problem(mongolian)
    assert script_problem(english + mongolian[:200]) is None  # a few foreign words are fine
    assert "Cyrillic" in script_problem(mongolian * 200)  # 600 KB: sampled, same answer


def test_document_id_is_a_slug():
    assert document_id("Mn Embassy_Ref (2).txt") == "mn-embassy-ref-2"


def test_a_vague_manifest_date_is_left_empty_with_a_warning_and_a_remark_dropped(corpus):
    text = (corpus / "sources.csv").read_text(encoding="utf-8")
    text = text.replace(",2023-03,", ",2023 or later,").replace(",2024-05-02,", ",2024-05 (inferred from the visit),")
    (corpus / "sources.csv").write_text(text, encoding="utf-8")
    result = load_corpus(corpus)
    dates = dict(zip(result.documents["document"], result.documents["date"], strict=True))
    assert dates == {REFERENCE: "", NEWS: "2024-05"}
    assert any("line 2: date '2023 or later' is not an ISO date" in w and "left empty" in w for w in result.warnings)
    assert any("line 3: date '2024-05 (inferred from the visit)' read as 2024-05" in w for w in result.warnings)

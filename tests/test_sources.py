"""Bad input: clear messages naming the file; good documents still go through."""

import pytest

from conftest import ASIAREVIEW, EMBASSY
from pipeline.sources import InputError, document_id, load_corpus


def test_documents_table_from_raw(raw_copy):
    corpus = load_corpus(raw_copy)
    assert sorted(corpus.documents["document"]) == sorted([ASIAREVIEW, EMBASSY])
    row = corpus.documents.set_index("document").loc[EMBASSY]
    assert row["publisher"] == "Embassy of Mongolia in Japan"
    assert row["characters"] == len((raw_copy / EMBASSY).read_text(encoding="utf-8"))
    assert corpus.problems == [] and corpus.warnings == []


def test_text_missing_from_manifest_is_kept_with_a_warning(raw_copy):
    (raw_copy / "new-article.txt").write_text("In 2024, 120 students went to Japan.", encoding="utf-8")
    corpus = load_corpus(raw_copy)
    row = corpus.documents.set_index("document").loc["new-article.txt"]
    assert row["title"] == "" and row["document_id"] == "new-article"
    assert any("new-article.txt" in w and "sources.csv" in w for w in corpus.warnings)


def test_manifest_row_without_its_file_is_an_error_naming_it(raw_copy):
    (raw_copy / ASIAREVIEW).unlink()
    with pytest.raises(InputError, match=ASIAREVIEW):
        load_corpus(raw_copy)


@pytest.mark.parametrize(
    "content, problem",
    [(b"caf\xe9 2,000 yen", "not valid UTF-8"), (b"   \n", "empty text"), (b"abc\x00def", "NUL")],
)
def test_unreadable_text_is_left_out_and_named(raw_copy, content, problem):
    (raw_copy / "broken.txt").write_bytes(content)
    corpus = load_corpus(raw_copy)
    assert "broken.txt" not in set(corpus.documents["document"])
    assert len(corpus.documents) == 2  # the good documents still go through
    assert any(p.startswith("broken.txt") and problem in p for p in corpus.problems)


def test_missing_raw_dir_is_named(tmp_path):
    with pytest.raises(InputError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_document_id_is_a_slug():
    assert document_id("Mn Embassy_Ref (2).txt") == "mn-embassy-ref-2"

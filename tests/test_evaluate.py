"""The scoring rule of the annotations README, on small hand-made frames.

The real extractor is never run here (its scores are the extractor's tests' business): the CLI
tests swap in a stub that returns hand-made figures.
"""

import pandas as pd
import pytest

import pipeline.devset as devset
import pipeline.evaluate as ev
from pipeline.evaluate import load_gold, main, score, unit_class
from pipeline.extract.model import Figure


def gold(*rows):
    return pd.DataFrame(rows, columns=["file", "quote", "value", "unit", "tier", "start"])


def pred(*rows):
    frame = pd.DataFrame(rows, columns=["document", "quote", "value", "unit", "start"])
    return frame.assign(end=frame["start"] + frame["quote"].str.len())


def counts(s):
    return s.matches, s.predicted, s.gold


def test_exact_match():
    s = score(
        pred(("a", "120.4 billion yen", 120400000000.0, "JPY", 0)), gold(("a", "120.4 billion yen", "120400000000", "JPY", "core", 0))
    )
    assert counts(s) == (1, 1, 1)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.misses.empty and s.false_alarms.empty


def test_values_agree_to_six_significant_digits():
    g = gold(("a", "x", "1234570", "USD", "core", 0))
    assert score(pred(("a", "x", 1234567, "USD", 0)), g).matches == 1  # differs in the 7th digit
    assert score(pred(("a", "x", 1234470, "USD", 0)), g).matches == 0  # differs in the 5th digit


def test_file_and_currency_must_agree():
    s = score(
        pred(("a", "x", 5, "USD", 0), ("b", "y", 5, "JPY", 0)), gold(("a", "x", "5", "JPY", "core", 0), ("a", "y", "5", "JPY", "core", 0))
    )
    assert s.matches == 0 and s.precision == 0 and s.recall == 0 and s.f1 == 0


def test_person_and_count_are_one_class():
    s = score(pred(("a", "19 workers", 19, "count", 0)), gold(("a", "19 workers", "19", "person", "core", 0)))
    assert counts(s) == (1, 1, 1)
    assert list(s.by_class) == ["count"]


def test_energy_and_power_convert_within_their_class_only():
    g = gold(("a", "15,200 kWh", "15200", "kWh", "core", 0), ("a", "0.5 MW", "0.5", "MW", "core", 20))
    assert score(pred(("a", "15.2 MWh", 15.2, "MWh", 0), ("a", "500 kW", 500, "kW", 20)), g).matches == 2
    # The same number as power is not energy.
    assert score(pred(("a", "15.2 MW", 15.2, "MW", 0)), gold(("a", "15.2 MWh", "15.2", "MWh", "core", 0))).matches == 0


def test_unit_classes():
    assert unit_class("MNT", 5) == ("MNT", 5) and unit_class("KZT", 5) == ("KZT", 5)
    assert unit_class("percent", 5) == ("percent", 5) and unit_class("rank", 7) == ("rank", 7)
    # Any unit outside the list, upper-case symbols that are no currency included, is "other".
    assert unit_class("km", 5) == unit_class("t", 5) == unit_class("TEU", 5) == ("other", 5)
    assert unit_class("MWh", 2) == ("energy", 2e6) and unit_class("kW", 3) == ("power", 3e3)
    # The annotation vocabulary has kWh/MWh and kW/MW only: GWh, rates and pint symbols are "other".
    assert unit_class("GWh", 2) == unit_class("MWh/d", 2) == unit_class("km²", 2) == ("other", 2)


def test_years_and_dates_are_left_out_on_both_sides():
    s = score(
        pred(("a", "2019", 2019, "year", 0), ("a", "12 years", 12, "year", 5), ("a", "x", 3, "count", 9)),
        gold(
            ("a", "2019", "2019", "year", "core", 0), ("a", "June 2019", "2019-06", "date", "core", 20), ("a", "x", "3", "count", "core", 9)
        ),
    )
    assert counts(s) == (1, 1, 1)
    assert s.false_alarms.empty and s.misses.empty


def test_a_figure_stated_twice_must_be_extracted_twice():
    g = gold(("a", "x", "2", "JPY", "core", 0), ("a", "x", "2", "JPY", "core", 9))
    once = score(pred(("a", "x", 2, "JPY", 0)), g)
    assert counts(once) == (1, 1, 2) and once.recall == 0.5
    assert len(once.misses) == 1  # offsets play no part in the rule, so either row may be the miss
    thrice = score(pred(("a", "x", 2, "JPY", 0), ("a", "x", 2, "JPY", 9), ("a", "x", 2, "JPY", 20)), g)
    assert counts(thrice) == (2, 3, 2)
    assert list(thrice.false_alarms["start"]) == [20]


def test_borderline_rows_neither_help_nor_hurt():
    g = gold(("a", "x", "3", "count", "core", 0), ("a", "Half", "50", "percent", "borderline", 5))
    with_it = score(pred(("a", "x", 3, "count", 0), ("a", "Half", 50, "percent", 5)), g)
    without = score(pred(("a", "x", 3, "count", 0)), g)
    assert counts(with_it) == counts(without) == (1, 1, 1)
    assert with_it.false_alarms.empty and without.misses.empty
    assert "percent" not in without.by_class  # an unextracted borderline row is no miss either


def test_core_rows_are_matched_before_borderline_rows_absorb_leftovers():
    g = gold(("a", "two areas", "2", "count", "borderline", 0), ("a", "2 ministries", "2", "count", "core", 30))
    one = score(pred(("a", "two areas", 2, "count", 0)), g)
    assert counts(one) == (1, 1, 1)  # the single prediction goes to the core row, not the optional one
    three = score(pred(("a", "two areas", 2, "count", 0), ("a", "2 ministries", 2, "count", 30), ("a", "2", 2, "count", 50)), g)
    assert counts(three) == (1, 2, 1)  # one hit, one absorbed (not counted), one false alarm
    assert list(three.false_alarms["start"]) == [50]


def test_false_alarm_lowers_precision_and_is_listed():
    s = score(pred(("a", "x", 3, "count", 0), ("a", "COVID-19", 19, "count", 7)), gold(("a", "x", "3", "count", "core", 0)))
    assert (s.precision, s.recall) == (0.5, 1.0)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.false_alarms.to_dict("records") == [{"document": "a", "quote": "COVID-19", "value": 19, "unit": "count", "start": 7}]


def test_numbers_per_class():
    g = gold(
        ("a", "p1", "10", "percent", "core", 0),
        ("a", "p2", "20", "percent", "context", 10),
        ("a", "$1", "1", "USD", "core", 20),
        ("a", "5 km", "5", "km", "core", 30),
    )
    p = pred(("a", "p1", 10, "percent", 0), ("a", "p3", 30, "percent", 40), ("a", "$1", 1, "USD", 20), ("a", "¥1", 1, "JPY", 50))
    s = score(p, g)
    assert counts(s) == (2, 4, 4)
    by = {cls: counts(c) for cls, c in s.by_class.items()}
    assert by == {"percent": (1, 2, 2), "USD": (1, 1, 1), "JPY": (0, 1, 0), "other": (0, 0, 1)}
    assert (s.by_class["percent"].precision, s.by_class["percent"].recall) == (0.5, 0.5)
    assert s.misses.to_dict("records") == [
        {"file": "a", "quote": "p2", "value": 20.0, "unit": "percent", "start": 10},
        {"file": "a", "quote": "5 km", "value": 5.0, "unit": "km", "start": 30},
    ]


def test_report_lists_scores_classes_misses_and_false_alarms():
    s = score(pred(("doc.txt", "COVID-19", 19, "count", 7)), gold(("doc.txt", "120.4 billion yen", "120400000000", "JPY", "core", 42)))
    text = s.to_text()
    assert text.startswith("precision 0.000  recall 0.000  F1 0.000  (matches 0, predicted 1, gold 1)")
    assert "\nJPY " in text and "\ncount " in text
    assert "misses: 1\n  doc.txt:42  '120.4 billion yen'  120,400,000,000 JPY" in text
    assert "false alarms: 1\n  doc.txt:7  'COVID-19'  19 count" in text


def test_load_gold_reads_every_csv(tmp_path):
    header = "file,quote,value,unit,qualifier,subject,period,occurrence,start,end,kind,tier,note\n"
    (tmp_path / "one.csv").write_text(header + "one.txt,5 km,5,km,exact,s,,1,0,4,quantity,core,\n", encoding="utf-8")
    (tmp_path / "two.csv").write_text(header + "two.txt,June 2022,2022-06,date,exact,s,2022-06,1,0,9,date,core,\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an annotation", encoding="utf-8")
    g = load_gold(tmp_path)
    assert list(g["file"]) == ["one.txt", "two.txt"]
    assert list(g["value"]) == ["5", "2022-06"]  # dates stay ISO text


@pytest.fixture
def annotated(tmp_path, monkeypatch):
    """An annotation folder, a raw folder and a stub extractor returning hand-made figures."""
    notes, raw = tmp_path / "annotations", tmp_path / "raw"
    notes.mkdir()
    raw.mkdir()
    (notes / "t.csv").write_text(
        "file,quote,value,unit,qualifier,subject,period,occurrence,start,end,kind,tier,note\n"
        "t.txt,19 workers,19,person,exact,workers,,1,4,14,quantity,core,\n"
        "t.txt,2019,2019,year,exact,signed,2019,1,18,22,date,core,\n",
        encoding="utf-8",
    )
    (raw / "t.txt").write_text("Now 19 workers in 2019.", encoding="utf-8")
    (raw / "unannotated.txt").write_text("42 nobody scores this", encoding="utf-8")
    seen = []

    def fake_extract(text, document, hints=None):
        seen.append(document)
        return [Figure(document, 4, 14, text[4:14], 19.0, "person"), Figure(document, 18, 22, text[18:22], 2019.0, "year", kind="date")]

    monkeypatch.setattr(ev, "extract_figures", fake_extract)
    monkeypatch.setenv("PIPELINE_DEVSET_DIR", str(tmp_path / "no-devset"))  # the dev set has its own test
    return notes, raw, seen


def test_cli_scores_only_annotated_files(annotated, capsys):
    notes, raw, seen = annotated
    assert main(["--annotations", str(notes), "--raw", str(raw), "--no-devset"]) == 0
    assert seen == ["t.txt"]
    assert capsys.readouterr().out.startswith("precision 1.000  recall 1.000  F1 1.000  (matches 1, predicted 1, gold 1)")


def test_cli_raw_folder_defaults_to_the_environment(annotated, monkeypatch, capsys):
    notes, raw, seen = annotated
    monkeypatch.setenv("PIPELINE_RAW_DIR", str(raw))
    assert main(["--annotations", str(notes), "--no-devset"]) == 0
    assert seen == ["t.txt"] and "misses: 0" in capsys.readouterr().out


def test_cli_prints_fact_coverage_and_says_when_the_devset_is_absent(annotated, capsys):
    notes, raw, _ = annotated
    assert main(["--annotations", str(notes), "--raw", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "== facts on the annotations ==" in out and "published with their period" in out
    assert "development set: not found at" in out and "skipped" in out


def test_cli_names_a_missing_devset(annotated, tmp_path, capsys):
    notes, raw, _ = annotated
    assert main(["--annotations", str(notes), "--raw", str(raw), "--devset", str(tmp_path / "nowhere")]) == 2
    assert "no development set" in capsys.readouterr().err


def test_cli_names_a_missing_raw_file(annotated, capsys):
    notes, raw, _ = annotated
    (raw / "t.txt").unlink()
    assert main(["--annotations", str(notes), "--raw", str(raw)]) != 0
    err = capsys.readouterr().err
    assert "t.txt" in err and "not found" in err


def test_report_gives_scores_per_page(annotated, capsys):
    notes, raw, _ = annotated
    assert main(["--annotations", str(notes), "--raw", str(raw), "--no-devset"]) == 0
    out = capsys.readouterr().out
    assert "page" in out and "t.txt" in out.split("page", 1)[1]


def test_devset_folder_is_scored_from_its_gold_and_raw(tmp_path, monkeypatch, capsys):
    dev = tmp_path / "devset"
    (dev / "gold").mkdir(parents=True)
    (dev / "raw").mkdir()
    (dev / "gold" / "figures_p.csv").write_text(
        "file,quote,value,unit,qualifier,subject,period,occurrence,start,end,kind,tier,note\n"
        "p.txt,12 schools,12,count,exact,s,,1,6,16,quantity,core,\n",
        encoding="utf-8",
    )
    (dev / "gold" / "facts_p.csv").write_text(
        "file,start,end,quote,value,unit,fact,partner,breakdown,period,must,note\np.txt,6,16,12 schools,12,count,none,none,,,no,\n",
        encoding="utf-8",
    )
    (dev / "raw" / "p.txt").write_text("Built 12 schools and 4 clinics.", encoding="utf-8")
    monkeypatch.setenv("PIPELINE_DEVSET_DIR", str(dev))
    assert devset.devset_dir() == dev
    s = devset.evaluate_devset(dev).figures
    assert (s.matches, s.predicted, s.gold) == (1, 2, 1) and set(s.by_page) == {"p.txt"}
    assert main(["--devset", str(dev)]) == 0
    assert "dev set" in capsys.readouterr().out


def test_explain_names_the_rule_for_every_number(tmp_path, capsys):
    path = tmp_path / "x.txt"
    path.write_text("Article 4 says 1,200 students came in 2019 (see p. 7).", encoding="utf-8")
    assert main(["--explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "skipped  label_word" in out and "figure   count_noun" in out and "2 numbers skipped" in out


def test_devset_f1_target():
    """The dev set (12 real pages, ../shared/devset) holds F1 >= 0.95, source texts aside."""
    folder = devset.devset_dir()
    if not (folder / "raw").is_dir():
        pytest.skip(f"dev set not found at {folder}: set PIPELINE_DEVSET_DIR or place it at ../shared/devset")
    s = devset.evaluate_devset(folder).figures
    assert s.f1 >= 0.95 and s.precision >= 0.94 and s.recall >= 0.94, s.to_text()

"""The scoring rule of the annotations README, and the extractor held at its targets."""

import pandas as pd
import pytest

from conftest import ROOT
from pipeline.evaluate import evaluate, main, score


def gold(*rows):
    return pd.DataFrame(rows, columns=["file", "quote", "value", "unit", "tier", "start"])


def pred(*rows):
    return pd.DataFrame(rows, columns=["document", "quote", "value", "unit", "start"])


def test_exact_match_and_six_significant_digits():
    s = score(pred(("a", "x", 120400000000.4, "JPY", 0)), gold(("a", "x", "120400000000", "JPY", "core", 0)))
    assert (s.matches, s.predicted, s.gold) == (1, 1, 1)


def test_currency_and_file_must_agree():
    s = score(pred(("a", "x", 5, "USD", 0), ("b", "y", 5, "JPY", 0)), gold(("a", "x", "5", "JPY", "core", 0), ("a", "y", "5", "JPY", "core", 0)))
    assert s.matches == 0 and s.precision == 0 and s.recall == 0


def test_person_and_count_are_one_class_and_energy_converts():
    s = score(pred(("a", "x", 19, "count", 0), ("a", "y", 15.2, "MWh", 0)),
              gold(("a", "x", "19", "person", "core", 0), ("a", "y", "15200", "kWh", "core", 0)))
    assert s.matches == 2


def test_years_and_dates_are_left_out_on_both_sides():
    s = score(pred(("a", "2019", 2019, "year", 0), ("a", "x", 3, "count", 0)),
              gold(("a", "2019", "2019", "year", "core", 0), ("a", "June", "2019-06", "date", "core", 0), ("a", "x", "3", "count", "core", 0)))
    assert (s.matches, s.predicted, s.gold) == (1, 1, 1)


def test_a_figure_stated_twice_must_be_extracted_twice():
    g = gold(("a", "x", "2", "JPY", "core", 0), ("a", "x", "2", "JPY", "core", 9))
    once = score(pred(("a", "x", 2, "JPY", 0)), g)
    assert (once.matches, once.recall) == (1, 0.5)
    thrice = score(pred(("a", "x", 2, "JPY", 0), ("a", "x", 2, "JPY", 9), ("a", "x", 2, "JPY", 20)), g)
    assert (thrice.matches, thrice.predicted) == (2, 3)


def test_borderline_rows_neither_help_nor_hurt():
    g = gold(("a", "x", "3", "count", "core", 0), ("a", "Half", "50", "percent", "borderline", 5))
    with_it = score(pred(("a", "x", 3, "count", 0), ("a", "Half", 50, "percent", 5)), g)
    without = score(pred(("a", "x", 3, "count", 0)), g)
    assert (with_it.precision, with_it.recall) == (without.precision, without.recall) == (1.0, 1.0)
    assert with_it.gold == 1


def test_false_alarm_lowers_precision_and_is_listed():
    s = score(pred(("a", "x", 3, "count", 0), ("a", "COVID-19", 19, "count", 7)), gold(("a", "x", "3", "count", "core", 0)))
    assert s.precision == 0.5 and s.recall == 1.0
    assert list(s.false_alarms["quote"]) == ["COVID-19"]
    assert s.by_class["count"].predicted == 2


def test_extractor_meets_the_targets_on_the_project_annotations():
    s = evaluate(ROOT / "tests" / "annotations", ROOT / "raw")
    assert s.precision >= 0.98 and s.recall >= 0.98, s.to_text()


def test_cli_prints_scores_and_names_a_missing_file(tmp_path, capsys):
    assert main(["--annotations", str(ROOT / "tests" / "annotations")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("precision ") and "misses:" in out and "false alarms:" in out
    assert main(["--annotations", str(ROOT / "tests" / "annotations"), "--raw", str(tmp_path)]) == 2
    assert "annotated file not found" in capsys.readouterr().err


@pytest.mark.parametrize("change", [("Over 3,900 Mongolian", "Over 4,260 Mongolian")])
def test_scores_follow_the_text_not_the_code(raw_copy, change):
    # With a number changed in the text but not in the annotations, that figure becomes a miss.
    path = raw_copy / "asiareview-mongolian-workers-in-japan.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    s = evaluate(ROOT / "tests" / "annotations", raw_copy)
    assert any(s.misses["value"] == 3900) and any(s.false_alarms["value"] == 4260)

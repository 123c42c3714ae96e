"""Indicators: coverage of the annotated figures, mutation of the texts, new documents, rules."""

import re
import shutil
from collections import Counter

import pandas as pd
import pytest
import yaml
from conftest import NUMBER_CHANGES, RAW, ROOT

from pipeline import schema
from pipeline.annotation_facts import NOT_BILATERAL, coverage
from pipeline.build import build_tables
from pipeline.indicators.resources import load_rules
from pipeline.indicators.tables import TOPIC_TABLES, catalog

BREAKDOWNS = schema.breakdowns("observations")


@pytest.fixture(scope="module")
def tables():
    return build_tables(RAW)


def test_core_figures_of_the_topics_are_observations_with_their_period(tables):
    gold = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in (ROOT / "tests" / "annotations").glob("*.csv")])
    result = coverage(tables["observations"], gold)
    assert result.wanted > 120
    assert result.share >= 0.95, result.to_text()


def test_figures_about_mongolia_with_other_partners_are_left_out_with_their_reason(tables):
    gold = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in (ROOT / "tests" / "annotations").glob("*.csv")])
    other = gold[gold["subject"].isin(NOT_BILATERAL)]
    published = set(
        zip(
            tables["observations"]["document"],
            tables["observations"]["figure_id"].map(tables["figures"].set_index("figure_id")["start"]),
            strict=True,
        )
    )
    assert len(other) >= 5
    for g in other.itertuples(index=False):
        assert (g.file, int(g.start)) not in published, g.subject
    left_out = tables["unmapped"].merge(tables["figures"][["figure_id", "start"]], on="figure_id")
    starts = set(zip(left_out["document"], left_out["start"], strict=True))
    assert all((g.file, int(g.start)) in starts for g in other.itertuples(index=False))


# Columns that quote the text itself (so they follow any edit) or identify rows.
_IGNORED = {"observation_id", "figure_id", "event", "project_name", "rule_id", "evidence", "detail", "quote"}
_VALUES = ("value", "period", "start_year", "end_year", "event_date")


def _rows(df: pd.DataFrame) -> Counter:
    cols = [c for c in df.columns if c not in _IGNORED]
    return Counter(
        tuple(None if pd.isna(v) else (round(float(v), 6) if isinstance(v, (float, int)) and not isinstance(v, bool) else v) for v in row)
        for row in df[cols].itertuples(index=False, name=None)
    )


def test_changed_numbers_follow_into_observations_and_thematic_tables(tables, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    for document, old, new, *_ in NUMBER_CHANGES:
        text = (raw / document).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (raw / document).write_text(text.replace(old, new), encoding="utf-8")
    changed = build_tables(raw)
    back = {round(n, 6): o for *_, o, n in NUMBER_CHANGES if o is not None} | {2008.0: 2009.0, 2022.0: 2021.0}
    back_text = {"2008": "2009", "2022": "2021"}
    new_figures = set(changed["figures"]["figure_id"]) - set(tables["figures"]["figure_id"])
    for name in ["observations", "timeline", "oda_projects", *TOPIC_TABLES.values()]:
        df = changed[name].copy()
        mutated = df["figure_id"].isin(new_figures)
        assert mutated.any(), f"{name}: no row took a changed number"
        for i in df.index[mutated]:
            reverted = 0
            for column in (c for c in _VALUES if c in df.columns):
                cell = df.at[i, column]
                dated = name in ("timeline", "oda_projects") or ("event" in df.columns and bool(df.at[i, "event"]))
                if isinstance(cell, str) and cell in back_text and dated:
                    df.at[i, column], reverted = back_text[cell], reverted + 1
                elif not isinstance(cell, str) and not pd.isna(cell) and round(float(cell), 6) in back:
                    df.at[i, column], reverted = back[round(float(cell), 6)], reverted + 1
            assert reverted, f"{name}: row {df.loc[i].to_dict()} changed but holds no new number"
        # Undo the planned changes in the outputs, and they are the original outputs: nothing else moved.
        assert _rows(df) == _rows(tables[name]), name
    # Every changed figure is published, so the figures left out are the same as before.
    assert _rows(changed["unmapped"]) == _rows(tables["unmapped"])


BASIC_DATA = """Japan-Mongolia Relations (Basic Data)

Number of Mongolian nationals residing in Japan: 16,082 (Dec. 2023)
Number of Japanese nationals residing in Mongolia: 512 (Oct. 2023)
Trade (2023): exports to Japan 4.1 billion yen; imports from Japan 98.7 billion yen
Japan's ODA to Mongolia (up to FY2022): loans 176.3 billion yen; grants 124.9 billion yen; technical cooperation 57.2 billion yen
"""
NEWS = """ULAANBAATAR, March 14 (MONTSAME). Trade turnover between Mongolia and Japan reached USD 742.6 million in 2023, up 7.7 percent from the previous year. In 2023, Mongolia exported goods worth USD 38.9 million to Japan and imported goods worth USD 703.7 million from Japan.
As of the end of 2023, 18,427 Mongolian citizens were living in Japan, according to the Immigration Services Agency. Of them, 4,112 were students and 3,968 were technical intern trainees.
Some 27,500 Mongolian tourists visited Japan in 2023. Japan ranks 5th among investors in Mongolia, with total investment of USD 1.7 billion since 1990.
"""


def test_new_documents_in_other_styles_fill_the_same_tables(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "basic-data.txt").write_text(BASIC_DATA, encoding="utf-8")
    (raw / "news.txt").write_text(NEWS, encoding="utf-8")
    t = build_tables(raw)

    def rows(table, **match):
        df = t[table]
        for column, value in match.items():
            df = df[df[column] == value]
        return sorted(zip(df["value"], df["unit"], df["period"].fillna(""), strict=True))

    assert rows("residents", indicator_id="residents_total", document="basic-data.txt") == [(16082, "person", "2023-12")]
    assert rows("residents", indicator_id="residents_total", document="news.txt") == [(18427, "person", "2023")]
    assert rows("residents", status_of_residence="student") == [(4112, "person", "2023")]
    assert rows("residents", status_of_residence="technical_intern_trainee") == [(3968, "person", "2023")]
    assert rows("trade", flow="exports_to_japan") == [(38.9e6, "USD", "2023"), (4.1e9, "JPY", "2023")]
    assert rows("trade", flow="imports_from_japan") == [(703.7e6, "USD", "2023"), (98.7e9, "JPY", "2023")]
    assert rows("trade", indicator_id="trade_value", flow="turnover") == [(742.6e6, "USD", "2023")]
    assert rows("trade", indicator_id="trade_growth") == [(7.7, "percent", "2023")]
    assert rows("oda", aid_type="loans") == [(176.3e9, "JPY", "2022")]
    assert rows("oda", aid_type="grants") == [(124.9e9, "JPY", "2022")]
    assert rows("oda", aid_type="technical_cooperation") == [(57.2e9, "JPY", "2022")]
    assert rows("visitors", purpose="tourism") == [(27500, "person", "2023")]
    # The sentence before dates a visitor count ("in 2023"); the rank and the investment since 1990
    # state no year of their own, and an earlier sentence's year is no period of theirs (issue 10).
    assert rows("investment", indicator_id="investment_rank") == [(5, "rank", "")]
    assert rows("investment", indicator_id="investment_value", scope="since 1990") == [(1.7e9, "USD", "")]
    # Japanese residents of Mongolia are not Mongolian residents of Japan: they have their own indicator.
    assert rows("residents", indicator_id="japanese_residents_in_mongolia") == [(512, "person", "2023-10")]
    mongolians = t["residents"][t["residents"]["indicator_id"] != "japanese_residents_in_mongolia"]
    assert 512 not in set(mongolians["value"])


def test_rules_name_known_indicators_and_hold_no_values():
    ids = set(catalog())
    rules = load_rules()
    assert len(rules) > 20
    for rule in rules:
        assert rule.indicator in ids, rule.id
    # Digits only inside patterns: the examples (our own sentences, run by the suite) aside, the
    # rules file holds words and patterns, never a value.
    data = yaml.safe_load((ROOT / "pipeline" / "indicators" / "rules.yaml").read_text(encoding="utf-8"))
    for spec in data:
        spec = {k: v for k, v in spec.items() if k not in ("examples", "why")}
        text = yaml.safe_dump(spec, allow_unicode=True)
        assert not re.search(r"(?<![\\\w{,])\d{2,}(?![\w}])", text), spec["id"]


def test_every_indicator_belongs_to_a_published_table():
    topics = {v["topic"] for v in catalog().values()}
    assert topics <= set(TOPIC_TABLES) | {"timeline"}
    assert set(BREAKDOWNS) <= set(schema.fields())

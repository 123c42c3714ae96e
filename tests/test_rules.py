"""Rules, lexicon, catalog and schemas: every rule's examples run, and bad files stop with file and key named."""

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from pipeline import schema
from pipeline.indicators.mapping import map_text
from pipeline.indicators.resources import (
    CATALOG_FILE,
    LEXICON_FILE,
    RULES_FILE,
    ResourceError,
    load_catalog,
    load_lexicon,
    load_rules,
)

RULES = load_rules()


def _matches(row: dict, expected: dict) -> bool:
    for column, want in expected.items():
        got = row.get(column)
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            if not isinstance(got, (int, float)) or abs(float(got) - float(want)) > 1e-6 * max(1.0, abs(float(want))):
                return False
        elif str(got if got is not None else "") != str(want):
            return False
    return True


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_publishes_its_examples_and_nothing_from_its_counter_examples(rule):
    for example in rule.spec.examples:
        obs, unmapped = map_text(example.text, example.date)
        rows = obs.to_dict("records")
        mine = [r for r in rows if r["rule_id"] == rule.id]
        if example.publish:
            for expected in example.publish:
                assert any(_matches(r, expected) for r in mine), (example.text, expected, rows)
        else:
            others = [r for r in rows if r["rule_id"] not in example.elsewhere]
            assert not mine and not others, (example.text, rows)
            # What is not published is accounted for in `unmapped`.
            assert len(unmapped) > 0, example.text


def test_every_rule_says_why_and_has_both_kinds_of_examples():
    for rule in RULES:
        assert rule.spec.why, rule.id
        assert any(e.publish for e in rule.spec.examples) and any(not e.publish for e in rule.spec.examples), rule.id


def _rules_with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d[0].update(evidnce=["x"]), r"rule 'loan_signed_today': evidnce: Extra inputs are not permitted"),
        (
            lambda d: d[1].update(indicator="no_such_indicator"),
            r"rule 'event_dated_by_its_date_line': indicator: unknown indicator 'no_such_indicator'",
        ),
        (lambda d: d[2].update(require={"paragrph": ["x"]}), r"rule 'loan_signing_date': require.paragrph"),
        (
            lambda d: next(r for r in d if r["id"] == "residents_share_by_sex")["classify"]["sex"]["values"].update(other=["x"]),
            r"rule 'residents_share_by_sex': classify.sex: 'other' is not a value of breakdown 'sex'",
        ),
        (
            lambda d: next(r for r in d if r["id"] == "dated_event").update(set={"colour": "red"}),
            r"rule 'dated_event': set: unknown breakdown 'colour'",
        ),
        (
            lambda d: next(r for r in d if r["id"] == "dated_event").update(evidence=["(unclosed"]),
            r"rule 'dated_event': evidence: pattern '\(unclosed' does not compile",
        ),
        (
            lambda d: next(r for r in d if r["id"] == "dated_event").update(evidence=["@no_such_words"]),
            r"rule 'dated_event': evidence: unknown word list @no_such_words",
        ),
        (
            lambda d: next(r for r in d if r["id"] == "dated_event").update(units=["furlongs"]),
            r"rule 'dated_event': units: unknown unit 'furlongs'",
        ),
        (lambda d: next(r for r in d if r["id"] == "dated_event").update(examples=d[-1]["examples"][:1]), r"rule 'dated_event': examples"),
        (lambda d: d.append(dict(d[0])), r"rule 'loan_signed_today': id is used twice"),
    ],
)
def test_a_bad_rules_file_stops_with_the_file_and_key_named(tmp_path, change, message):
    path = _rules_with(tmp_path, change)
    with pytest.raises(ResourceError, match=message) as err:
        load_rules(path)
    assert str(path) in str(err.value)


def test_a_bad_lexicon_or_catalog_stops_with_the_file_and_key_named(tmp_path):
    lexicon = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    lexicon["parties"]["japan"]["sid"] = "japan"
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(yaml.safe_dump(lexicon, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"lexicon.yaml: parties.japan.sid: Extra inputs are not permitted"):
        load_lexicon(bad)

    catalog = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    catalog["trade_value"]["topic"] = "gossip"
    bad = tmp_path / "indicators.yaml"
    bad.write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"indicators.yaml: trade_value.topic: 'gossip' is not a topic"):
        load_catalog(bad)
    catalog["trade_value"]["topic"] = "trade"
    catalog["trade_value"]["bounds"] = {"minimum": 0, "maxi": 1}
    bad.write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"indicators.yaml: trade_value.bounds.maxi: Extra inputs are not permitted"):
        load_catalog(bad)


def test_schema_files_are_loaded_strictly():
    with pytest.raises(schema.SchemaError, match=r"schemas/fields.yaml: period.constraint: Extra inputs are not permitted"):
        schema._validated(schema.FieldSpec, "fields.yaml", "period", {"type": "string", "description": "d", "constraint": {}})
    with pytest.raises(schema.SchemaError, match=r"schemas/fields.yaml: period.type: Input should be"):
        schema._validated(schema.FieldSpec, "fields.yaml", "period", {"type": "text", "description": "d"})
    with pytest.raises(schema.SchemaError, match=r"schemas/tables.yaml: trade.primary_keys: Extra inputs are not permitted"):
        schema._validated(
            schema.TableSpec, "tables.yaml", "trade", {"title": "t", "description": "d", "fields": ["a"], "primary_keys": ["a"]}
        )


def test_the_shipped_files_load_and_agree():
    catalog = load_catalog()
    assert {r.indicator for r in RULES} <= set(catalog)
    # Every indicator a rule can reach has a home table, and every breakdown a rule sets is a field.
    assert set(schema.breakdowns()) <= set(schema.fields())
    kinds = {k: v.kind for k, v in catalog.items()}
    assert all(kinds[r.indicator] == r.spec.kind for r in RULES)
    # Bounds are declared for every quantity indicator, at least a lower one.
    assert all(v.bounds.minimum is not None for v in catalog.values() if v.kind == "quantity")
    assert (ROOT / "pipeline" / "indicators" / "lexicon.yaml").exists()

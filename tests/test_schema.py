"""One source of truth: pandera, Frictionless, Arrow and Dagster schemas all come from schemas/."""

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from pipeline import schema
from pipeline.validation import validate_table

PANDERA_TO_FRICTIONLESS = {"int64": "integer", "float64": "number", "bool": "boolean", "str": "string", "object": "string"}


@pytest.mark.parametrize("table", list(schema.tables()))
def test_pandera_and_frictionless_agree(table):
    pandera = schema.pandera_schema(table)
    frictionless = schema.frictionless_schema(table)
    assert list(pandera.columns) == [f["name"] for f in frictionless["fields"]]
    for f in frictionless["fields"]:
        column = pandera.columns[f["name"]]
        dtype = "str" if str(column.dtype).startswith("str") else str(column.dtype)  # pandas' string dtypes
        assert PANDERA_TO_FRICTIONLESS[dtype] == f["type"], f["name"]
        assert column.nullable == (not f.get("constraints", {}).get("required", False)), f["name"]
        assert column.description == f["description"]
        enum = f.get("constraints", {}).get("enum")
        if enum:
            assert any(sorted(c.statistics.get("allowed_values", [])) == sorted(enum) for c in column.checks)
    assert list(pandera.unique or []) == frictionless.get("primaryKey", [])


@pytest.mark.parametrize("table", list(schema.tables()))
def test_arrow_and_dagster_schemas_follow_the_same_fields(table):
    names = schema.tables()[table].field_names
    assert schema.arrow_schema(table).names == names
    assert [c.name for c in schema.dagster_column_schema(table).columns] == names


def test_each_field_is_declared_once_and_tables_only_list_names():
    tables = yaml.safe_load((ROOT / "schemas" / "tables.yaml").read_text())
    for spec in tables.values():
        assert all(isinstance(name, str) for name in spec["fields"])
    used = {name for spec in tables.values() for name in spec["fields"]}
    declared = set(yaml.safe_load((ROOT / "schemas" / "fields.yaml").read_text()))
    assert used <= declared


def test_pandera_reports_failing_rows():
    df = pd.DataFrame(
        {
            "figure_id": ["0123456789abcdef", "0123456789abcdeg"],
            "document": ["a.txt", "a.txt"],
            "start": [0, 5],
            "end": [3, 8],
            "quote": ["one", "two"],
            "value": [1.0, 2.0],
            "unit": ["count", "count"],
            "qualifier": ["exact", "roughly"],
            "period": ["2022", "22"],
            "kind": ["quantity", "quantity"],
            "sentence": ["s", "s"],
            "flags": ["", ""],
            "dimension": ["count", "count"],
            "currency_assumed": [False, False],
        }
    )
    outcome = validate_table(df, "figures")
    assert not outcome.passed
    assert outcome.failures == 3  # bad id pattern, bad qualifier, bad period pattern: all on row 1
    assert list(outcome.sample.index) == [1]

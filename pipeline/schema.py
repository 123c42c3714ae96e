"""The one source of truth for published tables, read from ``schemas/`` and turned into schemas.

Belongs here: loading ``schemas/*.yaml`` and deriving from it the pandera schema (validation),
the Frictionless Table Schema (``datapackage.json``), the Arrow schema (Parquet) and Dagster's
column schema (the UI's Columns tab), plus shaping a frame to its declared columns and types.
Not here: any field, type or description written out in Python: those live in ``schemas/`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import pandas as pd
import pandera.pandas as pa
import pyarrow as pyarrow_mod
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as PydanticField

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"

_STRING = pd.StringDtype("pyarrow")
_PANDAS_DTYPES = {"string": str, "integer": "int64", "number": "float64", "boolean": "bool"}
_ARROW_TYPES = {
    "string": pyarrow_mod.string(),
    "integer": pyarrow_mod.int64(),
    "number": pyarrow_mod.float64(),
    "boolean": pyarrow_mod.bool_(),
}


class SchemaError(ValueError):
    """A file of schemas/ is wrong; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConstraintsSpec(_Strict):
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


class FieldSpec(_Strict):
    type: Literal["string", "integer", "number", "boolean"]
    description: str
    unit: str | None = None
    role: Literal["breakdown"] | None = None
    constraints: ConstraintsSpec = ConstraintsSpec()


class ReferenceSpec(_Strict):
    resource: str
    fields: list[str]


class ForeignKeySpec(_Strict):
    fields: list[str]
    reference: ReferenceSpec


class TableSpec(_Strict):
    title: str
    description: str
    fields: list[str] = PydanticField(min_length=1)
    primary_key: list[str] = []
    foreign_keys: list[ForeignKeySpec] = []


_M = TypeVar("_M", bound="_Strict")


def _validated(model: type[_M], name: str, key: str, spec) -> _M:
    try:
        return model.model_validate(spec)
    except ValidationError as err:
        raise SchemaError(
            "\n".join(f"schemas/{name}: {key}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors())
        ) from None


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    unit: str | None
    constraints: dict
    role: str | None = None

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@cache
def _load(name: str) -> dict:
    with open(SCHEMAS_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def package_metadata() -> dict:
    return dict(_load("package.yaml"))


@cache
def fields() -> dict[str, Field]:
    out = {}
    for name, raw in _load("fields.yaml").items():
        spec = _validated(FieldSpec, "fields.yaml", name, raw)
        out[name] = Field(
            name=name,
            type=spec.type,
            description=" ".join(spec.description.split()),
            unit=spec.unit,
            # Only the constraints written in the file, as Frictionless reads them.
            constraints=dict((raw or {}).get("constraints", {})),
            role=spec.role,
        )
    return out


@cache
def tables() -> dict[str, Table]:
    declared = fields()
    out = {}
    for name, raw in _load("tables.yaml").items():
        spec = _validated(TableSpec, "tables.yaml", name, raw)
        missing = [f for f in spec.fields if f not in declared]
        if missing:
            raise SchemaError(f"schemas/tables.yaml: {name}.fields: undeclared fields {missing} (declare them in schemas/fields.yaml)")
        for key in spec.primary_key:
            if key not in spec.fields:
                raise SchemaError(f"schemas/tables.yaml: {name}.primary_key: {key!r} is not a field of the table")
        out[name] = Table(
            name=name,
            title=spec.title,
            description=" ".join(spec.description.split()),
            fields=tuple(declared[f] for f in spec.fields),
            primary_key=tuple(spec.primary_key),
            foreign_keys=tuple(fk.model_dump() for fk in spec.foreign_keys),
        )
    return out


def resolve(table: str | Table) -> Table:
    """A table of tables.yaml by name, or a derived table (a view for people) given whole."""
    return table if isinstance(table, Table) else tables()[table]


def breakdowns(table_name: str = "observations") -> list[str]:
    """The breakdown columns of a table (fields with ``role: breakdown``), in table order."""
    return [f.name for f in tables()[table_name].fields if f.role == "breakdown"]


# --- pandera ------------------------------------------------------------------------------------
def _checks(field: Field) -> list[pa.Check]:
    c = field.constraints
    checks = []
    if "enum" in c:
        checks.append(pa.Check.isin(c["enum"]))
    if "minimum" in c:
        checks.append(pa.Check.ge(c["minimum"]))
    if "maximum" in c:
        checks.append(pa.Check.le(c["maximum"]))
    if "pattern" in c:
        # Frictionless patterns match the whole value; so must pandera's.
        checks.append(pa.Check.str_matches(rf"^(?:{c['pattern']})$"))
    return checks


def pandera_schema(table_name: str | Table) -> pa.DataFrameSchema:
    table = resolve(table_name)
    columns = {
        f.name: pa.Column(
            _PANDAS_DTYPES[f.type],
            checks=_checks(f),
            nullable=not f.required,
            unique=bool(f.constraints.get("unique")),
            description=f.description,
            title=f.name,
        )
        for f in table.fields
    }
    return pa.DataFrameSchema(
        columns,
        name=table.name,
        strict=True,
        ordered=True,
        unique=list(table.primary_key) or None,
        description=table.description,
    )


# --- Frictionless -------------------------------------------------------------------------------
def frictionless_schema(table_name: str | Table) -> dict:
    """Table Schema descriptor; foreign keys point at the CSV resources, named as their tables."""
    table = resolve(table_name)
    out: dict = {"fields": []}
    for f in table.fields:
        descriptor: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.unit:
            descriptor["unit"] = f.unit
        if f.constraints:
            descriptor["constraints"] = dict(f.constraints)
        out["fields"].append(descriptor)
    if table.primary_key:
        out["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        out["foreignKeys"] = [
            {
                "fields": list(fk["fields"]),
                "reference": {
                    "resource": fk["reference"]["resource"],
                    "fields": list(fk["reference"]["fields"]),
                },
            }
            for fk in table.foreign_keys
        ]
    return out


# --- Arrow / pandas -----------------------------------------------------------------------------
def arrow_schema(table_name: str | Table) -> pyarrow_mod.Schema:
    table = resolve(table_name)
    return pyarrow_mod.schema([pyarrow_mod.field(f.name, _ARROW_TYPES[f.type], nullable=not f.required) for f in table.fields])


def conform(df: pd.DataFrame, table_name: str | Table) -> pd.DataFrame:
    """The frame with exactly the declared columns, in order, with the declared types.

    Empty strings become missing values: CSV cannot tell them apart, so neither may Parquet.
    """
    table = resolve(table_name)
    out = pd.DataFrame(index=range(len(df)))
    for f in table.fields:
        col = df[f.name].reset_index(drop=True) if f.name in df.columns else pd.Series([None] * len(df))
        if f.type == "string":
            col = _as_strings(col)
        elif f.type == "integer":
            col = col.astype("int64") if f.required else col.astype("Int64")
        elif f.type == "number":
            col = col.astype("float64")
        elif f.type == "boolean":
            col = col.astype("bool")
        # pandera's `str` is pandas' pyarrow string dtype; object columns only pass it when they
        # hold at least one value, so an empty table would fail its own schema.
        out[f.name] = col
    return out


def _as_strings(col: pd.Series) -> pd.Series:
    """Values as pyarrow strings (numbers and booleans by ``str``), missing and "" as missing;
    column-wise, so a table of a million rows takes no Python call per cell."""
    if col.dtype != _STRING:
        values = col.astype(object)
        present = values.notna()
        if not present.all():
            values = values.where(present, None)
        col = values.astype(_STRING)  # pandas writes each non-string value with str()
    return col.mask(col == "")


# --- Dagster ------------------------------------------------------------------------------------
def dagster_column_schema(table_name: str):
    """Column names, types and descriptions for the Dagster UI."""
    import dagster as dg  # imported here so the pure modules never need Dagster

    table = tables()[table_name]
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=f.name,
                type=f.type + (f" [{f.unit}]" if f.unit else ""),
                description=f.description,
                constraints=dg.TableColumnConstraints(nullable=not f.required, unique=bool(f.constraints.get("unique"))),
            )
            for f in table.fields
        ]
    )

"""Strict loaders of ``schemas/releases.yaml`` and ``schemas/charts.yaml``.

Belongs here: reading the two files through models that reject unknown keys, and checking every
name they use against ``schemas/`` (tables, fields, indicators), with a message naming the file
and the key. Not here: what is done with them (``views``, ``diff``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as PydanticField

from .. import schema


class ReleaseConfigError(ValueError):
    """``schemas/releases.yaml`` or ``schemas/charts.yaml`` is wrong; the message says where."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_M = TypeVar("_M", bound=_Strict)


class _TableRelease(_Strict):
    change_key: list[str] | str
    not_in_key: list[str] = []
    order_by: list[str] = []
    findings: bool = False


class _Series(_Strict):
    label: str
    indicator: str
    unit: str
    where: dict[str, str | None] = {}


class _Chart(_Strict):
    title: str
    description: str
    topic: str
    mark: Literal["line", "bar"] = "line"
    axis_title: str
    where: dict[str, str | None] = {}  # for every series (a series' own `where` wins)
    series: dict[str, _Series] = PydanticField(min_length=1)


def _load(name: str) -> dict:
    with open(schema.SCHEMAS_DIR / name, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ReleaseConfigError(f"schemas/{name}: expected a mapping of names")
    return data


def _validated(model: type[_M], file: str, key: str, spec) -> _M:
    try:
        return model.model_validate(spec)
    except ValidationError as err:
        raise ReleaseConfigError(
            "\n".join(f"schemas/{file}: {key}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors())
        ) from None


@dataclass(frozen=True)
class TableRelease:
    """How one table's rows are matched between releases, sorted, and whether they are findings."""

    table: str
    change_key: tuple[str, ...]
    order_by: tuple[str, ...]
    findings: bool
    declared: bool  # False: not in releases.yaml, the defaults apply


@cache
def _release_specs() -> dict[str, _TableRelease]:
    return {name: _validated(_TableRelease, "releases.yaml", name, spec) for name, spec in _load("releases.yaml").items()}


BREAKDOWNS = "breakdowns"  # in a change key: every field of the table with `role: breakdown`


def _key_of(name: str, specs: dict[str, _TableRelease], seen: tuple[str, ...] = ()) -> list[str]:
    spec = specs[name]
    if isinstance(spec.change_key, list):
        key: list[str] = []
        for f in spec.change_key:
            if f == BREAKDOWNS:  # new breakdowns join the key by themselves
                key += [b for b in schema.breakdowns(name) if b not in spec.not_in_key and b not in key]
            elif f not in key:
                key.append(f)
        return key
    if spec.change_key not in specs or spec.change_key in seen:
        raise ReleaseConfigError(f"schemas/releases.yaml: {name}.change_key: {spec.change_key!r} names no table with a key of its own")
    return _key_of(spec.change_key, specs, (*seen, name))


def release_of(table: schema.Table) -> TableRelease:
    """The release rules of a table; a table releases.yaml does not list is keyed on its primary key."""
    specs = _release_specs()
    fields = table.field_names
    if table.name not in specs:
        default = tuple(table.primary_key) or tuple(fields)
        return TableRelease(table.name, default, default, findings=False, declared=False)
    spec = specs[table.name]
    inherited = not isinstance(spec.change_key, list)
    key = [f for f in _key_of(table.name, specs) if f in fields or not inherited]
    for what, names in (("change_key", key), ("order_by", spec.order_by)):
        unknown = [f for f in names if f not in fields]
        if unknown:
            raise ReleaseConfigError(f"schemas/releases.yaml: {table.name}.{what}: {unknown} are not fields of the table")
    if not key:
        raise ReleaseConfigError(f"schemas/releases.yaml: {table.name}.change_key: no field of the table is left")
    return TableRelease(table.name, tuple(key), tuple(spec.order_by) or tuple(key), spec.findings, declared=True)


def undeclared_tables() -> list[str]:
    """Tables of tables.yaml that releases.yaml does not list (they fall back to their primary key)."""
    return [name for name in schema.tables() if name not in _release_specs()]


def unknown_release_tables() -> list[str]:
    return [name for name in _release_specs() if name not in schema.tables()]


@dataclass(frozen=True)
class Series:
    column: str
    label: str
    indicator: str
    unit: str
    where: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    description: str
    topic: str
    mark: str
    axis_title: str
    series: tuple[Series, ...]


@cache
def charts() -> dict[str, Chart]:
    """The wide tables of charts.yaml, every indicator and breakdown checked against schemas/."""
    from ..indicators.tables import catalog  # the indicator catalog's one loader

    indicators = catalog()
    observation_fields = set(schema.tables()["observations"].field_names)
    out = {}
    for name, raw in _load("charts.yaml").items():
        spec = _validated(_Chart, "charts.yaml", name, raw)
        if name in schema.tables():
            raise ReleaseConfigError(f"schemas/charts.yaml: {name}: a table of tables.yaml has this name")
        series = []
        for column, s in spec.series.items():
            where = f"schemas/charts.yaml: {name}.series.{column}"
            if s.indicator not in indicators:
                raise ReleaseConfigError(f"{where}.indicator: {s.indicator!r} is not in schemas/indicators.yaml")
            filters = {**spec.where, **s.where}
            unknown = sorted(set(filters) - observation_fields)
            if unknown:
                raise ReleaseConfigError(f"{where}.where: {unknown} are not fields of observations")
            if column in schema.fields():
                raise ReleaseConfigError(f"{where}: {column!r} is a field of fields.yaml; name series apart")
            series.append(Series(column, s.label, s.indicator, s.unit, tuple(sorted(filters.items()))))
        out[name] = Chart(name, spec.title, " ".join(spec.description.split()), spec.topic, spec.mark, spec.axis_title, tuple(series))
    return out

"""Physical units, rates and the dimension of every unit, read through pint's unit registry.

Belongs here: turning the unit words written after a number ("miles", "sq. km", "terawatt-hours",
"tonnes", "°C") into a canonical symbol and a named dimension (length, area, energy, ...), rates
("MWh/day", "per 10,000 live births", "a year", "inh./sq. km") as units of their own, and the
dimension of the project's own unit codes (ISO 4217 money, person, count, percent, rank, year).
Not here: where a unit stands in a text (``patterns.py``) or the decision to read a number
(``extractor.py``). The words pint does not know, or reads otherwise than texts mean them, are
data in ``lexicon.py`` (aliases, words that are never units, the named dimensions).

pint is asked once per distinct written form; the answers are cached for the process, so the
registry's cost is paid at import and on the first sight of a word, never per figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pint

from .lexicon import (
    DIMENSIONLESS_UNITS,
    ISO_4217,
    NAMED_DIMENSIONS,
    NOT_UNITS,
    NP_STOPWORDS,
    ONE_LETTER_UNITS,
    PEOPLE_UNIT_WORDS,
    PER_COUNT_NOUNS,
    PINT_BASE_UNITS,
    PINT_PREFIXES,
    SYMBOL_OVERRIDES,
    UNIT_ALIASES,
    UNIT_CACHE_LIMIT,
)

# One registry for the process, built at import (about 0.25 s) so that no extraction pays for it.
REGISTRY: pint.UnitRegistry = pint.UnitRegistry(cache_folder=None)
_DIMENSIONS = {frozenset(d.items()): name for name, d in NAMED_DIMENSIONS.items()}
#: The project's own codes (kept stable for the mapping layer) and their dimensions.
_CODE_DIMENSIONS = {"person": "count", "count": "count", "percent": "ratio", "times": "ratio", "rank": "rank", "year": "time"}


def _spellings() -> frozenset[str]:
    """Every spelling of the units texts write, lower-cased: the names, symbols and aliases of
    ``PINT_BASE_UNITS`` with and without the prefixes of ``PINT_PREFIXES``. A word that is none of
    these (nor one plus a plural ending) is no unit, and pint is not asked about it."""
    bases, prefixes = set(), set()
    for name in PINT_BASE_UNITS:
        d = REGISTRY._units[name]
        bases |= {d.name, d.symbol or "", *d.aliases}
    for name in PINT_PREFIXES:
        if name:
            p = REGISTRY._prefixes[name]
            prefixes |= {p.name, p.symbol or "", *p.aliases}
    prefixes.add("")
    return frozenset(p.lower() + b.lower() for p in prefixes for b in bases if b)


_SPELLINGS = _spellings()


def _may_be_unit(form: str) -> bool:
    for word in form.lower().replace(".", "").split():
        word = _EXPONENT_AT_END.sub("", word.replace("²", "").replace("³", ""))
        if word in _SPELLINGS or word[:-1] in _SPELLINGS or word[:-2] in _SPELLINGS:
            return True  # "km", "miles", "inches"
    return False


class Unit(NamedTuple):
    symbol: str  # canonical symbol: pint's short form ("km²", "TWh", "oil_bbl"), "year" for pint's "a"
    dimension: str  # named dimension: length, area, volume, mass, energy, power, time, temperature, ...


_SYMBOL_TOKEN = re.compile(r"(?<![\w°])([A-Za-z_°µ]+)(?![\w])")
_EXPONENT = re.compile(r"(?<=[A-Za-z])([23])$")
_EXPONENT_AT_END = re.compile(r"(?<=[a-z])[23]$")
_cache: dict[str, Unit | None] = {}
UNIT_CACHE = _cache  # read directly on the hot path; physical_unit fills it


def _symbol(units) -> str:
    text = format(units, "~P")
    return _SYMBOL_TOKEN.sub(lambda m: SYMBOL_OVERRIDES.get(m.group(1), m.group(1)), text)


_pint_answers: dict[str, Unit | None] = {}


def _pint(expression: str) -> Unit | None:
    """pint's reading of ``expression``, asked once per expression: a parse costs hundreds of
    thousands of instructions, and several steps ask about one expression ("MWh": the form
    written, its case, then its dimension)."""
    try:
        return _pint_answers[expression]
    except KeyError:
        pass
    if len(_pint_answers) >= UNIT_CACHE_LIMIT:
        _pint_answers.clear()  # memory stays flat on a stream of texts with ever new words
    answer = _pint_answers[expression] = _ask_pint(expression)
    return answer


def _ask_pint(expression: str) -> Unit | None:
    try:
        units = REGISTRY.parse_units(expression)
    except Exception:  # pint raises several error types (undefined, syntax, attribute) for non-units
        return None
    for name in units._units:
        readings = REGISTRY.parse_unit_name(name)
        if not readings or not any(p in PINT_PREFIXES and base in PINT_BASE_UNITS for p, base, _ in readings):
            return None
    dims = frozenset(units.dimensionality.items())
    if not dims:
        named = DIMENSIONLESS_UNITS.get(str(units))
        return Unit(_symbol(units), named) if named else None
    dimension = _DIMENSIONS.get(dims)  # type: ignore[arg-type]  # pint types exponents as any number
    return Unit(_symbol(units), dimension) if dimension else None


def _resolve(written: str) -> Unit | None:
    form = " ".join(written.replace("-", " ").split())
    lower = form.lower()
    if lower in NOT_UNITS or lower in NP_STOPWORDS:
        return None
    if lower in PEOPLE_UNIT_WORDS:
        return Unit("person", "count")
    # Symbols are case-sensitive ("Mt" is a megatonne, "mt" a metric ton in news); names are not.
    forms = (form, lower) if len(form) > 3 and lower != form else (form,)
    for candidate in forms:
        alias = UNIT_ALIASES.get(candidate)
        if alias:
            return _pint(alias)
    if len(form) == 1:
        return _pint(form) if form in ONE_LETTER_UNITS else None
    if not _may_be_unit(form):
        return None  # most words after a number are nouns ("students"): pint is not asked
    if lower != form and len(form) <= 3 and lower in UNIT_ALIASES and _pint(form) is None:
        return _pint(UNIT_ALIASES[lower])  # "KWh", "MWH": a symbol typed in the wrong case
    for candidate in forms:
        plain = candidate.replace(".", "")
        words = plain.split()
        if len(words) > 1:
            # "kilowatt hours", "metric tons": pint reads a blank as a product, so join names first.
            found = _pint("_".join(words)) or _pint(" ".join(words))
        else:
            found = _pint(_EXPONENT.sub(r"**\1", plain))  # "km2" is km**2
        if found is not None:
            return found
    return None


def physical_unit(written: str) -> Unit | None:
    """The unit ``written`` after a number names ("sq. km" -> km², length...), else None."""
    try:
        return _cache[written]
    except KeyError:
        pass
    unit = _resolve(written)
    if len(_cache) >= UNIT_CACHE_LIMIT:
        _cache.clear()  # memory stays flat on a stream of texts with ever new words
    _cache[written] = unit
    return unit


def denominator(written: str, base: str | None) -> Unit | None:
    """The "per ..." part of a rate: a unit ("day", "sq. km"), or counted things ("capita",
    "10,000 live births"), else None."""
    unit = physical_unit(written)
    if unit is not None and unit.symbol != "person":
        if base:
            return None  # "per 10,000 km" is not written; a base number goes with counted things
        return unit
    words = written.lower().split()
    if words and words[-1] in PER_COUNT_NOUNS and all(w not in NP_STOPWORDS for w in words):
        phrase = " ".join(words)
        return Unit(f"{base.replace(',', '')} {phrase}" if base else phrase, "count")
    if unit is not None:  # "inh." written as the denominator
        return Unit(f"{base.replace(',', '')} person" if base else "person", "count")
    return None


def rate(numerator: Unit, per: Unit) -> Unit:
    """A rate as a unit of its own: MWh/d (energy per time), person/km² (count per area)."""
    return Unit(f"{numerator.symbol}/{per.symbol}", f"{numerator.dimension} per {per.dimension}")


_dimension_cache: dict[str, str] = {}
DIMENSIONS = _dimension_cache  # read directly on the hot path; dimension_of fills it


def dimension_of(unit: str, kind: str = "quantity") -> str:
    """Named dimension of any unit the extractor writes: ISO 4217 money is currency, person and
    count are count, percent and times are ratio, a rate is "<numerator> per <denominator>"."""
    if kind == "date":
        return "calendar"
    try:
        return _dimension_cache[unit]
    except KeyError:
        pass
    if unit in _CODE_DIMENSIONS:
        found = _CODE_DIMENSIONS[unit]
    elif unit in ISO_4217:
        found = "currency"
    elif "/" in unit:
        head, _, tail = unit.partition("/")
        tail_dimension = "count" if tail[:1].isdigit() or tail in PER_COUNT_NOUNS else dimension_of(tail)
        found = f"{dimension_of(head)} per {tail_dimension}"
    else:
        parsed = _pint(unit.replace("²", "**2").replace("³", "**3"))
        found = parsed.dimension if parsed else "other"
    _dimension_cache[unit] = found
    return found


def to_years(value: float, symbol: str) -> float:
    """``value`` of a time unit in years ("half a century" -> 50 years); pint converts."""
    if symbol == "decade":
        symbol = "year"  # pint's decade is a logarithmic unit; ten years are written out here
        value *= 10
    return float(REGISTRY.Quantity(value, symbol).to("year").magnitude)


def to_base(value: float, unit: str) -> tuple[float, str] | None:
    """``value`` in the SI base unit of its dimension (MWh -> J), to compare energy with energy
    and power with power across prefixes; None for units pint does not know (money, counts)."""
    try:
        quantity = REGISTRY.Quantity(value, unit.replace("year", "a"))
        base = quantity.to_base_units()
    except Exception:
        return None
    return float(base.magnitude), format(base.units, "~P")

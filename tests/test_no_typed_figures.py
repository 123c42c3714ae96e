"""No figure value from the texts is typed into code or config: rules hold words, not values.

What counts as "typed in" is a value the code or the rules *use*: a number token of Python, or a
scalar of a YAML file of `pipeline/` or `schemas/`. Comments, docstrings and the `examples:` and
`description:` of rules are our own sentences for people and for the suite, so they are not
scanned (the suite's mutation tests prove the published numbers follow the texts). A figure
counts when it is distinctive enough that a match is no coincidence: three significant digits or
more ("15,214", "22.6", "689.4"; not "300" or "3,900"). A line whose comment says "not a figure"
(a code page, a buffer size) has been looked at and is let through.

The test reads whatever texts are in raw/, so adding a document to raw/ keeps it meaningful; with
no texts there it is skipped, and the scanner itself is tested on a text and a file of our own.
"""

import io
import re
import tokenize
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

# Numbers as they stand in texts: grouped thousands, decimals, and plain numbers of 3+ digits.
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+|(?<![\w.,])\d{3,}(?![\w])")
NOT_SCANNED_KEYS = frozenset({"examples", "description", "summary", "note", "title"})
EXEMPT = "not a figure"


def significant_digits(token: str) -> int:
    """3 for "22.6" and "22.60", 2 for "3,900" and "39.0", 1 for "100.0"."""
    return len(Decimal(token.replace(",", "")).normalize().as_tuple().digits)


def figures_in(text: str) -> set[str]:
    """Distinctive figures of a text, as digits without grouping ("15214", "22.6")."""
    found = set()
    for m in NUMBER.finditer(text):
        token = m.group(0).replace(",", "")
        if token.isdigit() and 1800 <= int(token) <= 2100:
            continue  # calendar years stand everywhere, in code too (version pins, dates)
        if significant_digits(m.group(0)) >= 3:
            found.add(token)
    return found


def _python_numbers(source: str) -> list[tuple[int, str]]:
    """(line, number) of every number token, but an example's expected value: a number whose
    line also holds a string stating it (`("an index of 52.7", "52.7", 52.7, "index")`)."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    stated: dict[int, str] = {}
    for tok in tokens:
        if tok.type == tokenize.STRING:
            stated[tok.start[0]] = stated.get(tok.start[0], "") + tok.string.replace(",", "")
    out = []
    for tok in tokens:
        number = tok.string.replace("_", "")
        if tok.type == tokenize.NUMBER and number not in stated.get(tok.start[0], ""):
            out.append((tok.start[0], number))
    return out


def _yaml_numbers(source: str) -> list[tuple[int, str]]:
    """(line, number) of every scalar of the file but those under the keys people read."""
    out: list[tuple[int, str]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            for m in NUMBER.finditer(str(node.value)):
                out.append((node.start_mark.line + 1, m.group(0).replace(",", "")))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not (isinstance(key, yaml.ScalarNode) and key.value in NOT_SCANNED_KEYS):
                    walk(key)
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    for document in yaml.compose_all(source):
        if document is not None:
            walk(document)
    return out


def typed_figures(path: Path, figures: set[str]) -> list[str]:
    """Lines of ``path`` that use one of ``figures`` as a value."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    numbers = _python_numbers(source) if path.suffix == ".py" else _yaml_numbers(source)
    return [
        f"{path.name}:{line}: {lines[line - 1].strip()}" for line, number in numbers if number in figures and EXEMPT not in lines[line - 1]
    ]


def _code_files() -> list[Path]:
    return sorted(p for folder in ("pipeline", "schemas") for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".yaml", ".yml"})


def test_the_scanner_finds_a_figure_typed_into_code_and_passes_words(tmp_path):
    figures = figures_in("In 2022 there were 15,214 residents, 22.6 percent of them students, and 300 workers.")
    assert figures == {"15214", "22.6"}  # a year and a round "300" are no evidence of typing
    code = tmp_path / "rule.py"
    code.write_text('"""Residents (15,214 in our example) are counted."""\nTOTAL = 15214\nWINDOW = 22.6  # not a figure: a width\n')
    assert typed_figures(code, figures) == ["rule.py:2: TOTAL = 15214"]
    rules = tmp_path / "rules.yaml"
    rules.write_text("r:\n  examples: [{text: 'there were 15,214 residents'}]\n  min: 22.6\n")
    assert typed_figures(rules, figures) == ["rules.yaml:3: min: 22.6"]


def test_no_number_from_the_raw_texts_is_used_in_pipeline_or_schemas():
    texts = sorted((ROOT / "raw").glob("*.txt"))
    if not texts:
        pytest.skip("no texts in raw/: nothing to compare the code with")
    figures = set().union(*(figures_in(p.read_text(encoding="utf-8", errors="replace")) for p in texts))
    hits = [hit for path in _code_files() for hit in typed_figures(path, figures)]
    assert hits == []

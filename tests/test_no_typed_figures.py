"""No figure value from the texts is typed into code or config: rules hold words, not values."""

import re

from conftest import ROOT

# Numbers as they stand in texts: grouped thousands, decimals, and plain numbers of 3+ digits.
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+\.\d+|(?<![\w.,])\d{3,}(?![\w])")


def _figures_in_raw() -> set[str]:
    found = set()
    for path in (ROOT / "raw").glob("*.txt"):
        for m in NUMBER.finditer(path.read_text(encoding="utf-8")):
            token = m.group(0).replace(",", "")
            if token.isdigit() and 1900 <= int(token) <= 2100:
                continue  # calendar years stand everywhere, in code too (version pins, dates)
            if len(token.replace(".", "")) >= 3:
                found.add(token)
    return found


def test_no_number_from_the_raw_texts_appears_in_pipeline_or_schemas():
    figures = _figures_in_raw()
    assert len(figures) > 50  # the scan itself works
    hits = []
    for folder in ("pipeline", "schemas"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".yaml", ".yml", ".json", ".toml", ".csv"}:
                continue
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for m in NUMBER.finditer(line):
                    if m.group(0).replace(",", "") in figures:
                        hits.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
    assert hits == []

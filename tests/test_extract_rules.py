"""The registry of extraction rules: every rule's own examples, run through ``explain``.

Each example names the span a rule decides; the test finds the decision at that span and checks
the rule's name, whether it read a figure or skipped the number, and the figure's value and unit.
Sentences are our own, written in the styles of the texts the project reads.
"""

import re

import pytest

from pipeline.extract import explain, extract_figures
from pipeline.extract.rules import FAMILIES, RULES, RULES_BY_NAME, rejections

EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r.name}:{e.text[:30]}" for r, e in EXAMPLES])
def test_each_rule_decides_its_own_examples(rule, example):
    start = example.text.index(example.quote)
    decisions = [d for d in explain(example.text, "t.txt") if d.start == start and d.quote == example.quote]
    assert decisions, f"no decision at {example.quote!r}: {explain(example.text, 't.txt')}"
    decision = decisions[0]
    assert decision.rule == rule.name, decision
    assert decision.outcome == ("figure" if rule.reads else "skipped"), decision
    if rule.reads:
        assert decision.figure.value == pytest.approx(example.value)
        assert decision.figure.unit == example.unit


def test_the_registry_and_the_code_name_the_same_rules():
    """Every rule the family modules name is declared in the registry, and every declared rule is
    named somewhere in the code (no rule without code, no code without a rule)."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1] / "pipeline" / "extract" / "rules"
    code = "\n".join(p.read_text(encoding="utf-8") for p in root.glob("*.py") if p.name != "__init__.py")
    used = set(re.findall(r'_skip\("([a-z_]+)"', code)) | set(re.findall(r'rule="([a-z_]+)"', code))
    used |= {name[len("_reject_") :] for name in re.findall(r"def (_reject_[a-z_]+)", code)}
    literals = set(re.findall(r'"([a-z_]+)"', code)) | used
    assert used - set(RULES_BY_NAME) == set()
    assert set(RULES_BY_NAME) - literals == set()
    assert {r.family for r in RULES} == set(FAMILIES)


def test_identifier_checks_run_in_registry_order():
    order = [r.name for r in RULES if r.stage == "identifier"]
    assert [name for name, _ in rejections.IDENTIFIER_CHECKS] == order
    for subset in rejections.QUIET_CHECKS.values():  # the gated subsets keep the order
        names = [name for name, _ in subset]
        assert names == [n for n in order if n in names] and "label_word" in names


def test_every_figure_names_the_rule_that_read_it():
    text = "In 2023, 1,200 Mongolian students and 12 companies took part; trade rose 4.5 percent to $80 million."
    for f in extract_figures(text, "t.txt"):
        assert f.rule in RULES_BY_NAME and RULES_BY_NAME[f.rule].reads, f


def test_explain_lists_every_number_once_with_its_outcome():
    text = "Under Article 9, about 3.5 million yen went to 40 schools in 2019 (see p. 12)."
    decisions = explain(text, "t.txt")
    digits = [m.start() for m in re.finditer(r"\d+", text)]
    covered = {d.start for d in decisions}
    assert all(any(d.start <= s < d.end for d in decisions) or s in covered for s in digits)
    skipped = [(d.quote, d.rule) for d in decisions if d.outcome == "skipped"]
    assert ("9", "label_word") in skipped and ("12", "label_word") in skipped
    assert [d.quote for d in decisions if d.outcome == "figure"] == ["3.5 million yen", "40 schools", "2019"]


def test_explain_reads_the_same_figures_as_extract():
    text = "Some 2,400 workers, 3 h 10 m flights, one-third of exports and 15 MWh/day; the 2nd meeting."
    assert [d.figure for d in explain(text, "t.txt") if d.outcome == "figure"] == extract_figures(text, "t.txt")

"""The development set (``../shared/devset``, outside the repository): fact precision and recall.

Skipped with the reason when the folder is absent. Our scorer is checked against the dev set's own
``tools/score.py`` on the same predictions, so the targets are measured by the dev set's rule.
"""

import csv
import re
import subprocess
import sys

import pytest

from pipeline.devset import devset_dir, evaluate_devset, to_facts

FOLDER = devset_dir()
pytestmark = pytest.mark.skipif(
    not (FOLDER / "raw").is_dir() or not (FOLDER / "gold").is_dir(),
    reason=f"no development set at {FOLDER} (set PIPELINE_DEVSET_DIR to a folder with raw/ and gold/)",
)
PRECISION_TARGET = 0.97
RECALL_TARGET = 0.75


@pytest.fixture(scope="module")
def result():
    return evaluate_devset(FOLDER)


def test_fact_precision_and_recall_meet_the_targets(result):
    assert result.total.published > 0
    assert result.total.precision >= PRECISION_TARGET, result.to_text()
    assert result.total.recall >= RECALL_TARGET, result.to_text()


def test_nothing_is_published_from_the_pages_about_other_partners(result):
    for page, tally in result.pages.items():
        if page.startswith("off_"):
            assert tally.published == 0, (page, result.to_text())


def test_no_rule_is_below_the_precision_a_rule_must_keep(result):
    assert all(t.precision >= 0.95 for t in result.rules.values()), result.to_text()


def test_our_scorer_agrees_with_the_devsets_own(result, tmp_path):
    from pipeline.devset import document_dates
    from pipeline.figures import figures_table
    from pipeline.indicators import build_indicator_tables

    tool = FOLDER / "tools" / "score.py"
    if not tool.exists():
        pytest.skip(f"{tool} not found")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((FOLDER / "raw").glob("*.txt"))}
    figures = figures_table(texts.items())
    facts = to_facts(build_indicator_tables(figures, texts, document_dates(FOLDER))["observations"], figures)
    path = tmp_path / "facts.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "start", "end", "value", "fact", "breakdown", "period"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(facts)
    out = subprocess.run([sys.executable, str(tool), "facts", str(path)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"P=([\d.]+) R=([\d.]+)", out)
    assert m, out
    assert (float(m.group(1)), float(m.group(2))) == (round(result.total.precision, 3), round(result.total.recall, 3))

"""Figure extraction: pure Python, no Dagster, testable and benchmarkable alone."""

from .extractor import Decision, explain, extract_figures, figure_ids, iter_figures
from .model import DocumentHints, Figure
from .script import latin_share, reads_script

__all__ = [
    "Decision",
    "DocumentHints",
    "Figure",
    "explain",
    "extract_figures",
    "figure_ids",
    "iter_figures",
    "latin_share",
    "reads_script",
]

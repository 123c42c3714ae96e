"""Figure extraction: pure Python, no Dagster, testable and benchmarkable alone."""

from .extractor import extract_figures, figure_ids, iter_figures
from .model import Figure

__all__ = ["Figure", "extract_figures", "figure_ids", "iter_figures"]

"""Where the pipeline reads and writes: project defaults, overridable by environment variables.

Belongs here: resolving ``PIPELINE_RAW_DIR`` and ``PIPELINE_PUBLISHED_DIR``. Every entry point
(the Dagster resource, the evaluation CLI, the benchmark) asks this module, so they agree.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def raw_dir() -> Path:
    return Path(os.environ.get("PIPELINE_RAW_DIR") or PROJECT_ROOT / "raw")


def published_dir() -> Path:
    return Path(os.environ.get("PIPELINE_PUBLISHED_DIR") or PROJECT_ROOT / "published")


def annotations_dir() -> Path:
    """Hand annotations used to score the extractor (never an input of the pipeline)."""
    return Path(os.environ.get("PIPELINE_ANNOTATIONS_DIR") or PROJECT_ROOT / "tests" / "annotations")

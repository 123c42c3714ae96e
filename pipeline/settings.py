"""Where the pipeline reads and writes: project defaults, overridable by environment variables.

Belongs here: resolving ``PIPELINE_RAW_DIR``, ``PIPELINE_PUBLISHED_DIR``,
``PIPELINE_RELEASE_NOTES_DIR`` and Dagster's home, and
where a run keeps its intermediate tables. Every entry point (the Dagster code location, the
command line, the evaluation CLI, the benchmark) asks this module, so they agree.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def raw_dir() -> Path:
    return Path(os.environ.get("PIPELINE_RAW_DIR") or PROJECT_ROOT / "raw")


def published_dir() -> Path:
    return Path(os.environ.get("PIPELINE_PUBLISHED_DIR") or PROJECT_ROOT / "published")


def release_notes_dir(published: Path) -> Path:
    """Release notes by version (`<version>.md`): why rows were removed, or anything a release
    should say. They belong to the published folder whose versions they describe."""
    return Path(os.environ.get("PIPELINE_RELEASE_NOTES_DIR") or published / "release-notes")


def dagster_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME") or PROJECT_ROOT / ".dagster_home")


def storage_dir(raw: Path, published: Path) -> Path:
    """Intermediate tables of runs on one raw/published pair, apart from every other pair's.

    Dagster's default storage is one folder per asset, shared by all runs: two runs on different
    folders would read each other's tables. Keying it on the resolved pair keeps them apart.
    """
    pair = f"{raw.resolve()}\n{published.resolve()}"
    return dagster_home() / "storage" / hashlib.sha256(pair.encode()).hexdigest()[:16]


def document_store_dir() -> Path:
    """Each document's figures and observations by content and code version
    (``pipeline.document_results``); shared by every raw folder, since its keys name the text."""
    return Path(os.environ.get("PIPELINE_DOCUMENT_STORE") or dagster_home() / "document-store")


def annotations_dir() -> Path:
    """Hand annotations used to score the extractor (never an input of the pipeline)."""
    return Path(os.environ.get("PIPELINE_ANNOTATIONS_DIR") or PROJECT_ROOT / "tests" / "annotations")

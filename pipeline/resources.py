"""Dagster resources: the folders the pipeline reads and writes, configurable for tests.

Belongs here: resource classes only. Their defaults come from ``pipeline.settings`` so the
environment variables PIPELINE_RAW_DIR and PIPELINE_PUBLISHED_DIR reach every entry point.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from . import settings


class PipelinePaths(dg.ConfigurableResource):
    """Where raw texts are read and data packages are published."""

    raw_dir: str
    published_dir: str

    @classmethod
    def from_env(cls) -> PipelinePaths:
        return cls(raw_dir=str(settings.raw_dir()), published_dir=str(settings.published_dir()))

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def published(self) -> Path:
        return Path(self.published_dir)

"""Dagster resources: the folders the pipeline reads and writes, configurable for tests.

Belongs here: resource classes only. Their defaults come from ``pipeline.settings`` so the
environment variables PIPELINE_RAW_DIR and PIPELINE_PUBLISHED_DIR reach every entry point.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import dagster as dg
from upath import UPath

from . import schema, settings


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


class _PickledTables(dg.UPathIOManager):
    """Pickles each step's output in the run storage of one raw/published pair; the `path` the
    UI shows for a table is where it is published, not the pickle between steps."""

    extension = ".pkl"

    def __init__(self, base_dir: Path, published: Path):
        super().__init__(base_path=UPath(base_dir))
        self.published = published

    def dump_to_path(self, context: dg.OutputContext, obj: object, path: UPath) -> None:
        with path.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)

    def load_from_path(self, context: dg.InputContext, path: UPath) -> object:
        with path.open("rb") as fh:
            return pickle.load(fh)

    def get_metadata(self, context: dg.OutputContext, obj: object) -> dict:
        name = context.asset_key.path[-1] if context.has_asset_key else ""
        if name in schema.tables():
            return {"path": dg.MetadataValue.path(str(self.published.resolve() / "latest" / "data" / f"{name}.csv"))}
        return {}


class TableStorage(dg.ConfigurableIOManagerFactory):
    """The IO manager of every step: ``settings.storage_dir`` of the run's raw/published pair."""

    base_dir: str
    published_dir: str

    def create_io_manager(self, context) -> _PickledTables:
        return _PickledTables(Path(self.base_dir), Path(self.published_dir))

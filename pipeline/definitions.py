"""The Dagster code location: assembles assets, checks and resources. Nothing else lives here."""

import dagster as dg

from .assets import extraction, indicators, ingest, publishing
from .checks import ALL_CHECKS
from .resources import PipelinePaths

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([ingest, extraction, indicators, publishing]),
    asset_checks=ALL_CHECKS + indicators.CONSISTENCY_CHECKS,
    resources={"paths": PipelinePaths.from_env()},
)

"""Dagster assets, one module per stage: thin wrappers that wire inputs, outputs and metadata."""

import warnings

import dagster as dg

# A single-run backfill policy (one run for many document partitions) is "beta" in Dagster 1.13:
# nothing a user of this tool can act on, so it is not printed on every start.
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)

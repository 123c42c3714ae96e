"""Dagster assets, one module per stage: thin wrappers that wire inputs, outputs and metadata."""

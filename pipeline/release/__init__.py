"""Releases: what a run publishes beside the tidy tables, and how one release follows another.

Modules, in the order a publish uses them:
- ``config``: the strict loaders of ``schemas/releases.yaml`` (how rows are matched between
  releases) and ``schemas/charts.yaml`` (the chart-ready wide tables).
- ``codeversion``: the hash of the code and schemas a release was built with.
- ``views``: tables for people, derived from the validated tidy tables (readable tables with the
  indicator's name, the quote and the source url; one wide chart-ready table per topic).
- ``diff``: reading a release back, and comparing two releases table by table (daff aligns rows
  on their change keys) and schema by schema.
- ``semver``: the next version from a comparison, by the Frictionless recipe; ``notes``: the
  release note a version may carry, and must carry (saying what it removes) when rows of data go.
- ``changes``: why each row changed (a text added, changed or removed, or the code) and the
  ``changes.json`` record.
- ``charts``, ``site``: charts drawn at publish time and the pages, codebook, CHANGES.md and
  CITATION.cff rendered from Jinja2 templates.
- ``stable``: ``latest/``, ``versions.json``, ``CHANGELOG.md`` and ``index.html`` of the
  published folder, kept in step with the versions.
Not here: writing a version's data files and the all-or-nothing rules (``pipeline.publish``).
"""

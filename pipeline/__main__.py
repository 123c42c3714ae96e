"""Command line: ``python -m pipeline run`` (what `make run` does) and ``python -m pipeline verify``.

Belongs here: argument parsing, exit codes and what is printed. Exit 0 on success, 1 when the
run or a check failed, 2 when the input or the published folder is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import settings


def _run(args: argparse.Namespace) -> int:
    from .fingerprint import inputs_fingerprint, remember, unchanged

    raw, published = Path(args.raw), Path(args.published)
    fingerprint = inputs_fingerprint(raw)
    last = None if args.force else unchanged(raw, published, fingerprint)
    if last is not None:
        print(
            f"unchanged: the texts, the manifest and the code are those of the run of {last.when}; "
            f"{published / last.version} is current. Nothing was read or written (--force runs anyway)"
        )
        return 0
    from .run import run  # Dagster loads slowly; `verify` and an unchanged folder do not need it

    report = run(raw, published)
    if len(report.warnings) > 3:
        names = ", ".join(w.split(": check ")[-1].split(" failed")[0] for w in report.warnings)
        print(f"note: {len(report.warnings)} warning checks failed ({names}); see the Dagster UI or the consistency table", file=sys.stderr)
    else:
        for warning in report.warnings:
            print(f"note: {warning}", file=sys.stderr)
    if not report.success:
        for failure in report.failures or ["the run failed; see the Dagster UI (make ui) for its events"]:
            print(f"failed: {failure}", file=sys.stderr)
        # Input that cannot be read as a whole (a bad manifest, no raw folder) is the user's to fix.
        return 2 if any(f.startswith("ingest:") for f in report.failures) else 1
    if report.release.get("version"):
        remember(raw, published, fingerprint, report.release["version"], report.summary())
    print(f"done: {report.summary()}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .integrity import check_all, check_stable

    root = Path(args.published)
    checks = check_all(root)
    if not checks:
        print(f"no published versions in {root}", file=sys.stderr)
        return 2
    bad = 0
    for check in checks:
        if check.ok:
            print(f"ok: {check.folder.name} ({check.checked} files match their published hashes)")
        else:
            bad += 1
            for problem in check.problems:
                print(f"ALTERED: {check.folder.name}/{problem}", file=sys.stderr)
    paths = check_stable(root)
    for line in paths.checked:
        print(f"ok: {line}")
    for note in paths.notes:
        print(f"note: {note}")
    for problem in paths.problems:
        print(f"OUT OF STEP: {problem}", file=sys.stderr)
    return 1 if bad or paths.problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="read raw/, build and check every table, publish published/<version>/")
    run.add_argument("--raw", default=str(settings.raw_dir()), help="raw folder (default: $PIPELINE_RAW_DIR or raw/)")
    run.add_argument(
        "--published", default=str(settings.published_dir()), help="published folder (default: $PIPELINE_PUBLISHED_DIR or published/)"
    )
    run.add_argument("--force", action="store_true", help="run even when nothing changed since the last run")
    run.set_defaults(func=_run)
    verify = sub.add_parser(
        "verify",
        help="re-hash every file of every published version against its datapackage.json, "
        "and latest/ and versions.json against the versions",
    )
    verify.add_argument("--published", default=str(settings.published_dir()))
    verify.set_defaults(func=_verify)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

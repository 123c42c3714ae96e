"""The whole pipeline at scale, from the command line and from the Dagster UI: figures, not tests.

Run: `make bench-pipeline` or `.venv/bin/python benchmarks/scale.py [--docs 1000 10000]
[--skip-ui] [--frictionless] [--keep DIR]`. Prints, with the targets of the scale issue:

1. **scale**: corpora of N documents of about 10 KB (the source texts with their numbers re-drawn
   and paragraphs shuffled, cut at paragraph ends; ``corpus.py``), each through
   `python -m pipeline run` on a fresh Dagster home and published folder: wall and CPU time, peak
   memory (the largest sum of proportional set sizes over the run's process tree, sampled every 0.2 s),
   and the growth from the smallest to the largest corpus;
2. **no change**: the same command again on the smallest corpus, against a Dagster run of one
   trivial asset (both CPU seconds, measured in this run);
3. **one changed document** among the smallest corpus: how many documents the run reads again;
4. **UI**: "Materialize all" of the `everything` job launched through the UI's GraphQL API on a
   running `dagster dev`, against `make run` on the same source texts, each on fresh folders.

Ratios are taken within one run: this machine is shared and its timings vary by a third.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import _vary  # noqa: E402

PYTHON = sys.executable
DOCUMENT_CHARACTERS = 10_000  # about 10 KB a document, cut at a paragraph's end
TRIVIAL_RUN = """
import dagster as dg

@dg.asset
def one() -> int:
    return 1

assert dg.materialize([one], instance=dg.DagsterInstance.get()).success
"""


def make_corpus(folder: Path, count: int, seed: int = 11) -> int:
    """``count`` documents of about 10 KB with a manifest; returns their total bytes."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[list[str]] = []
    total = 0
    while len(rows) < count:
        paragraphs = _vary(sources[len(rows) % len(sources)], rng).split("\n\n")
        chunk: list[str] = []
        for i, paragraph in enumerate(paragraphs):
            chunk.append(paragraph)
            if sum(map(len, chunk)) < DOCUMENT_CHARACTERS and i < len(paragraphs) - 1:
                continue
            name = f"doc-{len(rows):05d}.txt"
            body = "\n\n".join(chunk) + "\n"
            (folder / name).write_text(body, encoding="utf-8")
            total += len(body.encode("utf-8"))
            rows.append([name, f"Benchmark text {len(rows)}", "Benchmark", f"https://example.org/{len(rows)}", "en", "2023-01-01", "", ""])
            chunk = []
            if len(rows) == count:
                break
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "title", "publisher", "url", "language", "date", "country", "note"])
        writer.writerows(rows)
    return total


def _tree_memory(root_pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of their proportional set
    sizes (PSS, from /proc/<pid>/smaps_rollup), so pages a forked worker shares with its parent
    are counted once, not once per process as a sum of resident sizes would."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
        stack.extend(children.get(pid, []))
    return total


class Measured:
    def __init__(self, wall: float, cpu: float, peak: int, out: str, code: int):
        self.wall, self.cpu, self.peak, self.out, self.code = wall, cpu, peak, out, code


def measure(command: list[str], env: dict, cwd: Path = ROOT) -> Measured:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_memory(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peak[0], out, proc.returncode)


def _env(raw: Path, published: Path, home: Path, **extra: str) -> dict:
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    return dict(os.environ, PIPELINE_RAW_DIR=str(raw), PIPELINE_PUBLISHED_DIR=str(published), DAGSTER_HOME=str(home), **extra)


def _run(raw: Path, published: Path, home: Path, *flags: str) -> Measured:
    m = measure([PYTHON, "-m", "pipeline", "run", *flags], _env(raw, published, home))
    if m.code != 0:
        raise SystemExit(f"the run on {raw} failed (exit {m.code}):\n{m.out[-3000:]}")
    return m


def _done_line(out: str) -> str:
    return next((line for line in reversed(out.splitlines()) if line.startswith(("done:", "unchanged:"))), out.strip()[-300:])


def bench_scale(work: Path, counts: list[int]) -> dict:
    results = {}
    for n in counts:
        raw = work / f"corpus-{n}"
        size = make_corpus(raw, n)
        print(f"\n{n} documents, {size / 1e6:.1f} MB: running ...", flush=True)
        m = _run(raw, work / f"published-{n}", work / f"home-{n}")
        results[n] = {"mb": size / 1e6, "wall_s": m.wall, "cpu_s": m.cpu, "peak_mb": m.peak / 1e6}
        print(f"  wall {m.wall:.0f} s, cpu {m.cpu:.0f} s, peak memory {m.peak / 1e6:.0f} MB")
        print(f"  {_done_line(m.out)}")
        stages = re.findall(r"^\d\d:\d\d:\d\d (\w+): .*\((\d+\.\d) s\)", m.out, re.M)
        if stages:
            print("  " + ", ".join(f"{step} {s} s" for step, s in stages))
    return results


def bench_rerun(work: Path, n: int) -> dict:
    raw, published, home = work / f"corpus-{n}", work / f"published-{n}", work / f"home-{n}"
    again = _run(raw, published, home)
    trivial_home = work / "home-trivial"
    trivial = measure([PYTHON, "-c", TRIVIAL_RUN], _env(raw, published, trivial_home))
    if trivial.code != 0:
        raise SystemExit(f"the one-asset Dagster run failed:\n{trivial.out[-2000:]}")
    print(f"\nno change, {n} documents: cpu {again.cpu:.2f} s; a one-asset Dagster run: cpu {trivial.cpu:.2f} s")
    print(f"  {_done_line(again.out)}")
    doc = raw / "doc-00000.txt"
    text = doc.read_text(encoding="utf-8")
    digits = re.search(r"\d[\d,]*\d", text)
    assert digits is not None
    doc.write_text(text[: digits.start()] + str(int(digits.group(0).replace(",", "")) + 1) + text[digits.end() :], encoding="utf-8")
    changed = _run(raw, published, home)
    read = re.search(r"(\d+) read and mapped", changed.out)
    print(f"one changed document among {n}: {read.group(1) if read else '?'} documents read again; wall {changed.wall:.0f} s")
    return {
        "rerun_cpu_s": again.cpu,
        "trivial_cpu_s": trivial.cpu,
        "changed_read": int(read.group(1)) if read else None,
        "changed_wall_s": changed.wall,
    }


def _graphql(port: int, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


LAUNCH = """
mutation($selector: JobOrPipelineSelector!) {
  launchPipelineExecution(executionParams: {selector: $selector, mode: "default"}) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on InvalidSubsetError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}"""
STATUS = "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }"


def ui_run(work: Path, port: int = 3391) -> float:
    """Seconds from "Materialize all" of `everything` (as the UI sends it) to the run's end."""
    env = _env(ROOT / "raw", work / "published-ui", work / "home-ui", PIPELINE_DOCUMENT_STORE=str(work / "store-ui"))
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "dagster"), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5)
                if "everything" in json.dumps(
                    _graphql(port, "{ repositoriesOrError { ... on RepositoryConnection { nodes { jobs { name } } } } }")
                ):
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("dagster dev did not answer within 3 minutes")
            time.sleep(1)
        selector = {"repositoryLocationName": "mongolia_japan_figures", "repositoryName": "__repository__", "jobName": "everything"}
        started = time.perf_counter()
        launched = _graphql(port, LAUNCH, {"selector": selector})["data"]["launchPipelineExecution"]
        if launched["__typename"] != "LaunchRunSuccess":
            raise SystemExit(f"the UI did not launch the run: {launched}")
        run_id = launched["run"]["runId"]
        while True:
            status = _graphql(port, STATUS, {"id": run_id})["data"]["runOrError"]["status"]
            if status in ("SUCCESS", "FAILURE", "CANCELED"):
                break
            time.sleep(0.25)
        seconds = time.perf_counter() - started
        if status != "SUCCESS":
            raise SystemExit(f"the UI run ended {status}")
        return seconds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def bench_ui(work: Path) -> dict:
    cli = measure(
        [PYTHON, "-m", "pipeline", "run"],
        _env(ROOT / "raw", work / "published-cli", work / "home-cli", PIPELINE_DOCUMENT_STORE=str(work / "store-cli")),
    )
    if cli.code != 0:
        raise SystemExit(f"make run failed:\n{cli.out[-2000:]}")
    ui = ui_run(work)
    print(f"\nsource texts: UI 'Materialize all' {ui:.1f} s, make run {cli.wall:.1f} s (ratio {ui / cli.wall:.2f})")
    return {"ui_s": ui, "cli_s": cli.wall}


def bench_frictionless(work: Path, n: int) -> dict:
    """What a data portal pays to check the package: `frictionless validate` reads every row."""
    package = work / f"published-{n}" / "latest" / "datapackage.json"
    m = measure([str(Path(PYTHON).parent / "frictionless"), "validate", str(package)], dict(os.environ))
    print(f"\nfrictionless validate, {n} documents: wall {m.wall:.0f} s, cpu {m.cpu:.0f} s, peak {m.peak / 1e6:.0f} MB, exit {m.code}")
    return {"wall_s": m.wall, "cpu_s": m.cpu, "peak_mb": m.peak / 1e6, "exit": m.code}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--skip-ui", action="store_true")
    parser.add_argument("--frictionless", action="store_true", help="also time `frictionless validate` of the largest package")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one, removed)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    try:
        counts = sorted(args.docs)
        scale = bench_scale(work, counts)
        rerun = bench_rerun(work, counts[0])
        ui = {} if args.skip_ui else bench_ui(work)
        checked = bench_frictionless(work, counts[-1]) if args.frictionless else {}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    small, large = scale[counts[0]], scale[counts[-1]]
    print("\n| target | measured | met |\n|---|---|---|")
    print(
        f"| {counts[-1]:,} documents end to end in ≤ 5 min, peak ≤ 2 GB | {large['wall_s'] / 60:.1f} min, {large['peak_mb']:.0f} MB | "
        f"{'yes' if large['wall_s'] <= 300 and large['peak_mb'] <= 2000 else 'no'} |"
    )
    if len(counts) > 1:
        growth = large["wall_s"] / small["wall_s"]
        print(
            f"| growth {counts[0]:,} → {counts[-1]:,} documents ≤ {counts[-1] / counts[0] * 1.1:.0f}× | {growth:.1f}× | {'yes' if growth <= counts[-1] / counts[0] * 1.1 else 'no'} |"
        )
    ratio = rerun["rerun_cpu_s"] / rerun["trivial_cpu_s"]
    print(
        f"| no-change re-run ≤ 1.5× CPU of a one-asset Dagster run | {rerun['rerun_cpu_s']:.2f} s vs {rerun['trivial_cpu_s']:.2f} s ({ratio:.2f}×) | {'yes' if ratio <= 1.5 else 'no'} |"
    )
    print(
        f"| one changed document among {counts[0]:,} re-extracts one | {rerun['changed_read']} | {'yes' if rerun['changed_read'] == 1 else 'no'} |"
    )
    if ui:
        r = ui["ui_s"] / ui["cli_s"]
        print(
            f"| UI 'Materialize all' within 1.5× of make run | {ui['ui_s']:.1f} s vs {ui['cli_s']:.1f} s ({r:.2f}×) | {'yes' if r <= 1.5 else 'no'} |"
        )
    if checked:
        print(
            f"| `frictionless validate` of the {counts[-1]:,}-document package (not a target) | {checked['wall_s'] / 60:.1f} min, {checked['peak_mb']:.0f} MB, exit {checked['exit']} | |"
        )
    if args.json:
        args.json.write_text(
            json.dumps({"scale": scale, "rerun": rerun, "ui": ui, "frictionless": checked}, indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

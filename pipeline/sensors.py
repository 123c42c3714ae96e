"""Sensors and schedules: the pipeline run by the daemon (``make ui`` starts one) as by hand.

Belongs here: ``raw_folder``, which keeps the `documents` partitions in step with raw/ and asks
for a ``new_documents`` run of every text that is new or changed; ``publish_after_new_documents``,
which publishes once such a run succeeded; and a daily schedule of ``everything``. All start
stopped: turning them on is a choice (they publish into the published folder).
Not here: what a run does (the assets).
"""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from .assets.extraction import DOCUMENTS, PARTITIONS
from .resources import PipelinePaths
from .sources import InputError, file_sha256, text_files

# Up to this many changed texts get a run each; more are read in one run over their range.
RUNS_PER_TEXT_UP_TO = 10
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


def folder_changes(raw_dir, seen: dict[str, str], partitions: list[str]) -> dict:
    """What the raw folder holds now against the cursor ``seen`` (file -> sha256 of its bytes)."""
    files, _ = text_files(raw_dir)
    now = {p.name: file_sha256(p) or "" for p in files}
    have = set(partitions)
    return {
        "now": now,
        "added": [n for n in now if n not in have],
        "removed": [n for n in partitions if n not in now],
        "changed": [n for n in now if seen.get(n) != now[n]],
    }


def run_requests(changed: list[str], order: list[str], now: dict[str, str]) -> list[dg.RunRequest]:
    """One run per changed text, or one run over the range of partitions that holds them all."""
    if not changed:
        return []
    if len(changed) <= RUNS_PER_TEXT_UP_TO:
        return [dg.RunRequest(run_key=f"{name}@{now[name][:16]}", partition_key=name) for name in changed]
    position = {name: i for i, name in enumerate(order)}
    first, last = min(changed, key=position.__getitem__), max(changed, key=position.__getitem__)
    key = hashlib.sha256(json.dumps(sorted((n, now[n]) for n in changed)).encode()).hexdigest()[:16]
    return [dg.RunRequest(run_key=f"range@{key}", tags={RANGE_START: first, RANGE_END: last})]


def build_sensors(new_documents: dg.UnresolvedAssetJobDefinition, everything: dg.UnresolvedAssetJobDefinition) -> list:
    @dg.sensor(job=new_documents, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.STOPPED)
    def raw_folder(context: dg.SensorEvaluationContext, paths: PipelinePaths) -> dg.SensorResult:
        """Texts added to, changed in or removed from raw/: partitions follow, new texts are read."""
        seen = json.loads(context.cursor) if context.cursor else {}
        partitions = list(context.instance.get_dynamic_partitions(PARTITIONS))
        try:
            found = folder_changes(paths.raw, seen, partitions)
        except InputError as err:
            return dg.SensorResult(skip_reason=str(err))
        order = [p for p in partitions if p not in found["removed"]] + found["added"]
        requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
        if found["added"]:
            requests.append(DOCUMENTS.build_add_request(found["added"]))
        if found["removed"]:
            requests.append(DOCUMENTS.build_delete_request(found["removed"]))
        runs = run_requests(found["changed"], order, found["now"])
        return dg.SensorResult(
            run_requests=runs,
            dynamic_partitions_requests=requests,
            cursor=json.dumps(found["now"], sort_keys=True),
            skip_reason=None if runs or requests else "raw/ unchanged",
        )

    @dg.run_status_sensor(
        run_status=dg.DagsterRunStatus.SUCCESS,
        monitored_jobs=[new_documents],
        request_job=everything,
        default_status=dg.DefaultSensorStatus.STOPPED,
    )
    def publish_after_new_documents(context: dg.RunStatusSensorContext) -> dg.RunRequest:
        """New or changed texts were read: gather every document and publish (nothing is read twice)."""
        return dg.RunRequest(run_key=f"after-{context.dagster_run.run_id}")

    return [raw_folder, publish_after_new_documents]


def build_schedules(everything: dg.UnresolvedAssetJobDefinition) -> list[dg.ScheduleDefinition]:
    return [dg.ScheduleDefinition(job=everything, cron_schedule="0 5 * * *", default_status=dg.DefaultScheduleStatus.STOPPED)]

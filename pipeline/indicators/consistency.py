"""Consistency of the observations: parts against totals, counts against stated shares.

Belongs here: the arithmetic checks that tell a reader where a text does not add up. Every check
is reported with the numbers involved, passed or not; nothing is corrected or hidden.
Not here: deciding what the numbers measure (``mapping.py``).
"""

from __future__ import annotations

import pandas as pd

# (check id, indicator of the parts, breakdown column, part values, indicator of the total,
#  total filter (column, value) or None, description)
SUMS = [
    (
        "oda_parts_vs_total",
        "oda_cumulative",
        "aid_type",
        ("grants", "technical_cooperation", "loans"),
        "oda_cumulative",
        ("aid_type", "total"),
        "ODA grants + technical cooperation + loans against the stated total",
    ),
    (
        "trade_flows_vs_turnover",
        "trade_value",
        "flow",
        ("exports_to_japan", "imports_from_japan"),
        "trade_value",
        ("flow", "turnover"),
        "exports to Japan + imports from Japan against the turnover",
    ),
    (
        "residents_status_vs_listed_total",
        "residents_by_status",
        "status_of_residence",
        ("student", "technical_intern_trainee", "work_visa", "family_member"),
        "residents_by_status",
        ("status_of_residence", "listed_statuses_total"),
        "counts by status against their stated total",
    ),
    (
        "residents_sex_vs_total",
        "residents_by_sex",
        "sex",
        ("male", "female"),
        "residents_total",
        None,
        "men + women against the residents total",
    ),
    (
        "visitor_purposes_vs_total",
        "visitors_short_term",
        "purpose",
        ("tourism", "business", "other"),
        "visitors_short_term",
        ("purpose", ""),
        "visitors by purpose against the visitor total of the year",
    ),
]
# (check id, count indicator, share indicator, breakdown column, description)
SHARES = [
    (
        "residents_status_share",
        "residents_by_status",
        "residents_by_status_share",
        "status_of_residence",
        "count by status / residents total against the stated share",
    ),
    ("residents_sex_share", "residents_by_sex", "residents_by_sex_share", "sex", "count by sex / residents total against the stated share"),
    (
        "residents_age_share",
        "residents_by_age_group",
        "residents_by_age_group_share",
        "age_group",
        "count by age group / residents total against the stated share",
    ),
]
COLUMNS = [
    "check_id",
    "document",
    "period",
    "breakdown",
    "description",
    "expected",
    "computed",
    "difference",
    "tolerance",
    "passed",
    "figure_ids",
]


def _decimals(value: float) -> int:
    text = repr(float(value)).rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _exact(df: pd.DataFrame) -> pd.DataFrame:
    """Facts stated as such: exact or bounded values, no plans, pledges or estimates."""
    return df[df["qualifier"].isin(["exact", "over", "approx"]) & ~df["status"].astype(bool)]


def _first(df: pd.DataFrame, key: list[str]) -> dict[tuple, pd.Series]:
    """The first row of each key: one pass, looked up by key afterwards."""
    return {k if isinstance(k, tuple) else (k,): row for k, row in df.drop_duplicates(key).set_index(key, drop=False).iterrows()}


def consistency_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Every check with its numbers; linear in the number of observations (grouped once, keyed joins)."""
    obs = _exact(observations)
    by_indicator = dict(tuple(obs.groupby("indicator_id", sort=False)))
    empty = obs.iloc[0:0]
    rows = []
    for check_id, part_ind, column, parts, total_ind, total_filter, description in SUMS:
        part_rows = by_indicator.get(part_ind, empty)
        part_rows = part_rows[part_rows[column].isin(parts)]
        totals = by_indicator.get(total_ind, empty)
        if total_filter:
            totals = totals[totals[total_filter[0]] == total_filter[1]]
        first_total = _first(totals, ["document", "period", "unit"])
        for (document, period, unit), group in part_rows.groupby(["document", "period", "unit"]):
            if group[column].nunique() < 2:
                continue  # one part alone says nothing about the total
            first = first_total.get((document, period, unit))
            if first is None:
                continue
            computed = float(group["value"].sum())
            # A total written as 412.5 billion is exact to half its last written digit.
            tolerance = 0.5 * 10 ** -_decimals(first["value"]) if first["value"] < 1e6 else 0.0005 * first["value"]
            difference = computed - float(first["value"])
            rows.append(
                {
                    "check_id": check_id,
                    "document": document,
                    "period": period,
                    "breakdown": "+".join(group[column]),
                    "description": description,
                    "expected": float(first["value"]),
                    "computed": computed,
                    "difference": difference,
                    "tolerance": tolerance,
                    "passed": abs(difference) <= tolerance + 1e-9,
                    "figure_ids": ";".join([*group["figure_id"], first["figure_id"]]),
                }
            )
    totals = _first(by_indicator.get("residents_total", empty), ["document", "period"])
    for check_id, count_ind, share_ind, column, description in SHARES:
        counts = _first(by_indicator.get(count_ind, empty), ["document", "period", column])
        for share in by_indicator.get(share_ind, empty).itertuples(index=False):
            key = getattr(share, column)
            count = counts.get((share.document, share.period, key))
            total = totals.get((share.document, share.period))
            if count is None or total is None:
                continue
            computed = 100.0 * float(count["value"]) / float(total["value"])
            tolerance = 0.5 * 10 ** -_decimals(share.value)
            difference = computed - float(share.value)
            rows.append(
                {
                    "check_id": check_id,
                    "document": share.document,
                    "period": share.period,
                    "breakdown": key,
                    "description": description,
                    "expected": float(share.value),
                    "computed": round(computed, 6),
                    "difference": round(difference, 6),
                    "tolerance": tolerance,
                    "passed": abs(difference) <= tolerance + 1e-9,
                    "figure_ids": ";".join([count["figure_id"], total["figure_id"], share.figure_id]),
                }
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.sort_values(["check_id", "document", "period", "breakdown"], kind="stable").reset_index(drop=True) if len(df) else df

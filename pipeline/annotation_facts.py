"""Facts on the hand annotations: how many annotated topic figures are published with their period.

Belongs here: the coverage measure of the annotations (``tests/annotations``): every core row
whose subject is a topic of the thematic tables, and every core date, should be an observation
with the annotated value and period (a row without a period agrees with any period, as the
development set scores facts; a rate compares in its unit's class). Rows whose subject is no
Mongolia–Japan fact are left out of the measure, with the reason. Used by ``make evaluate`` and
the test that holds the coverage.
Not here: the annotations are never an input of the pipeline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from .evaluate import unit_class

# Subjects of the annotations that belong to the thematic tables (dates: every date row).
TOPIC_SUBJECTS = re.compile(
    r"^mongolian_residents_in_japan|^mongolian_couples|^mongolian_short_term_visitors"
    r"|^oda_|grant_aid_projects|non_project_grant|technical_cooperation_projects|development_policy_studies"
    r"|grassroots_projects|economic_social_development_support_grant|^project_period_"
    r"|^trade_turnover|^mongolia_exports_to_japan|^mongolia_imports_from_japan"
    r"|^japan_fdi|japanese_invested_companies|^share_of_japan_fdi|japan_share_of_mongolia_fdi|japan_rank_among_fdi"
    r"|fdi_source_countries|^japan_investment|^investment_attracted"
    r"|students|scholarship|^jds_|^kosen_|^apu_|workers"
    r"|^darkhan_|^electricity_|^energy_supply|^reverse_export"
)
# Annotated subjects the patterns above catch that are no Mongolia–Japan fact, so the mapping must
# leave them out (issue 10): figures of Mongolia with another partner, a domestic act of one
# country, and Japanese (not Mongolian) pupils.
NOT_BILATERAL = {
    "electricity_imports_from_russia_at_peak": "Mongolia's electricity imports from Russia",
    "reverse_export_of_excess_electricity_to_russia": "Mongolia's electricity exports to Russia",
    "government_resolution_on_foreign_investor_complaints_issued": "a resolution of Mongolia's government alone",
    "japanese_students_reached_by_embassy_talks": "Japanese pupils, not Mongolian students in Japan",
}


def _key(document: str, value, unit: str, period: str) -> tuple:
    cls, base = unit_class(unit.split("/")[0], float(value))
    return document, cls, float(f"{base:.6g}"), period


@dataclass
class Coverage:
    found: int
    wanted: int
    missing: list[str] = field(default_factory=list)
    not_bilateral: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0

    def to_text(self) -> str:
        lines = [f"annotated topic figures published with their period: {self.share:.3f} ({self.found}/{self.wanted})"]
        lines += [f"  missing: {m}" for m in self.missing]
        lines += [f"  left out as no Mongolia–Japan fact: {m}" for m in self.not_bilateral]
        return "\n".join(lines)


def coverage(observations: pd.DataFrame, gold: pd.DataFrame) -> Coverage:
    core = gold[gold["tier"] == "core"]
    topical = core[core["subject"].str.contains(TOPIC_SUBJECTS) | (core["kind"] == "date")]
    wanted = topical[~topical["subject"].isin(NOT_BILATERAL)]
    have: Counter[tuple] = Counter()
    for r in observations.itertuples(index=False):
        if r.event:
            have[(r.document, "date", r.period)] += 1  # a dated observation: its period is its date
        else:
            have[_key(r.document, r.value, r.unit, r.period)] += 1
            have[_key(r.document, r.value, r.unit, "*")] += 1
    found, missing = 0, []
    for g in wanted.itertuples(index=False):
        key = (g.file, "date", g.period) if g.kind == "date" else _key(g.file, g.value, g.unit, g.period or "*")
        # The repeated block of the embassy page states some facts twice: one observation serves both.
        if have[key] > 0 or (g.occurrence != "1" and key in have):
            found += 1
            if g.occurrence == "1":
                have[key] -= 1
        else:
            missing.append(f"{g.file}:{g.start} {g.quote!r} ({g.subject}, period {g.period!r})")
    left = [
        f"{g.file}:{g.start} {g.quote!r}: {NOT_BILATERAL[g.subject]}"
        for g in topical[topical["subject"].isin(NOT_BILATERAL)].itertuples(index=False)
    ]
    return Coverage(found, len(wanted), missing, left)

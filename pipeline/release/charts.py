"""Charts of the main series, drawn at publish time as SVG for the landing page.

Belongs here: turning one chart-ready wide table (``views``) into an Altair chart and rendering it
with vl-convert into SVG text, which the page inlines: the page loads no script, style or font
from the network, and the chart is there without JavaScript. Not here: the page itself (``site``).
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import vl_convert
from markupsafe import escape

from .views import View

WIDTH, HEIGHT = 560, 240
# Axis labels: 1.2k, 35M, 358B (SI's G reads as giga, not billion).
_LABELS = "replace(format(datum.value, '~s'), 'G', 'B')"


def _long(view: View) -> pd.DataFrame:
    """One row per cell with a value: the period as a date (UTC), the series' label, the value."""
    labels = {s.column: s.label for s in view.chart.series} if view.chart else {}
    rows = []
    for record in view.frame.itertuples(index=False):
        period = record.period
        date = (period + "-01-01")[:10] if len(period) == 4 else (period + "-01")[:10]
        for column, label in labels.items():
            value = getattr(record, column)
            if pd.notna(value):
                rows.append({"period": period, "date": date, "series": label, "value": float(value)})
    return pd.DataFrame(rows, columns=["period", "date", "series", "value"])


def chart_spec(view: View) -> dict | None:
    """The Vega-Lite specification of a view's chart; None when the texts give no value for it."""
    data = _long(view)
    if data.empty:
        return None
    chart = view.chart
    assert chart is not None  # only chart views are drawn
    order = [s.label for s in chart.series if s.label in set(data["series"])]
    color = alt.Color("series:N", title=None, sort=order, legend=alt.Legend(orient="bottom", labelLimit=320))
    y = alt.Y("value:Q", title=chart.axis_title, axis=alt.Axis(labelExpr=_LABELS))
    base = alt.Chart(data).properties(width=WIDTH, height=HEIGHT)
    if chart.mark == "bar":
        encoded = base.mark_bar().encode(
            x=alt.X("period:O", title=None, sort="ascending", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=order),
            y=y,
            color=color,
        )
    else:
        x = alt.X("date:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%Y", labelOverlap=True))
        encoded = base.mark_line(point=True).encode(x=x, y=y, color=color)
    return encoded.configure_view(stroke=None).configure(font="sans-serif").to_dict()


def render_svg(view: View) -> str | None:
    """The chart as SVG text, ids prefixed so several charts can share one page."""
    spec = chart_spec(view)
    if spec is None:
        return None
    svg = vl_convert.vegalite_to_svg(spec)
    prefix = re.sub(r"[^a-z0-9]+", "-", view.table.name.lower())
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    # Accessible name for the picture: the chart's title.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(view.table.title)}" ', 1)

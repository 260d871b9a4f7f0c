"""A trend's figures as Streamlit shows them, built without Streamlit: rows, labels and
Vega-Lite charts.

Paper text (a printed figure, a citation) reaches a chart only as data values, which
Vega-Lite draws as text.
"""

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import altair as alt

from search import Series

# Where a period sits on a time axis: UK financial years ("2019/20") start in April; a bare
# year is drawn at its middle, between its months.
FISCAL_YEAR = re.compile(r"(\d{4})/(?:\d{2}|\d{4})")
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
YEAR = re.compile(r"\d{4}")
FISCAL_START, MID_YEAR = 4, 7
# One colour and shape a kind in every chart; Okabe-Ito colours read apart when colour-blind.
KIND_STYLES = {
    "actual": ("#0072B2", "circle"),
    "target": ("#009E73", "diamond"),
    "forecast": ("#E69F00", "triangle-up"),
}
MONTH_STEPS = (1, 3, 6, 12, 24, 60)  # calendar-friendly gaps between ticks on a time axis
MAX_TICKS = 8  # labelled ticks on a chart about 500 pixels wide before they crowd
AXIS_PADDING = 12  # pixels between the axes and the outermost points, so none is cut in half
POINT_SELECTION = "point"  # the series charts' click selection, as Streamlit reports it
TREND_TABLE = ("period", "value", "figure", "kind", "dated", "citation")


def period_date(period: str | None) -> date | None:
    """Where a figure's period sits on a time axis: a month ("2022-09") at its first day, a
    financial year ("2019/20") at 1 April of its first year, a year ("2021") at 1 July;
    None when undated or not one of those."""
    if period is None:
        return None
    if fiscal := FISCAL_YEAR.fullmatch(period):
        return date(int(fiscal[1]), FISCAL_START, 1)
    if month := MONTH.fullmatch(period):
        return date(int(month[1]), int(month[2]), 1)
    if YEAR.fullmatch(period):
        return date(int(period), MID_YEAR, 1)
    return None


def trend_rows(series: Series) -> list[dict[str, Any]]:
    """One row a point of the series, for its chart and its table; `point` numbers them."""
    rows = []
    for number, point in enumerate(series.points):
        day = period_date(point.period)
        rows.append(
            {
                "point": number,
                "period": point.period or "undated",
                "date": day.isoformat() if day else None,
                "value": point.value,
                "figure": point.printed,
                "kind": point.kind,
                "dated": "by the passage" if point.period_from == "text" else "by the meeting",
                "citation": point.citation.label,
            }
        )
    return rows


def point_label(row: Mapping[str, Any]) -> str:
    """A trend row in one line of plain text: "2019/20: 31 (actual), CYP OSC, 14 Feb 2023"."""
    return f"{row['period']}: {row['figure']} ({row['kind']}), {row['citation']}"


def selected_point(selection: Mapping[str, Any]) -> int | None:
    """The number of the point clicked in a series chart, from Streamlit's selection state
    ({"point": [{"point": 3}]}); None when nothing is selected."""
    picked = selection.get(POINT_SELECTION) or []
    numbers = [p.get(POINT_SELECTION) for p in picked if isinstance(p, Mapping)]
    return next((n for n in numbers if isinstance(n, int)), None)


def month_step(days: Sequence[date]) -> int:
    """Months between ticks on a time axis over `days`: the shortest of MONTH_STEPS that
    keeps it to MAX_TICKS ticks."""
    if not days:
        return MONTH_STEPS[0]
    months = (max(days).year - min(days).year) * 12 + max(days).month - min(days).month
    return next((s for s in MONTH_STEPS if months <= s * MAX_TICKS), MONTH_STEPS[-1])


def mentions_chart(mentions: Sequence[tuple[str, int]]) -> alt.Chart:
    """Bars: how many of the passages read for a trend each meeting holds."""
    values = [{"meeting": day, "passages": count} for day, count in mentions]
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=values), height=180)
        .mark_bar(color=KIND_STYLES["actual"][0])
        .encode(
            x=alt.X("meeting:O", title="Meeting", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("passages:Q", title="Passages", axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("meeting:O"), alt.Tooltip("passages:Q")],
        )
    )
    return chart


def series_chart(rows: Sequence[Mapping[str, Any]], unit: str) -> alt.LayerChart:
    """Value over period, a line and a shape a kind; clicking a point selects its number.

    Paper text (the printed figure, the citation) reaches the chart only as data values,
    which Vega-Lite draws as text.
    """
    values = [dict(row) for row in rows if row["date"] is not None]
    kinds = alt.Scale(domain=list(KIND_STYLES), range=[c for c, _ in KIND_STYLES.values()])
    shapes = alt.Scale(domain=list(KIND_STYLES), range=[s for _, s in KIND_STYLES.values()])
    picked = alt.selection_point(name=POINT_SELECTION, fields=[POINT_SELECTION], on="click")
    # Month ticks, labelled as months: the default picks weeks for a short span ("Nov 06").
    step = month_step([date.fromisoformat(v["date"]) for v in values])
    time_axis = alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": step})
    legend = alt.Legend(title=None, orient="top", symbolOpacity=1)
    base = alt.Chart(alt.InlineData(values=values), height=260).encode(
        x=alt.X("date:T", title="Period", scale=alt.Scale(padding=AXIS_PADDING), axis=time_axis),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(padding=AXIS_PADDING)),
        color=alt.Color("kind:N", scale=kinds, legend=legend),
    )
    dots = (
        base.mark_point(filled=True, size=150, cursor="pointer")
        .encode(
            shape=alt.Shape("kind:N", scale=shapes, legend=legend),
            opacity=alt.when(picked).then(alt.value(1.0)).otherwise(alt.value(0.4)),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=field)
                for field in ("period", "figure", "kind", "citation")
            ],
        )
        .add_params(picked)
    )
    return alt.LayerChart(layer=[base.mark_line(opacity=0.4), dots])

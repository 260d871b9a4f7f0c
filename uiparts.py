"""What the Streamlit app shows, built without Streamlit: safe Markdown, exports, sources,
trend charts.

Paper text is untrusted. Every function here that returns Markdown escapes all paper text
first, so the only Markdown syntax left in its output is the syntax it adds itself; the
tests check this without a browser, and tests/test_browser.py checks it in one.
"""

import csv
import hashlib
import io
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt

from index import Filters, Generation, PaperInfo, allowed_rows, read_chunks
from ingest import Chunk
from search import Answer, Citation, Hit, Series

# Every ASCII punctuation character: CommonMark lets any of them be backslash-escaped, and
# escaping all of them leaves no emphasis, link, HTML, LaTeX ($) or directive (:) syntax.
MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub-flavoured Markdown links URLs and e-mail addresses in text *after* parsing, so
# escaping cannot stop it; these are shown as code spans instead, which it never links.
LINKABLE = re.compile(
    # Bounded like the addresses themselves (64-character local part), so matching stays linear.
    r"(?:(?:https?|ftp|mailto|xmpp):|www\.)[^\s`]*|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    re.IGNORECASE,
)
URL_TRAILERS = ".,:;!?\"')]}"
# Words too common to be worth highlighting in a passage.
STOPWORDS = frozenset(
    "the and for are was were with that this from what when how did does has have had not "
    "about into than then them they their there which who why will would can could its our".split()
)
MIN_TERM = 3  # shorter query words ("of", "to") would light up half of every passage
SUFFIXES = ("ing", "es", "ed", "s")  # so "waiting" also marks "wait" and "waits"
MIN_STEM = 4  # "uses" -> "use" would also mark "user"; keep stems at least this long
# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = (
    "rank", "score", "label", "council", "committee", "meeting_date", "doc_type", "item",
    "item_title", "page", "printed_page", "paragraph", "heading", "is_decision",
    "classification", "source", "also_in", "text",
)  # fmt: skip
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PAGE_PIXELS = 1100  # long side of a rendered page: readable beside a card, bounded in size
RENDER_SECONDS = 20  # poppler has hung on crafted PDFs too; a page takes ~0.3 s
RENDER_MEMORY_KB = 1_048_576  # ulimit -v for the renderer: a crafted page cannot eat the host
MAX_CONTEXT_ROWS = 20_000  # rows read to find a passage's neighbours; beyond this, give up
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


def escape_markdown(text: str) -> str:
    """`text` as Markdown that reads as exactly `text` on one line (addresses in code style)."""
    return _escape(" ".join(text.split()))


def _escape(text: str, pattern: re.Pattern[str] | None = None) -> str:
    """Escaped text; URLs as code spans; words `pattern` matches (alphanumeric) in bold."""
    out, start = [], 0
    for link in LINKABLE.finditer(text):
        # Closing punctuation is prose, not address: "(see www.x.gov.uk)."
        url = link.group().rstrip(URL_TRAILERS)
        out += [_emphasise(text[start : link.start()], pattern), f"`{url}`"]
        start = link.start() + len(url)
    out.append(_emphasise(text[start:], pattern))
    return "".join(out)


def _emphasise(text: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return MARKDOWN_SPECIAL.sub(r"\\\1", text)
    out, start = [], 0
    for match in pattern.finditer(text):
        out += [
            _emphasise(text[start : match.start()], None),
            f"**{_emphasise(match.group(), None)}**",
        ]
        start = match.end()
    out.append(_emphasise(text[start:], None))
    return "".join(out)


def query_terms(query: str) -> tuple[str, ...]:
    """The stems of the query words worth highlighting, longest first."""
    terms = set()
    for word in re.findall(r"[^\W_]+", query.casefold()):
        if len(word) < MIN_TERM or word in STOPWORDS:
            continue
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word.removesuffix(suffix)
                break
        terms.add(word)
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def highlight_markdown(text: str, terms: Sequence[str]) -> str:
    """`text` as Markdown with each word starting with one of `terms` in bold.

    Lines keep their breaks and blank lines their paragraphs. Matches start and end on a
    letter or digit, so the `**` around them always open and close as bold.
    """
    pattern = None
    if terms:
        alternatives = "|".join(re.escape(t) for t in terms)
        pattern = re.compile(rf"\b(?:{alternatives})[^\W_]*", re.IGNORECASE)
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(_escape(" ".join(line.split()), pattern))
    return "\n\n".join("  \n".join(lines) for lines in paragraphs if lines)


def neutralise_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: formula starters get a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def hit_row(hit: Hit) -> list[str]:
    """One CSV row for a hit, in CSV_FIELDS order."""
    c = hit.citation
    values: list[object] = [
        hit.rank, hit.score, c.label, c.council, c.committee, c.meeting_date, c.doc_type,
        c.item, c.item_title, c.page, c.printed_page, c.paragraph, hit.heading,
        hit.is_decision, hit.classification, c.source,
        "; ".join(other.label for other in hit.also_in), hit.text,
    ]  # fmt: skip
    return [neutralise_cell(v) for v in values]


def export_csv(hits: Iterable[Hit]) -> str:
    """The hits as CSV with a header row, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(hit_row(hit) for hit in hits)
    return out.getvalue()


def describe_filters(filters: Filters) -> str:
    """The filters a user set, in words ("council: Warwickshire; decisions only")."""
    parts = [
        f"{name}: {value}"
        for name, value in (
            ("council", filters.council),
            ("committee", filters.committee),
            ("since", filters.since),
            ("until", filters.until),
            ("document type", filters.doc_type),
        )
        if value
    ]
    if filters.decisions:
        parts.append("decisions only")
    return "; ".join(parts) or "none"


def full_citation(citation: Citation) -> str:
    """Everything needed to find a passage again, in one line of plain text."""
    parts = [
        citation.council,
        citation.committee,
        f"meeting {citation.meeting_date}" if citation.meeting_date else None,
        citation.doc_type,
        f"item {citation.item}" if citation.item else None,
        citation.item_title,
        f"page {citation.page}" if citation.page is not None else None,
        f"printed page {citation.printed_page}" if citation.printed_page is not None else None,
        f"paragraph {citation.paragraph}" if citation.paragraph else None,
        citation.source,
    ]
    return "; ".join(p for p in parts if p)


def export_briefing(
    query: str,
    filters: Filters,
    hits: Sequence[Hit],
    generation: str,
    today: date,
    answer: Answer | None = None,
) -> str:
    """A Markdown briefing: the query, the answer if one was asked for, then each passage
    quoted with its full citation."""
    lines = [
        f"# Briefing: {escape_markdown(query)}",
        "",
        f"Searched index generation {escape_markdown(generation)} on {today.isoformat()}; "
        f"filters: {escape_markdown(describe_filters(filters))}; "
        f"{len(hits)} passage{'' if len(hits) == 1 else 's'}.",
    ]
    if answer is not None:
        lines += ["", "## Answer", "", f"> {escape_markdown(answer.text)}", ""]
        lines += [f"Quoted from: {escape_markdown(full_citation(c))}" for c in answer.citations]
    for hit in hits:
        lines += ["", f"## {hit.rank}. {escape_markdown(hit.citation.label)}", ""]
        quoted = highlight_markdown(hit.text, ()).replace("\n", "\n> ")
        lines += [f"> {quoted}", "", f"Source: {escape_markdown(full_citation(hit.citation))}"]
        for other in hit.also_in:
            lines.append(f"Also in: {escape_markdown(full_citation(other))}")
    return "\n".join(lines) + "\n"


def paper_rows(papers: Iterable[PaperInfo]) -> list[dict[str, object]]:
    """One row a paper for the coverage table."""
    return [
        {
            "paper": Path(p.source).name,
            "council": p.council,
            "committee": p.committee,
            "meeting": p.meeting_date,
            "kind": p.kind,
            "pages": p.page_count,
            "agenda items": len(p.items),
            "passages": p.chunks,
            "pages with no text": len(p.image_only_pages),
            "warnings": len(p.warnings),
            "source": p.source,
        }
        for p in papers
    ]


def meeting_rows(papers: Iterable[PaperInfo]) -> list[dict[str, object]]:
    """One row a meeting (date, council, committee), newest first, with its papers."""
    meetings: dict[tuple[str, str, str], list[PaperInfo]] = {}
    for p in papers:
        key = (p.meeting_date or "", p.council or "", p.committee or "")
        meetings.setdefault(key, []).append(p)
    return [
        {
            "meeting": day or None,
            "council": council or None,
            "committee": committee or None,
            "papers": len(group),
            "passages": sum(p.chunks for p in group),
        }
        for (day, council, committee), group in sorted(meetings.items(), reverse=True)
    ]


def page_ranges(pages: Iterable[int]) -> str:
    """Page numbers as ranges: (1, 2, 3, 5) -> "1-3, 5"."""
    spans: list[list[int]] = []
    for page in sorted(set(pages)):
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def parse_day(value: str) -> str | None:
    """An ISO date from a filter box, None when blank; ValueError when not YYYY-MM-DD."""
    value = value.strip()
    return date.fromisoformat(value).isoformat() if value else None


def file_matches(path: Path, sha256: str) -> bool:
    """True when the file at `path` is still the one the index was built from."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == sha256


def find_renderer() -> str | None:
    """Where poppler's pdftoppm is (Debian: poppler-utils), or None when not installed."""
    return shutil.which("pdftoppm")


def render_pdf_page(renderer: str, path: Path, page: int) -> bytes | None:
    """PNG bytes of one PDF page (1-based) drawn by `renderer`; None if it fails."""
    command = [renderer, "-f", str(page), "-l", str(page), "-png", "-singlefile"]
    command += ["-scale-to", str(PAGE_PIXELS), "--", str(path)]
    # sh only sets the memory limit: the arguments go to pdftoppm as "$@", never parsed.
    limited = ["sh", "-c", f'ulimit -v {RENDER_MEMORY_KB} && exec "$@"', "sh", *command]
    try:
        done = subprocess.run(limited, capture_output=True, timeout=RENDER_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return None
    ok = done.returncode == 0 and done.stdout.startswith(PNG_MAGIC)
    return done.stdout if ok else None


def _meeting_chunks(generation: Generation, citation: Citation) -> list[Chunk]:
    """The chunks of the cited paper at the cited meeting, in paper order.

    A paper's chunks sit in consecutive rows in paper order, so the rows the meeting's
    filters allow, read in ascending order, are the paper's passages in reading order.
    """
    filters = Filters(
        committee=citation.committee,
        council=citation.council if citation.committee is None else None,
        since=citation.meeting_date,
        until=citation.meeting_date,
    )
    rows = allowed_rows(generation, filters)
    if rows is None or len(rows) > MAX_CONTEXT_ROWS:
        return []
    return [c for c in read_chunks(generation, rows) if c.source == citation.source]


def item_context(
    generation: Generation, citation: Citation, chunk_id: str, before: int, after: int
) -> list[Chunk]:
    """The cited chunk with up to `before` and `after` chunks of its agenda item around it."""
    chunks = [c for c in _meeting_chunks(generation, citation) if c.item == citation.item]
    ids = [c.chunk_id for c in chunks]
    if chunk_id not in ids:
        return []
    at = ids.index(chunk_id)
    return chunks[max(0, at - before) : at + after + 1]


def page_chunks(generation: Generation, citation: Citation) -> list[Chunk]:
    """Every indexed chunk printed on the cited page: its text, when it cannot be drawn."""
    if citation.page is None:
        return []
    return [c for c in _meeting_chunks(generation, citation) if c.page == citation.page]


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

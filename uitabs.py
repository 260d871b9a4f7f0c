"""The app's result tabs (Passages, Trend, Decisions, Coverage), drawn with Streamlit.

ui.py runs the searches and hands the results here. Paper text is untrusted: it reaches
the page only through st.text, st.dataframe, the Vega-Lite charts of uitrend (drawn and
shown in tooltips as text) or Markdown that uiparts built from escaped text.
"""

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

import streamlit as st

from index import Filters, FilterValues, PaperInfo, describe_generation
from search import Answer, Decision, Hit, Searcher, Series, Trend
from uipage import (
    find_renderer,
    find_word_reader,
    highlight_passage,
    read_page_words,
    render_pdf_page,
)
from uiparts import (
    describe_filters,
    escape_markdown,
    export_briefing,
    export_csv,
    file_matches,
    full_citation,
    highlight_markdown,
    item_context,
    meeting_rows,
    page_chunks,
    page_ranges,
    paper_rows,
    query_terms,
)
from uitrend import (
    TREND_TABLE,
    mentions_chart,
    point_label,
    selected_point,
    series_chart,
    trend_rows,
)

# Passages shown before and after the cited one: about a printed page, the cited one in view.
CONTEXT_BEFORE, CONTEXT_AFTER = 1, 3
MIME_TYPES = {".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/markdown"}
MAX_SERIES = 5  # charts drawn for a trend; past the largest few, a series is a stray figure
MAX_DECISIONS = 50  # cards drawn at once: a whole council's ledger runs to hundreds
OUTCOME_COLOURS: dict[str, Literal["green", "blue", "gray", "orange", "red", "violet"]] = {
    "agreed": "green",
    "amended": "blue",
    "noted": "gray",
    "deferred": "orange",
    "rejected": "red",
    "pending": "violet",
}
NO_FIGURES = "No figures found about this in the papers searched."
DEFINITION_VARIES = (
    "The words around these figures differ from passage to passage: they may not measure "
    "the same thing. Read each figure's passage before comparing them."
)


@st.cache_data(max_entries=64, show_spinner="Drawing the page…")
def _page_png(renderer: str, path: str, sha256: str, page: int) -> bytes | None:
    del sha256  # part of the cache key only: a changed file is drawn again
    return render_pdf_page(renderer, Path(path), page)


@st.cache_data(max_entries=64, show_spinner="Finding the passage on the page…")
def _marked_png(
    renderer: str, reader: str, path: str, sha256: str, page: int, passage: str
) -> bytes | None:
    png = _page_png(renderer, path, sha256, page)
    words = read_page_words(reader, Path(path), page)
    return highlight_passage(png, words, passage) if png is not None else None


@st.cache_data(max_entries=256, show_spinner=False)
def _unchanged(path: str, sha256: str, mtime_ns: int, size: int) -> bool:
    del mtime_ns, size  # part of the cache key only: hash again once the file is touched
    return file_matches(Path(path), sha256)


def describe_count(n: int, noun: str) -> str:
    """`n` `noun`s, with thousands separators: "1 paper", "1,204 papers"."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def show_coverage(
    searcher: Searcher,
    papers: Sequence[PaperInfo],
    values: FilterValues,
    failures: Sequence[tuple[str, str]],
) -> None:
    facts = describe_generation(searcher.generation)
    flagged = [p for p in papers if p.image_only_pages or p.warnings]
    columns = st.columns(5)
    columns[0].metric("Papers", facts["papers"])
    columns[1].metric("Meetings", facts["meetings"])
    columns[2].metric("First meeting", values.first_meeting_date or "none")
    columns[3].metric("Last meeting", values.last_meeting_date or "none")
    columns[4].metric("Papers to check", len(flagged), help="Pages with no text, or warnings.")
    st.subheader("Meetings")
    st.dataframe(meeting_rows(papers), hide_index=True)
    st.subheader("Papers")
    st.dataframe(paper_rows(papers), hide_index=True)
    if flagged:
        st.subheader("Papers to check")
    for paper in flagged:
        notes = [paper.source]
        if paper.image_only_pages:
            pages = page_ranges(paper.image_only_pages)
            notes.append(f"  no text layer, so not searchable: pages {pages}")
        notes += [f"  {warning}" for warning in paper.warnings]
        st.text("\n".join(notes))
    if failures:
        st.subheader("Papers the last ingest could not read (not searched)")
        st.text("\n".join(f"{source}\n  {reason}" for source, reason in failures))


def _exports(
    query: str, filters: Filters, hits: list[Hit], generation: str, answer: Answer | None
) -> None:
    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Download CSV",
        export_csv(hits),
        file_name="scrutineer-results.csv",
        mime="text/csv",
        on_click="ignore",
        key="export-csv",
    )
    buttons.download_button(
        "Download briefing (Markdown)",
        export_briefing(query, filters, hits, generation, date.today(), answer),
        file_name="scrutineer-briefing.md",
        mime="text/markdown",
        on_click="ignore",
        key="export-md",
    )


def _passage(hit: Hit, terms: Sequence[str], top: float, open_key: str) -> None:
    citation = hit.citation
    st.markdown(f"**{hit.rank}\\. {escape_markdown(citation.label)}**")
    kind = [citation.doc_type, citation.item_title, citation.committee, citation.council]
    st.caption(escape_markdown(" · ".join(part for part in kind if part)))
    if hit.is_decision or hit.classification != "public":
        badges = st.container(horizontal=True)
        if hit.is_decision:
            badges.badge("decision", color="green")
        if hit.classification != "public":
            badges.badge(escape_markdown(hit.classification), color="red")
    st.markdown(highlight_markdown(hit.text, terms))
    if hit.also_in:
        places = "; ".join(f"{c.label} ({c.doc_type})" for c in hit.also_in)
        st.caption(escape_markdown(f"Also in: {places}"))
    score, toggle = st.columns([3, 1], vertical_alignment="center")
    score.progress(min(1.0, hit.score / top) if top > 0 else 0.0, text=f"score {hit.score:.4f}")
    toggle.toggle("Open source", key=open_key)


def _source(searcher: Searcher, hit: Hit, paper: PaperInfo | None) -> None:
    citation = hit.citation
    st.caption(escape_markdown(f"Source: {citation.source}"))
    if paper is not None and paper.kind == "pdf" and citation.page is not None:
        png, renderer = None, find_renderer()
        if renderer is not None and Path(paper.path).is_file():
            png = _page_png(renderer, paper.path, paper.sha256, citation.page)
        if renderer is not None and png is not None:
            _page_picture(renderer, png, paper, hit)
        else:
            st.caption("The page cannot be drawn here (is pdftoppm installed?); its text:")
            with st.container(height=480):
                for chunk in page_chunks(searcher.generation, citation):
                    st.text(chunk.text)
    else:
        _context(searcher, hit)
    _download_paper(paper, hit.chunk_id)


def _page_picture(renderer: str, png: bytes, paper: PaperInfo, hit: Hit) -> None:
    page, reader, marked = hit.citation.page, find_word_reader(), None
    if reader is not None and page is not None:
        marked = _marked_png(renderer, reader, paper.path, paper.sha256, page, hit.text)
    caption = f"Page {page} of {paper.page_count}"
    if marked is None:
        st.image(png, caption=caption)
        st.caption("The passage could not be placed on this page: read it beside the page.")
    else:
        st.image(marked, caption=f"{caption}, the passage highlighted")


def _context(searcher: Searcher, hit: Hit) -> None:
    around = item_context(
        searcher.generation, hit.citation, hit.chunk_id, CONTEXT_BEFORE, CONTEXT_AFTER
    )
    st.caption(escape_markdown(f"Item {hit.citation.item or '(none)'}, around the passage:"))
    with st.container(height=480):
        if not around:
            st.text(hit.text)
        for chunk in around:
            # The cited passage is the one in a box.
            st.container(border=chunk.chunk_id == hit.chunk_id).text(chunk.text)


def _download_paper(paper: PaperInfo | None, key: str) -> None:
    path = Path(paper.path) if paper is not None else None
    if paper is None or path is None or not path.is_file():
        st.caption("The original paper is no longer where it was indexed.")
        return
    found = path.stat()
    if not _unchanged(paper.path, paper.sha256, found.st_mtime_ns, found.st_size):
        st.warning("This paper has changed since it was indexed: citations may not match it.")
    st.download_button(
        "Download the paper",
        path.read_bytes(),
        file_name=path.name,
        mime=MIME_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        on_click="ignore",
        key=f"paper-{key}",
    )


def _card(
    searcher: Searcher, papers: dict[str, PaperInfo], hit: Hit, terms: Sequence[str], top: float
) -> None:
    open_key = f"open-{hit.chunk_id}"
    with st.container(border=True):
        if not st.session_state.get(open_key, False):
            _passage(hit, terms, top, open_key)
            return
        left, right = st.columns([3, 2], gap="medium")
        with left:
            _passage(hit, terms, top, open_key)
        with right:
            _source(searcher, hit, papers.get(hit.citation.source))


def _show_answer(answer: Answer) -> None:
    if answer.answerable:
        st.success(escape_markdown(answer.text))
        cited = "; ".join(c.label for c in answer.citations)
        st.caption(escape_markdown(f"Quoted from {cited}. The passages it was drawn from:"))
        return
    seen = answer.searched
    span = f"{seen.first_meeting} to {seen.last_meeting}" if seen.first_meeting else "no dates"
    searched = f"{describe_count(seen.papers, 'paper')} from "
    searched += f"{describe_count(seen.meetings, 'meeting')} ({span})"
    st.warning(escape_markdown(f"{answer.text} Searched {searched}. The nearest passages:"))


def show_passages(
    searcher: Searcher,
    papers: dict[str, PaperInfo],
    query: str,
    filters: Filters,
    found: tuple[list[Hit], Answer | None, float],
) -> None:
    """The cards of `found`: its hits, the answer drawn from them (Ask mode) and the
    milliseconds the search took."""
    hits, answer, took = found
    if answer is not None:
        _show_answer(answer)
    if not hits:
        st.warning("No passages found in the papers searched: try other words or fewer filters.")
        return
    summary = f"{describe_count(len(hits), 'passage')} in {took:.0f} ms; filters: "
    st.caption(escape_markdown(summary + describe_filters(filters)))
    _exports(query, filters, hits, searcher.generation.name, answer)
    terms = query_terms(query)
    for hit in hits:
        _card(searcher, papers, hit, terms, hits[0].score)


def widget_key(*parts: object) -> str:
    """A key for widgets that belong to one query's results: a new query gets new widgets."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _series(series: Series, key: str) -> None:
    rows = trend_rows(series)
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(series.metric)}**")
        if series.definition_varies:
            st.warning(DEFINITION_VARIES)
        chart, passage = st.columns([3, 2], gap="medium")
        drawn = chart.altair_chart(
            series_chart(rows, series.unit), on_select="rerun", key=f"chart-{key}"
        )
        # A new click in the chart picks its point in the box beside it; between clicks the
        # box stays free to pick another.
        clicked = selected_point(drawn.selection)
        if clicked is not None and clicked != st.session_state.get(f"clicked-{key}"):
            st.session_state[f"point-{key}"] = clicked
        st.session_state[f"clicked-{key}"] = clicked
        undated = sum(row["date"] is None for row in rows)
        if undated:
            chart.caption(f"{undated} undated: in the table only.")
        with passage:
            choice = st.selectbox(
                "The passage of the figure",
                range(len(rows)),
                format_func=lambda number: point_label(rows[number]),
                help="Or click a point in the chart.",
                key=f"point-{key}",
            )
            point = series.points[choice or 0]
            st.text(point.sentence)
            st.caption(escape_markdown(full_citation(point.citation)))
        with st.expander("The figures as a table"):
            st.dataframe(rows, column_order=TREND_TABLE, hide_index=True)


def show_trend(trend: Trend, query: str, filters: Filters) -> None:
    if trend.mentions:
        st.caption("Of the passages that match best, how many each meeting holds:")
        st.altair_chart(mentions_chart(trend.mentions))
    if not trend.series:
        st.info(NO_FIGURES)
        return
    shown = trend.series[:MAX_SERIES]
    st.caption(
        f"Figures quoted about this, {len(trend.series)} series by unit; the "
        f"{len(shown)} with most points. Dates are the periods the figures describe, or "
        "the meeting's when the passage names none."
    )
    for number, series in enumerate(shown):
        _series(series, widget_key(query, filters, number))


def _decision_text(column: Any, heading: str, text: str | None, missing: str) -> None:
    column.caption(heading)
    if text:
        column.text(text)
    else:
        column.caption(missing)


def _decision_card(decision: Decision) -> None:
    item = f"item {decision.item}" if decision.item else None
    head = [decision.meeting_date or "undated", item, decision.item_title]
    with st.container(border=True):
        title = st.container(horizontal=True, vertical_alignment="center")
        title.markdown(f"**{escape_markdown(' · '.join(p for p in head if p))}**", width="content")
        title.badge(escape_markdown(decision.outcome), color=OUTCOME_COLOURS[decision.outcome])
        body = [decision.committee, decision.council]
        st.caption(escape_markdown(" · ".join(part for part in body if part)))
        recommended, resolved = st.columns(2, gap="medium")
        missing = "No officer recommendation found in the papers searched."
        _decision_text(recommended, "Recommended:", decision.recommendation, missing)
        missing = "No resolution minuted in the papers searched."
        _decision_text(resolved, "Resolved:", decision.resolution, missing)
        cited = "; ".join(citation.label for citation in decision.citations)
        st.caption(escape_markdown(f"Cited: {cited}"))


def show_decisions(decisions: list[Decision], query: str, filters: Filters) -> None:
    if not decisions:
        about = " about this" if query.strip() else ""
        st.info(f"No decisions found{about} in the papers searched.")
        return
    order = "best match first" if query.strip() else "newest meeting first"
    shown = decisions[:MAX_DECISIONS]
    summary = f"{describe_count(len(decisions), 'decision')}, {order}"
    if len(shown) < len(decisions):
        summary += f"; the first {len(shown)} shown"
    st.caption(escape_markdown(f"{summary}; filters: {describe_filters(filters)}"))
    for decision in shown:
        _decision_card(decision)

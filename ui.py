"""The Streamlit app: a thin shell over the index and search packages.

Paper text is untrusted: it reaches the page only through st.text, st.dataframe, st.code,
selectbox options, Vega-Lite chart data (drawn and shown in tooltips as text) or Markdown
that uiparts built from escaped text. Nothing here allows raw HTML.
"""

import os
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st

from index import (
    Filters,
    FilterValues,
    IndexMismatch,
    IndexNotFound,
    PaperInfo,
    UnknownEmbedder,
    current_generation_name,
    describe_generation,
    filter_values,
    load_embedder,
    open_generation,
    read_failures,
    read_papers,
)
from search import (
    Decision,
    GenerationFailed,
    Hit,
    Searcher,
    Trend,
    Written,
    answer_question,
    find_decisions,
    find_hits,
    make_searcher,
    trace_trend,
    write_answer,
)
from uiparts import escape_markdown, parse_day
from uitabs import (
    describe_count,
    show_coverage,
    show_decisions,
    show_passages,
    show_trend,
    widget_key,
)

IndexKey = tuple[str, str, str]  # index folder, generation, embedder: what the caches key on

INDEX_ENV = "SCRUTINEER_INDEX"
DEFAULT_INDEX = "var/index"
EMBEDDER_ENV = "SCRUTINEER_EMBEDDER"
LLM_ENV = "SCRUTINEER_LLM_URL"
DEFAULT_EMBEDDER = "minilm"
ANY = "(any)"
DEFAULT_K = 10
SEARCH, ASK = "Search", "Ask"
MODES = (SEARCH, ASK)
PLACEHOLDERS = {
    SEARCH: "Some words to search for, e.g. autism waiting times trend",
    ASK: "A question, e.g. What did the committee resolve about the Youth Justice Plan?",
}
PASSAGES, TREND, DECISIONS, COVERAGE = "Passages", "Trend", "Decisions", "Coverage"
TABS = (PASSAGES, TREND, DECISIONS, COVERAGE)


@st.cache_resource(show_spinner="Loading the index…", max_entries=2)
def _searcher(index_dir: str, generation: str, embedder: str) -> Searcher:
    # Keyed by generation: a new ingest publishes a new generation and the app switches.
    model = load_embedder(embedder)
    return make_searcher(open_generation(Path(index_dir), model.name), model)


@st.cache_resource(max_entries=2)
def _papers(index_dir: str, generation: str, embedder: str) -> dict[str, PaperInfo]:
    """The index's papers by the source name their citations use."""
    searcher = _searcher(index_dir, generation, embedder)
    return {paper.source: paper for paper in read_papers(searcher.generation)}


@st.cache_data(max_entries=32, show_spinner="Reading the figures…")
def _trend(index: IndexKey, query: str, filters: Filters) -> Trend:
    return trace_trend(_searcher(*index), query, filters)


@st.cache_data(max_entries=32, show_spinner="Reading the decisions…")
def _decisions(index: IndexKey, query: str, filters: Filters) -> list[Decision]:
    return find_decisions(_searcher(*index), query, filters)


def _index_key() -> IndexKey:
    index_dir = os.environ.get(INDEX_ENV, DEFAULT_INDEX)
    embedder = os.environ.get(EMBEDDER_ENV, DEFAULT_EMBEDDER)
    return index_dir, current_generation_name(Path(index_dir)) or "", embedder


def _open_index(key: IndexKey) -> tuple[Searcher, dict[str, PaperInfo]]:
    index_dir = key[0]
    try:
        return _searcher(*key), _papers(*key)
    except IndexNotFound as exc:
        st.error(f"No index to search yet: {escape_markdown(str(exc))}")
        st.code(f"scrutineer ingest corpus --index {index_dir}", language="bash")
    except IndexMismatch as exc:
        st.error(escape_markdown(f"{exc} (in the app: set {EMBEDDER_ENV}={exc.built})"))
    except UnknownEmbedder as exc:
        st.error(escape_markdown(f"{EMBEDDER_ENV}: {exc}"))
    st.stop()


def _choice(label: str, counted: Sequence[tuple[str, int]], key: str) -> str | None:
    counts = dict(counted)
    picked = st.sidebar.selectbox(
        label,
        [ANY, *counts],
        format_func=lambda name: name if name == ANY else f"{name} ({counts[name]:,})",
        help="The number beside each name counts its passages in the index.",
        key=key,
    )
    return None if picked in (None, ANY) else str(picked)


def _day(label: str, text: str) -> str | None:
    try:
        return parse_day(text)
    except ValueError:
        st.error(escape_markdown(f"{label}: “{text.strip()}” is not a date; write it YYYY-MM-DD."))
        st.stop()


def _sidebar(values: FilterValues) -> tuple[Filters, int]:
    st.sidebar.header("Filters")
    council = _choice("Council", values.councils, "council")
    committee = _choice("Committee", values.committees, "committee")
    doc_type = _choice("Document type", values.doc_types, "doc_type")
    span = f"Meetings in the index run from {values.first_meeting_date} to "
    span += f"{values.last_meeting_date}."
    since_text = st.sidebar.text_input(
        "Meetings since",
        placeholder=values.first_meeting_date or "YYYY-MM-DD",
        help=span,
        key="since",
    )
    until_text = st.sidebar.text_input(
        "Meetings until",
        placeholder=values.last_meeting_date or "YYYY-MM-DD",
        help=span,
        key="until",
    )
    decisions = st.sidebar.checkbox(
        "Decisions only",
        help="Only text under Resolved or Recommendation headings.",
        key="decisions",
    )
    k = st.sidebar.slider("Passages to show", 5, 50, DEFAULT_K, step=5, key="k")
    since, until = _day("Meetings since", since_text), _day("Meetings until", until_text)
    if since and until and since > until:
        st.error(f"Meetings since {since} is after meetings until {until}: swap them.")
        st.stop()
    filters = Filters(council, committee, since, until, doc_type, decisions)
    return filters, k


def _index_status(searcher: Searcher) -> None:
    facts = describe_generation(searcher.generation)
    built = datetime.fromisoformat(facts["created_at"]).astimezone(UTC)
    st.sidebar.header("Index")
    st.sidebar.text(
        f"generation {facts['generation']}\nbuilt {built:%d %b %Y %H:%M} UTC\n"
        f"{describe_count(facts['papers'], 'paper')}, "
        f"{describe_count(facts['meetings'], 'meeting')}, "
        f"{describe_count(facts['chunks'], 'passage')}\n"
        f"embedder {facts['embedder']} ({facts['dim']} dimensions)\n"
        f"audience {facts['audience']}"
    )
    for warning in searcher.generation.warnings:
        st.sidebar.warning(escape_markdown(warning))


def _query_box() -> tuple[str, str]:
    mode = st.radio("Mode", MODES, horizontal=True, key="mode", label_visibility="collapsed")
    label = "Ask the papers" if mode == ASK else "Search the papers"
    return mode, st.text_input(label, placeholder=PLACEHOLDERS[mode], key="query")


def _llm_url() -> str:
    help_text = (
        "An OpenAI-compatible server (llama.cpp, Ollama) that writes a short answer in Ask "
        "mode from the passages found; each sentence is kept only if it cites a passage."
    )
    url = st.sidebar.text_input(
        "Language model URL (Ask mode, optional)",
        value=os.environ.get(LLM_ENV, ""),
        placeholder="http://127.0.0.1:8080",
        help=help_text,
        key="llm",
    )
    return url.strip()


def _written_answer(url: str, query: str, hits: list[Hit]) -> None:
    """A button that asks the language model, and what it wrote (plain text) or why not."""
    key = "written-" + widget_key(url, query, [hit.chunk_id for hit in hits])
    if st.button("Write an answer with the language model", key=f"ask-{key}"):
        try:
            st.session_state[key] = write_answer(url, query, hits)
        except GenerationFailed as exc:
            st.session_state[key] = str(exc)
    written = st.session_state.get(key)
    if isinstance(written, str):
        st.warning(escape_markdown(f"No written answer: {written}. The quoted answer stands."))
    elif isinstance(written, Written):
        with st.container(border=True):
            dropped = f"; {written.dropped} sentence(s) without a valid citation dropped"
            note = "Written by the language model from the passages below" + (
                dropped if written.dropped else ""
            )
            st.caption(escape_markdown(note + "."))
            st.text(written.text or "The model gave no sentence with a valid citation.")
            cited = "; ".join(f"[{n}] {hits[n - 1].citation.label}" for n in written.cited)
            if cited:
                st.caption(escape_markdown(cited))


def _passages_tab(
    searcher: Searcher,
    papers: dict[str, PaperInfo],
    filters: Filters,
    k: int,
    mode: str,
    query: str,
    llm_url: str = "",
) -> None:
    if not query.strip():
        st.info(f"Type {PLACEHOLDERS[mode][0].lower()}{PLACEHOLDERS[mode][1:]}")
        return
    answer = None
    started = time.perf_counter()
    if mode == ASK:
        hits, answer = answer_question(searcher, query, filters, k)
    else:
        hits = find_hits(searcher, query, filters, k)
    took = (time.perf_counter() - started) * 1000
    if mode == ASK and llm_url and hits:
        _written_answer(llm_url, query, hits)
    show_passages(searcher, papers, query, filters, (hits, answer, took))


def _trend_tab(index: IndexKey, query: str, filters: Filters) -> None:
    if not query.strip():
        st.info("Type a topic above, e.g. autism waiting times, to see its figures over time.")
        return
    show_trend(_trend(index, query, filters), query, filters)


def main() -> None:
    st.set_page_config(page_title="Scrutineer", layout="wide")
    st.title("Scrutineer")
    st.caption("Search council committee papers: every passage with its citation.")
    index = _index_key()
    searcher, papers = _open_index(index)
    values = filter_values(searcher.generation)
    filters, k = _sidebar(values)
    llm_url = _llm_url()
    _index_status(searcher)
    mode, query = _query_box()
    # Only the open tab runs: a trend or a ledger is not worth building behind a search.
    passages, trend, decisions, coverage = st.tabs(TABS, key="tab", on_change="rerun")
    if passages.open:
        with passages:
            _passages_tab(searcher, papers, filters, k, mode, query, llm_url)
    if trend.open:
        with trend:
            _trend_tab(index, query, filters)
    if decisions.open:
        with decisions:
            show_decisions(_decisions(index, query, filters), query, filters)
    if coverage.open:
        with coverage:
            failures = read_failures(Path(index[0]))
            show_coverage(searcher, list(papers.values()), values, failures)


if __name__ == "__main__":
    main()

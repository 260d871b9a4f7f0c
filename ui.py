"""The Streamlit app: a thin shell over the search package.

Paper text is untrusted: every string that came from a paper (passages, titles, committee
names, labels) is shown with st.text or escaped, never as Markdown or HTML.
"""

import os
import re
from pathlib import Path

import streamlit as st

from index import (
    Filters,
    IndexMismatch,
    IndexNotFound,
    InvalidFilter,
    describe_generation,
    filter_values,
    load_embedder,
    open_generation,
)
from search import Hit, Searcher, find_hits, make_searcher

INDEX_ENV = "SCRUTINEER_INDEX"
DEFAULT_INDEX = "var/index"
EMBEDDER_ENV = "SCRUTINEER_EMBEDDER"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$:<>~])")


def escape_markdown(text: str) -> str:
    """Text with every Markdown, LaTeX and directive character escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _current_generation(index_dir: Path) -> str:
    try:
        return (index_dir / "CURRENT").read_text().strip()
    except OSError:
        return ""


@st.cache_resource(show_spinner="Loading the index…")
def _searcher(index_dir: str, generation: str, embedder: str) -> Searcher:
    # Keyed by generation: a new ingest publishes a new generation and the app switches.
    model = load_embedder(embedder)
    return make_searcher(open_generation(Path(index_dir), model.name), model)


def _sidebar(searcher: Searcher) -> Filters:
    values = filter_values(searcher.generation)
    st.sidebar.header("Filters")
    councils = [name for name, _ in values.councils]
    committees = [name for name, _ in values.committees]
    council = st.sidebar.selectbox("Council", ["(any)", *councils])
    committee = st.sidebar.selectbox("Committee", ["(any)", *committees])
    doc_type = st.sidebar.selectbox(
        "Document type", ["(any)", "agenda", "report", "appendix", "minutes"]
    )
    since = st.sidebar.text_input("Meetings since (YYYY-MM-DD)", "")
    until = st.sidebar.text_input("Meetings until (YYYY-MM-DD)", "")
    decisions = st.sidebar.checkbox("Decisions only")
    return Filters(
        council=None if council == "(any)" else council,
        committee=None if committee == "(any)" else committee,
        since=since.strip() or None,
        until=until.strip() or None,
        doc_type=None if doc_type == "(any)" else doc_type,
        decisions=decisions,
    )


def _card(hit: Hit) -> None:
    with st.container(border=True):
        st.text(f"{hit.rank}. {hit.citation.label}")
        if hit.citation.item_title:
            st.text(f"{hit.citation.doc_type} · {hit.citation.item_title}")
        st.text(hit.text)
        for other in hit.also_in:
            st.text(f"also in: {other.label}")
        st.progress(min(1.0, hit.score / 0.0333), text=None)


def main() -> None:
    st.set_page_config(page_title="Scrutineer", layout="wide")
    st.title("Scrutineer")
    st.caption("Search council committee papers, with citations.")
    index_dir = Path(os.environ.get(INDEX_ENV, DEFAULT_INDEX))
    embedder = os.environ.get(EMBEDDER_ENV, "minilm")
    try:
        searcher = _searcher(str(index_dir), _current_generation(index_dir), embedder)
    except (IndexNotFound, IndexMismatch) as exc:
        st.error(str(exc))
        st.code(f"scrutineer ingest corpus --index {index_dir}", language="bash")
        st.stop()
    filters = _sidebar(searcher)
    facts = describe_generation(searcher.generation)
    status = f"{facts['papers']} papers · {facts['chunks']} chunks · {facts['generation']}"
    st.sidebar.caption(escape_markdown(status))
    query = st.text_input("Search the papers", placeholder="autism waiting times trend")
    if not query.strip():
        st.info("Type a question or some words to search the papers.")
        return
    try:
        hits = find_hits(searcher, query, filters, 10)
    except InvalidFilter as exc:
        st.error(str(exc))
        st.stop()
    if not hits:
        st.warning("No passages found in the papers searched.")
    for hit in hits:
        _card(hit)


main()

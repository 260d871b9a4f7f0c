"""Invariants of chunking over generated papers (hypothesis)."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Document, Page, build_paper
from ingest.lines import split_lines
from tests.conftest import count_words

WORD = st.sampled_from(
    "council budget children care report school plan the of and in £12m 2021 45% "
    "Resolved: Recommendation Appendix 2.1 - • (a) | autism weeks".split()
)
LINE = st.lists(WORD, min_size=1, max_size=30).map(" ".join)
PAGE = st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=25).map("\n".join)


def words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9£%]+", text.lower())) + " "


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=4))
def test_every_chunk_comes_from_the_page_it_cites_and_ids_are_unique(pages: list[str]) -> None:
    front = "Cabinet\n\nThursday 30 January 2025\n\n"
    document = Document(
        "gen.pdf", "0" * 64, "pdf",
        tuple(Page(n, (front if n == 1 else "") + text) for n, text in enumerate(pages, 1)),
    )  # fmt: skip
    try:
        paper = build_paper(document, Path("gen.pdf"), count_words, 256)
    except ValueError:
        return  # a paper with no text at all is refused, which other tests cover
    page_text = {
        p.number: words(" ".join(line.text for line in split_lines(Document("g", "", "pdf", (p,)))))
        for p in document.pages
    }
    ids = [c.chunk_id for c in paper.chunks]
    assert len(ids) == len(set(ids))
    for chunk in paper.chunks:
        assert words(chunk.text) in page_text[chunk.page]
        assert count_words(f"{chunk.context}\n{chunk.text}") <= 256 or len(chunk.text.split()) < 8
    again = build_paper(document, Path("gen.pdf"), count_words, 256)
    assert [c.chunk_id for c in again.chunks] == ids

"""Save then load: every field of every chunk and paper survives a generation."""

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_index_factory import ingest_into, install_fake_ingest, make_chunk, write_paper

import ingest
from index import open_generation, read_chunks, read_papers
from ingest.paper import AgendaItem, Chunk, Paper

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
MAYBE = st.none() | TEXT
CHUNKS = st.builds(
    make_chunk,
    chunk_id=st.uuids().map(str),
    text=TEXT,
    context=TEXT,
    page=st.none() | st.integers(1, 10_000),
    printed_page=st.none() | st.integers(-5, 10_000),
    council=MAYBE,
    committee=MAYBE,
    meeting_date=st.none() | st.dates().map(lambda d: d.isoformat()),
    doc_type=st.sampled_from(["agenda", "minutes", "report", "appendix"]),
    item=MAYBE,
    item_title=MAYBE,
    paragraph=MAYBE,
    heading=MAYBE,
    is_decision=st.booleans(),
    classification=st.sampled_from(["public", "exempt"]),
)
ITEMS = st.lists(
    st.builds(AgendaItem, TEXT, TEXT, st.none() | st.integers(1, 99), st.none(), st.booleans()),
    max_size=3,
)


@pytest.fixture(autouse=True)
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_ingest(monkeypatch)


def paper_of(chunks: list[Chunk], items: list[AgendaItem], warnings: list[str]) -> Paper:
    return Paper(
        source="paper.txt",
        sha256="0" * 64,
        kind="pdf",
        council=chunks[0].council,
        committee=None,
        meeting_date=chunks[0].meeting_date,
        venue="Shire Hall",
        items=tuple(items),
        chunks=tuple(chunks),
        page_count=7,
        image_only_pages=(3, 5),
        warnings=tuple(warnings),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    chunks=st.lists(CHUNKS, min_size=1, max_size=6),
    items=ITEMS,
    warnings=st.lists(TEXT, max_size=2),
)
def test_saving_then_loading_round_trips_every_chunk_and_paper_field(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunks: list[Chunk],
    items: list[AgendaItem],
    warnings: list[str],
) -> None:
    folder = tmp_path / uuid.uuid4().hex
    path = write_paper(folder, "paper.txt", ["placeholder"])
    monkeypatch.setattr(ingest, "read_paper", lambda *_: paper_of(chunks, items, warnings))

    ingest_into(folder / "index", path, audience="members")

    generation = open_generation(folder / "index", "hashing")
    assert read_chunks(generation, list(range(len(chunks)))) == chunks
    (info,) = read_papers(generation)
    assert info.items == tuple(items)
    assert info.warnings == tuple(warnings)
    assert (info.path, info.kind, info.venue, info.image_only_pages) == (
        str(path),
        "pdf",
        "Shire Hall",
        (3, 5),
    )
    assert info.chunks == len(chunks)

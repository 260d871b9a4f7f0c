"""The readers: filters mean the same to both rankers, queries never raise, BM25 is BM25."""

import math
import random
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_index_factory import (
    VOCABULARY,
    ingest_into,
    install_fake_ingest,
    random_paragraph,
    write_paper,
)

from index import (
    Filters,
    Generation,
    IndexMismatch,
    InvalidFilter,
    UnknownRow,
    filter_values,
    open_generation,
    rank_dense,
    rank_sparse,
    read_chunks,
)
from index import dense as dense_module
from index import sparse as sparse_module
from index.embedder import HashingEmbedder
from index.sparse import analyze, query_terms
from ingest.paper import Chunk

COUNCILS = ("Warwickshire County Council", "Leeds City Council", "Cyngor Sir Ynys Môn")
COMMITTEES = ("Cabinet", "Children and Young People OSC", "Planning Committee")
DATES = ("2020-03-05", "2021-09-30", "2021-10-01", "2023-01-17", None)
DOC_TYPES = ("agenda", "minutes", "report", "appendix")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generation]:
    """Twelve papers with varied meetings; some paragraphs are decisions."""
    root = tmp_path_factory.mktemp("search")
    rng = random.Random(7)
    with pytest.MonkeyPatch.context() as monkeypatch:
        install_fake_ingest(monkeypatch)
        for n in range(12):
            paragraphs = [random_paragraph(rng) for _ in range(5)]
            paragraphs[n % 5] = "RESOLVED that " + paragraphs[n % 5]
            write_paper(
                root / "corpus",
                f"p{n:02d}.txt",
                paragraphs,
                council=COUNCILS[n % 3],
                committee=COMMITTEES[n % 2 if n < 6 else 2],
                date=DATES[n % 5],
                doc_type=DOC_TYPES[n % 4],
                context=f"Item {n}: {rng.choice(VOCABULARY)}",
            )
        ingest_into(root / "index", root / "corpus")
    yield open_generation(root / "index", "hashing")


def every_chunk(generation: Generation) -> list[Chunk]:
    return read_chunks(generation, list(range(generation.dense.ntotal)))


def passes(chunk: Chunk, filters: Filters) -> bool:
    """The filter semantics written out independently of the SQL that implements them."""
    for wanted, stored in ((filters.council, chunk.council), (filters.committee, chunk.committee)):
        if wanted is not None and (stored is None or wanted.casefold() not in stored.casefold()):
            return False
    date = chunk.meeting_date
    if filters.since is not None and (date is None or date < filters.since):
        return False
    if filters.until is not None and (date is None or date > filters.until):
        return False
    if filters.doc_type is not None and chunk.doc_type != filters.doc_type:
        return False
    return not (filters.decisions and not chunk.is_decision)


FILTERS = st.builds(
    Filters,
    council=st.sampled_from([None, "warwick", "LEEDS", "council", "YNYS MÔN", "Kent"]),
    committee=st.sampled_from([None, "cabinet", "osc", "planning"]),
    since=st.sampled_from([None, "2021-09-30", "2021-10-02"]),
    until=st.sampled_from([None, "2021-09-30", "2023-01-17"]),
    doc_type=st.sampled_from([None, *DOC_TYPES]),
    decisions=st.booleans(),
)


@pytest.mark.parametrize("strategy", ["term set", "deep read"])
@settings(max_examples=40, deadline=None)
@given(filters=FILTERS, query=st.sampled_from(["autism waiting times", "budget", "flooding"]))
def test_both_rankers_return_exactly_the_rows_the_filters_allow(
    corpus_index: Generation, strategy: str, filters: Filters, query: str
) -> None:
    chunks = every_chunk(corpus_index)
    allowed = {row for row, chunk in enumerate(chunks) if passes(chunk, filters)}
    vector = HashingEmbedder().encode([query])[0]

    with pytest.MonkeyPatch.context() as monkeypatch:
        if strategy == "deep read":
            monkeypatch.setattr(sparse_module, "TERM_SET_MAX_ROWS", 0)
            monkeypatch.setattr(sparse_module, "TERM_SET_DEPTH", 0)
        sparse = rank_sparse(corpus_index, query, filters, len(chunks))
        top3 = rank_sparse(corpus_index, query, filters, 3)
    dense = rank_dense(corpus_index, vector, filters, len(chunks))

    assert {row for row, _ in dense} == allowed
    terms = set(query_terms(query))
    matching = {row for row in allowed if terms & set(analyze(chunks[row].text))}
    assert {row for row, _ in sparse} >= matching
    assert {row for row, _ in sparse} <= allowed
    assert top3 == sparse[:3]


def test_a_narrow_filter_is_applied_before_dense_ranking_not_after(
    corpus_index: Generation,
) -> None:
    filters = Filters(council="leeds", until="2020-12-31", decisions=True)
    vector = HashingEmbedder().encode(["autism waiting times"])[0]
    unfiltered_top = {row for row, _ in rank_dense(corpus_index, vector, Filters(), 3)}

    rows = [row for row, _ in rank_dense(corpus_index, vector, filters, 3)]

    assert rows and not set(rows) & unfiltered_top
    assert all(passes(chunk, filters) for chunk in read_chunks(corpus_index, rows))


def test_council_filter_matches_a_substring_in_any_case(corpus_index: Generation) -> None:
    rows = [row for row, _ in rank_sparse(corpus_index, "budget council", Filters("ynys môn"), 50)]

    councils = {chunk.council for chunk in read_chunks(corpus_index, rows)}
    assert councils == {"Cyngor Sir Ynys Môn"}


@pytest.mark.parametrize(
    "query",
    ['text:autism "unclosed', "AND OR NOT autism", "((autism)) AND", "+autism -", "row:3"],
)
def test_query_syntax_is_treated_as_plain_words(corpus_index: Generation, query: str) -> None:
    plain = re.sub(r"\W+", " ", query)

    hits = rank_sparse(corpus_index, query, Filters(), 5)

    assert hits == rank_sparse(corpus_index, plain, Filters(), 5)
    if "autism" in query:
        assert "autism" in read_chunks(corpus_index, [hits[0][0]])[0].text.lower()


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=40))
def test_no_query_string_makes_sparse_ranking_raise(corpus_index: Generation, query: str) -> None:
    hits = rank_sparse(corpus_index, query, Filters(), 5)

    assert len(hits) <= 5
    assert all(0 <= row < corpus_index.dense.ntotal for row, _ in hits)


@pytest.mark.parametrize("query", ["", "   ", "!!! ... ???", "— –"])
def test_a_query_without_words_returns_no_hits(corpus_index: Generation, query: str) -> None:
    assert rank_sparse(corpus_index, query, Filters(), 10) == []


def test_a_word_in_the_context_ranks_below_the_same_word_in_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_ingest(monkeypatch)
    write_paper(tmp_path / "c", "a.txt", ["Placements review."], context="Item 5: Fostering")
    write_paper(tmp_path / "c", "b.txt", ["Fostering placements review."], context="Item 6")
    write_paper(tmp_path / "c", "c.txt", ["Unrelated highways paragraph."], context="Item 7")
    ingest_into(tmp_path / "index", tmp_path / "c")

    hits = rank_sparse(open_generation(tmp_path / "index"), "fostering", Filters(), 5)

    assert [row for row, _ in hits] == [1, 0]


def test_minus_one_ids_never_become_chunks(corpus_index: Generation) -> None:
    total = corpus_index.dense.ntotal
    vector = HashingEmbedder().encode(["budget"])[0]

    rows = rank_dense(corpus_index, vector, Filters(), total + 50)
    nan_rows = rank_dense(corpus_index, np.full(256, np.nan, dtype=np.float32), Filters(), 5)

    assert sorted(row for row, _ in rows) == list(range(total))
    assert nan_rows == []
    with pytest.raises(UnknownRow, match="row -1 is not in generation"):
        read_chunks(corpus_index, [-1])
    with pytest.raises(UnknownRow):
        read_chunks(corpus_index, [total])


def test_a_query_vector_of_the_wrong_size_is_an_index_mismatch(corpus_index: Generation) -> None:
    with pytest.raises(IndexMismatch, match="384-dimension"):
        rank_dense(corpus_index, np.ones(384, dtype=np.float32), Filters(), 5)


def test_a_date_filter_that_is_not_a_date_names_the_value(corpus_index: Generation) -> None:
    with pytest.raises(InvalidFilter, match=r"--since '30/09/2021' is not a date"):
        rank_sparse(corpus_index, "budget", Filters(since="30/09/2021"), 5)


def test_filter_values_list_distinct_values_with_counts_and_the_date_span(
    corpus_index: Generation,
) -> None:
    values = filter_values(corpus_index)

    assert [name for name, _ in values.councils] == sorted(COUNCILS)
    assert sum(count for _, count in values.councils) == corpus_index.dense.ntotal
    assert {name for name, _ in values.doc_types} == set(DOC_TYPES)
    assert (values.first_meeting_date, values.last_meeting_date) == ("2020-03-05", "2023-01-17")


@pytest.mark.parametrize("exact_max_rows", [0, 4096])
def test_hnsw_is_used_above_the_flat_limit_and_honours_filters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exact_max_rows: int
) -> None:
    install_fake_ingest(monkeypatch)
    monkeypatch.setattr(dense_module, "FLAT_MAX_CHUNKS", 10)
    monkeypatch.setattr(dense_module, "EXACT_MAX_ROWS", exact_max_rows)
    rng = random.Random(3)
    paragraphs = [random_paragraph(rng) for _ in range(30)]
    write_paper(tmp_path / "c", "a.txt", paragraphs[:15], council="Kent County Council")
    write_paper(tmp_path / "c", "b.txt", paragraphs[15:], council="Leeds City Council")
    ingest_into(tmp_path / "index", tmp_path / "c")
    generation = open_generation(tmp_path / "index")
    vector = HashingEmbedder().encode([paragraphs[20]])[0]

    hits = rank_dense(generation, vector, Filters(council="leeds"), 5)

    assert generation.manifest["dense_index"] == "hnsw"
    assert hits[0][0] == 20 and math.isclose(hits[0][1], 1.0, rel_tol=1e-5)
    assert len(hits) == 5 and all(row >= 15 for row, _ in hits)
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


@pytest.mark.parametrize(
    ("first", "then", "kinds"), [(8, 8, ("flat", "hnsw")), (12, 6, ("hnsw",) * 2)]
)
def test_adding_papers_extends_the_dense_index_and_every_chunk_still_finds_itself(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: int,
    then: int,
    kinds: tuple[str, str],
) -> None:
    install_fake_ingest(monkeypatch)
    monkeypatch.setattr(dense_module, "FLAT_MAX_CHUNKS", 10)
    rng = random.Random(5)
    paragraphs = [random_paragraph(rng) for _ in range(first + then)]
    index_dir = tmp_path / "index"
    ingest_into(index_dir, write_paper(tmp_path, "a.txt", paragraphs[:first]))
    built = open_generation(index_dir).manifest["dense_index"]
    ingest_into(index_dir, write_paper(tmp_path, "b.txt", paragraphs[first:]))
    generation = open_generation(index_dir)
    vectors = HashingEmbedder().encode([f"\n{p}" for p in paragraphs])

    found = [rank_dense(generation, vector, Filters(), 1)[0] for vector in vectors]

    assert (built, generation.manifest["dense_index"]) == kinds
    assert [row for row, _ in found] == list(range(first + then))
    assert all(math.isclose(score, 1.0, rel_tol=1e-5) for _, score in found)

"""What the search package asks of an open generation: ranked rows, chunks and facts.

`search` never imports faiss or tantivy; these functions are its only way in.
Rows are 0-based positions in the generation; ranks in the returned lists are best first.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

import faiss
import numpy as np

from index.dense import search_dense
from index.errors import IndexMismatch, UnknownRow
from index.filters import NO_DATE, Facets, Filters, build_facets, filter_mask, is_unfiltered
from index.reader import Generation
from index.sparse import query_terms, search_sparse
from index.store import PaperInfo, read_chunk_rows, read_facet_rows, read_paper_infos
from ingest.paper import Chunk

FACETS_KEY = "facets"  # the one entry of Generation.facets


@dataclass(frozen=True, slots=True)
class FilterValues:
    """What a UI sidebar offers: distinct values with their chunk counts, and the date span."""

    councils: tuple[tuple[str, int], ...]
    committees: tuple[tuple[str, int], ...]
    doc_types: tuple[tuple[str, int], ...]
    first_meeting_date: str | None
    last_meeting_date: str | None


@dataclass(frozen=True, slots=True)
class PaperMeeting:
    """A paper and one meeting its chunks belong to (a pack also holds the minutes of an
    earlier meeting, under that meeting's date)."""

    paper: str
    council: str | None
    committee: str | None
    meeting_date: str | None


def allowed_rows(generation: Generation, filters: Filters) -> list[int] | None:
    """The rows that pass `filters` in ascending order, or None when every row does."""
    mask = allowed_mask(generation, filters)
    return None if mask is None else np.flatnonzero(mask).tolist()


def allowed_mask(generation: Generation, filters: Filters) -> np.ndarray | None:
    """True at each row that passes `filters`; None when every row does."""
    if is_unfiltered(filters):
        return None
    return filter_mask(filters, _facets(generation))


def read_paper_meetings(generation: Generation, filters: Filters) -> list[PaperMeeting]:
    """Each distinct (paper, meeting) among the rows `filters` allows: exactly the papers
    and meetings a search with `filters` can return hits from."""
    facets = _facets(generation)
    rows = np.flatnonzero(filter_mask(filters, facets))
    days, day_codes = np.unique(facets.meeting_date[rows], return_inverse=True)
    columns = (facets.paper[rows], facets.council[rows], facets.committee[rows], day_codes)
    found = np.unique(np.column_stack(columns), axis=0)
    papers, councils, committees = facets.papers, facets.councils, facets.committees
    return [  # an undated row's NO_DATE ("") is None again
        PaperMeeting(papers[p], councils[c], committees[m], str(days[d]) or None)
        for p, c, m, d in found
    ]


def dated_rows(
    generation: Generation,
    filters: Filters,
    councils: tuple[str, ...] = (),
    committees: tuple[str, ...] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """The rows `filters` allow, only those of `councils` and of `committees` when any
    are named (exact names), and each one's meeting date ("" when undated), in row order."""
    facets = _facets(generation)
    mask = filter_mask(filters, facets)
    if councils:
        codes = [code for code, name in enumerate(facets.councils) if name in councils]
        mask &= np.isin(facets.council, codes)
    if committees:
        codes = [code for code, name in enumerate(facets.committees) if name in committees]
        mask &= np.isin(facets.committee, codes)
    rows = np.flatnonzero(mask)
    return rows, facets.meeting_date[rows]


def rank_sparse(
    generation: Generation, query: str, filters: Filters, n: int
) -> list[tuple[int, float]]:
    """BM25 top `n` (row, score) for the words of `query`, any of them (OR); [] for none.

    The query is plain words: quotes, colons, brackets and AND/OR are not syntax.
    """
    allowed = allowed_mask(generation, filters)
    return search_sparse(generation.sparse, generation.searcher, query, allowed, n)


def rank_dense(
    generation: Generation, vector: np.ndarray, filters: Filters, n: int
) -> list[tuple[int, float]]:
    """Cosine top `n` (row, score) for a query vector, among the rows `filters` allow."""
    built = generation.manifest["embedder"]
    return _rank_vectors(generation, generation.dense, built, "embedder", vector, filters, n)


def rank_second(
    generation: Generation, vector: np.ndarray, filters: Filters, n: int
) -> list[tuple[int, float]]:
    """Like rank_dense, over the second model's vectors; [] when the index has none."""
    if generation.second is None:
        return []
    built = generation.manifest["second"]
    return _rank_vectors(generation, generation.second, built, "second model", vector, filters, n)


def _rank_vectors(
    generation: Generation,
    index: faiss.Index,
    built: dict[str, Any],
    part: str,
    vector: np.ndarray,
    filters: Filters,
    n: int,
) -> list[tuple[int, float]]:
    if vector.size != int(built["dim"]):
        raise IndexMismatch(part, str(built["name"]), f"a {vector.size}-dimension query vector")
    return search_dense(index, vector, allowed_mask(generation, filters), n)


def read_chunks(generation: Generation, rows: list[int]) -> list[Chunk]:
    """The chunks at `rows`, in that order; a row outside the generation raises UnknownRow."""
    with generation.lock:
        found = read_chunk_rows(generation.conn, sorted({r for r in rows if r >= 0}))
    for row in rows:
        if row not in found:
            raise UnknownRow(row, generation.name)
    return [found[row] for row in rows]


def read_papers(generation: Generation) -> list[PaperInfo]:
    """Every paper in the generation with its meeting, agenda items and chunk count."""
    with generation.lock:
        return read_paper_infos(generation.conn)


def index_terms(text: str) -> list[str]:
    """The distinct terms BM25 sees in `text` (split, lowercased, stemmed)."""
    return query_terms(text)


def count_term_documents(generation: Generation, term: str) -> int:
    """How many chunks hold `term` (an index term from index_terms) in text or context."""
    with generation.lock:
        return max(generation.searcher.doc_freq(field, term) for field in ("text", "context"))


def read_acronyms(generation: Generation) -> dict[str, str]:
    """Acronym -> meaning over every paper, the meaning most papers give winning."""
    votes: dict[str, Counter[str]] = {}
    for paper in read_papers(generation):
        for short, meaning in paper.acronyms:
            votes.setdefault(short, Counter())[meaning] += 1
    return {short: counts.most_common(1)[0][0] for short, counts in sorted(votes.items())}


def describe_generation(generation: Generation) -> dict[str, Any]:
    """The manifest's headline facts, for `scrutineer stats` and the UI footer."""
    manifest = generation.manifest
    counts = manifest["counts"]
    return {
        "generation": generation.name,
        "papers": counts["papers"],
        "meetings": counts["meetings"],
        "items": counts["items"],
        "chunks": counts["chunks"],
        "embedder": manifest["embedder"]["name"],
        "dim": manifest["embedder"]["dim"],
        "second_model": (manifest.get("second") or {}).get("name"),
        "dense_index": manifest["dense_index"],
        "created_at": manifest["created_at"],
        "audience": manifest["audience"],
    }


def filter_values(generation: Generation) -> FilterValues:
    """Distinct councils, committees and document types with chunk counts; the date span."""
    facets = _facets(generation)
    # np.unique sorts: numpy has no min/max for string arrays.
    dates = np.unique(facets.meeting_date[facets.meeting_date != NO_DATE])
    doc_types, counts = np.unique(facets.doc_type, return_counts=True)
    return FilterValues(
        councils=_named_counts(facets.councils, facets.council),
        committees=_named_counts(facets.committees, facets.committee),
        doc_types=tuple((str(t), int(c)) for t, c in zip(doc_types, counts, strict=True)),
        first_meeting_date=str(dates[0]) if len(dates) else None,
        last_meeting_date=str(dates[-1]) if len(dates) else None,
    )


def _named_counts(names: tuple[str | None, ...], codes: np.ndarray) -> tuple[tuple[str, int], ...]:
    counts = np.bincount(codes, minlength=len(names))
    return tuple(sorted((n, int(c)) for n, c in zip(names, counts, strict=True) if n is not None))


def _facets(generation: Generation) -> Facets:
    with generation.lock:
        facets = generation.facets.get(FACETS_KEY)
        if facets is None:
            # Loaded on first use: an unfiltered CLI search never pays for it.
            facets = build_facets(read_facet_rows(generation.conn))
            generation.facets[FACETS_KEY] = facets
        return facets

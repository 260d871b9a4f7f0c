"""What the search package asks of an open generation: ranked rows, chunks and facts.

`search` never imports faiss or tantivy; these functions are its only way in.
Rows are 0-based positions in the generation; ranks in the returned lists are best first.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from index.dense import search_dense
from index.errors import IndexMismatch, UnknownRow
from index.filters import Filters, filter_clause, is_unfiltered
from index.reader import Generation
from index.sparse import search_sparse
from index.store import PaperInfo, read_chunk_rows, read_paper_infos
from ingest.paper import Chunk


@dataclass(frozen=True, slots=True)
class FilterValues:
    """What a UI sidebar offers: distinct values with their chunk counts, and the date span."""

    councils: tuple[tuple[str, int], ...]
    committees: tuple[tuple[str, int], ...]
    doc_types: tuple[tuple[str, int], ...]
    first_meeting_date: str | None
    last_meeting_date: str | None


def allowed_rows(generation: Generation, filters: Filters) -> list[int] | None:
    """The rows that pass `filters` in ascending order, or None when every row does."""
    if is_unfiltered(filters):
        return None
    clause, params = filter_clause(filters)
    with generation.lock:
        cursor = generation.conn.execute(
            f"SELECT row FROM chunks WHERE {clause} ORDER BY row", params
        )
        return [int(row) for (row,) in cursor]


def rank_sparse(
    generation: Generation, query: str, filters: Filters, n: int
) -> list[tuple[int, float]]:
    """BM25 top `n` (row, score) for the words of `query`, any of them (OR); [] for none.

    The query is plain words: quotes, colons, brackets and AND/OR are not syntax.
    """
    allowed = allowed_rows(generation, filters)
    return search_sparse(generation.sparse, generation.searcher, query, allowed, n)


def rank_dense(
    generation: Generation, vector: np.ndarray, filters: Filters, n: int
) -> list[tuple[int, float]]:
    """Cosine top `n` (row, score) for a query vector, among the rows `filters` allow."""
    dim = int(generation.manifest["embedder"]["dim"])
    if vector.size != dim:
        name = str(generation.manifest["embedder"]["name"])
        raise IndexMismatch("embedder", name, f"a {vector.size}-dimension query vector")
    allowed = allowed_rows(generation, filters)
    return search_dense(generation.dense, vector, allowed, n)


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
        "dense_index": manifest["dense_index"],
        "created_at": manifest["created_at"],
        "audience": manifest["audience"],
    }


def filter_values(generation: Generation) -> FilterValues:
    """Distinct councils, committees and document types with chunk counts; the date span."""
    with generation.lock:
        conn = generation.conn
        values = [
            tuple(
                (str(value), int(count))
                for value, count in conn.execute(
                    f"SELECT {column}, count(*) FROM chunks WHERE {column} IS NOT NULL "
                    f"GROUP BY {column} ORDER BY {column}"
                )
            )
            for column in ("council", "committee", "doc_type")
        ]
        first, last = conn.execute(
            "SELECT min(meeting_date), max(meeting_date) FROM chunks"
        ).fetchone()
    return FilterValues(values[0], values[1], values[2], first, last)

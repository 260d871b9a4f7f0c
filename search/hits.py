"""Query -> ranked, filtered, de-duplicated hits with citations."""

from dataclasses import dataclass

from index import Embedder, Filters, Generation, rank_dense, rank_sparse, read_chunks
from ingest import Chunk
from search.dedupe import group_duplicates
from search.fuse import fuse_rrf
from search.label import cite
from search.types import Hit

# Candidates taken from each ranker before fusion: deep enough that a passage ranked
# well by only one of them still reaches the top 10 after fusion.
CANDIDATES = 100


@dataclass(frozen=True, slots=True)
class Searcher:
    """A pinned generation and the embedder its vectors were built with."""

    generation: Generation
    embedder: Embedder


def rank_rows(
    searcher: Searcher, query: str, filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """Fused (row, score) pairs for a query, best first; [] for an empty query."""
    if not query.strip():
        return []
    sparse = rank_sparse(searcher.generation, query, filters, depth)
    vector = searcher.embedder.encode([query])[0]
    dense = rank_dense(searcher.generation, vector, filters, depth)
    return fuse_rrf([sparse, dense])


def _hit(rank: int, score: float, group: list[Chunk]) -> Hit:
    best = group[0]
    return Hit(
        rank=rank,
        score=round(score, 6),
        chunk_id=best.chunk_id,
        text=best.text,
        citation=cite(best),
        heading=best.heading,
        is_decision=best.is_decision,
        classification=best.classification,
        also_in=tuple(cite(other) for other in group[1:]),
    )


def find_hits(
    searcher: Searcher, query: str, filters: Filters | None = None, k: int = 10
) -> list[Hit]:
    """The top `k` hits for `query`, filters applied before ranking, duplicates folded."""
    if k <= 0:
        return []
    ranked = rank_rows(searcher, query, filters or Filters(), max(CANDIDATES, 3 * k))
    if not ranked:
        return []
    rows = [row for row, _ in ranked]
    scores = dict(ranked)
    chunks = read_chunks(searcher.generation, rows)
    by_row = dict(zip(rows, chunks, strict=True))
    groups = group_duplicates([by_row[row] for row in rows])
    row_of = {chunk.chunk_id: row for row, chunk in by_row.items()}
    hits = []
    for rank, group in enumerate(groups[:k], start=1):
        hits.append(_hit(rank, scores[row_of[group[0].chunk_id]], group))
    return hits

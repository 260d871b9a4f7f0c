"""Fusing ranked lists of index rows into one ranking."""

RRF_K = 60  # Cormack, Clarke & Buettcher 2009: k=60 is robust across collections.


def fuse_rrf(rankings: list[list[tuple[int, float]]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each row once, scored sum(1 / (k + rank)), best first."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (row, _) in enumerate(ranking, start=1):
            scores[row] = scores.get(row, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))

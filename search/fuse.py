"""Fusing ranked lists of index rows into one ranking."""

RRF_K = 60  # Cormack, Clarke & Buettcher 2009: k=60 is robust across collections.


def fuse_rrf(
    rankings: list[list[tuple[int, float]]],
    k: int = RRF_K,
    weights: list[float] | None = None,
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each row once, scored sum(w / (k + rank)), best first."""
    scores: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if weights else 1.0
        for rank, (row, _) in enumerate(ranking, start=1):
            scores[row] = scores.get(row, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))

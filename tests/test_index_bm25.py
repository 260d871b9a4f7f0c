"""tantivy's BM25 ranks like the reference rank-bm25 over the same tokens."""

import math
import random
from pathlib import Path

import pytest
from rank_bm25 import BM25Okapi
from test_index_factory import (
    VOCABULARY,
    ingest_into,
    install_fake_ingest,
    random_paragraph,
    write_paper,
)

from index import Filters, open_generation, rank_sparse
from index.sparse import analyze, query_terms


class LuceneBM25(BM25Okapi):  # type: ignore[misc]
    """rank_bm25's Okapi scoring with the smoothed idf tantivy (and Lucene) use.

    BM25Okapi's own idf, log((N - n + 0.5) / (n + 0.5)), goes to zero or below for terms in
    half the documents or more and is then floored at epsilon * mean idf; tantivy uses
    log(1 + (N - n + 0.5) / (n + 0.5)), which is always positive. Everything else (tf
    saturation with k1, length normalisation with b and the mean length) is the same.
    """

    def _calc_idf(self, nd: dict[str, int]) -> None:
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))


def test_tantivy_bm25_ranks_like_rank_bm25_with_the_same_tokens_and_idf(tmp_path: Path) -> None:
    """Forty paragraphs under 40 tokens: tantivy stores lengths exactly up to 40."""
    rng = random.Random(11)
    paragraphs = [random_paragraph(rng, 4, 30) for _ in range(40)]
    with pytest.MonkeyPatch.context() as monkeypatch:
        install_fake_ingest(monkeypatch)
        ingest_into(tmp_path / "index", write_paper(tmp_path, "p.txt", paragraphs))
    generation = open_generation(tmp_path / "index")
    reference = LuceneBM25([analyze(p) for p in paragraphs], k1=1.2, b=0.75)
    queries = ["autism waiting times", "budget overspend reserves", "flooding", "youth justice"]

    for query in queries + [" ".join(rng.sample(VOCABULARY, 3)) for _ in range(8)]:
        expected = reference.get_scores(query_terms(query))
        hits = rank_sparse(generation, query, Filters(), 10)
        for row, score in hits:
            assert math.isclose(score, expected[row], rel_tol=1e-4), (query, row)
        assert [score for _, score in hits] == sorted((s for _, s in hits), reverse=True)
        tenth = sorted(expected, reverse=True)[9]
        must_have = {row for row, s in enumerate(expected) if s > tenth * (1 + 1e-4) and s > 0}
        assert must_have <= {row for row, _ in hits}, query

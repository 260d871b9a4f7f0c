"""Index build time and query latency on synthetic papers; tantivy BM25 against rank-bm25.

Run from the repository root (the index is written to a temporary folder):

    .venv/bin/python -m bench.bm25_vs_rank_bm25 --chunks 5000 --queries 100

Papers are written as text exports and read by the real ingest, with words drawn by
frequency from the shipped corpus so term statistics look like council prose. rank-bm25
is scored with tantivy's smoothed idf (see LuceneBM25) so the top-10 overlap measures the
engine, not the idf formula.
"""

import argparse
import json
import math
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from index import (
    Filters,
    Generation,
    load_embedder,
    open_generation,
    rank_dense,
    rank_sparse,
    read_chunks,
    update_index,
)
from index.sparse import analyze, query_terms

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CHUNKS_PER_PAPER = 50  # a typical agenda pack's report section
COUNCILS = ("Warwickshire County Council", "Worcestershire County Council", "Leeds City Council")
COMMITTEES = ("Cabinet", "Children and Young People Overview and Scrutiny Committee")


class LuceneBM25(BM25Okapi):  # type: ignore[misc]
    """rank-bm25 with tantivy's idf, log(1 + (N - n + 0.5) / (n + 0.5))."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))


def corpus_words() -> tuple[list[str], list[int]]:
    """Words of the shipped corpus with their counts (the sampling distribution)."""
    counts: Counter[str] = Counter()
    for path in CORPUS.glob("*.txt"):
        counts.update(re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8").lower()))
    words, weights = zip(*counts.most_common(), strict=True)
    return list(words), list(weights)


def write_papers(folder: Path, chunks: int, rng: random.Random) -> list[Path]:
    words, weights = corpus_words()
    paths = []
    for n in range(math.ceil(chunks / CHUNKS_PER_PAPER)):
        day = f"20{18 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        head = [COUNCILS[n % 3], COMMITTEES[n % 2], f"Date: {day}"]
        paragraphs = [
            f"{i}.1 " + " ".join(rng.choices(words, weights, k=rng.randint(30, 90))) + "."
            for i in range(1, CHUNKS_PER_PAPER + 1)
        ]
        path = folder / f"pack_{day}_{n:04d}.txt"
        path.write_text("\n\n".join(head + paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def latency_ms(action: Callable[[str], object], queries: list[str]) -> dict[str, float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        action(query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1]}


def query_latencies(generation: Generation, queries: list[str]) -> dict[str, dict[str, float]]:
    embedder = load_embedder(generation.manifest["embedder"]["name"])
    vectors = {q: embedder.encode([q])[0] for q in queries}
    narrow = Filters(council="leeds", since="2020-01-01")  # about a quarter of the rows
    return {
        "sparse": latency_ms(lambda q: rank_sparse(generation, q, Filters(), 10), queries),
        "sparse_filtered": latency_ms(lambda q: rank_sparse(generation, q, narrow, 10), queries),
        "dense": latency_ms(lambda q: rank_dense(generation, vectors[q], Filters(), 10), queries),
        "dense_filtered": latency_ms(
            lambda q: rank_dense(generation, vectors[q], narrow, 10), queries
        ),
        "read_chunks_10": latency_ms(lambda q: read_chunks(generation, list(range(10))), queries),
    }


def compare_rank_bm25(generation: Generation, queries: list[str]) -> dict[str, float]:
    rows = list(range(generation.dense.ntotal))
    tokens = [analyze(chunk.text) for chunk in read_chunks(generation, rows)]
    start = time.perf_counter()
    reference = LuceneBM25(tokens, k1=1.2, b=0.75)
    build_s = time.perf_counter() - start
    overlaps = []
    for query in queries:
        scores = reference.get_scores(query_terms(query))
        expected = set(np.argsort(-scores, kind="stable")[:10].tolist())
        found = {row for row, _ in rank_sparse(generation, query, Filters(), 10)}
        overlaps.append(len(expected & found) / 10)
    latency = latency_ms(lambda q: np.argsort(-reference.get_scores(query_terms(q)))[:10], queries)
    return {"build_s": build_s, "median_ms": latency["median"], "overlap_at_10": min(overlaps)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--embedder", default="hashing")
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp), args.chunks, args.queries, args.embedder, rng)
    print(json.dumps(results, indent=2))


def run(
    root: Path, chunks: int, queries: int, embedder_name: str, rng: random.Random
) -> dict[str, object]:
    """Build, grow and re-ingest an index of about `chunks` chunks, then time queries."""
    (root / "papers").mkdir()
    paths = write_papers(root / "papers", chunks, rng)
    embedder = load_embedder(embedder_name)
    index_dir = root / "index"
    results: dict[str, object] = {"embedder": embedder_name, "papers": len(paths)}
    results["build_s"] = timed(lambda: update_index(index_dir, paths[:-1], embedder))
    results["add_one_paper_s"] = timed(lambda: update_index(index_dir, paths, embedder))
    results["unchanged_reingest_s"] = timed(lambda: update_index(index_dir, paths, embedder))
    results["open_verified_s"] = timed(lambda: open_generation(index_dir))
    results["open_unverified_s"] = timed(lambda: open_generation(index_dir, verify_checksums=False))
    generation = open_generation(index_dir)
    results["chunks"] = generation.dense.ntotal
    words, _ = corpus_words()
    asked = [" ".join(rng.sample(words[20:2000], rng.randint(2, 4))) for _ in range(queries)]
    results["latency_ms"] = query_latencies(generation, asked)
    results["rank_bm25"] = compare_rank_bm25(generation, asked)
    return results


if __name__ == "__main__":
    main()

"""Query latency side by side with the baselines DESIGN.md names, reported as ratios.

    .venv/bin/python -m bench.query_latency [--index var/index] [--repeats 5] [--scale-chunks 50000]

On the shipped corpus indexed with MiniLM, over the dev queries repeated:
  - sparse: tantivy `rank_sparse` against rank-bm25 `BM25Okapi` over the same chunk texts
    (whitespace tokens, lower case), top 10;
  - dense: FAISS `rank_dense` against a flat numpy scan (matrix @ vector), top 10;
  - hybrid: our `find_hits` end to end (encode, both rankers, hints, fusion, chunk reads,
    folding) against the naive hybrid built from the baselines (encode, BM25Okapi and
    numpy top 100 each, RRF) that returns row numbers only.
With --scale-chunks N, the same sparse and dense comparisons on about N synthetic chunks
(the hashing embedder, papers drawn from the corpus's word frequencies). Prints Markdown
and writes it, with the machine's facts, to bench/RESULTS.md.
"""

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from unittest import mock

# One query thread for the numpy baseline, as FAISS runs each query (index/dense.py): on 2
# cores OpenBLAS's second thread only adds wake-up cost to a matrix-vector product, and
# under load it stalled the scan from 0.02 ms to 12 ms. Set before numpy loads OpenBLAS.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from rank_bm25 import BM25Okapi

import search.hits
import search.meeting
from bench.bm25_vs_rank_bm25 import write_papers
from eval.corpus import prepared_index
from eval.queries import read_queries
from index import (
    Filters,
    Generation,
    dated_rows,
    load_embedder,
    open_generation,
    rank_dense,
    rank_sparse,
    read_chunks,
    update_index,
)
from index.dense import stored_vectors
from search import Searcher, find_hits, fuse_rrf, make_searcher

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_QUERIES = ROOT / "eval" / "queries" / "dev.jsonl"
RESULTS = HERE / "RESULTS.md"
TOP = 10
CANDIDATES = 100  # as search.hits takes from each ranker before fusion
EVERYTHING = Filters()

# (what, ours, ours p50/p95 ms, baseline, baseline p50/p95 ms)
Row = tuple[str, str, tuple[float, float], str, tuple[float, float]]


def time_ms(action: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    """p50 and p95 of one call per query, in milliseconds, after one untimed warm-up pass."""
    for query in dict.fromkeys(queries):
        action(query)
    times = []
    for query in queries:
        start = time.perf_counter()
        action(query)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def top_rows(scores: np.ndarray, n: int) -> list[int]:
    """The `n` best rows by score, best first (partial sort: what a fair baseline does)."""
    n = min(n, len(scores))
    part = np.argpartition(-scores, n - 1)[:n]
    best: list[int] = part[np.argsort(-scores[part], kind="stable")].tolist()
    return best


def whitespace_tokens(text: str) -> list[str]:
    return text.lower().split()


def all_texts(generation: Generation) -> list[str]:
    return [chunk.text for chunk in read_chunks(generation, list(range(generation.dense.ntotal)))]


def ranker_rows(generation: Generation, queries: list[str]) -> list[Row]:
    """Sparse and dense top 10: ours against the baselines, the query vector precomputed."""
    reference = BM25Okapi([whitespace_tokens(text) for text in all_texts(generation)])
    matrix = np.array(stored_vectors(generation.dense))
    embedder = load_embedder(str(generation.manifest["embedder"]["name"]))
    vectors = {q: embedder.encode([q])[0] for q in dict.fromkeys(queries)}
    return [
        (
            "sparse top 10",
            "tantivy rank_sparse",
            time_ms(lambda q: rank_sparse(generation, q, EVERYTHING, TOP), queries),
            "rank_bm25 BM25Okapi",
            time_ms(lambda q: top_rows(reference.get_scores(whitespace_tokens(q)), TOP), queries),
        ),
        (
            "dense top 10",
            f"FAISS rank_dense ({generation.manifest['dense_index']})",
            time_ms(lambda q: rank_dense(generation, vectors[q], EVERYTHING, TOP), queries),
            "numpy flat matrix @ vector",
            time_ms(lambda q: top_rows(matrix @ vectors[q], TOP), queries),
        ),
    ]


def hybrid_row(searcher: Searcher, queries: list[str]) -> Row:
    generation, embedder = searcher.generation, searcher.embedder
    reference = BM25Okapi([whitespace_tokens(text) for text in all_texts(generation)])
    matrix = np.array(stored_vectors(generation.dense))

    def naive(query: str) -> list[tuple[int, float]]:
        vector = embedder.encode([query])[0]
        sparse = reference.get_scores(whitespace_tokens(query))
        dense = matrix @ vector
        rankings = [[(row, 0.0) for row in top_rows(s, CANDIDATES)] for s in (sparse, dense)]
        return fuse_rrf(rankings)[:TOP]

    return (
        "hybrid query, end to end",
        "find_hits (MiniLM + e5-small)" if searcher.second else "find_hits (MiniLM)",
        time_ms(lambda q: find_hits(searcher, q, EVERYTHING, TOP), queries),
        "encode + BM25Okapi + numpy + RRF",
        time_ms(naive, queries),
    )


def second_row(searcher: Searcher, queries: list[str]) -> Row:
    """What e5-small's vote costs a query: find_hits with it against the same searcher
    without it (one model to encode with, one ranking fewer)."""
    alone = replace(searcher, second=None)
    return (
        "hybrid query, end to end",
        "find_hits (MiniLM + e5-small)",
        time_ms(lambda q: find_hits(searcher, q, EVERYTHING, TOP), queries),
        "find_hits (MiniLM only)",
        time_ms(lambda q: find_hits(alone, q, EVERYTHING, TOP), queries),
    )


def scale_rows(chunks: int, queries: list[str], seed: int = 42) -> tuple[int, list[Row]]:
    """The ranker comparison on about `chunks` synthetic chunks (hashing embedder), and
    the cost of meeting overviews there."""
    with tempfile.TemporaryDirectory(prefix="scrutineer-bench-") as scratch:
        root = Path(scratch)
        (root / "papers").mkdir()
        paths = write_papers(root / "papers", chunks, random.Random(seed))
        update_index(root / "index", paths, load_embedder("hashing"))
        generation = open_generation(root / "index")
        rows = ranker_rows(generation, queries)
        repeats = max(1, len(queries) // len(dict.fromkeys(queries)))
        return int(generation.dense.ntotal), rows + overview_timings(generation, repeats)


def overview_timings(generation: Generation, repeats: int) -> list[Row]:
    """Date-only queries end to end (find_hits) with meeting overviews against the same
    queries ranked without them, and a month with and without search.meeting's cap on the
    passages an overview reads. 50,000 asked makes about 30,000 synthetic chunks: 360
    passages a day, 2,500 a month (over the cap of 2,000)."""
    embedder = load_embedder(str(generation.manifest["embedder"]["name"]))
    searcher = make_searcher(generation, embedder)
    days = sorted({day for day in np.unique(dated_rows(generation, EVERYTHING)[1]) if day})
    picked = [datetime.strptime(day, "%Y-%m-%d") for day in days[:: max(1, len(days) // 10)]]
    asked = {
        "a day": [f"what did the committee discuss on {d.day} {d:%B %Y}" for d in picked],
        "a month": [f"what was on the agenda in {d:%B %Y}" for d in picked],
    }
    month = asked["a month"] * repeats
    found: list[Row] = []
    for named, texts in asked.items():
        texts = texts * repeats
        with_overviews = time_ms(lambda q: find_hits(searcher, q, EVERYTHING, TOP), texts)
        with mock.patch.object(search.hits, "is_overview", _never):
            without = time_ms(lambda q: find_hits(searcher, q, EVERYTHING, TOP), texts)
        found.append(
            (
                f"date-only query naming {named}, end to end",
                "find_hits with overviews",
                with_overviews,
                "find_hits, overviews off",
                without,
            )
        )
    # What the cap saves: the month's passages all read and sorted into items.
    with mock.patch.object(search.meeting, "MOST_OVERVIEW_ROWS", 10**9):
        uncapped = time_ms(lambda q: find_hits(searcher, q, EVERYTHING, TOP), month)
    found.append(
        (
            "date-only query naming a month, end to end",
            "find_hits, overview cap",
            found[-1][2],
            "find_hits, no cap",
            uncapped,
        )
    )
    return found


def _never(*_args: object) -> bool:
    return False


def format_rows(rows: list[Row]) -> str:
    lines = [
        "| query | ours | p50 ms | p95 ms | baseline | p50 ms | p95 ms | baseline / ours (p50) |",
        "|---|---|---:|---:|---|---:|---:|---:|",
    ]
    for what, ours, (o50, o95), base, (b50, b95) in rows:
        ratio = b50 / o50 if o50 else float("inf")
        lines.append(
            f"| {what} | {ours} | {o50:.2f} | {o95:.2f} | {base} | {b50:.2f} | {b95:.2f} "
            f"| {ratio:.1f}x |"
        )
    return "\n".join(lines)


def machine_facts() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    libraries = ", ".join(
        f"{name} {version(name)}"
        for name in ("numpy", "faiss-cpu", "tantivy", "rank-bm25", "torch")
    )
    # Other work on the machine slows the encoder most (it wants both cores): say how busy.
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d}; {os.cpu_count()} CPUs ({model}); load average {load}; "
        f"Python {platform.python_version()} on {platform.system()}; {libraries}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.query_latency", description=__doc__)
    parser.add_argument("--index", type=Path, help="a MiniLM index of the corpus (else built)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--repeats", type=int, default=5, help="passes over the dev queries")
    parser.add_argument("--scale-chunks", type=int, default=0, help="synthetic scale test size")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    facts = machine_facts()  # before the run, so the load average is other work's
    asked = [q.query for q in read_queries(DEV_QUERIES)]
    queries = asked * args.repeats
    embedder = load_embedder("minilm")
    with prepared_index(args.index, args.corpus, embedder.name) as index_dir:
        searcher = make_searcher(open_generation(index_dir, embedder.name), embedder)
        chunks = int(searcher.generation.dense.ntotal)
        rows = [hybrid_row(searcher, queries), *ranker_rows(searcher.generation, queries)]
        if searcher.second is not None:
            rows.insert(1, second_row(searcher, queries))
            second = searcher.second
            encode_second = time_ms(lambda q: second.encode_queries([q]), queries)
    encode = time_ms(lambda q: embedder.encode([q]), queries)
    sections = [
        "# Query latency against baselines",
        f"Machine: {facts}.",
        f"## Shipped corpus: {chunks} chunks, MiniLM, {len(asked)} dev queries x {args.repeats}",
        format_rows(rows),
        f"Encoding one query with MiniLM alone: p50 {encode[0]:.2f} ms, p95 {encode[1]:.2f} ms.",
    ]
    if searcher.second is not None:
        sections.append(
            f"Encoding one query with e5-small alone: p50 {encode_second[0]:.2f} ms, "
            f"p95 {encode_second[1]:.2f} ms."
        )
    if args.scale_chunks:
        count, scaled = scale_rows(args.scale_chunks, queries)
        sections += [f"## Synthetic scale: {count} chunks, hashing embedder", format_rows(scaled)]
    report = "\n\n".join(sections) + "\n"
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()

"""Each step of the retrieval pipeline switched on and off, scored on a query set.

    python -m eval.ablation --corpus corpus [--index DIR] [--queries Q.jsonl]

Prints a Markdown table (eval/README.md keeps the latest). Steps are switched by patching
the constants and functions of search.hits for the length of one run, so the search code
carries no switches of its own; steps decided at ingest (chunking, acronym meanings in a
chunk's context) need a rebuild and are not covered.
"""

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from unittest import mock

import search.hits
from eval.batch import open_searcher, search_lines
from eval.corpus import prepared_index
from eval.harness import DEFAULT_QUERIES, EXPECTED, report_progress
from eval.metrics import Scores, overall, score_results
from eval.queries import EvalQuery, read_queries
from eval.results import index_outcomes
from ingest import Chunk
from search import Searcher

SHIPPED = None  # a Variant field left at None keeps the value search.hits ships with


@dataclass(frozen=True, slots=True)
class Variant:
    """One configuration of the pipeline: which rankers vote, with what weight, and which
    query-understanding and folding steps run."""

    name: str
    dense_weight: float | None = SHIPPED
    fusion_k: int | None = SHIPPED
    sparse: bool = True
    dense: bool = True
    second: bool = True
    second_weight: float | None = SHIPPED
    hints: bool = True
    areas: bool = True
    register: bool = True
    acronyms: bool = True
    jargon: bool = True
    split_vote: bool = True
    overviews: bool = True
    folding: bool = True


# What a ranker alone, and the naive baseline, go without: every step of query understanding.
ALONE: dict[str, Any] = {"hints": False, "acronyms": False, "jargon": False, "register": False}

VARIANTS = (
    Variant(
        "shipped: BM25 + MiniLM + e5-small x0.5 (RRF k 15), date/council/committee hints, "
        "area-question hint, acronyms, jargon (half vote), officers' words for BM25, "
        "meeting overviews, folding"
    ),
    Variant("- e5-small's vote", second=False),
    Variant("e5-small weight 1.0", second_weight=1.0),
    Variant("e5-small weight 0.25", second_weight=0.25),
    Variant("- jargon expansion by meaning", jargon=False),
    Variant("- half vote: rank only with the expanded query", split_vote=False),
    Variant("- meeting overviews", overviews=False),
    Variant("RRF k 60 (the usual), not 15", fusion_k=60),
    Variant(
        "- jargon expansion, dense x0.5, k 60 (the release before stop 9)",
        0.5,
        fusion_k=60,
        second=False,
        areas=False,
        register=False,
        jargon=False,
    ),
    Variant("- date/council/committee hints", hints=False),
    Variant("- area-question hint", areas=False),
    Variant("- officers' words for BM25 (the release of stop 13)", register=False),
    Variant("- acronym expansion of the query", acronyms=False),
    Variant("- duplicate folding", folding=False),
    Variant("dense weight 0.5", dense_weight=0.5),
    Variant("dense weight 0.25", dense_weight=0.25),
    Variant(
        "BM25 only, with hints, acronyms, jargon and officers' words", dense=False, second=False
    ),
    Variant("MiniLM only, with acronyms and jargon", sparse=False, second=False, hints=False),
    Variant("e5-small only, with acronyms and jargon", sparse=False, dense=False, hints=False),
    Variant(
        "baseline: plain RRF (k 60) of BM25 and MiniLM, no hints, acronyms or jargon",
        1.0,
        fusion_k=60,
        second=False,
        **ALONE,
    ),
    Variant("BM25 alone", dense=False, second=False, **ALONE),
    Variant("MiniLM alone", sparse=False, second=False, **ALONE),
    Variant("e5-small alone", sparse=False, dense=False, **ALONE),
)


def _no_ranking(*_args: Any, **_kwargs: Any) -> list[tuple[int, float]]:
    return []


def _expanded_only(query: str, jargon: str) -> list[str]:
    return [f"{query} {jargon}".strip()]


def _never(*_args: Any, **_kwargs: Any) -> bool:
    return False


def _no_folding(chunks: list[Chunk], limit: int | None = None) -> list[list[Chunk]]:
    return [[chunk] for chunk in chunks[:limit]]


@contextmanager
def applied(variant: Variant, searcher: Searcher) -> Iterator[Searcher]:
    """`searcher` as `variant` would search, for the length of the block."""
    with ExitStack() as stack:
        patches: dict[str, object] = {}
        if variant.dense_weight is not None:
            patches["DENSE_WEIGHT"] = variant.dense_weight
        if variant.fusion_k is not None:
            patches["FUSION_K"] = variant.fusion_k
        if variant.second_weight is not None:
            patches["SECOND_WEIGHT"] = variant.second_weight
        if not variant.sparse:
            # Also starves the date hint of its extra candidates: run it with hints off.
            patches["rank_sparse"] = _no_ranking
        if not variant.dense:
            patches["rank_dense"] = _no_ranking
        if not variant.hints:
            patches["_hint_rankings"] = _no_ranking
        if not variant.folding:
            patches["group_duplicates"] = _no_folding
        if not variant.split_vote:
            patches["query_texts"] = _expanded_only
        if not variant.overviews:
            patches["is_overview"] = _never
        if not variant.register:
            patches["said_instead"] = _no_ranking
        for name, value in patches.items():
            stack.enter_context(mock.patch.object(search.hits, name, value))
        if not variant.acronyms:
            searcher = replace(searcher, acronyms=())
        if not variant.second:
            searcher = replace(searcher, second=None)
        if not variant.areas:
            searcher = replace(searcher, places=())
        yield searcher if variant.jargon else replace(searcher, expander=None)


def run_variants(
    searcher: Searcher, queries: list[EvalQuery], variants: tuple[Variant, ...] = VARIANTS
) -> list[tuple[Variant, Scores]]:
    scored: list[tuple[Variant, Scores]] = []
    for variant in variants:
        with applied(variant, searcher) as patched:
            lines = search_lines(patched, queries, k=10)
        scored.append((variant, score_results(queries, index_outcomes(lines))))
    return scored


def format_ablation(scored: list[tuple[Variant, Scores]]) -> str:
    base = overall(scored[0][1]).r5 if scored else 0.0
    lines = [
        "| pipeline | R@1 | R@5 | ΔR@5 | R@10 | MRR@10 | hit words |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for variant, scores in scored:
        row = overall(scores)
        words = f"{scores.median_hit_words:.0f}" if scores.median_hit_words is not None else "-"
        lines.append(
            f"| {variant.name} | {row.r1:.3f} | {row.r5:.3f} | {row.r5 - base:+.3f} "
            f"| {row.r10:.3f} | {row.mrr:.3f} | {words} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.ablation", description=__doc__)
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    parser.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    parser.add_argument("--corpus", type=Path, help="ingest this folder into the index first")
    parser.add_argument("--embedder", default="minilm")
    args = parser.parse_args(argv)
    if args.index is None and args.corpus is None:
        parser.error("give --index DIR, --corpus DIR, or both")
    try:
        queries = read_queries(args.queries)
        with prepared_index(args.index, args.corpus, args.embedder, report_progress) as folder:
            scored = run_variants(open_searcher(folder, args.embedder), queries)
    except EXPECTED as exc:
        parser.exit(1, f"error: {exc}\n")
    n = overall(scored[0][1]).n
    print(f"{n} answerable queries from {args.queries}; embedder {args.embedder}", file=sys.stderr)
    print(format_ablation(scored))


if __name__ == "__main__":
    main()

"""Score retrieval on a query set: R@1, R@5, R@10, MRR@10 by query type, hit length, and
abstention when the results carry answers.

    python -m eval.harness --queries eval/queries/dev.jsonl --index var/index --corpus corpus
    python -m eval.harness --queries Q.jsonl --results-in results.jsonl   # score a file
    python -m eval.harness --queries Q.jsonl --index var/index --ask      # via `ask --batch`

Relevance follows the shared scorer (../shared/eval/score.py): a hit is relevant when its
text holds one of the query's keys after folding case, markup and white space.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eval.batch import AskFailed, AskUnavailable, ask_lines, open_searcher, search_lines
from eval.corpus import CorpusFailed, prepared_index
from eval.metrics import Scores, score_results
from eval.queries import BadQueryFile, EvalQuery, read_queries
from eval.report import format_scores, scores_object
from eval.results import BadResultFile, index_outcomes, read_result_lines, write_result_lines
from index import IndexMismatch, IndexNotFound, IngestLocked, InvalidFilter, UnknownEmbedder

DEFAULT_QUERIES = Path(__file__).resolve().parent / "queries" / "dev.jsonl"
# What the harness reports as a one-line error (exit 1); anything else is a bug.
EXPECTED = (
    AskFailed,
    AskUnavailable,
    BadQueryFile,
    BadResultFile,
    CorpusFailed,
    IndexMismatch,
    IndexNotFound,
    IngestLocked,
    InvalidFilter,
    UnknownEmbedder,
    FileNotFoundError,
)


def evaluate(
    queries: list[EvalQuery], index_dir: Path, embedder: str = "minilm", k: int = 10
) -> tuple[Scores, list[dict[str, Any]]]:
    """Search every query in-process against the index and score the hits."""
    lines = search_lines(open_searcher(index_dir, embedder), queries, k)
    return score_results(queries, index_outcomes(lines)), lines


def report_progress(stage: str, done: int, total: int) -> None:
    """Ingest progress on stderr, one line a stage (stdout carries the table)."""
    if done == total:
        print(f"{stage}: {total}", file=sys.stderr)


def _result_lines(args: argparse.Namespace, queries: list[EvalQuery]) -> list[dict[str, Any]]:
    if args.results_in is not None:
        return read_result_lines(args.results_in)
    with prepared_index(args.index, args.corpus, args.embedder, report_progress) as index_dir:
        if args.ask:
            return ask_lines(args.queries, index_dir, args.embedder)
        return search_lines(open_searcher(index_dir, args.embedder), queries, args.k)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m eval.harness",
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Without --index, --corpus is indexed into a temporary folder.",
    )
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES, help="query set (JSONL)")
    parser.add_argument("--index", type=Path, help="index folder to search")
    parser.add_argument("--corpus", type=Path, help="ingest this folder into the index first")
    parser.add_argument("--embedder", default="minilm", help="minilm, hashing or a model folder")
    parser.add_argument("-k", type=int, default=10, help="hits per query (default 10)")
    parser.add_argument("--results", type=Path, help="also write the result lines here")
    parser.add_argument("--results-in", type=Path, help="score this results file instead")
    parser.add_argument("--ask", action="store_true", help="run `scrutineer ask --batch`")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    return parser


def main(argv: list[str] | None = None) -> None:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.results_in is None and args.index is None and args.corpus is None:
        parser.error("give --index DIR, --corpus DIR (indexed first) or --results-in FILE")
    try:
        queries = read_queries(args.queries)
        lines = _result_lines(args, queries)
    except EXPECTED as exc:
        parser.exit(1, f"error: {exc}\n")
    if args.results is not None:
        write_result_lines(args.results, lines)
    scores = score_results(queries, index_outcomes(lines))
    if args.json:
        print(json.dumps(scores_object(scores), indent=2))
    else:
        print(format_scores(scores))


if __name__ == "__main__":
    main()

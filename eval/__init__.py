"""Retrieval-quality harness: query sets with answer keys, scored as the shared scorer does."""

from eval.metrics import ALL, DEPTH, RecallRow, Scores, Tally, overall, score_results
from eval.queries import BadQueryFile, EvalQuery, read_queries
from eval.relevance import KEY_RUN, first_relevant, fold_words, holds_key, is_relevant
from eval.results import BadResultFile, Outcome, index_outcomes, read_result_lines

__all__ = [
    "ALL",
    "DEPTH",
    "KEY_RUN",
    "BadQueryFile",
    "BadResultFile",
    "EvalQuery",
    "Outcome",
    "RecallRow",
    "Scores",
    "Tally",
    "first_relevant",
    "fold_words",
    "holds_key",
    "index_outcomes",
    "is_relevant",
    "overall",
    "read_queries",
    "read_result_lines",
    "score_results",
]

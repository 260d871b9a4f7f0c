"""Query -> Hits (hybrid, filtered, de-duplicated) -> Answer / Trend."""

from search.answer import NOT_FOUND, Answer, Coverage, answer_question, describe_coverage
from search.contract import answer_object, ask_object, hit_object, search_object
from search.fuse import RRF_K, fuse_rrf
from search.hits import Searcher, find_hits, make_searcher, rank_rows
from search.label import abbreviate, cite, make_label
from search.types import Citation, Hit

__all__ = [
    "NOT_FOUND",
    "RRF_K",
    "Answer",
    "Citation",
    "Coverage",
    "Hit",
    "Searcher",
    "abbreviate",
    "answer_object",
    "answer_question",
    "ask_object",
    "cite",
    "describe_coverage",
    "find_hits",
    "fuse_rrf",
    "hit_object",
    "make_label",
    "make_searcher",
    "rank_rows",
    "search_object",
]

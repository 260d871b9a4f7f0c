"""Query -> Hits (hybrid, filtered, de-duplicated) -> Answer / Trend."""

from search.answer import NOT_FOUND, Answer, Coverage, answer_question, describe_coverage
from search.contract import (
    answer_object,
    ask_object,
    decision_object,
    hit_object,
    ledger_object,
    search_object,
    trend_object,
    written_object,
)
from search.fuse import RRF_K, fuse_rrf
from search.generate import GenerationFailed, Written, write_answer
from search.hits import Searcher, find_hits, make_searcher, rank_rows
from search.label import abbreviate, cite, make_label
from search.ledger import Decision, build_ledger, find_decisions
from search.outcome import OUTCOMES, classify_outcome
from search.trend import Series, Trend, TrendPoint, trace_trend
from search.types import Citation, Hit

__all__ = [
    "NOT_FOUND",
    "OUTCOMES",
    "RRF_K",
    "Answer",
    "Citation",
    "Coverage",
    "Decision",
    "GenerationFailed",
    "Hit",
    "Searcher",
    "Series",
    "Trend",
    "TrendPoint",
    "Written",
    "abbreviate",
    "answer_object",
    "answer_question",
    "ask_object",
    "build_ledger",
    "cite",
    "classify_outcome",
    "decision_object",
    "describe_coverage",
    "find_decisions",
    "find_hits",
    "fuse_rrf",
    "hit_object",
    "ledger_object",
    "make_label",
    "make_searcher",
    "rank_rows",
    "search_object",
    "trace_trend",
    "trend_object",
    "write_answer",
    "written_object",
]

"""Retrieval and abstention metrics over a query set, by query type and overall."""

import statistics
from collections import defaultdict
from dataclasses import dataclass

from eval.queries import EvalQuery
from eval.relevance import first_relevant, is_relevant
from eval.results import Outcome, find_outcome

DEPTH = 10  # hits judged per query: R@10 and MRR@10
ALL = "ALL"  # the row over every answerable query


@dataclass(frozen=True, slots=True)
class RecallRow:
    """Recall at 1, 5 and 10 and MRR@10 over `n` answerable queries of one type."""

    type: str
    n: int
    r1: float
    r5: float
    r10: float
    mrr: float


@dataclass(frozen=True, slots=True)
class Tally:
    """`hits` of `total`: e.g. unanswerable questions abstained on."""

    hits: int
    total: int


@dataclass(frozen=True, slots=True)
class Scores:
    """Rows ALL first, then by type; hit length and abstention where measurable."""

    rows: tuple[RecallRow, ...]
    median_hit_words: float | None
    abstained: Tally | None = None
    answered: Tally | None = None
    quoting: Tally | None = None  # answered answerable questions whose quote holds a key


def recall_row(kind: str, firsts: list[int | None]) -> RecallRow:
    """Metrics from the 0-based rank of each query's first relevant hit (None: no hit)."""
    n = len(firsts)
    found = [f for f in firsts if f is not None]

    def recall(k: int) -> float:
        return sum(1 for f in found if f < k) / n if n else 0.0

    mrr = sum(1 / (f + 1) for f in found if f < DEPTH) / n if n else 0.0
    return RecallRow(kind, n, recall(1), recall(5), recall(10), mrr)


def score_results(queries: list[EvalQuery], outcomes: dict[str, Outcome]) -> Scores:
    """Score `outcomes` against `queries`. Queries without keys count only for abstention;
    hit length is measured over the top DEPTH hits of the answerable ones (long hits make
    recall cheap, so the two are read together)."""
    firsts: dict[str, list[int | None]] = defaultdict(list)
    lengths: list[int] = []
    for query in queries:
        if not query.keys:
            continue
        texts = list(find_outcome(outcomes, query).texts[:DEPTH])
        lengths += [len(text.split()) for text in texts]
        first = first_relevant(texts, query.keys)
        firsts[ALL].append(first)
        firsts[query.type].append(first)
    kinds = sorted(firsts, key=lambda kind: (kind != ALL, kind))
    answered = _tally(queries, outcomes, answerable=True)
    return Scores(
        rows=tuple(recall_row(kind, firsts[kind]) for kind in kinds),
        median_hit_words=statistics.median(lengths) if lengths else None,
        abstained=_tally(queries, outcomes, answerable=False),
        answered=answered,
        quoting=_quoting(queries, outcomes) if answered is not None else None,
    )


def _quoting(queries: list[EvalQuery], outcomes: dict[str, Outcome]) -> Tally:
    """Of the answerable questions answered, how many quote a sentence holding a key: the
    extractive answer itself, not only its supporting hits, found the answer."""
    answered = [
        (query, outcome.answer or "")
        for query in queries
        if query.keys and (outcome := find_outcome(outcomes, query)).answerable
    ]
    holding = sum(1 for query, quote in answered if is_relevant(quote, query.keys))
    return Tally(holding, len(answered))


def _tally(
    queries: list[EvalQuery], outcomes: dict[str, Outcome], answerable: bool
) -> Tally | None:
    """Among queries that are (not) answerable and were given an answer: how many the
    system got right, i.e. answered (abstained on). None when no such query was judged."""
    judged = [
        outcome.answerable
        for query in queries
        if bool(query.keys) == answerable
        and (outcome := find_outcome(outcomes, query)).answerable is not None
    ]
    if not judged:
        return None
    return Tally(sum(1 for said in judged if said == answerable), len(judged))


def overall(scores: Scores) -> RecallRow:
    """The ALL row (zeros when the set had no answerable query)."""
    return next((row for row in scores.rows if row.type == ALL), recall_row(ALL, []))

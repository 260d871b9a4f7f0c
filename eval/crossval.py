"""Leave-one-out cross-validation of the ranking's tunable constants on a query set.

    python -m eval.crossval --corpus corpus [--index DIR] [--queries Q.jsonl]

Every combination of the grid below is run once over the answerable queries. Then, for
each query in turn, the combination with the best R@5 (then MRR@10) on the *other*
queries is picked and the held-out query is scored with it. The cross-validated numbers
estimate what the tuning is worth on queries it did not see; the in-sample numbers of
the shipped combination sit beside them, and the gap between the two is the optimism of
tuning on 28 queries.
"""

import argparse
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import search.expand
import search.hits
from eval.batch import open_searcher, search_lines
from eval.corpus import prepared_index
from eval.harness import DEFAULT_QUERIES, report_progress
from eval.metrics import ALL, DEPTH, recall_row
from eval.queries import EvalQuery, read_queries
from eval.relevance import first_relevant
from search import Searcher

OFF = 2.0  # a cosine floor no window reaches: expansion by meaning switched off
FLOORS = (0.65, 0.7, 0.75, OFF)
MOST_TERMS = (2, 3)
DENSE_WEIGHTS = (0.25, 0.5, 1.0)


@dataclass(frozen=True, slots=True)
class Setting:
    """One combination of the constants: the expansion floor and cap, the dense weight."""

    floor: float
    most: int
    dense_weight: float

    def label(self) -> str:
        floor = "off" if self.floor >= OFF else f"{self.floor:.2f}"
        return f"floor {floor}, terms {self.most}, dense {self.dense_weight:g}"


def grid() -> list[Setting]:
    settings = [
        Setting(floor, 1 if floor >= OFF else most, weight)
        for floor, most, weight in itertools.product(FLOORS, MOST_TERMS, DENSE_WEIGHTS)
    ]
    return list(dict.fromkeys(settings))  # with expansion off the cap makes no difference


def shipped() -> Setting:
    return Setting(search.expand.MATCH_FLOOR, search.expand.MOST_TERMS, search.hits.DENSE_WEIGHT)


@contextmanager
def applied(setting: Setting) -> Iterator[None]:
    with (
        mock.patch.object(search.expand, "MATCH_FLOOR", setting.floor),
        mock.patch.object(search.expand, "MOST_TERMS", setting.most),
        mock.patch.object(search.hits, "DENSE_WEIGHT", setting.dense_weight),
    ):
        yield


def first_ranks(searcher: Searcher, queries: Sequence[EvalQuery]) -> list[int | None]:
    """1-based rank of each query's first relevant hit in the top DEPTH, or None; searched
    as the harness searches (search_lines: each query's own filters applied)."""
    lines = search_lines(searcher, list(queries), DEPTH)
    found = [
        first_relevant([hit["text"] for hit in line["hits"]], query.keys)
        for query, line in zip(queries, lines, strict=True)
    ]
    return [None if at is None else at + 1 for at in found]


def quality(ranks: Sequence[int | None]) -> tuple[float, float]:
    """(R@5, MRR@10) of a list of 1-based first ranks, counted as the harness counts."""
    row = recall_row(ALL, [None if rank is None else rank - 1 for rank in ranks])
    return row.r5, row.mrr


@dataclass(frozen=True, slots=True)
class Validation:
    held_out: list[int | None]  # each query scored by the setting chosen without it
    chosen: Counter[Setting]
    in_sample: dict[Setting, tuple[float, float]]


def leave_one_out(table: dict[Setting, list[int | None]], preferred: Setting) -> Validation:
    """Pick a setting on all queries but one, score the one; ties go to `preferred`."""
    settings = sorted(table, key=lambda s: s != preferred)  # stable: preferred first
    size = len(next(iter(table.values()), []))
    held_out: list[int | None] = []
    chosen: Counter[Setting] = Counter()
    for out in range(size):

        def others(setting: Setting, out: int = out) -> tuple[float, float]:
            ranks = table[setting]
            return quality(ranks[:out] + ranks[out + 1 :])

        best = max(settings, key=others)  # max keeps the first of equals
        chosen[best] += 1
        held_out.append(table[best][out])
    return Validation(held_out, chosen, {s: quality(r) for s, r in table.items()})


def format_validation(result: Validation, preferred: Setting) -> str:
    recall, mrr = quality(result.held_out)
    ship_recall, ship_mrr = result.in_sample[preferred]
    lines = [
        "| estimate | R@5 | MRR@10 |",
        "|---|---:|---:|",
        f"| shipped ({preferred.label()}), in sample | {ship_recall:.3f} | {ship_mrr:.3f} |",
        f"| leave-one-out cross-validated | {recall:.3f} | {mrr:.3f} |",
        "",
        "| setting | R@5 | MRR@10 | chosen in folds |",
        "|---|---:|---:|---:|",
    ]
    ranked = sorted(result.in_sample.items(), key=lambda pair: pair[1], reverse=True)
    for setting, (r5, m) in ranked:
        lines.append(f"| {setting.label()} | {r5:.3f} | {m:.3f} | {result.chosen[setting]} |")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    parser.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    parser.add_argument("--corpus", type=Path, help="ingest this folder into the index first")
    parser.add_argument("--embedder", default="minilm")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    queries = [q for q in read_queries(args.queries) if q.keys]
    with prepared_index(args.index, args.corpus, args.embedder, report_progress) as index:
        searcher = open_searcher(index, args.embedder)
        settings = grid()
        table: dict[Setting, list[int | None]] = {}
        for number, setting in enumerate(settings, start=1):
            with applied(setting):
                table[setting] = first_ranks(searcher, queries)
            report_progress("settings", number, len(settings))
    print(format_validation(leave_one_out(table, shipped()), shipped()))


if __name__ == "__main__":
    main()

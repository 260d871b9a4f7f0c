"""The ablation table and the leave-one-out cross-validation of the ranking constants."""

from collections import Counter
from pathlib import Path

from eval.ablation import VARIANTS, format_ablation, run_variants
from eval.batch import open_searcher
from eval.crossval import Setting, first_ranks, grid, leave_one_out, quality
from eval.queries import EvalQuery

QUERIES = [
    EvalQuery("a", "electively home educated children", ("Electively home educated",), "x"),
    EvalQuery("b", "special guardianship orders trend", ("Special Guardianship",), "x"),
]


def test_every_ablation_variant_runs_and_the_table_has_a_row_each(hashed_index: Path) -> None:
    searcher = open_searcher(hashed_index, "hashing")
    scored = run_variants(searcher, QUERIES)
    table = format_ablation(scored)
    assert len(scored) == len(VARIANTS)
    for variant in VARIANTS:
        assert f"| {variant.name} |" in table
    # The shipped pipeline finds both on the hashed corpus; BM25-less ranking is worse off.
    assert "| 1.000 |" in table.splitlines()[2]


def test_quality_is_recall_at_5_and_mean_reciprocal_rank() -> None:
    assert quality([1, 2, None, 6]) == (0.5, (1 + 0.5 + 1 / 6) / 4)
    assert quality([]) == (0.0, 0.0)


def test_leave_one_out_scores_each_query_with_the_setting_picked_without_it() -> None:
    good, bad = Setting(0.7, 2, 1.0), Setting(0.65, 2, 0.5)
    # `good` wins on queries 1-3, `bad` only on query 0: the fold holding query 0 out
    # still picks `good`, so the held-out estimate does not get query 0's lucky rank.
    table = {good: [None, 1, 1, 1], bad: [1, None, None, 2]}
    result = leave_one_out(table, preferred=bad)
    assert result.held_out == [None, 1, 1, 1]
    assert result.chosen == Counter({good: 4})
    assert result.in_sample[bad] == quality([1, None, None, 2])


def test_ties_go_to_the_preferred_setting() -> None:
    one, two = Setting(0.7, 2, 1.0), Setting(0.75, 2, 1.0)
    result = leave_one_out({one: [1, 3], two: [1, 3]}, preferred=two)
    assert result.chosen == Counter({two: 2})


def test_the_grid_holds_expansion_off_once_per_dense_weight() -> None:
    settings = grid()
    assert len(settings) == len(set(settings))
    off = [s for s in settings if s.label().startswith("floor off")]
    assert len(off) == len({s.dense_weight for s in settings})


def test_first_ranks_are_one_based_and_none_when_missing(hashed_index: Path) -> None:
    searcher = open_searcher(hashed_index, "hashing")
    missing = EvalQuery("m", "special guardianship orders", ("no paper says this",), "x")
    ranks = first_ranks(searcher, [*QUERIES, missing])
    assert ranks[2] is None
    assert all(rank is not None and rank >= 1 for rank in ranks[:2])

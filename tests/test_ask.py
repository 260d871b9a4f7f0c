"""`scrutineer ask`: extractive answers with citations, and honest abstention."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from search.answer import choose_sentences
from tests.conftest import FAST
from tests.conftest import run_cli as run


def test_ask_json_is_the_search_object_plus_an_answer(hashed_index: Path) -> None:
    result = run("ask", "youth justice plan", "--index", str(hashed_index), "--json", *FAST)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["query"] == "youth justice plan" and len(out["hits"]) == 10
    answer = out["answer"]
    assert set(answer) == {"text", "answerable", "citations", "searched"}
    assert answer["searched"]["papers"] == 5
    assert answer["searched"]["first_meeting"] == "2012-01-17"
    assert answer["searched"]["last_meeting"] == "2023-02-14"
    if answer["answerable"]:
        assert answer["citations"] and all(c["meeting_date"] for c in answer["citations"])


def test_ask_batch_prints_one_answer_per_line_with_its_id(
    hashed_index: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "x1", "query": "budget"}\n{"id": "x2", "query": ""}\n')
    result = run("ask", "--batch", str(batch), "--index", str(hashed_index), "--json", *FAST)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["x1", "x2"]
    assert lines[1]["answer"]["answerable"] is False and lines[1]["hits"] == []


def test_ask_filters_narrow_what_was_searched(hashed_index: Path) -> None:
    result = run(
        "ask",
        "budget",
        "--council",
        "worcestershire",
        "--index",
        str(hashed_index),
        "--json",
        *FAST,
    )
    searched = json.loads(result.stdout)["answer"]["searched"]
    assert searched["papers"] == 1
    assert searched["councils"] == ["Worcestershire County Council"]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # Only the minutes of 20 Jul 2021, inside the 30 Sep 2021 pack: a paper whose own
        # meeting is outside the dates, which coverage once left out.
        ("2021-07-01", "2021-07-31", (1, 1, "2021-07-20", "2021-07-20")),
        # Two packs; the 2023 one reaches back only through its minutes of 8 Nov 2022.
        ("2021-01-01", "2022-12-31", (2, 3, "2021-07-20", "2022-11-08")),
    ],
)
def test_ask_coverage_counts_exactly_what_search_returns_hits_from(
    hashed_index: Path, since: str, until: str, expected: tuple[int, int, str, str]
) -> None:
    where = ["--committee", "children & young people", "--since", since, "--until", until]
    where += ["--index", str(hashed_index), "--json", *FAST]
    hits = json.loads(run("search", "the committee", "-k", "200", *where).stdout)["hits"]
    asked = json.loads(run("ask", "the committee", *where).stdout)["answer"]["searched"]
    cited = [hit["citation"] for hit in hits]
    meetings = {(c["council"], c["committee"], c["meeting_date"]) for c in cited}
    dates = sorted(c["meeting_date"] for c in cited)
    assert (len({c["source"] for c in cited}), len(meetings), dates[0], dates[-1]) == expected
    assert (asked["papers"], asked["meetings"], asked["first_meeting"], asked["last_meeting"]) == (
        expected
    )
    assert asked["committees"] == sorted({c["committee"] for c in cited})
    assert asked["councils"] == ["Warwickshire County Council"]


def test_ask_without_an_index_is_a_user_error(tmp_path: Path) -> None:
    result = run("ask", "anything", "--index", str(tmp_path / "none"), *FAST)
    assert result.exit_code == 1 and "scrutineer ingest" in result.stderr


def _asked(index: Path, question: str) -> dict[str, Any]:
    """`scrutineer ask QUESTION --json` against `index`, parsed."""
    result = run("ask", question, "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


@pytest.mark.slow
def test_the_youth_justice_resolution_answers_the_question(minilm_index: Path) -> None:
    question = "What did the committee resolve about the Youth Justice Plan?"
    out = _asked(minilm_index, question)
    answer = out["answer"]
    assert answer["answerable"] is True
    assert "approve and Support the 2021/22 Youth Justice Plan" in answer["text"]
    cited = answer["citations"][0]
    assert (cited["meeting_date"], cited["item"], cited["doc_type"]) == (
        "2021-07-20",
        "4",
        "minutes",
    )


@pytest.mark.slow
def test_a_question_the_papers_cannot_answer_is_not_answered(minilm_index: Path) -> None:
    out = _asked(minilm_index, "school uniform grant for low income families")
    assert out["answer"]["answerable"] is False
    assert out["answer"]["text"] == "Not found in the papers searched."
    assert out["hits"], "the supporting search still shows what was found"


@pytest.mark.slow
def test_words_the_jargon_expansion_brings_in_do_not_vouch_for_an_unknown_word(
    minilm_index: Path,
) -> None:
    # "meals" is in no paper. Expansion adds the holiday activities and food programme,
    # whose "food" is close to "meals"; only what the question's own words retrieve may
    # support it, and that holds nothing close.
    question = "how many pupils take up free school meals"
    out = _asked(minilm_index, question)
    assert out["answer"]["answerable"] is False


def test_a_hyphenated_word_is_unknown_when_a_part_of_it_is(hashed_index: Path) -> None:
    from index import load_embedder, open_generation
    from search import make_searcher
    from search.answer import _unknown_words

    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))
    # The papers print "anti" (anti-social behaviour) but never "bullying".
    assert _unknown_words(searcher, "the anti-bullying strategy for schools") == ["bullying"]
    assert _unknown_words(searcher, "the anti-social behaviour strategy") == []


@pytest.mark.slow
def test_a_question_in_other_words_than_the_papers_is_answered(minilm_index: Path) -> None:
    # "kids" and "kicked" are in no paper, but the papers speak of exclusions: the words
    # match that evidence no worse than the question without them does.
    question = "which kids got kicked out of school for good"
    out = _asked(minilm_index, question)
    assert out["answer"]["answerable"] is True
    assert "exclusion" in out["answer"]["text"].lower()


@pytest.mark.slow
def test_a_word_that_pulls_the_question_from_its_evidence_is_not_answered(
    minilm_index: Path,
) -> None:
    # The papers say much about children at school and nothing about bullying: without
    # "bullied" the question comes closer to what they say.
    question = "how many children were bullied at school"
    out = _asked(minilm_index, question)
    assert out["answer"]["answerable"] is False


def test_the_drag_of_unknown_words_is_none_without_them_and_full_with_only_them(
    hashed_index: Path,
) -> None:
    from index import Filters, load_embedder, open_generation
    from search import make_searcher
    from search.answer import WORD_DRAG_CEILING, _word_drag

    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))
    assert _word_drag(searcher, "youth justice plan", Filters(), []) == 0.0
    # Nothing is left to search with once the words no paper uses are dropped.
    assert _word_drag(searcher, "vaping", Filters(), []) == 1.0
    assert _word_drag(searcher, "vaping", Filters(), []) > WORD_DRAG_CEILING


def test_a_sentence_from_a_better_ranked_hit_wins_a_near_tie() -> None:
    # Cosines 0.60 (from the fourth hit) and 0.55 (from the first): the first hit's prior
    # of 0.2 against the fourth's 0.08 outweighs the 0.05 between them.
    assert choose_sentences(np.array([0.60, 0.55]), [3, 0])[0] == 1


def test_a_clearly_closer_sentence_wins_over_the_rank_prior() -> None:
    # 0.80 from the last evidence hit against 0.50 from the first: 0.84 beats 0.70.
    assert choose_sentences(np.array([0.50, 0.80]), [0, 4]) == [1]


def test_a_second_sentence_is_quoted_only_within_the_margin() -> None:
    # The margin is 0.1: 0.62 against 0.70 is quoted too, 0.58 is not.
    both = choose_sentences(np.array([0.70, 0.62, 0.30]), [0, 0, 0])
    assert both == [0, 1]
    assert choose_sentences(np.array([0.70, 0.58, 0.30]), [0, 0, 0]) == [0]

"""The retrieval-quality harness: its relevance rule, its metrics, their agreement with the
shared scorer (../shared/eval/score.py), and a quality floor on the real corpus."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eval import (
    EvalQuery,
    Scores,
    fold_words,
    holds_key,
    index_outcomes,
    is_relevant,
    overall,
    read_queries,
    score_results,
)
from eval import batch as eval_batch
from eval.harness import evaluate, main
from eval.report import format_scores

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SCORE_PY = SHARED_EVAL / "score.py"
DEV_QUERIES = ROOT / "eval" / "queries" / "dev.jsonl"

# A ratchet, not a target: R@5 and MRR@10 on the dev set with MiniLM and e5-small when
# these floors were last set (0.929, 26 of 28 answerable, and 0.739; stop 13) less 0.04,
# rounded down, so one query lost still passes and two fail. Raise them when retrieval
# improves; never lower them to let a change in.
R5_FLOOR = 0.88
MRR_FLOOR = 0.69
# The same kind of ratchet on the other annotators' sets (eval/README.md), each less 0.04:
# held-out R@5 0.889 (its floor of stop 10 stands), R@10 0.963 and MRR 0.816; the fourth
# set's R@5 0.926 and MRR 0.684.
HELDOUT_QUERIES = ROOT / "eval" / "queries" / "heldout.jsonl"
HELDOUT_R5_FLOOR = 0.88
HELDOUT_R10_FLOOR = 0.92
HELDOUT_MRR_FLOOR = 0.77
FOURTH_QUERIES = ROOT / "eval" / "queries" / "fourth.jsonl"
FOURTH_R5_FLOOR = 0.88
FOURTH_MRR_FLOOR = 0.64
# The fifth set: R@5 0.852 and MRR 0.825 (stop 13), each less 0.04; ask abstained on 2
# of 3 and answered 26 of 27 there in stop 11, held at no more than one further question
# lost each way.
FIFTH_QUERIES = ROOT / "eval" / "queries" / "fifth.jsonl"
FIFTH_R5_FLOOR = 0.81
FIFTH_MRR_FLOOR = 0.78
FIFTH_ABSTAINED = 1
FIFTH_ANSWERED = 25
# The sixth set, first scored in stop 12 to judge e5-small's vote: R@5 0.889 and MRR 0.749
# (stop 13), each less 0.04.
SIXTH_QUERIES = ROOT / "eval" / "queries" / "sixth.jsonl"
SIXTH_R5_FLOOR = 0.84
SIXTH_MRR_FLOOR = 0.70
# The seventh set, the judge of stop 12, joined the ratchets in stop 13 when an eighth set
# took its place: R@5 0.815 and MRR 0.746 with the area-question hint, each less 0.04.
SEVENTH_QUERIES = ROOT / "eval" / "queries" / "seventh.jsonl"
SEVENTH_R5_FLOOR = 0.77
SEVENTH_MRR_FLOOR = 0.70
# The eighth set, read in stop 14 and in the ratchets since: R@5 0.926 and MRR 0.795 with
# the officers' words, each less 0.04.
EIGHTH_QUERIES = ROOT / "eval" / "queries" / "eighth.jsonl"
EIGHTH_R5_FLOOR = 0.88
EIGHTH_MRR_FLOOR = 0.75
# ask on the seventh set answered 25 of 27 until stop 14, refusing two questions over
# everyday words ("pricey", "kids"); with search/register.py it answers 27. Held at one
# question lost.
SEVENTH_ANSWERED = 26
# How many answered answerable questions quote a sentence holding a key. With the rank
# prior and a second sentence within 0.1 (search/answer.py) dev quotes 15 of 28, fifth 16
# of 26 and seventh 16 of 27 (12, 16, 16 within 0.05; 11, 16, 16 on cosine alone); each
# held at one fewer.
DEV_QUOTING = 14
FIFTH_QUOTING = 15
SEVENTH_QUOTING = 15
# ask on the dev set: the bar, all unanswerable questions abstained on and at
# least 95% of the answerable ones answered.
ANSWERED_SHARE = 0.95
# Longer hits make recall cheap (one hit holding a whole report "finds" everything).
MAX_MEDIAN_HIT_WORDS = 150

LONG_KEY = (
    "It may also avoid future more costly outcomes for local and national government "
    "in the region of £55,500 to £128,000."
)


# --- the relevance rule --------------------------------------------------------------


def test_folding_drops_markup_case_punctuation_and_white_space() -> None:
    assert fold_words("The <b>NEET</b>\n  rate,\tfell.") == ("the", "neet", "rate", "fell")


def test_pound_sign_and_per_cent_stay_part_of_the_word() -> None:
    assert fold_words("cost £55,500 (4.8%)") == ("cost", "£55", "500", "4", "8%")
    assert holds_key("savings of £1.2m", "£1.2m")
    assert not holds_key("savings of 1.2m", "£1.2m")


def test_a_key_matches_across_case_markup_and_line_breaks() -> None:
    text = "Stratford-on-Avon has the LOWEST proportion\nof <i>young people</i> that are NEET"
    assert holds_key(text, "stratford-on-avon has the lowest proportion of young people")


def test_a_short_key_must_appear_whole_and_on_word_boundaries() -> None:
    assert not holds_key("the children were careful", "care")
    assert not holds_key("waiting times rose", "waiting times rose sharply")
    assert holds_key("waiting times rose sharply in May", "waiting times rose sharply")


def test_eight_consecutive_key_words_count_when_a_chunk_edge_cuts_the_key() -> None:
    tail = "outcomes for local and national government in the region"  # 9 words
    assert holds_key(f"... more costly {tail}", LONG_KEY)
    seven = "for local and national government in the"
    assert not holds_key(f"costly {seven} area", LONG_KEY)


def test_an_empty_key_never_matches_and_any_key_of_several_will() -> None:
    assert not holds_key("anything at all", " <br> ")
    assert is_relevant("81% considered the area child friendly", ("nope", "81% considered"))


# --- metrics on hand-made results -----------------------------------------------------

RELEVANT = "NUNEATON and <b>Bedworth</b>\n has   the HIGHEST"
QUERIES: list[dict[str, Any]] = [
    {
        "id": "k1",
        "query": "neet by district",
        "keys": ["Nuneaton and Bedworth has the highest"],
        "type": "keyword",
    },
    {"id": "k2", "query": "caf cost avoidance", "keys": [LONG_KEY], "type": "keyword"},
    {"id": "q1", "query": "caf range", "keys": ["£55,500 to £128,000"], "type": "question"},
    {"id": "q2", "query": "too deep", "keys": ["found at eleven"], "type": "question"},
    {"id": "p1", "query": "never run", "keys": ["absent"], "type": "paraphrase"},
    {"id": "p2", "query": "matched by text", "keys": ["by the query"], "type": "paraphrase"},
    {"id": "u1", "query": "school uniform grant", "keys": [], "type": "unanswerable"},
    {"id": "u2", "query": "bullying reports", "keys": [], "type": "unanswerable"},
]


def _hits(texts: list[str]) -> list[dict[str, Any]]:
    return [{"rank": n, "text": text} for n, text in enumerate(texts, start=1)]


def _filler(n: int) -> list[str]:
    return [f"unrelated passage number {i} about careful budgets" for i in range(n)]


RESULTS: list[dict[str, Any]] = [
    # relevant at rank 2, found only after folding
    {
        "id": "k1",
        "hits": _hits(["Nuneaton has the lowest", RELEVANT, *_filler(8)]),
        "answer": {"answerable": True},
    },
    # rank 6 holds only 8 consecutive words of the long key
    {
        "id": "k2",
        "hits": _hits(
            [
                *_filler(5),
                "avoid future more costly outcomes for local and national government",
                *_filler(4),
            ]
        ),
        "answer": {"answerable": False},
    },
    {"id": "q1", "hits": _hits(["in the region of £55,500 to £128,000.", *_filler(3)])},
    # relevant at rank 11: beyond the 10 hits judged
    {"id": "q2", "hits": _hits([*_filler(10), "it was found at eleven"])},
    # p1 has no line at all; p2's line has no id and is matched by its query text
    {"query": "matched by text", "hits": _hits([*_filler(2), "as set by the query", "x"])},
    {"id": "u1", "hits": _hits(_filler(3)), "answer": {"answerable": False}},
    {"id": "u2", "hits": _hits(_filler(3)), "answer": {"answerable": True}},
]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture
def hand_made(tmp_path: Path) -> tuple[Path, Path]:
    return _write_jsonl(tmp_path / "q.jsonl", QUERIES), _write_jsonl(tmp_path / "r.jsonl", RESULTS)


def test_recall_and_mrr_count_the_first_relevant_hit_within_ten(
    hand_made: tuple[Path, Path],
) -> None:
    queries_path, _ = hand_made
    scores = score_results(read_queries(queries_path), index_outcomes(RESULTS))
    # First relevant hit (0-based) per answerable query: 1, 5, 0, none, none, 2.
    row = overall(scores)
    assert (row.n, row.r1, row.r5, row.r10) == (6, 1 / 6, 3 / 6, 4 / 6)
    assert row.mrr == pytest.approx((1 / 2 + 1 / 6 + 1 + 1 / 3) / 6)
    by_type = {r.type: (r.n, r.r5) for r in scores.rows}
    assert by_type == {
        "ALL": (6, 0.5),
        "keyword": (2, 0.5),
        "question": (2, 0.5),
        "paraphrase": (2, 0.5),
    }


def test_abstention_counts_only_lines_that_carry_an_answer(
    hand_made: tuple[Path, Path],
) -> None:
    queries_path, _ = hand_made
    scores = score_results(read_queries(queries_path), index_outcomes(RESULTS))
    assert scores.abstained is not None and scores.answered is not None
    assert (scores.abstained.hits, scores.abstained.total) == (1, 2)
    assert (scores.answered.hits, scores.answered.total) == (1, 2)
    plain = [{k: v for k, v in line.items() if k != "answer"} for line in RESULTS]
    assert score_results(read_queries(queries_path), index_outcomes(plain)).abstained is None


def test_quoting_counts_answered_answerable_questions_whose_quote_holds_a_key() -> None:
    queries = [
        EvalQuery("a", "a", ("the plan was approved",), "question"),
        EvalQuery("b", "b", ("sixty one dads finished",), "question"),
        EvalQuery("c", "c", ("never answered",), "question"),
        EvalQuery("u", "u", (), "unanswerable"),
    ]
    lines = [
        {"id": "a", "hits": [], "answer": {"answerable": True, "text": "The Plan was approved."}},
        {"id": "b", "hits": [], "answer": {"answerable": True, "text": "Referrals fell."}},
        {"id": "c", "hits": [], "answer": {"answerable": False, "text": "Not found."}},
        {"id": "u", "hits": [], "answer": {"answerable": True, "text": "the plan was approved"}},
    ]
    quoting = score_results(queries, index_outcomes(lines)).quoting
    assert quoting is not None and (quoting.hits, quoting.total) == (1, 2)
    searched = [{k: v for k, v in line.items() if k != "answer"} for line in lines]
    assert score_results(queries, index_outcomes(searched)).quoting is None


def test_median_hit_length_is_over_the_top_ten_hits_of_answerable_queries() -> None:
    queries = [EvalQuery("a", "a", ("zzz",), "keyword"), EvalQuery("u", "u", (), "unanswerable")]
    lines = [
        {"id": "a", "hits": _hits(["one two", "one two three", "one"])},
        {"id": "u", "hits": _hits(["w " * 500] * 10)},
    ]
    assert score_results(queries, index_outcomes(lines)).median_hit_words == 2


# --- agreement with the shared scorer -------------------------------------------------

ROW = re.compile(
    r"^(\S+)\s+n=\s*(\d+)\s+R@1=([\d.]+)\s+R@5=([\d.]+)\s+R@10=([\d.]+)\s+MRR@10=([\d.]+)$"
)


def _shared_score(queries_path: Path, results_path: Path) -> dict[str, tuple[str, ...]]:
    """score.py's output as {row name: printed values}."""
    if not SCORE_PY.is_file():
        pytest.skip(f"the shared scorer is not at {SCORE_PY}")
    done = subprocess.run(
        [sys.executable, str(SCORE_PY), str(queries_path), str(results_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, tuple[str, ...]] = {}
    for line in done.stdout.splitlines():
        if m := ROW.match(line):
            found[m.group(1)] = m.groups()[1:]
        elif m := re.match(r"median hit length: (\d+) words", line):
            found["median"] = (m.group(1),)
        elif m := re.match(r"(abstained|answered) [a-z ]+:\s+(\d+)/(\d+)", line):
            found[m.group(1)] = (m.group(2), m.group(3))
    return found


def _our_score(queries_path: Path, lines: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    scores = score_results(read_queries(queries_path), index_outcomes(lines))
    found: dict[str, tuple[str, ...]] = {
        row.type: (str(row.n), *(f"{v:.3f}" for v in (row.r1, row.r5, row.r10, row.mrr)))
        for row in scores.rows
    }
    if scores.median_hit_words is not None:
        found["median"] = (f"{scores.median_hit_words:.0f}",)
    for name, tally in (("abstained", scores.abstained), ("answered", scores.answered)):
        if tally is not None:
            found[name] = (str(tally.hits), str(tally.total))
    return found


def test_scores_agree_with_the_shared_scorer_on_hand_made_results(
    hand_made: tuple[Path, Path],
) -> None:
    queries_path, results_path = hand_made
    shared = _shared_score(queries_path, results_path)
    assert shared["ALL"] == ("6", "0.167", "0.500", "0.667", "0.333")
    assert _our_score(queries_path, RESULTS) == shared


def test_harness_scores_a_results_file_and_prints_a_markdown_table(
    hand_made: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    queries_path, results_path = hand_made
    main(["--queries", str(queries_path), "--results-in", str(results_path)])
    out = capsys.readouterr().out
    assert "| ALL | 6 | 0.167 | 0.500 | 0.667 | 0.333 |" in out
    assert "abstained on unanswerable: 1/2" in out


def test_harness_names_a_bad_results_line_and_exits_1(
    hand_made: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries_path, _ = hand_made
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "k1", "hits": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--queries", str(queries_path), "--results-in", str(bad)])
    assert exit_info.value.code == 1
    assert f"{bad} line 2: not JSON" in capsys.readouterr().err


def test_a_query_with_an_unknown_filter_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = _write_jsonl(
        tmp_path / "q.jsonl",
        [QUERIES[0], {"id": "f", "query": "budget", "keys": [], "filters": {"county": "x"}}],
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["--queries", str(queries), "--index", str(tmp_path)])
    assert exit_info.value.code == 1
    assert f"{queries} line 2: unknown filter county" in capsys.readouterr().err


def test_filters_given_with_a_query_are_applied_before_ranking(tmp_path: Path) -> None:
    from eval.corpus import index_corpus

    index_corpus(CORPUS, tmp_path / "index", "hashing")
    query = EvalQuery("w", "children in care", ("x",), "keyword", (("council", "worcester"),))
    _, lines = evaluate([query], tmp_path / "index", "hashing")

    councils = {hit["citation"]["council"] for hit in lines[0]["hits"]}
    assert councils == {"Worcestershire County Council"}
    assert lines[0]["filters"] == {"council": "worcester"}


def test_harness_refuses_ask_when_the_cli_has_no_ask_command(
    hand_made: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(eval_batch, "ask_available", lambda: False)
    queries_path, _ = hand_made
    with pytest.raises(SystemExit) as exit_info:
        main(["--queries", str(queries_path), "--index", str(tmp_path), "--ask"])
    assert exit_info.value.code == 1
    assert "scrutineer ask is not available" in capsys.readouterr().err


# --- the harness against a real index -------------------------------------------------


def test_harness_builds_the_corpus_into_a_temporary_index_and_agrees_with_score_py(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.jsonl"
    main(
        [
            "--queries",
            str(DEV_QUERIES),
            "--corpus",
            str(CORPUS),
            "--embedder",
            "hashing",
            "--results",
            str(results),
            "--json",
        ]
    )
    printed = json.loads(capsys.readouterr().out)
    lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]

    assert [line["id"] for line in lines] == [q.id for q in read_queries(DEV_QUERIES)]
    assert all(len(line["hits"]) == 10 and "citation" in line["hits"][0] for line in lines)
    assert printed["by_type"]["ALL"]["n"] == 28
    assert _our_score(DEV_QUERIES, lines) == _shared_score(DEV_QUERIES, results)


def test_harness_scores_abstention_from_ask_batch_when_the_cli_has_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not eval_batch.ask_available():
        pytest.skip("the CLI has no ask command in this checkout")
    index_dir = tmp_path / "index"
    main(
        [
            "--queries",
            str(DEV_QUERIES),
            "--corpus",
            str(CORPUS),
            "--index",
            str(index_dir),
            "--embedder",
            "hashing",
            "--ask",
            "--json",
        ]
    )
    printed = json.loads(capsys.readouterr().out)

    queries = read_queries(DEV_QUERIES)
    assert printed["abstained"]["total"] == sum(1 for q in queries if not q.keys)
    assert printed["answered"]["total"] == sum(1 for q in queries if q.keys)


@pytest.mark.slow
def test_dev_set_recall_stays_above_the_ratchet_with_short_hits(
    minilm_index: Path, tmp_path: Path
) -> None:
    scores, lines = evaluate(read_queries(DEV_QUERIES), minilm_index, "minilm")
    print(format_scores(scores))
    row = overall(scores)

    assert row.r5 >= R5_FLOOR, format_scores(scores)
    assert row.mrr >= MRR_FLOOR, format_scores(scores)
    assert scores.median_hit_words is not None
    assert scores.median_hit_words <= MAX_MEDIAN_HIT_WORDS
    results = _write_jsonl(tmp_path / "results.jsonl", lines)
    assert _our_score(DEV_QUERIES, lines) == _shared_score(DEV_QUERIES, results)


def _asked(path: Path, index: Path) -> Scores:
    """A query set put through `scrutineer ask --batch` with MiniLM, scored."""
    lines = eval_batch.ask_lines(path, index, "minilm")
    return score_results(read_queries(path), index_outcomes(lines))


def _scored_set(path: Path, index: Path) -> tuple[list[EvalQuery], Scores]:
    """A 30-query annotator's set (27 answerable), searched and scored with MiniLM."""
    queries = read_queries(path)
    assert len(queries) == 30 and sum(1 for q in queries if q.keys) == 27
    scores, _ = evaluate(queries, index, "minilm")
    return queries, scores


@pytest.mark.slow
def test_heldout_set_recall_stays_above_its_ratchet(minilm_index: Path) -> None:
    _, scores = _scored_set(HELDOUT_QUERIES, minilm_index)
    row = overall(scores)
    assert row.r5 >= HELDOUT_R5_FLOOR, format_scores(scores)
    assert row.r10 >= HELDOUT_R10_FLOOR, format_scores(scores)
    assert row.mrr >= HELDOUT_MRR_FLOOR, format_scores(scores)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "r5_floor", "mrr_floor"),
    [
        (FOURTH_QUERIES, FOURTH_R5_FLOOR, FOURTH_MRR_FLOOR),
        (SIXTH_QUERIES, SIXTH_R5_FLOOR, SIXTH_MRR_FLOOR),
        (SEVENTH_QUERIES, SEVENTH_R5_FLOOR, SEVENTH_MRR_FLOOR),
        (EIGHTH_QUERIES, EIGHTH_R5_FLOOR, EIGHTH_MRR_FLOOR),
    ],
    ids=["fourth", "sixth", "seventh", "eighth"],
)
def test_an_annotators_set_stays_above_its_ratchets(
    minilm_index: Path, path: Path, r5_floor: float, mrr_floor: float
) -> None:
    _, scores = _scored_set(path, minilm_index)
    assert overall(scores).r5 >= r5_floor, format_scores(scores)
    assert overall(scores).mrr >= mrr_floor, format_scores(scores)


@pytest.mark.slow
def test_fifth_set_recall_and_abstention_stay_above_their_ratchets(minilm_index: Path) -> None:
    _, scores = _scored_set(FIFTH_QUERIES, minilm_index)
    assert overall(scores).r5 >= FIFTH_R5_FLOOR, format_scores(scores)
    assert overall(scores).mrr >= FIFTH_MRR_FLOOR, format_scores(scores)
    asked = _asked(FIFTH_QUERIES, minilm_index)
    assert asked.abstained is not None and asked.answered is not None
    assert asked.abstained.hits >= FIFTH_ABSTAINED
    assert asked.answered.hits >= FIFTH_ANSWERED
    assert asked.quoting is not None and asked.quoting.hits >= FIFTH_QUOTING


@pytest.mark.slow
def test_seventh_set_ask_answers_everyday_words_and_quotes_keys(minilm_index: Path) -> None:
    asked = _asked(SEVENTH_QUERIES, minilm_index)
    assert asked.answered is not None
    assert asked.answered.hits >= SEVENTH_ANSWERED
    assert asked.quoting is not None and asked.quoting.hits >= SEVENTH_QUOTING


@pytest.mark.slow
def test_ask_abstains_on_every_unanswerable_dev_question_and_answers_the_rest(
    minilm_index: Path,
) -> None:
    scores = _asked(DEV_QUERIES, minilm_index)
    assert scores.abstained is not None and scores.answered is not None
    assert scores.abstained.total == 3
    assert scores.abstained.hits == scores.abstained.total
    assert scores.answered.hits >= ANSWERED_SHARE * scores.answered.total
    assert scores.quoting is not None and scores.quoting.hits >= DEV_QUOTING


def test_latency_baseline_takes_the_same_top_rows_as_a_full_sort() -> None:
    from bench.query_latency import top_rows

    scores = np.array([0.1, 0.9, 0.3, 0.9, -1.0, 0.5], dtype=np.float32)
    assert top_rows(scores, 3) == [1, 3, 5]
    assert top_rows(scores, 10) == [1, 3, 5, 2, 0, 4]


def test_the_scale_benchmark_times_overviews_beside_the_rankers() -> None:
    from bench.query_latency import scale_rows

    count, rows = scale_rows(300, ["children in care"] * 2)
    assert 0 < count <= 300  # "about" 300: short paragraphs merge into one chunk
    labels = [(what, ours, base) for what, ours, _, base, _ in rows]
    assert labels[2:] == [
        (
            "date-only query naming a day, end to end",
            "find_hits with overviews",
            "find_hits, overviews off",
        ),
        (
            "date-only query naming a month, end to end",
            "find_hits with overviews",
            "find_hits, overviews off",
        ),
        (
            "date-only query naming a month, end to end",
            "find_hits, overview cap",
            "find_hits, no cap",
        ),
    ]


@pytest.mark.slow
def test_the_default_minilm_index_carries_e5_small_vectors_for_every_row(
    minilm_index: Path,
) -> None:
    searcher = eval_batch.open_searcher(minilm_index, "minilm")
    generation = searcher.generation

    assert generation.manifest["second"] == {"name": "e5-small", "dim": 384}
    assert generation.second is not None
    assert (
        generation.second.ntotal
        == generation.dense.ntotal
        == generation.manifest["counts"]["chunks"]
    )
    assert searcher.second is not None and searcher.second.name == "e5-small"

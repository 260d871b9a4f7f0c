"""The everyday-to-officer word table, and `ask` reading an everyday word as known."""

import json
from pathlib import Path

import pytest

from index import index_terms
from search.register import _TABLE, officer_words, register_table


def test_every_entry_has_everyday_words_and_officers_words() -> None:
    for line in _TABLE.strip().splitlines():
        plain, officer = line.split("|")
        assert all(word.strip() for word in plain.split(",")), line
        assert all(word.strip() for word in officer.split(",")), line


def test_each_everyday_word_is_one_stem_in_one_entry() -> None:
    # A question is read word by word, so a phrase could never match; and a stem in two
    # entries would silently keep only the first.
    seen: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        for item in line.split("|")[0].split(","):
            terms = index_terms(item.strip())
            assert len(terms) == 1, (item, line)
            assert seen.setdefault(terms[0], line) == line, (terms[0], seen[terms[0]], line)


@pytest.mark.parametrize(
    ("word", "says"),
    [
        ("kids", "children"),
        ("kids'", "children"),
        ("Kid", "children"),
        ("Mums", "mothers"),
        ("doctors", "GPs"),
        ("grumbles", "complaints"),
        ("moaning", "complaints"),
        ("pricey", "costs"),
    ],
)
def test_an_everyday_word_in_any_form_finds_the_officers_word(word: str, says: str) -> None:
    assert says in officer_words(word)


@pytest.mark.parametrize("word", ["bullying", "bully", "vaping", "uniform", "meals", "salary"])
def test_a_topic_word_has_no_entry(word: str) -> None:
    # Their absence from the papers is the evidence that nothing answers the question.
    assert officer_words(word) == ()


def test_a_phrase_is_not_a_word() -> None:
    assert officer_words("school kids") == ()
    assert officer_words("") == ()


def test_the_table_is_read_once() -> None:
    assert register_table() is register_table()


def test_an_everyday_word_is_known_when_the_papers_use_its_officers_word(
    hashed_index: Path,
) -> None:
    from index import load_embedder, open_generation
    from search import make_searcher
    from search.answer import _unknown_words

    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))
    # No paper says "kids", "grumble" or "vaping"; they say "children" and "complaints".
    assert _unknown_words(searcher, "what do kids grumble about") == []
    assert _unknown_words(searcher, "kids vaping") == ["vaping"]


def test_bm25_reads_the_officers_words_for_the_querys_own_text_only(
    hashed_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search.hits
    from index import Filters, load_embedder, open_generation
    from search import make_searcher

    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))
    asked: list[str] = []
    real = search.hits.rank_sparse

    def recording(generation: object, text: str, *rest: object) -> list[tuple[int, float]]:
        asked.append(text)
        return real(generation, text, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(search.hits, "rank_sparse", recording)
    monkeypatch.setattr(search.hits, "query_texts", lambda query, jargon: [query, query])
    search.hits.rank_rows(searcher, "do family doctors come to case conferences", Filters(), 10)
    assert "GPs" in asked[0].split()
    assert "GPs" not in asked[1].split()
    asked.clear()
    # A word the papers use is left to speak for itself.
    search.hits.rank_rows(searcher, "children in care", Filters(), 10)
    assert asked[0] == asked[1]


@pytest.mark.slow
def test_an_everyday_question_finds_and_answers_from_the_officers_words(
    minilm_index: Path,
) -> None:
    from tests.conftest import run_cli

    # The papers say "GP's" attendance at case conferences is variable; no paper says
    # "doctors", which once made `ask` refuse this.
    question = "do family doctors turn up to child protection conferences"
    result = run_cli("ask", question, "--index", str(minilm_index), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert "GP" in out["hits"][0]["text"]
    assert out["answer"]["answerable"] is True

"""Jargon expansion by meaning: plain phrasings in a query bring in the officers' terms."""

from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

import search.expand
import search.hits
from index import load_embedder, open_generation
from search import find_hits, make_searcher
from search.expand import build_expander, load_expander, query_windows
from search.hits import query_texts
from search.jargon import JARGON


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets an empty cache folder and no expander built by another test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setattr(search.expand, "_BUILT", {})
    return folder / "scrutineer"


def test_every_entry_has_a_term_a_formal_name_and_plain_phrasings() -> None:
    assert len(JARGON) >= 100
    terms = [entry.term.lower() for entry in JARGON]
    assert len(set(terms)) == len(terms)
    for entry in JARGON:
        assert entry.term and entry.formal, entry
        assert entry.phrasings and all(p.strip() == p and p for p in entry.phrasings), entry


def test_windows_start_and_end_on_content_words_and_include_the_whole_query() -> None:
    windows = query_windows("how many kids are home schooled in Worcestershire?")
    assert "how many kids are home schooled in Worcestershire" in windows
    assert "kids are home schooled" in windows
    assert "home schooled" in windows
    assert not any(w.split()[0].lower() in {"how", "are", "in"} for w in windows if len(w) < 40)
    assert query_windows("") == []
    assert query_windows("?!") == []


def test_a_plain_phrasing_in_the_query_adds_the_term_and_its_formal_name() -> None:
    expander = build_expander(load_embedder("hashing"))
    added = expander.expand("figures on home schooling across the county")
    assert "EHE" in added
    assert "elective home education" in added


def test_a_query_with_no_plain_phrasing_adds_nothing() -> None:
    expander = build_expander(load_embedder("hashing"))
    assert expander.expand("Councillor Roodhouse outdoor bursary") == ""


def test_words_already_in_the_query_are_not_added_again() -> None:
    expander = build_expander(load_embedder("hashing"))
    added = expander.expand("home schooling and elective home education")
    assert "EHE" in added
    assert "elective home education" not in added


def test_no_more_than_the_cap_of_terms_is_added(monkeypatch: pytest.MonkeyPatch) -> None:
    expander = build_expander(load_embedder("hashing"))
    query = "home schooling, road repairs, foster carers and nursing homes"
    assert len(expander.matches(query)) == search.expand.MOST_TERMS
    monkeypatch.setattr(search.expand, "MOST_TERMS", 4)
    assert {j.term for j, _ in expander.matches(query)} == {
        "EHE",
        "highways",
        "foster care",
        "care homes",
    }


def test_the_phrasing_vectors_are_cached_and_a_damaged_cache_is_rebuilt(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = load_embedder("hashing")
    first = build_expander(embedder)
    [cached] = own_cache.glob("jargon-*.npy")
    assert not list(own_cache.glob("*.tmp"))

    def refuse(texts: list[str]) -> np.ndarray:
        raise AssertionError("the cache should have answered")

    class Refusing:
        name, dim, max_tokens = embedder.name, embedder.dim, embedder.max_tokens
        encode = staticmethod(refuse)

    again = build_expander(Refusing())  # type: ignore[arg-type]
    assert np.array_equal(again.vectors, first.vectors)

    cached.write_bytes(b"not a numpy file")
    rebuilt = build_expander(embedder)
    assert np.array_equal(rebuilt.vectors, first.vectors)
    assert np.array_equal(np.load(cached), first.vectors)


def test_an_unwritable_cache_only_costs_the_next_start(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    expander = build_expander(load_embedder("hashing"))
    assert "EHE" in expander.expand("home schooling")


def test_one_expander_is_built_per_embedder_per_process() -> None:
    embedder = load_embedder("hashing")
    assert load_expander(embedder) is load_expander(embedder)


def test_search_with_expansion_finds_the_officers_term_for_a_plain_query(
    hashed_index: Path,
) -> None:
    embedder = load_embedder("hashing")
    searcher = make_searcher(open_generation(hashed_index, "hashing"), embedder)
    query = "how many children are in home schooling"

    def found(hits: list) -> bool:  # type: ignore[type-arg]
        return any("home educat" in hit.text.lower() or "EHE" in hit.text for hit in hits)

    assert found(find_hits(searcher, query, k=5))
    assert not found(find_hits(replace(searcher, expander=None), query, k=5))


@pytest.mark.slow
def test_minilm_maps_plain_words_it_was_not_given_to_the_officers_terms() -> None:
    expander = load_expander(load_embedder("minilm"))
    assert "NEET" in expander.expand("teenagers with no job, college course or apprenticeship")
    assert "exclusions" in expander.expand("how many pupils were expelled from their schools")
    assert "CAMHS" in expander.expand("teenagers suffering anxiety waiting for NHS help")
    assert "SGO" in expander.expand("grandparents raising their grandchildren")
    assert "missing children" in expander.expand("kids who run away from home")
    assert expander.expand("the weather forecast for Tuesday afternoon") == ""


def test_a_pasted_paragraph_is_read_for_jargon_only_in_its_first_words() -> None:
    paragraph = " ".join(f"word{n}" for n in range(2000)) + " home schooling"
    windows = query_windows(paragraph)
    assert len(windows) <= 1 + 5 * search.expand.MOST_WORDS
    assert not any("word45" in window or "home" in window for window in windows)
    assert build_expander(load_embedder("hashing")).expand(paragraph) == ""


@dataclass(frozen=True)
class _FixedJargon:
    """A test double for the expander: always means the same words."""

    words: str

    def expand(self, query: str) -> str:
        return self.words


def test_the_query_and_its_expansion_each_hold_half_the_vote() -> None:
    assert query_texts("home schooling", "") == ["home schooling"]
    assert query_texts("home schooling", "EHE") == ["home schooling", "home schooling EHE"]


def test_a_wrong_expansion_cannot_bury_what_the_query_finds(hashed_index: Path) -> None:
    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))
    query = "school transport"
    plain = [h.chunk_id for h in find_hits(replace(searcher, expander=None), query, k=5)]
    misled = replace(searcher, expander=_FixedJargon("Gypsy Roma Traveller GRT traveller"))  # type: ignore[arg-type]
    split = [h.chunk_id for h in find_hits(misled, query, k=5)]
    with mock.patch.object(search.hits, "query_texts", lambda q, j: [f"{q} {j}"]):
        alone = [h.chunk_id for h in find_hits(misled, query, k=5)]
    assert plain[0] in split
    # With the whole vote, the wrong words push most of the query's own top 5 out.
    assert len(set(plain) & set(split)) >= 4 > 1 >= len(set(plain) & set(alone))

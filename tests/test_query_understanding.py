"""Acronyms learnt from papers, and the dates, councils and committees a query names."""

from dataclasses import replace
from pathlib import Path

from index import load_embedder, open_generation
from ingest import Chunk
from ingest.acronym import find_acronyms
from search import find_hits, make_searcher
from search.query import (
    DateSpan,
    expand_acronyms,
    find_dates,
    mentions_date,
    named_committees,
    plan_query,
)


def test_acronyms_are_learnt_from_definitions_in_running_text() -> None:
    found = dict(
        find_acronyms(
            [
                "young people not in education, employment or training (NEET) fell",
                "a Special Guardianship Order (SGO) was made; Children Missing Education (CME)",
                "the Autistic Spectrum Disorder (ASD) pathway",
            ]
        )
    )
    assert found["NEET"] == "not in education, employment or training"
    assert found["SGO"] == "Special Guardianship Order"
    assert found["CME"] == "Children Missing Education"
    assert found["ASD"] == "Autistic Spectrum Disorder"


def test_acronyms_are_learnt_from_glossary_rows_with_one_or_two_pairs() -> None:
    found = dict(find_acronyms(["PCF | Parent Carer Forum | WYJS | Warwickshire Youth Justice"]))
    assert found == {"PCF": "Parent Carer Forum", "WYJS": "Warwickshire Youth Justice"}


def test_words_in_brackets_that_do_not_spell_the_letters_are_not_acronyms() -> None:
    assert find_acronyms(["the meeting was held at Shire Hall (SH2) on Monday"]) == ()
    assert find_acronyms(["the figure (2021) rose"]) == ()


def test_a_plural_acronym_is_learnt_in_the_singular() -> None:
    assert dict(find_acronyms(["Special Guardianship Orders (SGOs) rose"])) == {
        "SGO": "Special Guardianship Orders"
    }


def test_queries_are_expanded_both_ways() -> None:
    acronyms = {"ASD": "Autistic Spectrum Disorder", "EHE": "Elective Home Education"}
    assert expand_acronyms("ASD waiting times", acronyms) == (
        "ASD waiting times Autistic Spectrum Disorder"
    )
    assert expand_acronyms("elective home education numbers", acronyms).endswith(" EHE")
    assert expand_acronyms("asd care", acronyms) == "asd care"


def test_dates_in_a_query_are_found_to_the_day_or_month() -> None:
    assert find_dates("panel 8 September 2020 agenda") == [DateSpan(2020, 9, 8)]
    assert find_dates("looking at in April 2023") == [DateSpan(2023, 4)]
    assert find_dates("minutes of 20.07.2021") == [DateSpan(2021, 7, 20)]
    assert find_dates("no date here 2021") == []


def _chunk(text: str, meeting_date: str | None) -> Chunk:
    return Chunk("id", "s", text, "", None, None, None, None, meeting_date, "report",
                 None, None, None, None, False, "public")  # fmt: skip


def test_a_passage_mentions_a_month_when_it_names_a_day_in_it_or_met_then() -> None:
    april = (DateSpan(2023, 4),)
    assert mentions_date(_chunk("Outdoor Education progress | 11 April 2023", None), april)
    assert mentions_date(_chunk("nothing dated", "2023-04-26"), april)
    assert not mentions_date(_chunk("on 11 May 2023", "2023-02-14"), april)


def test_a_council_named_in_the_query_is_recognised() -> None:
    councils = ("Warwickshire County Council", "Worcestershire County Council")
    plan = plan_query("Worcestershire home education numbers", councils)
    assert plan.councils == ("Worcestershire County Council",)
    assert plan_query("county council budget", councils).councils == ()


def test_a_named_council_is_a_hint_not_a_word_to_rank_with() -> None:
    councils = ("Warwickshire County Council", "Worcestershire County Council")
    plan = plan_query("How many children were in care in Warwickshire?", councils)
    assert plan.councils == ("Warwickshire County Council",)
    assert "warwickshire" not in plan.expanded.lower()
    assert plan.expanded == "How many children were in care in ?"
    possessive = plan_query("Worcestershire's exclusions", councils)
    assert possessive.expanded == "exclusions"


def test_a_query_of_only_a_council_name_keeps_it() -> None:
    councils = ("Warwickshire County Council",)
    assert plan_query("Warwickshire", councils).expanded == "Warwickshire"


def test_council_words_stay_when_the_index_holds_no_such_council() -> None:
    plan = plan_query("Kent SEND transport", ("Warwickshire County Council",))
    assert plan.councils == ()
    assert plan.expanded == "Kent SEND transport"


COMMITTEES = (
    "Children & Young People Overview and Scrutiny Committee",
    "Children and Young People's Overview and Scrutiny Committee",
    "Children and Families Overview and Scrutiny Panel",
    "Cabinet",
    "Planning Committee",
)


def test_a_committee_is_named_by_its_own_words_and_a_word_for_a_body() -> None:
    young = named_committees("the children and young people's scrutiny committee", COMMITTEES)
    assert young == COMMITTEES[:2]  # "&" or "and", with or without the possessive
    assert named_committees("children and families panel, July 2020", COMMITTEES) == (
        "Children and Families Overview and Scrutiny Panel",
    )
    assert named_committees("cabinet decisions on school transport", COMMITTEES) == ("Cabinet",)
    assert named_committees("planning committee refusals", COMMITTEES) == ("Planning Committee",)


def test_topic_words_alone_name_no_committee() -> None:
    # Every word of the first two names is here, but nothing says a body is meant.
    assert named_committees("children and young people in care", COMMITTEES) == ()
    assert named_committees("planning applications refused", COMMITTEES) == ()
    # A body word without the rest of a committee's own words names none of them.
    assert named_committees("what did the committee decide about foster carers", COMMITTEES) == ()
    plan = plan_query("families panel", committees=COMMITTEES)
    assert plan.committees == ()


def test_a_named_committee_lifts_its_own_passages(hashed_index: Path) -> None:
    model = load_embedder("hashing")
    searcher = make_searcher(open_generation(hashed_index, model.name), model)
    panel = "Children and Families Overview and Scrutiny Panel"
    assert panel in searcher.committees
    query = "children and families panel report on SEND and special school places"
    assert plan_query(query, committees=searcher.committees).committees == (panel,)

    def share(committees: tuple[str, ...]) -> int:
        hits = find_hits(replace(searcher, committees=committees), query)
        return sum(hit.citation.committee == panel for hit in hits)

    assert share(searcher.committees) > share(())

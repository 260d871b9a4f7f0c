"""Questions about which part of a county, and the districts that answer them."""

from dataclasses import replace
from pathlib import Path

import pytest

from index import load_embedder, open_generation
from search import find_hits, make_searcher
from search.places import (
    DISTRICTS,
    asks_by_area,
    district_names,
    places_named,
    places_pattern,
)
from search.query import plan_query

COUNCILS = ("Warwickshire County Council", "Worcestershire County Council")


@pytest.mark.parametrize(
    "query",
    [
        "which part of Warwickshire has the most school leavers not in work?",
        "What areas have the highest exclusion rates",
        "where in the county are children waiting longest for a school place",
        "social workers in the north of the county with heavy caseloads",
        "child protection staff up north busier than colleagues in other towns",
        "NEET figures by district",
        "how do caseloads compare across the county",
        "which part of the county has the most children in care",
        "what areas of Worcestershire have the most home-educated children",
    ],
)
def test_questions_about_parts_of_a_county_are_recognised(query: str) -> None:
    assert asks_by_area(query)
    assert plan_query(query).by_area


@pytest.mark.parametrize(
    "query",
    [
        "NEET figures 2022",
        "what did the committee decide about the north Warwickshire school",
        "which report covered elective home education",
        "part-time timetables for pupils with SEND",
        "Northern Ireland placements",
        "which areas of SEND provision need to improve",
        "what part of the budget overspent",
        "where in the report are the exclusion figures",
        "what other areas of the council's work were discussed",
    ],
)
def test_other_questions_are_not(query: str) -> None:
    assert not asks_by_area(query)
    assert not plan_query(query).by_area


def test_a_council_gets_its_own_county_districts_and_the_towns_they_are_named_for() -> None:
    names = district_names(["Warwickshire County Council"])
    assert {"North Warwickshire", "Nuneaton and Bedworth", "Nuneaton", "Bedworth"} <= set(names)
    assert {"Stratford-on-Avon", "Stratford", "Rugby", "Warwick"} <= set(names)
    assert "Avon" not in names and "Redditch" not in names
    # Longest first, so the pattern reads "North Warwickshire" before "Warwick".
    assert names.index("North Warwickshire") < names.index("Warwick")


def test_a_council_the_table_does_not_know_gets_no_districts() -> None:
    assert district_names(["Birmingham City Council"]) == ()
    assert places_pattern(()) is None
    assert places_named("Nuneaton and Rugby", None) == 0


def test_every_county_in_the_table_has_districts_and_no_name_is_blank() -> None:
    assert len(DISTRICTS) >= 20
    for county, districts in DISTRICTS.items():
        assert county and len(districts) >= 4, county
        assert all(name and name == name.strip() for name in districts), county


def test_places_are_counted_once_each_and_the_county_is_not_a_place() -> None:
    pattern = places_pattern(district_names(COUNCILS))
    text = (
        "Stratford-on-Avon has the lowest proportion and Nuneaton and Bedworth the highest; "
        "Warwickshire County Council notes Stratford-on-Avon again."
    )
    assert places_named(text, pattern) == 2
    assert places_named("In North Warwickshire 21 cases; in Warwick 12.", pattern) == 2
    assert places_named("Warwickshire and Worcestershire", pattern) == 0
    assert places_named("Nuneaton & Bedworth 95.2%", pattern) == 2


def test_an_area_question_lifts_passages_that_compare_districts(hashed_index: Path) -> None:
    model = load_embedder("hashing")
    searcher = make_searcher(open_generation(hashed_index, model.name), model)
    assert "Nuneaton" in searcher.places
    query = "which part of Warwickshire has the most young people not in work or study"
    pattern = places_pattern(searcher.places)

    def comparing(places: tuple[str, ...]) -> int:
        hits = find_hits(replace(searcher, places=places), query)
        return sum(places_named(hit.text, pattern) >= 2 for hit in hits)

    assert comparing(searcher.places) > comparing(())

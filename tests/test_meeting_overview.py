"""Meeting overviews: a query that only names a meeting gets that meeting's business."""

import json
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

import search.hits
from index import (
    Filters,
    Generation,
    close_generation,
    load_embedder,
    open_generation,
    read_chunks,
)
from search import find_hits, make_searcher
from search.meeting import PROCEDURAL, is_overview, overview_rows
from search.query import plan_query
from tests.conftest import FAST, run_cli

COUNCILS = ("Warwickshire County Council", "Worcestershire County Council")
COMMITTEES = (
    "Children & Young People Overview and Scrutiny Committee",
    "Children and Families Overview and Scrutiny Panel",
)


def _overview(query: str) -> bool:
    return is_overview(plan_query(query, COUNCILS), COMMITTEES)


@pytest.mark.parametrize(
    "query",
    [
        "what did the Worcestershire children and families scrutiny panel look at in July 2020",
        "what was discussed at the Warwickshire children and young people scrutiny committee "
        "on 8 November 2022",
        "Worcestershire children's scrutiny panel 8 September 2020 agenda",
        "agenda 17 January 2012",
        "what happened at the 8th November 2022 meeting?",
        "what did the special meeting of the committee on 17 January 2012 consider?",
        "what did the committee decide on 8 November 2022?",
    ],
)
def test_a_query_naming_only_a_meeting_asks_for_an_overview(query: str) -> None:
    assert _overview(query)


@pytest.mark.parametrize(
    "query",
    [
        "NEET figures 2022",  # a topic and a year: not a day or month
        "autism waiting times in July 2020",  # a topic with a month
        "what did the panel say about exclusions in July 2020",
        "what did the scrutiny committee look at",  # no date
        "CYP scrutiny committee 8 November 2022",  # a word it does not know
    ],
)
def test_a_query_with_a_topic_or_without_a_date_is_not_an_overview(query: str) -> None:
    assert not _overview(query)


@pytest.mark.parametrize(
    "title",
    [
        "Apologies",
        "Apologies and Welcome",
        "Disclosures of Pecuniary and Non-Pecuniary Interests",
        "Declaration of Interest and of any Party Whip",
        "Members' Declarations of Personal and Prejudicial Interests",
        "Minutes of the Previous Meeting - 20 July 2021",
        "Confirmation of the Minutes of the Previous Meeting (previously circulated)",
        "Public Speaking",
        "Date of the Next Meeting",
        "Dates of Next Meeting",
        "Any Other Business",
        "Exclusion of Press and Public",
    ],
)
def test_the_running_of_a_meeting_is_procedural(title: str) -> None:
    assert PROCEDURAL.match(title)


@pytest.mark.parametrize(
    "title", ["SEND Update", "Supporting Families First", "Work Programme", "General Fund"]
)
def test_business_items_are_not_procedural(title: str) -> None:
    assert not PROCEDURAL.match(title)


def _search(index: Path, query: str, *extra: str) -> list[dict[str, object]]:
    result = run_cli("search", query, "--index", str(index), "--json", *FAST, *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["hits"]


def test_an_overview_opens_each_item_of_the_meeting_from_its_minutes(hashed_index: Path) -> None:
    query = "what was discussed at the Warwickshire scrutiny committee on 8 November 2022"
    hits = _search(hashed_index, query)
    top = [hit["citation"] for hit in hits[:3]]  # items 1, 2, 6 and 7 are procedural
    assert [c["item"] for c in top] == ["3", "4", "5"]
    assert {c["meeting_date"] for c in top} == {"2022-11-08"}
    assert {c["doc_type"] for c in top} == {"minutes"}
    assert hits[0]["text"].startswith("The Committee received a report")
    assert hits[1]["text"].startswith("The Committee received a verbal update on the SEND")
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_an_overview_from_a_pack_uses_each_report_and_leaves_front_sheet_lines_last(
    hashed_index: Path,
) -> None:
    hits = _search(hashed_index, "what did the Worcestershire panel look at in July 2020")
    items = [(h["citation"]["item"], h["citation"]["doc_type"]) for h in hits[:4]]
    assert items == [("6", "report"), ("7", "report"), ("8", "report"), ("5", "agenda")]
    assert "invited to the meeting to update the Panel" in hits[0]["text"]


def test_asked_what_was_decided_an_overview_puts_each_items_resolutions_first(
    hashed_index: Path,
) -> None:
    hits = _search(hashed_index, "what was resolved at the 20 July 2021 meeting")
    first = hits[:3]
    assert all(h["is_decision"] for h in first)
    assert [h["citation"]["item"] for h in first] == ["4", "5", "6"]
    assert all(h["text"].startswith("Resolved") for h in first)
    # Asked what was discussed, the same meeting opens with its first item instead.
    discussed = _search(hashed_index, "what was discussed at the 20 July 2021 meeting")
    assert discussed[0]["citation"]["item"] == "3(1)"


def test_a_date_with_no_meeting_in_the_index_ranks_as_before(hashed_index: Path) -> None:
    searcher = make_searcher(open_generation(hashed_index, "hashing"), load_embedder("hashing"))

    def ranked(query: str, overviews: bool) -> list[str]:
        with mock.patch.object(search.hits, "is_overview", is_overview if overviews else _never):
            return [hit.chunk_id for hit in find_hits(searcher, query)]

    # April 2023 is only a future date in a work programme: it reads as an overview, but
    # no indexed meeting fell then, so nothing is lifted.
    future = "what is the scrutiny committee looking at in April 2023"
    assert is_overview(plan_query(future, searcher.councils), searcher.committees)
    assert ranked(future, overviews=True) == ranked(future, overviews=False)
    past = "what is the scrutiny committee looking at in July 2021"
    assert ranked(past, overviews=True) != ranked(past, overviews=False)


def _never(*_args: object) -> bool:
    return False


@pytest.fixture
def generation(hashed_index: Path) -> Iterator[Generation]:
    """The sample corpus's hashed index, open for the test and closed after it."""
    opened = open_generation(hashed_index, "hashing")
    yield opened
    close_generation(opened)


def test_filters_and_the_named_council_bound_the_overview(generation: Generation) -> None:
    july = plan_query("agenda July 2021", COUNCILS)
    rows = overview_rows(generation, july, Filters())
    chunks = read_chunks(generation, [row for row, _ in rows])
    assert {c.meeting_date for c in chunks} == {"2021-07-20"}
    first_round = [c.item for c in chunks[:3]]  # each item's opening passage first
    assert len(set(first_round)) == 3
    assert overview_rows(generation, july, Filters(council="worcestershire")) == []
    named = plan_query("Worcestershire agenda July 2021", COUNCILS)
    assert named.councils == ("Worcestershire County Council",)
    assert overview_rows(generation, named, Filters()) == []
    assert overview_rows(generation, july, Filters(since="2021-08-01")) == []


def test_a_date_naming_more_passages_than_the_cap_is_no_overview(generation: Generation) -> None:
    january = plan_query("agenda January 2012", COUNCILS)
    rows = overview_rows(generation, january, Filters())
    assert rows  # the January 2012 pack has items to show
    with mock.patch("search.meeting.MOST_OVERVIEW_ROWS", len(rows) - 1):
        # Fewer allowed than the meeting's business alone: the date asks too widely.
        assert overview_rows(generation, january, Filters()) == []


def test_a_named_committee_bounds_the_overview(generation: Generation) -> None:
    searcher = make_searcher(generation, load_embedder("hashing"))
    # Both committees met in the index; only the panel met in July 2020.
    panel = plan_query("children and families panel July 2020", (), None, searcher.committees)
    assert panel.committees == ("Children and Families Overview and Scrutiny Panel",)
    rows = overview_rows(generation, panel, Filters())
    chunks = read_chunks(generation, [row for row, _ in rows])
    assert chunks and {c.committee for c in chunks} == set(panel.committees)
    # The Warwickshire committee's name with the panel's date: no meeting of it then.
    named = "children and young people scrutiny committee July 2020"
    other = plan_query(named, (), None, searcher.committees)
    assert other.committees and panel.committees[0] not in other.committees
    assert overview_rows(generation, other, Filters()) == []

"""Pack structure on the sample corpus: meetings, agenda items, sections and chunks."""

from collections import Counter
from pathlib import Path

import pytest

from ingest import Paper, read_paper
from tests.conftest import CORPUS, count_words

SOURCES = {
    "000": "000_c00688e8abc9e593.txt",
    "001": "001_0c78e4b6c664f300.txt",
    "002": "002_5d25dbaa9b97a6c4.txt",
    "003": "003_8163ac5a86755a9e.txt",
    "004": "004_0b53b558d784aeee.txt",
}
WARWICKSHIRE = "Warwickshire County Council"
CYP_OSC = "Children & Young People Overview and Scrutiny Committee"


@pytest.fixture(scope="module")
def papers() -> dict[str, Paper]:
    return {
        key: read_paper(CORPUS / name, f"corpus/{name}", count_words, 256)
        for key, name in SOURCES.items()
    }


@pytest.mark.parametrize(
    ("key", "council", "committee", "meeting_date"),
    [
        ("000", WARWICKSHIRE, CYP_OSC, "2021-09-30"),
        (
            "001",
            WARWICKSHIRE,
            "Children and Young People's Overview and Scrutiny Committee",
            "2023-02-14",
        ),
        (
            "002",
            WARWICKSHIRE,
            "Children and Young People Overview & Scrutiny Committee",
            "2012-01-17",
        ),
        ("003", WARWICKSHIRE, CYP_OSC, "2023-02-14"),
        (
            "004",
            "Worcestershire County Council",
            "Children and Families Overview and Scrutiny Panel",
            "2020-07-17",
        ),
    ],
)
def test_every_paper_yields_its_council_committee_and_meeting_date(
    papers: dict[str, Paper], key: str, council: str, committee: str, meeting_date: str
) -> None:
    paper = papers[key]
    assert (paper.council, paper.committee, paper.meeting_date) == (
        council,
        committee,
        meeting_date,
    )


def _titles(paper: Paper) -> dict[str, str]:
    return {item.number: item.title for item in paper.items}


def test_front_sheet_items_of_the_september_2021_pack_are_found_with_titles_and_pages(
    papers: dict[str, Paper],
) -> None:
    items = {item.number: item for item in papers["000"].items}
    assert items["4"].title == "Warwickshire Children's Strategy 2021-2030"
    assert (items["4"].first_page, items["4"].last_page) == (13, 28)
    assert items["5"].title == "Update Children's Transformation Plan"
    assert items["6"].title == "Complaints Report"
    assert items["7"].title == "Work Programme"
    assert items["1(3)"].title == "Minutes of the Previous Meeting - 20 July 2021"
    assert items["11"].exempt and not items["10"].exempt


def test_front_sheet_items_of_the_other_packs_are_found(papers: dict[str, Paper]) -> None:
    assert _titles(papers["002"])["9"] == "Munro Review"
    assert _titles(papers["002"])["12"] == "Academies and Traded Services"
    assert _titles(papers["003"])["8"] == "Local Area SEND Inspection Update - For Information Only"
    assert _titles(papers["003"])["5"] == (
        "Council Plan 2022-2027 - Quarter 2 Performance Progress Report"
    )
    assert _titles(papers["004"])["6"] == "Supporting Families First"
    assert _titles(papers["004"])["7"] == "Performance and In-Year Budget Monitoring"


def test_minutes_inside_a_pack_keep_their_own_meeting_date(papers: dict[str, Paper]) -> None:
    minutes = [c for c in papers["000"].chunks if c.doc_type == "minutes"]
    assert minutes and {c.meeting_date for c in minutes} == {"2021-07-20"}
    youth_justice = [c for c in minutes if c.item == "4"]
    assert youth_justice[0].item_title == "Youth Justice Plan 2021-2022"
    later = [c for c in papers["003"].chunks if c.doc_type == "minutes"]
    assert {c.meeting_date for c in later} == {"2022-11-08"}


def test_the_youth_justice_resolution_is_a_decision_of_its_item(papers: dict[str, Paper]) -> None:
    resolved = [
        c
        for c in papers["000"].chunks
        if c.is_decision and "approve and Support the 2021/22 Youth Justice Plan" in c.text
    ]
    assert len(resolved) == 1
    chunk = resolved[0]
    assert (chunk.item, chunk.meeting_date, chunk.doc_type) == ("4", "2021-07-20", "minutes")


def test_reports_are_assigned_to_their_agenda_items_by_title(papers: dict[str, Paper]) -> None:
    def item_of(key: str, phrase: str) -> tuple[str | None, str]:
        chunk = next(c for c in papers[key].chunks if phrase in c.text)
        return chunk.item, chunk.doc_type

    assert item_of("000", "Child Friendly Warwickshire") == ("4", "report")
    assert item_of("002", "Professor Eileen Munro")[0] in {"9"}
    assert item_of("003", "Stratford-on-Avon has the lowest proportion") == ("6", "report")
    assert item_of("004", "Electively home educated children") == ("7", "report")


def test_every_chunk_has_a_meeting_date_and_packs_cite_agenda_items(
    papers: dict[str, Paper],
) -> None:
    for key, paper in papers.items():
        assert all(c.meeting_date for c in paper.chunks), key
        after_front = [c for c in paper.chunks if c.doc_type != "agenda"]
        if paper.items:
            assert [c.text[:40] for c in after_front if not c.item] == [], key


def test_chunk_ids_are_unique_and_stable_across_reads(papers: dict[str, Paper]) -> None:
    ids = [c.chunk_id for p in papers.values() for c in p.chunks]
    assert len(ids) == len(set(ids))
    again = read_paper(CORPUS / SOURCES["000"], f"corpus/{SOURCES['000']}", count_words, 256)
    assert [c.chunk_id for c in again.chunks] == [c.chunk_id for c in papers["000"].chunks]


def test_chunks_fit_the_token_window_and_stay_paragraph_sized(papers: dict[str, Paper]) -> None:
    sizes = [len(c.text.split()) for p in papers.values() for c in p.chunks]
    assert max(sizes) <= 200
    assert sorted(sizes)[len(sizes) // 2] <= 120
    for paper in papers.values():
        for c in paper.chunks:
            assert count_words(f"{c.context}\n{c.text}") <= 256


def test_the_exempt_item_after_the_exclusion_resolution_is_exempt_and_the_rest_public(
    papers: dict[str, Paper],
) -> None:
    classes = Counter(c.classification for c in papers["000"].chunks)
    assert classes["public"] >= 0.9 * len(papers["000"].chunks)
    restricted = [c for c in papers["000"].chunks if c.classification == "exempt"]
    assert restricted and all(c.item in {"10", "11"} for c in restricted)


def test_a_sidecar_overrides_the_parsed_council(tmp_path: Path) -> None:
    paper = tmp_path / "pack.txt"
    paper.write_text((CORPUS / SOURCES["004"]).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pack.txt.meta.json").write_text('{"council": "Test Borough Council"}')
    read = read_paper(paper, "pack.txt", count_words, 256)
    assert read.council == "Test Borough Council"
    assert {c.council for c in read.chunks} == {"Test Borough Council"}


def test_the_dsg_lead_in_line_is_cited_with_its_table(papers: dict[str, Paper]) -> None:
    lead = "DSG year-end position was an overspend of £7.2m:"
    holding = [c for c in papers["004"].chunks if lead in c.text]
    assert len(holding) == 1
    assert holding[0].text.startswith(lead) and "Schools DSG Block" in holding[0].text

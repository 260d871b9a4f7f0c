"""The decision ledger: recommendations paired with minuted resolutions, and outcomes."""

import json
from pathlib import Path
from typing import Any

import pytest

from index import Filters, allowed_rows, open_generation, read_chunks
from search import OUTCOMES, build_ledger, cite, classify_outcome
from tests.conftest import FAST
from tests.conftest import run_cli as run

DECISION_KEYS = {
    "meeting_date", "committee", "item", "item_title", "recommendation", "resolution", "outcome",
    "citations",
}  # fmt: skip
CITATION_KEYS = {
    "source", "council", "committee", "meeting_date", "doc_type", "item", "item_title", "page",
    "printed_page", "paragraph", "label",
}  # fmt: skip
YOUTH_JUSTICE = "approve and Support the 2021/22 Youth Justice Plan"


def ledger(index: Path, *args: str, embedder: list[str] = FAST) -> list[dict[str, Any]]:
    result = run("decisions", *args, "--index", str(index), "--json", *embedder)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"query", "decisions"}
    decisions: list[dict[str, Any]] = out["decisions"]
    return decisions


def entry(decisions: list[dict[str, Any]], day: str, item: str) -> dict[str, Any]:
    found = [d for d in decisions if (d["meeting_date"], d["item"]) == (day, item)]
    assert len(found) == 1, found
    return found[0]


def write_paper(folder: Path, name: str, text: str, **meta: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


REPORT = """{committee}

Library Opening Hours

1 March 2024

Recommendation

That the Committee approves the revised library opening hours.

2. Background

2.1 The library service consulted residents over the winter; most asked for later opening.
"""
MINUTES = """Minutes of the meeting held on 1 March 2024

Present: Councillors Able, Baker and Carter.

3. Library Opening Hours

The Head of Libraries introduced the report and answered questions about weekend staffing.

Resolved: That the Committee approves the revised library opening hours, and requests a
briefing on weekend staffing.

4. Parks Strategy

The committee discussed the draft parks strategy.

Resolved: That the Committee notes the draft parks strategy.
"""
COUNCIL = "Testshire County Council"


@pytest.fixture
def paired(tmp_path: Path) -> Path:
    """A report to the 1 March 2024 meeting, the minutes of that meeting, and a report of
    another committee with the same title on the same day."""
    papers = tmp_path / "papers"
    papers.mkdir()
    committee = "Example Scrutiny Committee"
    write_paper(papers, "report.txt", REPORT.format(committee=committee), council=COUNCIL)
    write_paper(papers, "minutes.txt", MINUTES, council=COUNCIL, committee=committee)
    other = REPORT.format(committee="Planning Committee")
    write_paper(papers, "other.txt", other, council=COUNCIL, committee="Planning Committee")
    index = tmp_path / "index"
    result = run("ingest", str(papers), "--index", str(index), *FAST)
    assert result.exit_code == 0, result.output
    return index


def test_decisions_json_follows_the_ledger_contract(hashed_index: Path) -> None:
    decisions = ledger(hashed_index)
    assert len(decisions) >= 15
    for decision in decisions:
        assert set(decision) == DECISION_KEYS
        assert decision["outcome"] in OUTCOMES
        assert decision["recommendation"] or decision["resolution"]
        assert decision["citations"]
        for citation in decision["citations"]:
            assert set(citation) == CITATION_KEYS
    dates = [d["meeting_date"] for d in decisions]
    assert dates == sorted(dates, reverse=True)


def test_the_youth_justice_plan_resolution_is_in_the_ledger(hashed_index: Path) -> None:
    plan = entry(ledger(hashed_index), "2021-07-20", "4")
    assert plan["item_title"] == "Youth Justice Plan 2021-2022"
    assert plan["outcome"] == "agreed"
    assert YOUTH_JUSTICE in plan["resolution"]
    assert not plan["resolution"].startswith("Resolved")
    # The report that went to the 20 July 2021 meeting is not in the corpus.
    assert plan["recommendation"] is None
    [citation] = plan["citations"]
    assert citation["doc_type"] == "minutes"
    assert citation["label"] == "CYP OSC, 20 Jul 2021, minutes, item 4"
    assert citation["source"].endswith("000_c00688e8abc9e593.txt")


def test_youth_justice_lists_the_youth_justice_plan_first(hashed_index: Path) -> None:
    decisions = ledger(hashed_index, "youth justice")
    assert (decisions[0]["meeting_date"], decisions[0]["item"]) == ("2021-07-20", "4")
    assert YOUTH_JUSTICE in decisions[0]["resolution"]
    # Only decisions that use a query word: the 2012 pack's have none.
    assert all(d["meeting_date"] != "2012-01-17" for d in decisions)


def test_minuted_resolutions_get_their_outcomes(hashed_index: Path) -> None:
    decisions = ledger(hashed_index)
    outcomes = {
        (day, item): entry(decisions, day, item)["outcome"]
        for day, item in [("2021-07-20", n) for n in ("4", "5", "6", "9")] + [("2022-11-08", "3")]
    }
    assert outcomes == {
        ("2021-07-20", "4"): "agreed",  # approve and support the plan
        ("2021-07-20", "5"): "noted",  # notes the findings of the review
        ("2021-07-20", "6"): "amended",  # notes the progress and requests a briefing note
        ("2021-07-20", "9"): "agreed",  # the public excluded: a carried motion
        ("2022-11-08", "3"): "amended",  # "agreed, subject to an amendment ... and an additional"
    }


def test_a_recommendation_without_minutes_is_pending(hashed_index: Path) -> None:
    send = entry(ledger(hashed_index), "2023-02-14", "8")
    assert send["outcome"] == "pending"
    assert send["resolution"] is None
    assert send["recommendation"].startswith("That the Children and Young People Overview")
    assert "endorse the progress made to date" in send["recommendation"]
    assert [c["doc_type"] for c in send["citations"]] == ["report"]


def test_a_reprinted_report_is_one_decision_citing_every_copy(hashed_index: Path) -> None:
    decisions = ledger(hashed_index, "--since", "2023-02-14", "--until", "2023-02-14")
    fund = [d for d in decisions if "plans to sustain" in (d["recommendation"] or "")]
    assert len(fund) == 1
    assert fund[0]["item"] == "7"
    sources = {Path(c["source"]).name for c in fund[0]["citations"]}
    assert sources == {"001_0c78e4b6c664f300.txt", "003_8163ac5a86755a9e.txt"}


def test_a_cover_sheet_and_its_report_are_one_decision(hashed_index: Path) -> None:
    munro = entry(ledger(hashed_index), "2012-01-17", "9")
    # The cover sheet's wording, without its contact details; not the review's own
    # fifteen numbered recommendations that the report quotes.
    assert munro["recommendation"].startswith("That the Committee considers the implications")
    assert "For further information" not in munro["recommendation"]
    assert [c["doc_type"] for c in munro["citations"]] == ["agenda", "report"]
    safeguarding = entry(ledger(hashed_index), "2012-01-17", "10")
    assert safeguarding["recommendation"] == (
        "That the Committee approves the actions for improving safeguarding outcomes for "
        "children and young people."
    )
    recommendations = [d["recommendation"] or "" for d in ledger(hashed_index)]
    assert not any("the Government should" in text for text in recommendations)


def test_the_ledger_is_built_from_the_decision_filter_chunks(hashed_index: Path) -> None:
    generation = open_generation(hashed_index)
    rows = allowed_rows(generation, Filters(decisions=True)) or []
    decision_citations = {cite(chunk) for chunk in read_chunks(generation, rows)}
    cited = {c for d in build_ledger(generation) for c in d.citations}
    assert cited and cited <= decision_citations


def test_a_recommendation_is_paired_with_its_minuted_resolution(paired: Path) -> None:
    decisions = ledger(paired)
    library = [d for d in decisions if d["item_title"] == "Library Opening Hours"]
    assert len(library) == 2  # the Example committee's pair and Planning's pending report
    pair = next(d for d in library if d["resolution"])
    assert pair["meeting_date"] == "2024-03-01"
    assert pair["item"] == "3"
    assert pair["committee"] == "Example Scrutiny Committee"
    assert (
        pair["recommendation"] == "That the Committee approves the revised library opening hours."
    )
    assert pair["resolution"].endswith("and requests a briefing on weekend staffing.")
    assert pair["outcome"] == "amended"
    sources = [(Path(c["source"]).name, c["doc_type"]) for c in pair["citations"]]
    assert sources == [("report.txt", "report"), ("minutes.txt", "minutes")]
    other = next(d for d in library if not d["resolution"])
    assert (other["committee"], other["outcome"]) == ("Planning Committee", "pending")
    parks = entry(decisions, "2024-03-01", "4")
    assert (parks["recommendation"], parks["outcome"]) == (None, "noted")


def test_text_output_lists_each_decision_with_its_citations(paired: Path) -> None:
    result = run("decisions", "--committee", "example", "--index", str(paired), *FAST)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "2024-03-01  item 3  Library Opening Hours  [amended]"
    assert (
        lines[1] == "   Recommended: That the Committee approves the revised library opening hours."
    )
    assert any(line.startswith("   [ESC, 1 Mar 2024, minutes, item 3]") for line in lines)


def test_filters_apply_to_the_ledger(hashed_index: Path) -> None:
    warwickshire = ledger(hashed_index, "--council", "warwickshire")
    assert warwickshire and {c["council"] for d in warwickshire for c in d["citations"]} == {
        "Warwickshire County Council"
    }
    recent = ledger(hashed_index, "--since", "2022-01-01")
    assert {d["meeting_date"] for d in recent} == {"2022-11-08", "2023-02-14"}
    minuted = ledger(hashed_index, "--doc-type", "minutes")
    assert {(d["meeting_date"], d["item"]) for d in minuted} == {
        ("2021-07-20", "4"), ("2021-07-20", "5"), ("2021-07-20", "6"), ("2021-07-20", "9"),
        ("2022-11-08", "3"),
    }  # fmt: skip


def test_a_filter_with_no_decisions_gives_an_empty_ledger(hashed_index: Path) -> None:
    # The Worcestershire pack's reports print no recommendations under a heading.
    assert ledger(hashed_index, "--council", "worcestershire") == []
    assert ledger(hashed_index, "no such words anywhere zzyzx") == []
    result = run("decisions", "--council", "worcestershire", "--index", str(hashed_index), *FAST)
    assert result.exit_code == 0
    assert result.stdout == "No decisions found.\n"


def test_decisions_without_an_index_exits_1(tmp_path: Path) -> None:
    result = run("decisions", "--index", str(tmp_path / "missing"), *FAST)
    assert result.exit_code == 1
    assert "no index generation found" in result.stderr


def test_a_bad_date_filter_exits_1(hashed_index: Path) -> None:
    result = run("decisions", "--since", "2021-13-01", "--index", str(hashed_index), *FAST)
    assert result.exit_code == 1
    assert "2021-13-01" in result.stderr


# Resolutions as the corpus minutes print them, then wordings the corpus lacks.
@pytest.mark.parametrize(
    ("resolution", "outcome"),
    [
        (
            "That the Children and Young People Overview and Scrutiny Committee approve and "
            "Support the 2021/22 Youth Justice Plan. Associated actions will be tracked and "
            "monitored by the Youth Justice Chief Officer Board in line with the requirements "
            "of the Crime and Disorder Act 1998.",
            "agreed",
        ),
        (
            "That the Committee notes the findings of the independent review into Overview "
            "and Scrutiny.",
            "noted",
        ),
        (
            "That the Overview and Scrutiny Committee:\n1) notes the progress of the delivery "
            "of the Council Plan 2020 - 2025 for the period as contained in the report.\n"
            "2) requests that a briefing note regarding support for asylum seekers be produced "
            "and shared with all members.",
            "amended",
        ),
        (
            "That members of the public be excluded from the meeting for the items mentioned "
            "below on the grounds that their presence would involve the disclosure of exempt "
            "information as defined in paragraph 3 of Part 1 of Schedule 12A of the Local "
            "Government Act 1972.",
            "agreed",
        ),
        (
            "The Committee resolved that:\n1) the positive contributions that children and "
            "young people (C&YP) have made to support improvements to WCC services be noted;\n"
            "2) the changes to the Participation Team and expansion of responsibilities be "
            "noted;",
            "noted",
        ),
        (
            "3) a Working Group on Mental Health & Wellbeing be established so members of the "
            "Youth Council can meet on a quarterly basis;\n4) a rota is agreed where elected "
            "members attend bimonthly the Youth Council",
            "amended",
        ),
        ("That consideration of the item be deferred to the next meeting.", "deferred"),
        ("That the decision be postponed until the consultation closes.", "deferred"),
        ("That the Committee does not approve the proposed closure.", "rejected"),
        ("That the application be refused.", "rejected"),
        ("That the recommendations be agreed, subject to an amendment to 1.3.", "amended"),
        ("That the Committee endorses the progress made to date.", "agreed"),
        ("That the Committee notes that the bid was rejected by government.", "noted"),
    ],
)
def test_resolutions_are_classified_by_their_verbs(resolution: str, outcome: str) -> None:
    assert classify_outcome(resolution) == outcome


def test_a_resolution_is_compared_with_its_recommendation() -> None:
    asked = "That the Committee approves the plan and requests a report in six months."
    assert classify_outcome("That the Committee approves the plan.", asked) == "agreed"
    restated = "That the Committee approves the plan and requests a report in six months."
    assert classify_outcome(restated, asked) == "agreed"
    added = "That the Committee approves the plan, and asks officers to consult schools."
    assert classify_outcome(added, asked) == "amended"
    # The recommendation already held its condition; repeating it amends nothing.
    conditional = "That the Committee approves the plan subject to funding."
    assert classify_outcome(conditional, conditional) == "agreed"
    assert classify_outcome(conditional, "That the Committee approves the plan.") == "amended"


@pytest.mark.slow
def test_youth_justice_ranks_first_with_the_real_model(minilm_index: Path) -> None:
    decisions = ledger(minilm_index, "youth justice", embedder=[])
    assert (decisions[0]["meeting_date"], decisions[0]["item"]) == ("2021-07-20", "4")
    assert decisions[0]["outcome"] == "agreed"

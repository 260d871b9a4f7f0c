"""The Streamlit app, headless (AppTest), over indexes built with the hashing embedder."""

import csv
import io
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.ipc
import pytest
import streamlit as st
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

import uiparts
import uitabs
import uitrend
from cli import main
from index import Filters, filter_values, load_embedder, open_generation, read_failures
from search import (
    Answer,
    Citation,
    Coverage,
    Hit,
    Series,
    TrendPoint,
    make_searcher,
    trace_trend,
)
from tests.conftest import CORPUS, ROOT, FakeModel, closed_port

APP = str(ROOT / "ui.py")
PAYLOAD = (
    "Zanzibar hovercraft review: the panel noted <script>alert(1)</script> in the hovercraft "
    "submission, where $x$ and $y$ were the two hovercraft budgets, :red[boo] was written in "
    "the margin, and a link &#91;click](http://example.com) was pasted beside it.\n\n"
    '=HYPERLINK("http://evil.example","zanzibar") was typed into the hovercraft spreadsheet '
    "as a formula, and the panel asked officers to check the zanzibar hovercraft figures "
    "again before the next meeting.\n"
)
LABEL = re.compile(r"^\*\*\d+\\\. (.+)\*\*$")  # "**1\. CYP OSC\, ...**" heads a card
CODE_SPAN = re.compile(r"(?<!\\)`([^`]*)`")


def build_index(papers: Path, index: Path) -> Path:
    args = ["ingest", str(papers), "--index", str(index), "--embedder", "hashing"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return index


def write_payload_corpus(folder: Path) -> Path:
    """A real agenda pack with one extra paragraph of hostile text (the &#91; survives
    ingest's link flattening and decodes to a literal "[click](...)")."""
    folder.mkdir(parents=True)
    pack = folder / "pack.txt"
    shutil.copy(CORPUS / "004_0b53b558d784aeee.txt", pack)
    with pack.open("a", encoding="utf-8") as handle:
        handle.write("\n\n" + PAYLOAD)
    return folder


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(CORPUS, tmp_path_factory.mktemp("ui") / "index")


@pytest.fixture(scope="module")
def payload_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_payload_corpus(tmp_path_factory.mktemp("payload") / "papers")
    return build_index(folder, folder.parent / "index")


def app_for(index: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SCRUTINEER_INDEX", str(index))
    monkeypatch.setenv("SCRUTINEER_EMBEDDER", "hashing")
    return AppTest.from_file(APP, default_timeout=60).run()


def search(at: AppTest, query: str) -> AppTest:
    at.text_input(key="query").input(query)
    return at.run()


def open_tab(at: AppTest, tab: str) -> AppTest:
    """The app with `tab` open (only the open tab runs)."""
    at.session_state["tab"] = tab
    return at.run()


def trend_tables(at: AppTest) -> list[list[tuple[str, float, str]]]:
    """Each series table on the Trend tab as (period, value, kind) rows."""
    return [
        [(row["period"], row["value"], row["kind"]) for row in table.value.to_dict("records")]
        for table in at.dataframe
    ]


def charts(at: AppTest) -> list[list[dict[str, Any]]]:
    """The rows each Vega-Lite chart on the page draws (Streamlit sends them as Arrow)."""
    drawn = [node for node in at.main if getattr(node, "type", "") == "vega_lite_chart"]
    return [
        pyarrow.ipc.open_stream(node.proto.datasets[0].data.data).read_all().to_pylist()
        for node in drawn
    ]


def chart_values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The data rows of an Altair spec (Altair names inline data and lists it apart)."""
    values: list[dict[str, Any]] = spec["datasets"][spec["data"]["name"]]
    return values


def plain(markdown: str) -> str:
    """What an escaped Markdown string reads as on the page."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("**", "")


def card_labels(at: AppTest) -> list[str]:
    found = (LABEL.match(m.value) for m in at.markdown)
    return [plain(match.group(1)) for match in found if match]


def card_details(at: AppTest) -> list[str]:
    """The caption under each card's label: document type, item title, committee, council."""
    return [plain(c.value) for c in at.caption if " · " in c.value]


def no_failures(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_search_shows_cards_with_citation_labels_and_dates(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "autism waiting times trend")
    no_failures(at)
    labels = card_labels(at)
    assert len(labels) == 10
    assert labels[0] == "CYP OSC, 14 Feb 2023, item 8"
    assert card_details(at)[0].startswith("report · Local Area SEND Inspection Update")
    passage = next(m.value for m in at.markdown if "neurodevelopmental" in m.value)
    assert "**waiting** **times**" in passage and "**autism**" in passage
    assert [t.label for t in at.toggle] == ["Open source"] * 10
    summary = next(s for s in map(plain, (c.value for c in at.caption)) if " ms; filt" in s)
    assert summary.startswith("10 passages in ") and summary.endswith("filters: none")


def test_a_council_filter_restricts_the_cards_to_that_council(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    council = at.selectbox(key="council")
    councils = filter_values(open_generation(corpus_index)).councils
    assert [name for name, _ in councils] == [
        "Warwickshire County Council",
        "Worcestershire County Council",
    ]
    assert council.options == ["(any)", *(f"{name} ({n:,})" for name, n in councils)]
    council.select("Worcestershire County Council")
    at = search(at.run(), "autism waiting times trend")
    no_failures(at)
    assert len(card_labels(at)) == 10
    assert all(label.startswith("CF OSP, 17 Jul 2020") for label in card_labels(at))
    assert all(d.endswith("· Worcestershire County Council") for d in card_details(at))


def test_decisions_only_shows_resolutions_and_recommendations(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "youth justice plan")
    badges = [m for m in at.markdown if "badge[decision]" in m.value]
    assert 0 < len(badges) < 10  # unfiltered, most of the top passages are discussion
    at.checkbox(key="decisions").check()
    at.run()
    no_failures(at)
    assert len(card_labels(at)) == 10
    assert len([m for m in at.markdown if "badge[decision]" in m.value]) == 10
    assert card_labels(at)[0] == "CYP OSC, 20 Jul 2021, minutes, item 4"


def test_ask_mode_answers_with_a_quoted_sentence_and_its_citation(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    at.text_input(key="query").input("What did the committee resolve about the Youth Justice Plan?")
    at.radio(key="mode").set_value("Ask")
    at.run()
    no_failures(at)
    assert at.text_input(key="query").value.startswith("What did the committee resolve")
    assert "Youth Justice" in plain(at.success[0].value)
    quoted = next(plain(c.value) for c in at.caption if "Quoted from" in c.value)
    assert quoted.startswith("Quoted from CYP OSC, 20 Jul 2021, minutes, item 4")
    assert card_labels(at)[0] == "CYP OSC, 20 Jul 2021, minutes, item 4"


WRITE = "Write an answer with the language model"
YOUTH_JUSTICE = "What did the committee resolve about the Youth Justice Plan?"


def ask_with_llm(at: AppTest, url: str, question: str = YOUTH_JUSTICE) -> AppTest:
    """The app in Ask mode with a language model URL, `question` asked."""
    at.text_input(key="llm").input(url)
    at.radio(key="mode").set_value("Ask")
    return search(at.run(), question)


def test_ask_mode_writes_an_answer_with_the_language_model_only_when_asked(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch, llm_server: tuple[FakeModel, str]
) -> None:
    fake, url = llm_server
    fake.says("The plan was endorsed [1]. <script>alert(1)</script> [12]. $x$ [2].")
    at = ask_with_llm(app_for(corpus_index, monkeypatch), url)
    no_failures(at)
    assert fake.requests == []  # nothing leaves the machine until the button is pressed
    next(b for b in at.button if b.label == WRITE).click()
    at.run()
    no_failures(at)
    assert len(fake.requests) == 1
    assert "The plan was endorsed [1]. $x$ [2]." in [t.value for t in at.text]
    notes = [plain(c.value) for c in at.caption]
    assert any("1 sentence(s) without a valid citation dropped" in n for n in notes)
    labels = card_labels(at)
    assert f"[1] {labels[0]}; [2] {labels[1]}" in notes
    assert at.success  # the quoted answer is still there beside it


def test_an_unreachable_language_model_leaves_the_quoted_answer_and_says_why(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = ask_with_llm(app_for(corpus_index, monkeypatch), f"http://127.0.0.1:{closed_port()}")
    next(b for b in at.button if b.label == WRITE).click()
    at.run()
    no_failures(at)
    assert any("could not connect" in plain(w.value) for w in at.warning)
    assert at.success


def test_search_mode_never_offers_the_language_model(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    at.text_input(key="llm").input("http://127.0.0.1:9")
    at = search(at.run(), "autism waiting times")
    assert not [b for b in at.button if b.label == WRITE]


def test_ask_mode_says_not_found_and_what_was_searched(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    at.radio(key="mode").set_value("Ask")
    at = search(at.run(), "How much do school uniforms cost for kids?")
    no_failures(at)
    assert not at.success
    # 7 meetings, as the Coverage tab counts them: two packs also hold earlier minutes.
    assert plain(at.warning[0].value) == (
        "Not found in the papers searched. Searched 5 papers from 7 meetings "
        "(2012-01-17 to 2023-02-14). The nearest passages:"
    )


def test_opening_a_source_shows_the_surrounding_text_and_the_paper(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "autism waiting times trend")
    at.toggle[0].set_value(True)
    at.run()
    no_failures(at)
    texts = [t.value for t in at.text]
    cited = next(i for i, t in enumerate(texts) if "reducing the longest wait from 242" in t)
    assert cited > 0 and "1.9 The next steps for the local area" in texts[cited - 1]
    assert "Recommissioning the community support service" in texts[cited + 1]
    assert "Source: corpus/003_8163ac5a86755a9e.txt" in [plain(c.value) for c in at.caption]
    assert "Download the paper" in [b.label for b in at.get("download_button")]


@pytest.fixture(scope="module")
def pdf_index(tmp_path_factory: pytest.TempPathFactory, pdf_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("pdf") / "papers"
    folder.mkdir()
    shutil.copy(pdf_dir / "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf", folder)
    return build_index(folder, folder.parent / "index")


def open_first_pdf_source(at: AppTest) -> AppTest:
    at = search(at, "budget monitoring")
    assert card_labels(at)[0] == "Cabinet, 30 Jan 2025, minutes, item 5, p. 9, para 88"
    at.toggle[0].set_value(True)
    return at.run()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_opening_a_pdf_source_draws_the_cited_page(
    pdf_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_first_pdf_source(app_for(pdf_index, monkeypatch))
    no_failures(at)
    images = at.get("image")
    assert len(images) == 1
    # The page the first card cites, its passage found among the page's words.
    assert images[0].captions == ["Page 9 of 17, the passage highlighted"]
    assert "Download the paper" in [b.label for b in at.get("download_button")]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_a_passage_that_cannot_be_placed_leaves_the_page_plain_and_says_so(
    pdf_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st.cache_data.clear()  # a highlighted page cached by another test would hide the change
    monkeypatch.setattr(uitabs, "read_page_words", lambda *args: None)
    at = open_first_pdf_source(app_for(pdf_index, monkeypatch))
    no_failures(at)
    assert [image.captions for image in at.get("image")] == [["Page 9 of 17"]]
    assert any("could not be placed on this page" in c.value for c in at.caption)
    st.cache_data.clear()


def test_without_pdftoppm_a_pdf_source_shows_the_page_text(
    pdf_index: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    at = open_first_pdf_source(app_for(pdf_index, monkeypatch))
    no_failures(at)
    assert not at.get("image")
    assert any("cannot be drawn" in c.value for c in at.caption)
    assert any("budget" in t.value.lower() for t in at.text)


def test_exports_are_csv_and_markdown_with_formula_cells_neutralised(
    payload_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: dict[str, str] = {}

    def spy(name: str, make: Callable[..., str]) -> Callable[..., str]:
        def recorded(*args: Any) -> str:
            made[name] = make(*args)
            return made[name]

        return recorded

    monkeypatch.setattr(uitabs, "export_csv", spy("csv", uiparts.export_csv))
    monkeypatch.setattr(uitabs, "export_briefing", spy("md", uiparts.export_briefing))
    at = search(app_for(payload_index, monkeypatch), "zanzibar hovercraft")
    no_failures(at)
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == ["Download CSV", "Download briefing (Markdown)"]
    rows = list(csv.reader(io.StringIO(made["csv"])))
    assert tuple(rows[0]) == uiparts.CSV_FIELDS
    assert len(rows) == 11
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["label"] == "CF OSP, 17 Jul 2020, item 8"
    assert first["council"] == "Worcestershire County Council"
    # 150-word passages carry the formula inside the Zanzibar passage, not at a cell's start;
    # test_csv_cells_that_spreadsheets_would_run_are_quoted covers a cell that opens with one.
    assert first["text"].startswith("Zanzibar hovercraft review")
    assert '\n=HYPERLINK("http://evil.example"' in first["text"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    briefing = made["md"]
    assert briefing.startswith("# Briefing: zanzibar hovercraft\n")
    assert "## 1. CF OSP\\, 17 Jul 2020\\, item 8" in briefing
    assert "\\<script\\>alert\\(1\\)\\<\\/script\\>" in briefing
    assert "Worcestershire County Council; Children and Families" in plain(briefing)


def test_an_empty_query_asks_for_words_without_an_error(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "   ")
    no_failures(at)
    assert plain(at.info[0].value).startswith("Type some words to search for, e.g. autism")
    assert card_labels(at) == []


def test_without_an_index_the_app_says_how_to_build_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(tmp_path / "missing", monkeypatch)
    assert not at.exception
    assert "scrutineer ingest corpus" in plain(at.error[0].value)
    assert at.code[0].value == f"scrutineer ingest corpus --index {tmp_path / 'missing'}"
    assert len(at.text_input) == 0  # stopped before the search box


def test_an_index_built_with_another_embedder_is_named(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRUTINEER_INDEX", str(corpus_index))
    monkeypatch.setenv("SCRUTINEER_EMBEDDER", "no-such-model")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "SCRUTINEER_EMBEDDER: unknown embedder 'no-such-model'" in plain(at.error[0].value)


@pytest.mark.parametrize(
    ("box", "value", "named"),
    [("since", "2023-13-01", "Meetings since"), ("until", "last year", "Meetings until")],
)
def test_a_bad_date_is_named_in_an_error(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch, box: str, value: str, named: str
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "autism")
    at.text_input(key=box).input(value)
    at.run()
    assert not at.exception
    assert plain(at.error[0].value) == f"{named}: “{value}” is not a date; write it YYYY-MM-DD."
    assert card_labels(at) == []


def test_dates_out_of_order_are_an_error(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    at.text_input(key="since").input("2023-01-01")
    at.text_input(key="until").input("2021-01-01")
    at.run()
    assert "2023-01-01 is after meetings until 2021-01-01" in at.error[0].value


def test_a_date_range_keeps_meetings_inside_it(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_for(corpus_index, monkeypatch)
    at.text_input(key="since").input("2021-01-01")
    at.text_input(key="until").input("2021-12-31")
    at = search(at.run(), "children")
    no_failures(at)
    assert card_labels(at)
    assert all(" 2021" in label for label in card_labels(at))


def test_coverage_and_index_status_describe_the_index(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_tab(app_for(corpus_index, monkeypatch), "Coverage")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Papers"] == "5"
    assert metrics["First meeting"] == "2012-01-17"
    assert metrics["Last meeting"] == "2023-02-14"
    status = at.sidebar.text[0].value
    assert status.startswith("generation gen-000001\nbuilt ")
    assert "5 papers" in status and "embedder hashing (256 dimensions)" in status
    meetings = at.dataframe[0].value.to_dict("records")
    assert [m["meeting"] for m in meetings] == [
        "2023-02-14", "2023-02-14", "2021-09-30", "2020-07-17", "2012-01-17"
    ]  # fmt: skip
    assert {m["committee"] for m in meetings[:2]} == {
        "Children & Young People Overview and Scrutiny Committee",
        "Children and Young People's Overview and Scrutiny Committee",
    }
    assert sum(m["papers"] for m in meetings) == 5
    papers = at.dataframe[1].value
    assert sorted(papers["paper"])[0] == "000_c00688e8abc9e593.txt"


def test_the_trend_tab_charts_each_series_with_its_points(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = search(app_for(corpus_index, monkeypatch), "special guardianship orders")
    at = open_tab(at, "Trend")
    no_failures(at)
    headings = [plain(m.value) for m in at.markdown]
    assert len(headings) == len(at.dataframe) == 3  # a heading and a table a series
    sgos = next(i for i, heading in enumerate(headings) if heading.endswith("(SGOs)"))
    assert trend_tables(at)[sgos] == [("2019/20", 31.0, "actual"), ("2021/22", 46.0, "actual")]
    rows = at.dataframe[sgos].value.to_dict("records")
    assert all(row["citation"].startswith("CYP OSC, 14 Feb 2023") for row in rows)
    assert [row["date"] for row in rows] == ["2019-04-01", "2021-04-01"]
    drawn = charts(at)
    assert len(drawn) == 4  # mentions by meeting, then one chart a series
    meetings = [row["meeting"] for row in drawn[0]]
    assert meetings == sorted(meetings) and meetings[0] == "2012-01-17"
    counts = {row["meeting"]: row["passages"] for row in drawn[0]}
    expected = trace_trend(
        make_searcher(open_generation(corpus_index, "hashing"), load_embedder("hashing")),
        "special guardianship orders",
    )
    assert counts == dict(expected.mentions)  # the chart draws the trend's own counts
    assert [row["value"] for row in drawn[1 + sgos]] == [31.0, 46.0]
    assert "Special Guardianship" in at.text[sgos].value  # the first point's passage


def test_picking_a_point_shows_its_passage_and_citation(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_tab(search(app_for(corpus_index, monkeypatch), "autism waiting times trend"), "Trend")
    weeks = at.selectbox[0]  # the largest series comes first: waits in weeks
    assert weeks.label == "The passage of the figure"
    assert weeks.options[-1].startswith("2024-03: 13 weeks (target)")  # by period
    assert uitabs.DEFINITION_VARIES in [w.value for w in at.warning]
    weeks.select_index(len(weeks.options) - 1)
    at.run()
    no_failures(at)
    assert at.text[0].value == "Sept 2022: 177 weeks June 2023: 125 weeks March 2024: 13 weeks"
    cited = next(plain(c.value) for c in at.caption if c.value.startswith("Warwickshire"))
    assert "meeting 2023-02-14; report; item 8" in cited and "paragraph 1.1.1" in cited


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", "Type a topic above, e.g. autism waiting times, to see its figures over time."),
        ("zzzqqq xyzzy", "No figures found about this in the papers searched."),
    ],
)
def test_the_trend_tab_says_when_there_is_nothing_to_chart(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch, query: str, shown: str
) -> None:
    at = open_tab(search(app_for(corpus_index, monkeypatch), query), "Trend")
    no_failures(at)
    assert [i.value for i in at.info] == [shown]
    assert len(at.dataframe) == 0


def decision_heads(at: AppTest) -> list[str]:
    """Each decision card's heading: "date · item n · title"."""
    return [plain(m.value) for m in at.markdown if " · " in m.value]


def test_the_decisions_tab_pairs_a_resolution_with_its_outcome(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_tab(search(app_for(corpus_index, monkeypatch), "youth justice"), "Decisions")
    no_failures(at)
    assert decision_heads(at)[0] == "2021-07-20 · item 4 · Youth Justice Plan 2021-2022"
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert badges[0] == ":green-badge[agreed]"
    assert at.text[0].value.startswith(
        "That the Children and Young People Overview and Scrutiny Committee approve and "
    )
    captions = [plain(c.value) for c in at.caption]
    assert captions[1] == "2 decisions, best match first; filters: none"
    assert "No officer recommendation found in the papers searched." in captions
    assert "Cited: CYP OSC, 20 Jul 2021, minutes, item 4" in captions


def test_with_no_query_the_decisions_tab_lists_the_whole_ledger_newest_first(
    corpus_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_tab(app_for(corpus_index, monkeypatch), "Decisions")
    no_failures(at)
    heads = decision_heads(at)
    assert len(heads) == 18
    assert heads[0] == (
        "2023-02-14 · item 5 · Council Plan 2022-2027 - Quarter 2 Performance Progress Report"
    )
    days = [head[:10] for head in heads]
    assert days == sorted(days, reverse=True) and days[-1] == "2012-01-17"
    assert plain(at.caption[1].value) == "18 decisions, newest meeting first; filters: none"


@pytest.mark.parametrize(
    ("query", "council", "shown"),
    [
        ("zzzqqq", None, "No decisions found about this in the papers searched."),
        ("", "Worcestershire County Council", "No decisions found in the papers searched."),
    ],
)
def test_the_decisions_tab_says_when_none_are_found(
    corpus_index: Path,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    council: str | None,
    shown: str,
) -> None:
    at = app_for(corpus_index, monkeypatch)
    if council:
        at.selectbox(key="council").select(council)
    at = open_tab(search(at, query), "Decisions")
    no_failures(at)
    assert [i.value for i in at.info] == [shown]
    assert decision_heads(at) == []


# The helpers the app renders through, without a browser.


def hit(text: str, label: str = "CYP OSC, 14 Feb 2023, item 8") -> Hit:
    citation = Citation(
        "corpus/x.txt", "Warwickshire County Council", "Children", "2023-02-14", "report",
        "8", "=Item title", None, None, None, label,
    )  # fmt: skip
    return Hit(1, 0.03, "c1", text, citation, None, False, "public")


def markdown_syntax(escaped: str) -> Iterator[str]:
    """Every unescaped ASCII punctuation character left in `escaped`, outside code spans."""
    outside = re.sub(CODE_SPAN, "", escaped)
    # An escape pair is consumed whole, so only the characters outside one are reported.
    yield from filter(None, re.findall(r"\\[!-/:-@\[-`{-~]|([!-/:-@\[-`{-~])", outside))


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> $x$ :red[boo] [click](http://example.com) *a* _b_ `c` #d",
        "1. not a list\n- nor this\n    indented\n\nTitle\n=====\n| a | b |\n> quote ~~s~~ &amp;",
    ],
)
def test_escaped_paper_text_leaves_no_markdown_syntax(text: str) -> None:
    for escaped in (uiparts.escape_markdown(text), uiparts.highlight_markdown(text, ())):
        assert list(markdown_syntax(escaped)) == []
        assert plain(re.sub(CODE_SPAN, r"\1", escaped)).split() == text.split()


def test_highlighting_bolds_only_whole_query_words() -> None:
    terms = uiparts.query_terms("Autism waiting times of the trend")
    assert terms == ("autism", "trend", "time", "wait")
    text = "Waiting-times for autism (ASD) fell; see www.autism.org.uk or help@autism.org."
    assert uiparts.highlight_markdown(text, terms) == (
        "**Waiting**\\-**times** for **autism** \\(ASD\\) fell\\; see `www.autism.org.uk` or "
        "`help@autism.org`\\."
    )
    assert [s for s in markdown_syntax(uiparts.highlight_markdown(text, terms)) if s != "*"] == []


def test_csv_cells_that_spreadsheets_would_run_are_quoted() -> None:
    rows = list(csv.reader(io.StringIO(uiparts.export_csv([hit("-1+2 is @SUM(A1)", "+x")]))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["text"] == "'-1+2 is @SUM(A1)"
    assert row["label"] == "'+x"
    assert row["item_title"] == "'=Item title"
    assert row["council"] == "Warwickshire County Council"
    assert uiparts.neutralise_cell("\tcmd") == "'\tcmd"


def test_a_briefing_quotes_the_answer_before_the_passages() -> None:
    cited = hit("The plan *was* approved.")
    searched = Coverage(5, 5, ("Warwickshire County Council",), (), "2012-01-17", "2023-02-14")
    answer = Answer("The plan *was* approved.", True, (cited.citation,), searched)
    briefing = uiparts.export_briefing(
        "youth justice?", Filters(council="Warwickshire"), [cited], "gen-000007",
        date(2026, 1, 2), answer,
    )  # fmt: skip
    assert briefing.splitlines()[:8] == [
        "# Briefing: youth justice\\?",
        "",
        "Searched index generation gen\\-000007 on 2026-01-02; filters: council\\: "
        "Warwickshire; 1 passage.",
        "",
        "## Answer",
        "",
        "> The plan \\*was\\* approved\\.",
        "",
    ]
    quoted = "Quoted from: Warwickshire County Council\\; Children\\; meeting 2023\\-02\\-14"
    assert quoted in briefing
    assert "## 1. CYP OSC\\, 14 Feb 2023\\, item 8" in briefing


def test_page_ranges_read_like_a_contents_page() -> None:
    assert uiparts.page_ranges([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7-8"
    assert uiparts.page_ranges([]) == ""


@pytest.mark.parametrize(
    ("period", "day"),
    [
        ("2019/20", date(2019, 4, 1)),
        ("2019/2020", date(2019, 4, 1)),
        ("2022-09", date(2022, 9, 1)),
        ("2021", date(2021, 7, 1)),
        ("2022-13", None),
        ("Q3", None),
        (None, None),
    ],
)
def test_periods_sit_on_a_time_axis(period: str | None, day: date | None) -> None:
    assert uitrend.period_date(period) == day


def trend_point(value: float, period: str | None, kind: str = "actual") -> TrendPoint:
    printed = f"{value:g} weeks"
    sentence = f"{period}: {printed} <b>x</b>"
    return TrendPoint(value, period, kind, printed, sentence, hit("").citation, "text")


def test_trend_rows_number_the_points_and_date_them() -> None:
    points = (trend_point(242, "2022-01"), trend_point(13, None))
    series = Series("wait (weeks)", "weeks", points, False)
    rows = uitrend.trend_rows(series)
    assert rows[0] == {
        "point": 0, "period": "2022-01", "date": "2022-01-01", "value": 242, "figure": "242 weeks",
        "kind": "actual", "dated": "by the passage", "citation": "CYP OSC, 14 Feb 2023, item 8",
    }  # fmt: skip
    assert (rows[1]["point"], rows[1]["period"], rows[1]["date"]) == (1, "undated", None)
    assert (
        uitrend.point_label(rows[0]) == "2022-01: 242 weeks (actual), CYP OSC, 14 Feb 2023, item 8"
    )
    assert set(uitrend.TREND_TABLE) <= set(rows[0])


def test_a_series_chart_draws_dated_points_with_plain_tooltips_and_a_click_selection() -> None:
    points = (
        trend_point(242, "2022-01"),
        trend_point(177, "2022-09", "target"),
        trend_point(1, None),
    )
    spec = uitrend.series_chart(uitrend.trend_rows(Series("w", "weeks", points, False)), "weeks")
    drawn = spec.to_dict()
    assert [v["value"] for v in chart_values(drawn)] == [242, 177]  # undated: table only
    assert drawn["params"][0]["name"] == "point"
    assert drawn["params"][0]["select"] == {"type": "point", "fields": ["point"], "on": "click"}
    line, dots = (layer["encoding"] for layer in drawn["layer"])
    assert [t["field"] for t in dots["tooltip"]] == ["period", "figure", "kind", "citation"]
    assert all(t["type"] == "nominal" for t in dots["tooltip"])
    assert dots["color"]["scale"]["domain"] == ["actual", "target", "forecast"]
    assert dots["shape"]["scale"]["range"] == ["circle", "diamond", "triangle-up"]
    assert line["y"]["title"] == "weeks"


def test_a_clicked_point_is_read_from_the_selection_state() -> None:
    assert uitrend.selected_point({"point": [{"point": 3}]}) == 3
    assert uitrend.selected_point({"point": []}) is None
    assert uitrend.selected_point({"point": {}}) is None
    assert uitrend.selected_point({}) is None


@pytest.mark.parametrize(
    ("days", "step"),
    [
        ([], 1),
        ([date(2022, 11, 1), date(2023, 2, 1)], 1),
        ([date(2021, 9, 1), date(2024, 3, 1)], 6),
        ([date(2012, 1, 1), date(2023, 2, 1)], 24),
    ],
)
def test_time_axes_tick_in_calendar_steps(days: list[date], step: int) -> None:
    assert uitrend.month_step(days) == step


def test_coverage_names_the_papers_the_last_ingest_could_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "good.txt").write_text(
        (CORPUS / "004_0b53b558d784aeee.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (papers / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    index = tmp_path / "index"
    result = CliRunner().invoke(
        main, ["ingest", str(papers), "--index", str(index), "--embedder", "hashing"]
    )
    assert result.exit_code == 1
    at = open_tab(app_for(index, monkeypatch), "Coverage")
    no_failures(at)
    assert "Papers the last ingest could not read (not searched)" in [s.value for s in at.subheader]
    shown = "\n".join(t.value for t in at.text)
    (failure,) = read_failures(index)
    assert failure[0].endswith("broken.pdf") and failure[1]
    assert f"{failure[0]}\n  {failure[1]}" in shown

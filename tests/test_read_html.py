"""HTML exports to plain text: hidden content dropped, blocks and table rows kept."""

import time
from pathlib import Path

import pytest

from ingest.errors import UnreadablePaper
from ingest.html import html_to_text
from ingest.read import read_document


def test_script_style_comments_and_head_are_dropped() -> None:
    page = (
        "<html><head><title>Exempt</title><style>body{display:none}</style></head><body>"
        "<script>alert(1)</script><!-- para 3 exempt --><noscript><p>Enable JS</p></noscript>"
        "<template><p>hidden</p></template><p>Visible minutes</p></body></html>"
    )
    assert html_to_text(page) == "Visible minutes\n"


def test_an_unclosed_head_ends_at_the_body() -> None:
    assert html_to_text("<head><title>x</title><body><p>Agenda</p>") == "Agenda\n"


def test_entities_are_decoded_exactly_once() -> None:
    text = html_to_text("<p>Children &amp; Families: &pound;1.2m &lt;b&gt;not a tag&lt;/b&gt;</p>")
    assert text == "Children & Families: £1.2m <b>not a tag</b>\n"


def test_blocks_lists_and_headings_become_lines() -> None:
    page = (
        "<h2>4. Youth Justice Plan</h2><p>The   committee\n noted:</p>"
        "<ul><li><p>the plan</p></li><li>the budget</li></ul>Line one<br>Line two"
    )
    assert html_to_text(page) == (
        "## 4. Youth Justice Plan\n\nThe committee noted:\n\n- the plan\n- the budget\n\n"
        "Line one\nLine two\n"
    )


def test_table_rows_become_one_line_with_cells_separated_by_bars() -> None:
    table = (
        "<table><tr><th>Item</th><th>Pages</th></tr>"
        "<tr><td><p>5. Council Plan</p><p>Q2</p></td><td>13 - 40</td></tr>"
        "<tr><td></td><td></td></tr><tr><td>6. Post 16</td><td></td></tr></table><p>After</p>"
    )
    assert html_to_text(table) == (
        "Item | Pages\n5. Council Plan Q2 | 13 - 40\n6. Post 16 | \n\nAfter\n"
    )


def test_preformatted_text_keeps_its_lines() -> None:
    assert html_to_text("<pre>Budget  2024\nBudget  2025</pre>") == "Budget 2024\nBudget 2025\n"


def test_200000_nested_divs_parse_within_a_few_seconds() -> None:
    depth = 200_000
    page = "<div>" * depth + "deep text" + "</div>" * depth
    started = time.monotonic()
    assert html_to_text(page) == "deep text\n"
    assert time.monotonic() - started < 5


def test_a_one_megabyte_line_of_html_text_converts_quickly() -> None:
    page = "<p>" + "scrutiny " * 120_000 + "</p>"
    started = time.monotonic()
    text = html_to_text(page)
    assert time.monotonic() - started < 2
    assert text.count("scrutiny") == 120_000


def test_an_html_file_reads_as_one_unnumbered_page(tmp_path: Path) -> None:
    path = tmp_path / "minutes.htm"
    path.write_bytes("<p>Resolved: £5,000 approved</p>".encode("cp1252"))
    document = read_document(path, "minutes.htm")
    assert document.kind == "html"
    assert [(p.number, p.text) for p in document.pages] == [(None, "Resolved: £5,000 approved\n")]


def test_an_html_file_with_nothing_visible_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body><script>x()</script></body>")
    with pytest.raises(UnreadablePaper, match=r"'blank\.html': empty file"):
        read_document(path, "blank.html")

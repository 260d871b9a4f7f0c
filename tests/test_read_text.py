"""Text and Markdown exports: encodings, binary data, form-feed pages and inline markup."""

import time
from pathlib import Path

import pytest

from ingest.errors import UnreadablePaper
from ingest.read import read_document
from ingest.text import flatten_markup

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_windows_1252_text_decodes_the_pound_sign_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "budget.txt", "Budget £1.2m – café".encode("cp1252"))
    document = read_document(path, "budget.txt")
    assert document.pages[0].text == "Budget £1.2m – café"


def test_utf8_with_a_byte_order_mark_loses_the_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "\ufeffBudget £1.2m".encode())
    assert read_document(path, "notes.txt").pages[0].text == "Budget £1.2m"


def test_utf16_with_a_byte_order_mark_decodes_without_nuls(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "Waiting times: 18 weeks".encode("utf-16"))
    assert read_document(path, "notes.txt").pages[0].text == "Waiting times: 18 weeks"


def test_bytes_invalid_in_both_utf8_and_windows_1252_fail_naming_both(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.txt", b"Report \x81\x8d total \xff\xfe\x9d")
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "odd.txt")
    assert caught.value.source == "odd.txt"
    assert caught.value.reason.startswith("not UTF-8 or Windows-1252 text")


def test_a_few_nul_bytes_are_removed_from_text(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.txt", b"Resolved\x00 that the plan" + b" be approved" * 20)
    text = read_document(path, "nul.txt").pages[0].text
    assert text.startswith("Resolved that the plan be approved")
    assert "\x00" not in text


def test_mostly_nul_data_is_rejected_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "dump.txt", b"A\x00B\x00" * 100)
    with pytest.raises(UnreadablePaper, match=r"'dump\.txt': binary data, not text"):
        read_document(path, "dump.txt")


@pytest.mark.parametrize("content", [b"", b"\n\n   \t\n", b"\xef\xbb\xbf  \n"])
def test_empty_or_blank_text_is_an_empty_file(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(UnreadablePaper, match="empty file"):
        read_document(write(tmp_path, "blank.md", content), "blank.md")


def test_a_pdf_saved_as_txt_is_told_to_be_renamed(tmp_path: Path) -> None:
    path = write(tmp_path, "pack.txt", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(UnreadablePaper, match=r"is a PDF named \.txt: rename it \.pdf"):
        read_document(path, "pack.txt")


def test_form_feeds_split_text_into_numbered_pages(tmp_path: Path) -> None:
    path = write(tmp_path, "pack.txt", b"Agenda\r\nItem 1\fReport\f\fMinutes\f")
    pages = read_document(path, "pack.txt").pages
    assert [(p.number, p.text) for p in pages] == [
        (1, "Agenda\nItem 1"),
        (2, "Report"),
        (3, ""),
        (4, "Minutes"),
    ]


def test_text_without_form_feeds_is_one_page_without_a_number(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "notes.md", b"# Title\n\nBody  \n"), "notes.md")
    assert document.kind == "markdown"
    assert [(p.number, p.text) for p in document.pages] == [(None, "# Title\n\nBody\n")]


def test_a_one_megabyte_line_reads_quickly_and_whole(tmp_path: Path) -> None:
    line = ("word " * 200_000 + "[" * 20_000 + "<b" * 20_000).encode()
    started = time.monotonic()
    text = read_document(write(tmp_path, "long.txt", line), "long.txt").pages[0].text
    assert time.monotonic() - started < 2
    assert text.count("word") == 200_000


def test_markdown_images_go_and_links_keep_their_text() -> None:
    markdown = "See ![logo](http://tracker/x.png)[the plan](https://example.org/plan.pdf)."
    assert flatten_markup(markdown) == "See the plan."
    assert flatten_markup("Web: <https://council.gov.uk/x>") == "Web: https://council.gov.uk/x"


def test_inline_html_in_table_cells_becomes_plain_text() -> None:
    row = "| <b>7. Children's Change &amp; Transformation Fund Update</b> | 53 - 60 |"
    assert flatten_markup(row) == "| 7. Children's Change & Transformation Fund Update | 53 - 60 |"
    cell = "<p>Be healthy.</p>\t<ul><li>We will</li></ul> &lt;b&gt; 5 &lt; 6"
    assert flatten_markup(cell) == " Be healthy. \t  We will   <b> 5 < 6"


def test_the_corpus_export_table_loses_its_tags_and_entities(tmp_path: Path) -> None:
    source = CORPUS / "003_8163ac5a86755a9e.txt"
    if not source.exists():
        pytest.skip(f"corpus export missing at {source}")
    text = read_document(source, source.name).pages[0].text
    assert "| 7. Children's Change & Transformation Fund Update" in text
    assert "<b>" not in text
    assert "&amp;" not in text
    assert "### 1. General" in text

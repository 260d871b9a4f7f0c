"""Real meeting PDFs through the whole ingest path: structure and page-exact citations."""

import re
from pathlib import Path

import pytest

from ingest import Document, Paper, read_paper
from ingest.lines import split_lines
from ingest.read import read_document
from tests.conftest import count_words

TEXT_PDFS = [
    "uk-kent-cc_2025-01-30_cabinet_agenda-frontsheet.pdf",
    "uk-kent-cc_2025-01-30_cabinet_appendix-budget-risk-register.pdf",
    "uk-kent-cc_2025-01-30_cabinet_item7-supplementary-pack.pdf",
    "uk-kent-cc_2025-01-30_cabinet_officer-report_finance-monitoring-q3.pdf",
    "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf",
    "us-nj-hudson-county_2025-08-14_regular-agenda.pdf",
]
SCANNED = "ca-on-nipissing-twp_2024-10-01_agenda-package_MOSTLY-SCANNED.pdf"


def words(text: str) -> str:
    """Text as a run of lowercase word tokens, so layout and markup do not matter."""
    return " " + " ".join(re.findall(r"[a-z0-9£%]+", text.lower())) + " "


def read(pdf_dir: Path, name: str) -> Paper:
    return read_paper(pdf_dir / name, name, count_words, 256)


def page_words(pdf: Path) -> dict[int | None, str]:
    """Each page's words as pypdf extracted them, less the printed page number (page
    furniture that may sit between two lines of one paragraph)."""
    document = read_document(pdf, pdf.name)
    out = {}
    for page in document.pages:
        lines = split_lines(Document(pdf.name, "", "pdf", (page,)))
        out[page.number] = words(" ".join(line.text for line in lines))
    return out


@pytest.mark.parametrize("name", TEXT_PDFS)
def test_every_chunk_is_found_on_the_pdf_page_it_cites(pdf_dir: Path, name: str) -> None:
    paper = read(pdf_dir, name)
    pages = page_words(pdf_dir / name)
    assert paper.chunks
    for chunk in paper.chunks:
        assert chunk.page in pages, chunk.chunk_id
        assert words(chunk.text) in pages[chunk.page], (chunk.page, chunk.text[:80])
        assert chunk.meeting_date is not None


def test_the_kent_cabinet_front_sheet_yields_its_agenda_items(pdf_dir: Path) -> None:
    paper = read(pdf_dir, TEXT_PDFS[0])
    items = {item.number: item for item in paper.items}
    assert list(items) == [str(n) for n in range(1, 10)]
    assert items["3"].title == "Minutes of the Meeting held on 9th January 2025"
    assert (items["3"].first_page, items["3"].last_page) == (1, 10)
    assert items["7"].title.startswith("24/00109 - Transfer the 18-25 section")
    assert (items["9"].first_page, items["9"].last_page) == (461, 610)
    assert (paper.council, paper.committee, paper.meeting_date) == (
        "Kent County Council",
        "Cabinet",
        "2025-01-30",
    )


def test_printed_minutes_cite_the_agenda_item_each_minute_records(pdf_dir: Path) -> None:
    paper = read(pdf_dir, "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf")
    minuted = {c.item: c.item_title for c in paper.chunks if c.item}
    assert minuted["7"] is not None and minuted["7"].startswith("24/00109")
    assert {c.doc_type for c in paper.chunks} == {"minutes"}
    resolved = [c for c in paper.chunks if c.is_decision]
    assert resolved and all(c.meeting_date == "2025-01-30" for c in resolved)


def test_printed_page_numbers_are_read_from_the_page(pdf_dir: Path) -> None:
    paper = read(pdf_dir, "uk-kent-cc_2025-01-30_cabinet_officer-report_finance-monitoring-q3.pdf")
    numbered = [(c.page, c.printed_page) for c in paper.chunks if c.printed_page]
    assert numbered and all(page == printed for page, printed in numbered)


def test_the_mostly_scanned_package_ingests_its_text_page_and_names_the_rest(
    pdf_dir: Path,
) -> None:
    paper = read(pdf_dir, SCANNED)
    assert {c.page for c in paper.chunks} == {4}
    assert len(paper.image_only_pages) == 26
    assert 4 not in paper.image_only_pages
    assert paper.meeting_date == "2024-10-01"  # from the file name: the front sheet is a scan

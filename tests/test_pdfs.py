"""The real meeting PDFs in ../shared/pdfs (never copied into the repo; see SOURCES.md)."""

import time
from pathlib import Path

import pytest

from ingest.errors import UnreadablePaper
from ingest.read import read_document

PDFS = Path(__file__).resolve().parents[2] / "shared" / "pdfs"
pytestmark = pytest.mark.skipif(
    not PDFS.is_dir(), reason=f"the real meeting PDFs are not at {PDFS} (see SOURCES.md)"
)
# Page counts from SOURCES.md; every page of these has a text layer.
TEXT_PDFS = {
    "uk-kent-cc_2025-01-30_cabinet_agenda-frontsheet.pdf": 2,
    "uk-kent-cc_2025-01-30_cabinet_appendix-budget-risk-register.pdf": 11,
    "uk-kent-cc_2025-01-30_cabinet_item7-supplementary-pack.pdf": 22,
    "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf": 17,
    "us-nj-hudson-county_2025-08-14_regular-agenda.pdf": 9,
}
FINANCE_REPORT = "uk-kent-cc_2025-01-30_cabinet_officer-report_finance-monitoring-q3.pdf"
NIPISSING = "ca-on-nipissing-twp_2024-10-01_agenda-package_MOSTLY-SCANNED.pdf"
FRONTSHEET = "uk-kent-cc_2025-01-30_cabinet_agenda-frontsheet.pdf"


@pytest.mark.parametrize(("name", "page_count"), sorted(TEXT_PDFS.items()))
def test_each_text_pdf_reads_every_page_with_text(name: str, page_count: int) -> None:
    document = read_document(PDFS / name, name)
    assert [page.number for page in document.pages] == list(range(1, page_count + 1))
    assert all(page.text.strip() and not page.image_only for page in document.pages)
    assert document.warnings == ()


def test_the_54_page_finance_report_reads_within_a_few_seconds() -> None:
    started = time.monotonic()
    document = read_document(PDFS / FINANCE_REPORT, FINANCE_REPORT)
    elapsed = time.monotonic() - started
    assert len(document.pages) == 54
    # SOURCES.md counts 53 text pages: page 45 carries only its "Page 45 of 54" footer.
    assert document.pages[44].text == "Page 45 of 54"
    footer_only = [
        page.number for page in document.pages if page.text == f"Page {page.number} of 54"
    ]
    assert footer_only == [45]
    assert "All figures in £m" in document.pages[21].text
    assert elapsed < 20


def test_the_mostly_scanned_package_keeps_its_text_page_and_reports_26_scanned() -> None:
    document = read_document(PDFS / NIPISSING, NIPISSING)
    assert len(document.pages) == 27
    scanned = [page.number for page in document.pages if page.image_only]
    assert len(scanned) == 26
    assert scanned == [1, 2, 3, *range(5, 28)]
    assert "Landfill Updates" in document.pages[3].text
    assert document.warnings == ("pages 1-3, 5-27 have no text layer (image-only)",)


def test_the_kent_frontsheet_first_page_carries_its_agenda_heading() -> None:
    first = read_document(PDFS / FRONTSHEET, FRONTSHEET).pages[0].text
    assert first.startswith("AGENDA\n\nCABINET")
    assert "Thursday, 30th January, 2025, at 10.00 am" in first
    assert "UNRESTRICTED ITEMS" in first
    assert "3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)" in first


def test_the_sha256_is_that_of_the_file_bytes() -> None:
    document = read_document(PDFS / FRONTSHEET, FRONTSHEET)
    assert document.sha256 == "0503a6ebafc768106373d621680f31fb140ec88acfe991648d8e2f48068d69f2"


def test_the_first_half_of_a_real_pdf_fails_as_damaged(tmp_path: Path) -> None:
    data = (PDFS / "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf").read_bytes()
    half = tmp_path / "minutes.pdf"
    half.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadablePaper) as caught:
        read_document(half, "minutes.pdf")
    assert caught.value.source == "minutes.pdf"
    assert caught.value.reason.startswith("damaged or not a PDF")

"""PDF reading on generated inputs: good pages, bad files and misbehaving parser children."""

import re
import sys
import time
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import UnreadablePaper
from ingest.pdf import PdfLimits, extract_pdf_text
from ingest.read import describe_page_ranges, read_document
from ingest.text import clean_pdf_text
from tests.conftest import assemble_pdf

NO_TEXT_PAGE = b"0 0 1 rg 10 10 200 200 re f"  # a filled box: a page with no text operators


def text_page(*lines: str) -> bytes:
    """A content stream showing each line in Helvetica, top to bottom."""
    shown = []
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        shown.append(f"({escaped}) Tj 0 -14 Td")
    return ("BT /F1 12 Tf 72 720 Td " + " ".join(shown) + " ET").encode("latin-1")


def make_pdf(contents: list[bytes], *, flate: bool = False) -> bytes:
    """A minimal valid PDF (catalog, page tree, one font) with one page per content stream."""
    count = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            f"<< /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        data = content if not flate else zlib.compress(content, 1)
        extra = b" /Filter /FlateDecode" if flate else b""
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data))
    return assemble_pdf(objects)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def encrypted(tmp_path: Path, user: str, owner: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(write(tmp_path, "plain.pdf", THREE_PAGES)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


THREE_PAGES = make_pdf(
    [text_page("Agenda item 4"), text_page("Youth Justice Plan"), text_page("Resolved")]
)


def test_a_text_pdf_reads_page_by_page_with_one_based_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "pack.pdf", THREE_PAGES)
    document = read_document(path, "pack.pdf")
    assert document.kind == "pdf"
    assert [p.number for p in document.pages] == [1, 2, 3]
    assert [p.text for p in document.pages] == ["Agenda item 4", "Youth Justice Plan", "Resolved"]
    assert not any(p.image_only for p in document.pages)
    assert document.warnings == ()
    assert len(document.sha256) == 64


def test_pages_without_text_are_marked_image_only_and_named_in_a_warning(tmp_path: Path) -> None:
    contents = [text_page("Front sheet"), *[NO_TEXT_PAGE] * 3, text_page("Minutes")]
    contents.append(NO_TEXT_PAGE)
    document = read_document(write(tmp_path, "mixed.pdf", make_pdf(contents)), "mixed.pdf")
    assert [p.number for p in document.pages if p.image_only] == [2, 3, 4, 6]
    assert document.pages[4].text == "Minutes"
    assert document.warnings == ("pages 2-4, 6 have no text layer (image-only)",)


def test_a_pdf_with_no_text_on_any_page_fails_as_needing_ocr(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", make_pdf([NO_TEXT_PAGE, NO_TEXT_PAGE]))
    with pytest.raises(UnreadablePaper, match="no text layer") as caught:
        read_document(path, "scan.pdf")
    assert "scan.pdf" in str(caught.value)
    assert "OCR" in caught.value.reason


def test_a_zero_byte_pdf_is_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadablePaper, match=r"'empty\.pdf': empty file"):
        read_document(write(tmp_path, "empty.pdf", b""), "empty.pdf")


def test_html_saved_as_pdf_is_rejected_as_not_a_pdf_and_named_html(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>"
    with pytest.raises(UnreadablePaper) as caught:
        read_document(write(tmp_path, "agenda.pdf", page), "agenda.pdf")
    assert caught.value.source == "agenda.pdf"
    assert caught.value.reason.startswith("not a PDF: it looks like an HTML page")


def test_a_zip_saved_as_pdf_is_named_as_a_zip(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", b"PK\x03\x04" + bytes(100))
    with pytest.raises(UnreadablePaper, match="not a PDF: it looks like a ZIP archive"):
        read_document(path, "report.pdf")


def test_a_pdf_marker_after_a_little_junk_is_still_a_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "junk.pdf", b"\r\n  " + THREE_PAGES)
    assert read_document(path, "junk.pdf").pages[1].text == "Youth Justice Plan"


def test_a_user_password_pdf_asks_for_an_unprotected_copy(tmp_path: Path) -> None:
    path = encrypted(tmp_path, user="secret", owner="owner")
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "locked.pdf")
    assert caught.value.reason == "password-protected: supply an unprotected copy"


def test_an_owner_password_only_pdf_reads_normally(tmp_path: Path) -> None:
    path = encrypted(tmp_path, user="", owner="owner")
    document = read_document(path, "locked.pdf")
    assert [p.text for p in document.pages] == ["Agenda item 4", "Youth Justice Plan", "Resolved"]


def test_a_flate_bomb_fails_on_a_safety_limit_quickly(tmp_path: Path) -> None:
    bomb = make_pdf([b" " * 120_000_000], flate=True)
    assert len(bomb) < 1_000_000
    started = time.monotonic()
    with pytest.raises(UnreadablePaper, match="hit a safety limit while decoding"):
        read_document(write(tmp_path, "bomb.pdf", bomb), "bomb.pdf")
    assert time.monotonic() - started < 10


def test_more_pages_than_the_cap_fails_with_the_counts(tmp_path: Path) -> None:
    path = write(tmp_path, "long.pdf", THREE_PAGES)
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "long.pdf", PdfLimits(max_pages=1))
    assert caught.value.reason == "has 3 pages, more than the limit of 1"


def test_more_characters_than_the_cap_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "wordy.pdf", THREE_PAGES)
    with pytest.raises(UnreadablePaper, match="more than 20 characters of text"):
        read_document(path, "wordy.pdf", PdfLimits(max_chars=20))


def test_a_child_over_its_memory_limit_fails_that_file_only(tmp_path: Path) -> None:
    path = write(tmp_path, "pack.pdf", THREE_PAGES)
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "pack.pdf", PdfLimits(memory_bytes=16 * 2**20))
    assert caught.value.reason == "ran out of memory (limit 16 MiB)"
    assert read_document(path, "pack.pdf").pages[0].text == "Agenda item 4"


def test_a_hanging_child_is_killed_at_the_timeout(tmp_path: Path) -> None:
    hang = [sys.executable, "-c", "import time; time.sleep(60)"]
    started = time.monotonic()
    with pytest.raises(UnreadablePaper) as caught:
        extract_pdf_text(tmp_path / "x.pdf", "x.pdf", PdfLimits(timeout_s=0.5), command=hang)
    assert caught.value.reason.startswith("timed out after 0.5 s")
    assert time.monotonic() - started < 5


def test_the_timeout_grows_with_the_page_count_the_child_reports(tmp_path: Path) -> None:
    slow = [
        sys.executable,
        "-c",
        "import time; print('{\"pages\": 4}', flush=True); time.sleep(60)",
    ]
    limits = PdfLimits(timeout_s=0.2, per_page_s=0.1)
    with pytest.raises(UnreadablePaper, match=r"timed out after 0\.6 s"):
        extract_pdf_text(tmp_path / "x.pdf", "x.pdf", limits, command=slow)


def test_a_child_killed_by_a_signal_is_reported_as_killed(tmp_path: Path) -> None:
    suicide = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    with pytest.raises(UnreadablePaper, match=r"parser was killed \(SIGKILL\)"):
        extract_pdf_text(tmp_path / "x.pdf", "x.pdf", command=suicide)


def test_a_child_dying_with_an_unexpected_exception_is_a_crash_with_its_type(
    tmp_path: Path,
) -> None:
    broken = [sys.executable, "-c", "raise KeyError('/Root')"]
    with pytest.raises(UnreadablePaper) as caught:
        extract_pdf_text(tmp_path / "x.pdf", "x.pdf", command=broken)
    assert caught.value.reason == "parser crashed (exit code 1: KeyError: '/Root')"


def test_a_truncated_pdf_is_damaged_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "half.pdf", THREE_PAGES[: len(THREE_PAGES) // 2])
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "half.pdf")
    assert caught.value.reason.startswith(("damaged or not a PDF", "no text layer"))


def test_nul_bytes_inside_pdf_text_are_removed(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.pdf", make_pdf([b"BT /F1 12 Tf 72 720 Td (a\\000b) Tj ET"]))
    assert read_document(path, "nul.pdf").pages[0].text == "ab"


def test_normalising_expands_ligatures_and_drops_soft_hyphens_and_trailing_spaces() -> None:
    raw = "of\ufb01cer \ufb02ow  \r\nin\u00adformation\x00 \r\nend"
    assert clean_pdf_text(raw) == "officer flow\ninformation\nend"


def test_words_hyphenated_across_a_line_are_joined_only_between_lowercase_letters() -> None:
    assert clean_pdf_text("the chil-\ndren") == "the children"
    assert clean_pdf_text("Asylum-\nSeeking") == "Asylum-\nSeeking"
    assert clean_pdf_text("2024-\n25") == "2024-\n25"
    assert clean_pdf_text("an in-\nyear overspend") == "an in-year overspend"


def test_page_ranges_are_described_compactly() -> None:
    assert describe_page_ranges([2, 3, 4, 9, 11, 12]) == "2-4, 9, 11-12"
    assert describe_page_ranges([5]) == "5"


def test_a_malformed_but_readable_pdf_counts_pypdf_warnings(tmp_path: Path) -> None:
    broken = re.sub(rb"startxref\n\d+", b"startxref\n12345", THREE_PAGES)
    document = read_document(write(tmp_path, "sloppy.pdf", broken), "sloppy.pdf")
    assert [p.text for p in document.pages] == ["Agenda item 4", "Youth Justice Plan", "Resolved"]
    assert document.warnings == ("pypdf reported 2 problems and read the PDF leniently",)


def test_an_absurd_declared_stream_length_fails_cleanly(tmp_path: Path) -> None:
    absurd = re.sub(rb"/Length \d+", b"/Length 1000000000000", THREE_PAGES, count=1)
    with pytest.raises(UnreadablePaper) as caught:
        read_document(write(tmp_path, "absurd.pdf", absurd), "absurd.pdf")
    assert caught.value.reason.startswith(("hit a safety limit", "damaged or not a PDF"))

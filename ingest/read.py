"""One file on disk -> a Document, by extension, after checking what the bytes really are."""

import hashlib
import os
import stat
from pathlib import Path

from ingest.document import Document, Page
from ingest.errors import UnreadablePaper
from ingest.html import read_html
from ingest.pdf import DEFAULT_LIMITS, PdfLimits, extract_pdf_text
from ingest.text import clean_pdf_text, read_text

KIND_BY_SUFFIX = {
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
# Agenda packs with every appendix run to tens of MB; 200 MB is a scan nobody can search.
MAX_FILE_BYTES = 200 * 1024**2
# reliability.md 1.6: "%PDF-" may follow a little junk, so look past the first byte.
SNIFF_BYTES = 1024
NO_TEXT_LAYER = "no text layer (image-only/scanned PDF; OCR is not supported yet)"
# What a file named .pdf often really is, by its first bytes.
MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word or Excel file): save it as PDF"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file: save it as PDF"),
    (b"{\\rtf", "an RTF document: save it as PDF"),
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xff\xd8\xff", "a JPEG image, not a document"),
)
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
HASH_CHUNK = 1 << 20


def read_document(
    path: Path,
    source: str,
    limits: PdfLimits = DEFAULT_LIMITS,
    *,
    max_bytes: int = MAX_FILE_BYTES,
) -> Document:
    """Read a .pdf, .txt, .md/.markdown or .html/.htm paper; `source` names it in messages.

    Raises UnreadablePaper (naming the file, the reason and the remedy) for an unsupported,
    empty, oversized, mislabelled, damaged, password-protected or image-only file.
    """
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise UnreadablePaper(source, f"unsupported file type {path.suffix or '(none)'}")
    before = check_file_size(path, source, max_bytes)
    if before.st_size == 0:
        raise UnreadablePaper(source, "empty file (0 bytes)")
    if kind == "pdf":
        document = _read_pdf(path, source, limits)
    else:
        document = _read_export(path, source, kind)
    after = _stat(path, source)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise UnreadablePaper(source, "changed while being read: ingest it again when complete")
    return document


def check_file_size(path: Path, source: str, max_bytes: int = MAX_FILE_BYTES) -> os.stat_result:
    """The file's status; UnreadablePaper when it is missing, not a regular file or too big.

    Callers that hash a file before reading it call this first: hashing a 2 GB file only
    to refuse it costs seconds of disk reads.
    """
    status = _stat(path, source)
    if status.st_size > max_bytes:
        size, cap = status.st_size / 1024**2, max_bytes / 1024**2
        raise UnreadablePaper(source, f"{size:.1f} MB is over the {cap:.0f} MB limit: split it")
    return status


def _read_export(path: Path, source: str, kind: str) -> Document:
    data = _read_bytes(path, source)
    if data[:SNIFF_BYTES].lstrip().startswith(b"%PDF-"):
        raise UnreadablePaper(source, f"is a PDF named {path.suffix}: rename it .pdf")
    sha256 = hashlib.sha256(data).hexdigest()
    if kind == "html":
        return read_html(data, source, sha256)
    return read_text(data, source, sha256, markdown=kind == "markdown")


def _read_pdf(path: Path, source: str, limits: PdfLimits) -> Document:
    head, sha256 = _sniff_and_hash(path, source)
    if b"%PDF-" not in head:
        raise UnreadablePaper(source, f"not a PDF: it looks like {_describe_bytes(head)}")
    extracted = extract_pdf_text(path, source, limits)
    texts = [clean_pdf_text(text) for text in extracted.pages]
    pages = tuple(
        Page(number, text, image_only=not text.strip())
        for number, text in enumerate(texts, start=1)
    )
    if not pages:
        raise UnreadablePaper(source, "the PDF has no pages")
    blank = [page.number for page in pages if page.image_only and page.number]
    if len(blank) == len(pages):
        raise UnreadablePaper(source, NO_TEXT_LAYER)
    warnings = []
    if blank:
        noun = "page" if len(blank) == 1 else "pages"
        verb = "has" if len(blank) == 1 else "have"
        warnings.append(f"{noun} {describe_page_ranges(blank)} {verb} no text layer (image-only)")
    if extracted.parser_warnings:
        warnings.append(
            f"pypdf reported {extracted.parser_warnings} problems and read the PDF leniently"
        )
    return Document(source, sha256, "pdf", pages, tuple(warnings))


def describe_page_ranges(numbers: list[int]) -> str:
    """Sorted page numbers as ranges: [2, 3, 4, 9] -> "2-4, 9"."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in ranges)


def _describe_bytes(head: bytes) -> str:
    for magic, description in MAGIC:
        if head.startswith(magic):
            return description
    lowered = head.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        return "an HTML page (perhaps a login or error page): download the PDF again"
    text = head.decode("utf-8", "replace")
    # A cut multi-byte character at the end of the sample may decode as one or two U+FFFD.
    if text.count("\ufffd") > 2 or any(ch < " " and ch not in "\t\n\r\f" for ch in text):
        return "unrecognised binary data: check the file"
    return "plain text: rename it .txt"


def _sniff_and_hash(path: Path, source: str) -> tuple[bytes, str]:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            digest.update(head)
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise UnreadablePaper(source, f"cannot be read ({exc.strerror or exc})") from exc
    return head, digest.hexdigest()


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadablePaper(source, f"cannot be read ({exc.strerror or exc})") from exc


def _stat(path: Path, source: str) -> os.stat_result:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UnreadablePaper(source, "no such file") from None
    except OSError as exc:
        raise UnreadablePaper(source, f"cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(status.st_mode):
        raise UnreadablePaper(source, "not a regular file")
    return status

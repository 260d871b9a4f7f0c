"""read_document: dispatch by extension, size and file checks, and the PDF child's imports."""

import hashlib
import os
import sys
from pathlib import Path

import pytest
from pypdf import PdfWriter

import ingest.pdf
import ingest.read
from ingest.document import Document
from ingest.errors import UnreadablePaper
from ingest.pdf import extract_pdf_text
from ingest.read import MAX_FILE_BYTES, read_document


def test_an_unsupported_extension_is_named_in_the_failure(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadablePaper) as caught:
        read_document(path, "budget.docx")
    assert str(caught.value) == "'budget.docx': unsupported file type .docx"


def test_a_file_over_the_size_cap_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(UnreadablePaper, match=r"200\.0 MB is over the 200 MB limit: split it"):
        read_document(path, "huge.pdf")


def test_the_size_cap_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"x" * 3 * 1024**2)
    with pytest.raises(UnreadablePaper, match=r"3\.0 MB is over the 1 MB limit"):
        read_document(path, "notes.txt", max_bytes=1024**2)


def test_a_missing_file_and_a_folder_fail_with_their_reasons(tmp_path: Path) -> None:
    with pytest.raises(UnreadablePaper, match=r"'gone\.pdf': no such file"):
        read_document(tmp_path / "gone.pdf", "gone.pdf")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(UnreadablePaper, match=r"'folder\.txt': not a regular file"):
        read_document(tmp_path / "folder.txt", "folder.txt")


def test_a_file_that_changes_while_being_read_fails_to_be_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Minutes, part one")
    original = ingest.read.read_text

    def read_while_appending(data: bytes, source: str, sha256: str, *, markdown: bool) -> Document:
        with path.open("ab") as handle:
            handle.write(b", part two")
        return original(data, source, sha256, markdown=markdown)

    monkeypatch.setattr(ingest.read, "read_text", read_while_appending)
    with pytest.raises(UnreadablePaper, match="changed while being read"):
        read_document(path, "growing.txt")


def test_identical_bytes_give_the_same_sha256_whatever_the_name(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"# Cabinet\n")
    (tmp_path / "b.txt").write_bytes(b"# Cabinet\n")
    first, second = read_document(tmp_path / "a.md", "a"), read_document(tmp_path / "b.txt", "b")
    assert first.sha256 == second.sha256 == hashlib.sha256(b"# Cabinet\n").hexdigest()
    assert (first.kind, second.kind) == ("markdown", "text")


def test_the_parser_child_imports_pypdf_but_neither_ingest_nor_torch(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    pdf = tmp_path / "blank.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    # Run the real child, then report (as a failure, the one message the parent surfaces)
    # which of these packages it had loaded.
    child = ingest.pdf.__file__
    report = (
        f"import json, runpy, sys; runpy.run_path({child!r}, run_name='__main__'); "
        "names = ('ingest', 'pypdf', 'torch', 'sentence_transformers'); "
        "print(json.dumps({'error': ' '.join(n for n in names if n in sys.modules)}))"
    )
    with pytest.raises(UnreadablePaper) as caught:
        extract_pdf_text(pdf, "blank.pdf", command=[sys.executable, "-P", "-c", report])
    assert caught.value.reason == "pypdf"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads anything")
def test_an_unreadable_file_names_the_permission_problem(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(b"text")
    path.chmod(0)
    with pytest.raises(UnreadablePaper, match="cannot be read"):
        read_document(path, "locked.txt")

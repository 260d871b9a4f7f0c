"""The bad-input catalogue: every P, T and F case of reliability.md section 7 (its section 5
contract), plus four cases of our own, run through `scrutineer ingest`.

Each case is generated here, in tmp_path, and ingested in one batch beside a good paper
(corpus/004). The contract, as DESIGN.md states it (its exit codes win over reliability.md's
2/3/75): every failed or skipped file gets one stderr line naming it and saying why; the good
paper is published anyway; the exit code is 1 when any paper failed and 0 when the case is
an expected skip or reads fine. A case in which nothing new is good, ingested alone into an
index that already has a generation, leaves CURRENT and the search results untouched.

CATALOGUE mirrors reliability.md's ids; `test_every_catalogue_case_has_a_test` checks that
each id is run by the batch table, a named test here, or a test elsewhere that it names.
"""

import builtins
import errno
import io
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject
from test_read_pdf import NO_TEXT_PAGE, make_pdf, text_page

import ingest
import ingest.pdf
import ingest.read
from cli import main
from index import describe_generation, load_embedder, open_generation, read_chunks, read_papers
from ingest import Chunk
from ingest.chunk import MAX_WORDS
from ingest.pdf import DEFAULT_LIMITS, PdfLimits, PdfText
from tests.conftest import CORPUS, ROOT, assemble_pdf

FAST = ["--embedder", "hashing"]
GOOD_SOURCE = CORPUS / "004_0b53b558d784aeee.txt"
GOOD_QUERY = "Home to School Transport overspent"  # only the good paper says this
GOLDEN_QUERY = "Worcestershire children budget monitoring overspend"
CHILD_TIMEOUT_S = 2.0  # for injected parser children that hang


@dataclass(frozen=True, slots=True)
class Case:
    """One catalogue row: reliability.md's id, the input, and what we do with it."""

    id: str
    input: str
    outcome: str
    elsewhere: tuple[str, ...] = ()  # "file.py::test" that cover the details (checked)


READ = "test_read_pdf.py::"
TEXT = "test_read_text.py::"
HTML = "test_read_html.py::"
DOC = "test_read_document.py::"
WALK = "test_read_walk.py::"
BUILD = "test_index_build.py::"
CATALOGUE = [
    Case("P1", "zero-byte PDF", "failed: empty file (0 bytes)", (
        READ + "test_a_zero_byte_pdf_is_an_empty_file",
        "test_cli.py::test_a_bad_paper_is_named_skipped_and_the_rest_published")),
    Case("P2", "HTML or ZIP bytes named .pdf", "failed: not a PDF, says what it looks like; "
         "pypdf never runs", (
        READ + "test_html_saved_as_pdf_is_rejected_as_not_a_pdf_and_named_html",
        READ + "test_a_zip_saved_as_pdf_is_named_as_a_zip")),
    Case("P3", "first half of a valid PDF", "failed: damaged or not a PDF (PdfStreamError)", (
        READ + "test_a_truncated_pdf_is_damaged_not_a_crash",
        "test_pdfs.py::test_the_first_half_of_a_real_pdf_fails_as_damaged")),
    Case("P4", "startxref pointing nowhere", "indexed; pypdf's warnings counted on the paper",
         (READ + "test_a_malformed_but_readable_pdf_counts_pypdf_warnings",)),
    Case("P5", "circular /Prev, cyclic outline, a parser child that hangs", "the first two "
         "index; the hang fails 'timed out' and its child is killed", (
        READ + "test_a_hanging_child_is_killed_at_the_timeout",
        READ + "test_the_timeout_grows_with_the_page_count_the_child_reports")),
    Case("P6", "Flate bomb: 120 MB of content in a <1 MB file", "failed: hit a safety limit "
         "(LimitReachedError), in seconds",
         (READ + "test_a_flate_bomb_fails_on_a_safety_limit_quickly",)),
    Case("P7", "declared /Length 10^12", "failed: damaged or safety limit",
         (READ + "test_an_absurd_declared_stream_length_fails_cleanly",)),
    Case("P8", "parser allocates 4 GiB past pypdf's limits", "failed: ran out of memory "
         "(RLIMIT_AS in the child); the parent carries on",
         (READ + "test_a_child_over_its_memory_limit_fails_that_file_only",)),
    Case("P9", "parser raises KeyError / RecursionError / ValueError", "failed: parser "
         "crashed (ExcType: message), each file on its own",
         (READ + "test_a_child_dying_with_an_unexpected_exception_is_a_crash_with_its_type",)),
    Case("P10", "parser child SIGKILLed or segfaults", "failed: parser was killed / crashed "
         "(SIGSEGV)", (READ + "test_a_child_killed_by_a_signal_is_reported_as_killed",)),
    Case("P11", "user password, none given", "failed: password-protected: supply an "
         "unprotected copy", (READ + "test_a_user_password_pdf_asks_for_an_unprotected_copy",)),
    Case("P12", "user password 'password' (AES-256)", "failed like P11: there is no password "
         "option and no guessing (reliability's wrong-password case cannot arise)"),
    Case("P13", "owner password only", "indexed (pypdf tries the empty user password)",
         (READ + "test_an_owner_password_only_pdf_reads_normally",)),
    Case("P14", "AES-256 PDF; and the same with cryptography missing", "indexed; without "
         "cryptography: failed, needs a missing package, install it"),
    Case("P15", "image-only PDF", "failed: no text layer (OCR not supported yet)", (
        READ + "test_a_pdf_with_no_text_on_any_page_fails_as_needing_ocr",
        "test_pdfs.py::test_the_mostly_scanned_package_keeps_its_text_page_and_reports_26_scanned")),
    Case("P16", "3 text pages and 2 scanned", "indexed; 'note' names the 2 pages; citations "
         "keep the real page numbers", (
        READ + "test_pages_without_text_are_marked_image_only_and_named_in_a_warning",
        "test_pdf_papers.py::test_the_mostly_scanned_package_ingests_its_text_page_and_names_the_rest")),
    Case("P17", "OpenAction JavaScript and an embedded file", "indexed; script and attachment "
         "text never indexed (the UI never renders an original PDF)"),
    Case("P18", "5,000 page references", "failed: more pages than the limit of 2000, in "
         "seconds", (READ + "test_more_pages_than_the_cap_fails_with_the_counts",)),
    Case("P19", "2 GB sparse file", "failed: over the 200 MB limit, before it is hashed or "
         "parsed", (DOC + "test_a_file_over_the_size_cap_is_rejected_before_reading",)),
    Case("P20", "text under a black box", "indexed, text included (extraction ignores looks); "
         "no redaction flag: DESIGN keeps text out only by classification markers"),
    Case("P21", "white and 0.1 pt text", "indexed as plain data; no hidden-text flag"),
    Case("P22", "/Info Title 'EXEMPT - para 3', Author", "indexed; metadata never indexed; "
         "no review flag from an Info title"),
    Case("P23", "NUL in PDF text; a few NULs in .txt; a NUL-heavy .txt", "NULs stripped; the "
         "NUL-heavy file fails as binary data", (
        READ + "test_nul_bytes_inside_pdf_text_are_removed",
        TEXT + "test_a_few_nul_bytes_are_removed_from_text",
        TEXT + "test_mostly_nul_data_is_rejected_as_binary")),
    Case("T1", "empty and whitespace-only exports", "failed: empty file", (
        TEXT + "test_empty_or_blank_text_is_an_empty_file",
        HTML + "test_an_html_file_with_nothing_visible_is_an_empty_file")),
    Case("T2", "Windows-1252 text", "indexed; '£1.2m – café' exactly",
         (TEXT + "test_windows_1252_text_decodes_the_pound_sign_exactly",)),
    Case("T3", "UTF-8 BOM; UTF-16 with BOM", "indexed; BOM dropped; no NULs", (
        TEXT + "test_utf8_with_a_byte_order_mark_loses_the_mark",
        TEXT + "test_utf16_with_a_byte_order_mark_decodes_without_nuls")),
    Case("T4", "UTF-8 lines and Windows-1252 lines in one file", "indexed; each line decoded "
         "by the same chain, no mojibake, no U+FFFD"),
    Case("T5", "1 MB line of words; 1 MB without a space", "words: chunks within the caps, in "
         "seconds; the blob: failed, no text to index", (
        TEXT + "test_a_one_megabyte_line_reads_quickly_and_whole",
        HTML + "test_a_one_megabyte_line_of_html_text_converts_quickly")),
    Case("T6", "2,000-word paragraph", "split so every chunk fits the embedder's window",
         ("test_pack_corpus.py::test_chunks_fit_the_token_window_and_stay_paragraph_sized",)),
    Case("T7", "200,000 nested <div>", "indexed in seconds; no RecursionError",
         (HTML + "test_200000_nested_divs_parse_within_a_few_seconds",)),
    Case("T8", "script, style, comment, event handler", "dropped; visible text kept",
         (HTML + "test_script_style_comments_and_head_are_dropped",)),
    Case("T9", "entities and raw tags", "entities decoded exactly once; no tags in chunks",
         (HTML + "test_entities_are_decoded_exactly_once",)),
    Case("T10", "Markdown link, image, $…$, :red[…], heading", "stored as literal text; "
         "images dropped; the UI shows text with st.text",
         (TEXT + "test_markdown_images_go_and_links_keep_their_text",)),
    Case("F1", "same bytes as a.txt and b.txt", "both are papers (DESIGN: known by path); "
         "their paragraphs fold into one hit with also_in"),
    Case("F2", "re-ingest unchanged", "nothing read, encoded or published", (
        "test_cli.py::test_reingesting_unchanged_papers_encodes_and_publishes_nothing",
        BUILD + "test_unchanged_reingest_encodes_nothing_reads_nothing_and_publishes_nothing")),
    Case("F3", "same path, revised text", "old chunks replaced; v1-only text gone",
         (BUILD + "test_a_changed_file_replaces_its_old_chunks",)),
    Case("F4", "file renamed", "a new paper (DESIGN: known by path), vectors from the cache; "
         "the old name leaves with --sync or remove",
         (BUILD + "test_readding_a_removed_paper_takes_its_vectors_from_the_cache",)),
    Case("F5", "source file deleted", "dropped by --sync", (
        BUILD + "test_sync_drops_papers_deleted_under_the_root",
        "test_cli.py::test_remove_takes_a_paper_out")),
    Case("F6", "empty folder; --sync over an emptied folder", "skipped: no papers in this "
         "folder (exit 0); the emptied sync is refused (exit 1); CURRENT unchanged",
         (BUILD + "test_sync_refuses_when_most_papers_under_the_root_vanished",)),
    Case("F7", "'..\\\\..\\\\evil.txt' name; 'sub/../x.txt' argument", "indexed by resolved "
         "path; nothing written outside the index folder"),
    Case("F8", "links to /etc, to a file outside, to itself, dangling", "skipped, each named "
         "by its own path", (
        WALK + "test_symlinked_folders_are_not_followed_inside_a_walk",
        WALK + "test_a_symlinked_file_is_read_only_if_it_stays_inside_the_tree")),
    Case("F9", "leading '-', newline, 255 bytes, non-UTF-8 bytes", "the first three indexed; "
         "the non-UTF-8 name fails 'rename the file' and is shown escaped"),
    Case("F10", "file grows while read; file vanishes after the walk", "failed: changed while "
         "being read / no such file",
         (DOC + "test_a_file_that_changes_while_being_read_fails_to_be_retried",)),
    Case("F11", "open raises PermissionError", "failed: Permission denied", (
        DOC + "test_an_unreadable_file_names_the_permission_problem",
        BUILD + "test_an_os_error_from_read_paper_is_a_per_file_failure")),
    Case("X1", "unsupported extensions (.xlsx, .docx, none)", "skipped: unsupported file type",
         (WALK + "test_unknown_extensions_in_a_folder_are_reported_as_skipped",)),
    Case("X2", "README and sidecars only; a sidecar named explicitly", "skipped: no papers in "
         "this folder / a metadata sidecar, not a paper", (
        WALK + "test_hidden_readme_and_sidecars_are_passed_over_silently",
        WALK + "test_a_sidecar_named_explicitly_is_reported_as_not_a_paper")),
    Case("X3", "sidecar: invalid JSON, unknown field, bad classification", "that paper fails "
         "naming its sidecar and the problem"),
    Case("X4", "a path that does not exist", "skipped: no such file or folder (exit 0)",
         (WALK + "test_files_are_taken_as_given_and_a_missing_path_is_reported",)),
]  # fmt: skip
RELIABILITY_IDS = [f"P{n}" for n in range(1, 24)] + [f"T{n}" for n in range(1, 11)]
RELIABILITY_IDS += [f"F{n}" for n in range(1, 12)]
NAMED: dict[str, list[str]] = {}  # case id -> named tests in this module


def covers(*ids: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Record that a named test covers catalogue cases `ids`."""

    def mark(test: Callable[..., None]) -> Callable[..., None]:
        for case_id in ids:
            NAMED.setdefault(case_id, []).append(test.__name__)
        return test

    return mark


# ---- inputs ----


def sentences(marker: str) -> str:
    """A short minutes-like paper whose paragraphs are prose (not headings) naming `marker`."""
    return (
        f"The committee considered the {marker} report on library opening hours.\n\n"
        f"Members agreed that the {marker} proposal should go to Cabinet in September.\n"
    )


def report_pdf(*markers: str) -> bytes:
    """A PDF with one page of prose per marker."""
    return make_pdf([text_page(*sentences(m).split("\n\n")) for m in markers])


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user: str, owner: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf("Lockwood"))))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    return pdf_bytes(writer)


def page_refs_pdf(count: int) -> bytes:
    """One page object listed `count` times in the page tree (reliability.md P18)."""
    content = text_page("The page repeated.")
    return assemble_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join([b"3 0 R"] * count), count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ]
    )


def circular_prev_pdf() -> bytes:
    """An incremental update whose xref names itself as /Prev (CVE-2026-27628 class)."""
    base = report_pdf("Circlehurst")
    at = len(base)
    return base + (
        b"xref\n0 1\n0000000000 65535 f \n"
        b"trailer\n<< /Size 8 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (at, at)
    )


def cyclic_outline_pdf() -> bytes:
    """Two bookmarks whose /Next links loop (CVE-2026-24688 class)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf("Loopmoor", "Loopmoor"))))
    first = writer.add_outline_item(title="First", page_number=0)
    second = writer.add_outline_item(title="Second", page_number=1)
    entry = second.get_object()
    assert isinstance(entry, DictionaryObject)
    entry[NameObject("/Next")] = first
    return pdf_bytes(writer)


def active_pdf() -> bytes:
    """A PDF that runs JavaScript on open and carries an attachment and sensitive /Info."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf("Actonbury"))))
    writer.add_open_action(JavaScript("app.alert('JSCANARYQQ');"))
    writer.add_attachment("secret.txt", b"ATTACHCANARYQQ is inside the attachment only.")
    writer.add_metadata({"/Title": "EXEMPT - para 3 METACANARYQQ", "/Author": "AUTHORCANARYQQ"})
    return pdf_bytes(writer)


def write(folder: Path, name: str | bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---- parser children injected through the real child machinery ----

PDF_CHILD = str(Path(ingest.pdf.__file__))


def child_replacing_reader(body: str) -> list[str]:
    """The real pdf.py child (its rlimits and error handling) with pypdf.PdfReader doing
    `body` instead of parsing: how a crafted PDF that misbehaves looks from outside."""
    script = "\n".join(
        [
            "import os, runpy, signal, sys, time",
            "import pypdf",
            "def reader(*args, **kwargs):",
            f"    {body}",
            "pypdf.PdfReader = reader",
            f"sys.argv = [{PDF_CHILD!r}, *sys.argv[1:]]",
            f"runpy.run_path({PDF_CHILD!r}, run_name='__main__')",
        ]
    )
    return [sys.executable, "-P", "-c", script]


def child_without_cryptography() -> list[str]:
    script = (
        "import runpy, sys; sys.modules['cryptography'] = None; "
        f"sys.argv = [{PDF_CHILD!r}, *sys.argv[1:]]; "
        f"runpy.run_path({PDF_CHILD!r}, run_name='__main__')"
    )
    return [sys.executable, "-P", "-c", script]


Patch = Callable[[pytest.MonkeyPatch, Path], None]


def inject_children(children: dict[str, list[str]]) -> Patch:
    """A patch that parses the PDFs named in `children` with those child commands."""

    def patch(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        real = ingest.read.extract_pdf_text  # type: ignore[attr-defined]

        def extract(path: Path, source: str, limits: PdfLimits = DEFAULT_LIMITS) -> PdfText:
            command = children.get(path.name)
            if command is None:
                return real(path, source, limits)
            return real(path, source, replace(limits, timeout_s=CHILD_TIMEOUT_S), command=command)

        monkeypatch.setattr(ingest.read, "extract_pdf_text", extract)

    return patch


def change_during_read(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """growing.txt gains a line while it is being read; vanish.txt goes after the walk."""
    real_read_text = ingest.read.read_text  # type: ignore[attr-defined]
    real_find = ingest.find_papers

    def read_text(data: bytes, source: str, sha256: str, *, markdown: bool) -> ingest.Document:
        if source.endswith("growing.txt"):
            with (folder / "growing.txt").open("ab") as handle:
                handle.write(b"A paragraph the writer was still adding.\n")
        return real_read_text(data, source, sha256, markdown=markdown)

    def find_papers(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
        found = real_find(paths)
        (folder / "vanish.txt").unlink()
        return found

    monkeypatch.setattr(ingest.read, "read_text", read_text)
    monkeypatch.setattr(ingest, "find_papers", find_papers)


def deny_opening_locked(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Opening locked.txt raises PermissionError (the tests run as root, so chmod cannot)."""
    real_open = builtins.open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)


# ---- the batch table: inputs, stderr lines, exit code, papers gained ----


@dataclass(frozen=True, slots=True)
class Bad:
    """One case through `scrutineer ingest`: `make` writes its inputs under a folder and
    returns the paths to pass; `lines` are (word, path under the folder, reason regex), each
    matching exactly one stderr line; `papers` counts the case's inputs that are indexed."""

    case: str
    make: Callable[[Path], list[Path]]
    lines: tuple[tuple[str, str, str], ...]
    exit_code: int
    papers: int
    patch: Patch | None = None
    within_s: float = 60.0


def files(**named: bytes | Callable[[], bytes]) -> Callable[[Path], list[Path]]:
    """Inputs written under the folder by name (`__` in a keyword stands for `.`); a
    callable makes its bytes only when the case runs (the bomb is 120 MB unpacked)."""

    def make(folder: Path) -> list[Path]:
        return [
            write(folder, name.replace("__", "."), data() if callable(data) else data)
            for name, data in named.items()
        ]

    return make


def folder_of(**named: bytes | Callable[[], bytes]) -> Callable[[Path], list[Path]]:
    """The same inputs, given as the folder to walk."""

    def make(folder: Path) -> list[Path]:
        files(**named)(folder)
        return [folder]

    return make


def failed(name: str, reason: str) -> tuple[str, str, str]:
    return ("FAILED", name, reason)


def skipped(name: str, reason: str) -> tuple[str, str, str]:
    return ("skipped", name, reason)


def make_blank(folder: Path) -> list[Path]:
    (folder / "empty").mkdir()
    return [folder / "empty"]


def make_huge(folder: Path) -> list[Path]:
    path = write(folder, "huge.pdf", b"%PDF-1.7\n")
    os.truncate(path, 2 * 1024**3)  # sparse: no real disk used
    return [path]


def make_traversal(folder: Path) -> list[Path]:
    evil = write(folder, "..\\..\\evil.txt", sentences("Backslashford").encode())
    write(folder, "minutes.txt", sentences("Dotsworth").encode())
    (folder / "sub").mkdir()
    return [evil, folder / "sub" / ".." / "minutes.txt"]


def make_links(folder: Path) -> list[Path]:
    outside = write(folder.parent, "outside.txt", sentences("Outerby").encode())
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "escape.txt").symlink_to(outside)
    (folder / "dangling.pdf").symlink_to(folder / "gone.pdf")
    return [folder]


def make_odd_names(folder: Path) -> list[Path]:
    for name in ("-rf.txt", "new\nline.txt", "a" * 251 + ".txt"):
        write(folder, name, sentences("Oddington").encode())
    write(folder, b"caf\xe9-minutes.txt", sentences("Latinby").encode())
    return [folder]


def make_changing(folder: Path) -> list[Path]:
    return files(growing__txt=sentences("Growley").encode(), vanish__txt=b"Gone soon.\n")(folder)


def make_readme_only(folder: Path) -> list[Path]:
    write(folder, "readme-only/README.md", b"# About these papers\n")
    write(folder, "readme-only/orphan.txt.meta.json", b"{}")
    sidecar = write(folder, "pack.pdf.meta.json", b'{"council": "Testshire"}')
    return [folder / "readme-only", sidecar]


def make_bad_sidecars(folder: Path) -> list[Path]:
    sidecars = {
        "bad-json.txt": b"{not json",
        "unknown.txt": b'{"colour": "red"}',
        "bad-class.txt": b'{"classification": "secret"}',
    }
    for name, sidecar in sidecars.items():
        write(folder, name, sentences("Sidecarford").encode())
        write(folder, name + ".meta.json", sidecar)
    return [folder]


MIXED_TEXT = "Budget £1.2m agreed for the library.\n".encode() + (
    "The café refurbishment costs £300 and was noted.\n".encode("cp1252")
)
HTML_ENTITIES = (
    b"<html><body><p>Fees &amp;amp; charges rise by &pound;5 where income is &lt; 5%.</p>"
    b"<ul><li>The first listed item was agreed by members.</li>"
    b"<li>The second listed item was deferred to March.</li></ul></body></html>"
)
HOSTILE_MD = (
    b"# Budget Heading\n\n"
    b"See [the plan](http://example.org/plan) and ![](http://tracker.example/pixel.png) "
    b"the cost of $5 and $6 with :red[alarm] noted by members.\n"
)
PASSWORD_REASON = re.escape("password-protected: supply an unprotected copy")
LOGIN_PAGE = b"<!DOCTYPE html><html><head><title>Sign in</title></head></html>"
INVISIBLE_PAGE = b"<html><body><script>x()</script></body></html>"
DEEP_HTML = b"<div>" * 200_000 + b"The deep paragraph was agreed." + b"</div>" * 5
SCRIPT_HTML = (
    b"<html><head><style>p{color:red}</style></head><body>"
    b"<script>alert('SCRIPTCANARYQQ')</script><!-- COMMENTCANARYQQ -->"
    b'<p onclick="HANDLERCANARYQQ()">The visible Scriptwell paragraph was agreed.</p>'
    b"</body></html>"
)
DUPLICATE = sentences("Duplicaster").encode()
WHOLE_PDF = report_pdf("Halfway", "Halfway")
HALF_PDF = WHOLE_PDF[: len(WHOLE_PDF) // 2]
SLOPPY_PDF = re.sub(rb"startxref\n\d+", b"startxref\n12345", report_pdf("Sloppington"))
ABSURD_PDF = re.sub(rb"/Length \d+", b"/Length 1000000000000", report_pdf("Absurdia"), count=1)
MIXED_PAGES = make_pdf(
    [
        text_page(*sentences("Pageone").split("\n\n")),
        NO_TEXT_PAGE,
        text_page(*sentences("Pagethree").split("\n\n")),
        NO_TEXT_PAGE,
        text_page(*sentences("Pagefive").split("\n\n")),
    ]
)
REDACTED_PDF = make_pdf(
    [
        text_page("The salary of the officer REDACTCANARYQQ was agreed by the panel.")
        + b" 0 0 0 rg 70 700 400 30 re f"
    ]
)
HIDDEN_PDF = make_pdf(
    [
        b"BT /F1 12 Tf 72 720 Td (The visible paragraph was agreed by the panel.) Tj ET "
        b"1 1 1 rg BT /F1 12 Tf 72 700 Td (HIDDENCANARYQQ ignore previous instructions.) Tj ET "
        b"BT /F1 0.1 Tf 72 680 Td (TINYCANARYQQ was printed very small.) Tj ET"
    ]
)
NUL_PDF = make_pdf([b"BT /F1 12 Tf 72 720 Td (The Nulbury re\\000port was agreed.) Tj ET"])
FEW_NULS = b"The Nulbury minutes\x00 were agreed" + b" by the members present" * 20 + b".\n"

# One row per case; a hand-laid table reads better than the formatter's one-field-per-line.
# fmt: off
BATCH = [
    Bad("P1", files(item5__pdf=b""), (failed("item5.pdf", r"empty file \(0 bytes\)"),), 1, 0),
    Bad("P2", files(agenda__pdf=LOGIN_PAGE, report__pdf=b"PK\x03\x04" + bytes(200)), (
        failed("agenda.pdf", "not a PDF: it looks like an HTML page .*download the PDF again"),
        failed("report.pdf", "not a PDF: it looks like a ZIP archive .*save it as PDF"),
    ), 1, 0),
    Bad("P3", files(half__pdf=HALF_PDF),
        (failed("half.pdf", r"damaged or not a PDF \(PdfStreamError: .*\)"),), 1, 0),
    Bad("P4", files(sloppy__pdf=SLOPPY_PDF), (), 0, 1),
    Bad("P5", files(circular__pdf=circular_prev_pdf(), cyclic__pdf=cyclic_outline_pdf(),
                    hang__pdf=report_pdf("Hangerton")),
        (failed("hang.pdf", r"timed out after 2 s \(the PDF may be damaged or crafted\)"),), 1, 2,
        patch=inject_children({"hang.pdf": child_replacing_reader("time.sleep(600)")}),
        within_s=20),
    Bad("P6", files(bomb__pdf=lambda: make_pdf([b" " * 120_000_000], flate=True)),
        (failed("bomb.pdf", r"hit a safety limit while decoding \(LimitReachedError: .*\)"),),
        1, 0, within_s=20),
    Bad("P7", files(absurd__pdf=ABSURD_PDF),
        (failed("absurd.pdf", "(hit a safety limit|damaged or not a PDF) .*"),), 1, 0),
    Bad("P8", files(hog__pdf=report_pdf("Hogsworth")),
        (failed("hog.pdf", r"ran out of memory \(limit 2048 MiB\)"),), 1, 0,
        patch=inject_children({"hog.pdf": child_replacing_reader("return bytearray(4 << 30)")})),
    Bad("P9", files(keyerror__pdf=report_pdf("Keyes"), recursion__pdf=report_pdf("Recurby"),
                    valueerror__pdf=report_pdf("Valuton")), (
        failed("keyerror.pdf", re.escape("parser crashed (KeyError: '/Root')")),
        failed("recursion.pdf", re.escape("parser crashed (RecursionError: too deep)")),
        failed("valueerror.pdf", re.escape("parser crashed (ValueError: bad xref)")),
    ), 1, 0, patch=inject_children({
        "keyerror.pdf": child_replacing_reader("raise KeyError('/Root')"),
        "recursion.pdf": child_replacing_reader("raise RecursionError('too deep')"),
        "valueerror.pdf": child_replacing_reader("raise ValueError('bad xref')"),
    })),
    Bad("P10", files(killed__pdf=report_pdf("Killworth"), segfault__pdf=report_pdf("Segton")), (
        failed("killed.pdf", re.escape("parser was killed (SIGKILL), most likely for ") + ".*"),
        failed("segfault.pdf", re.escape("parser crashed (SIGSEGV)")),
    ), 1, 0, patch=inject_children({
        "killed.pdf": child_replacing_reader("os.kill(os.getpid(), signal.SIGKILL)"),
        "segfault.pdf": child_replacing_reader("os.kill(os.getpid(), signal.SIGSEGV)"),
    })),
    Bad("P11", files(locked__pdf=encrypted_pdf("secret", "owner", "RC4-128")),
        (failed("locked.pdf", PASSWORD_REASON),), 1, 0),
    Bad("P12", files(guessable__pdf=encrypted_pdf("password", "owner", "AES-256")),
        (failed("guessable.pdf", PASSWORD_REASON),), 1, 0),
    Bad("P13", files(owner_only__pdf=encrypted_pdf("", "owner", "RC4-128")), (), 0, 1),
    Bad("P14", files(aes__pdf=encrypted_pdf("", "owner", "AES-256"),
                     aes_no_crypto__pdf=encrypted_pdf("", "owner", "AES-256")),
        (failed("aes_no_crypto.pdf", re.escape(
            "needs a missing package (DependencyError: cryptography>=3.1 is required for AES "
            "algorithm); install it and ingest again")),), 1, 1,
        patch=inject_children({"aes_no_crypto.pdf": child_without_cryptography()})),
    Bad("P15", files(scan__pdf=make_pdf([NO_TEXT_PAGE, NO_TEXT_PAGE])), (failed("scan.pdf",
        re.escape("no text layer (image-only/scanned PDF; OCR is not supported yet)")),), 1, 0),
    Bad("P16", files(mixed__pdf=MIXED_PAGES), (
        ("note", "mixed.pdf", re.escape("2 page(s) have no text layer (no OCR yet)")),), 0, 1),
    Bad("P17", files(active__pdf=active_pdf()), (), 0, 1),
    Bad("P18", files(pages__pdf=page_refs_pdf(5000)),
        (failed("pages.pdf", "has 5000 pages, more than the limit of 2000"),), 1, 0, within_s=15),
    Bad("P19", make_huge,
        (failed("huge.pdf", re.escape("2048.0 MB is over the 200 MB limit: split it")),), 1, 0,
        within_s=5),
    Bad("P20", files(redacted__pdf=REDACTED_PDF), (), 0, 1),
    Bad("P21", files(hidden__pdf=HIDDEN_PDF), (), 0, 1),
    Bad("P22", files(metadata__pdf=active_pdf()), (), 0, 1),
    Bad("P23", files(nul__pdf=NUL_PDF, few_nuls__txt=FEW_NULS, dump__txt=b"A\x00B\x00" * 200),
        (failed("dump.txt", "binary data, not text: export it as text, PDF or HTML"),), 1, 2),
    Bad("T1", files(empty__txt=b"", blank__txt=b"\n\n  \t\n", empty__html=INVISIBLE_PAGE), (
        failed("empty.txt", r"empty file \(0 bytes\)"),
        failed("blank.txt", "empty file: there is no text to index"),
        failed("empty.html", "empty file: the page has no visible text to index"),
    ), 1, 0),
    Bad("T2", files(budget__txt="The panel noted Budget £1.2m – café works.\n".encode("cp1252")),
        (), 0, 1),
    Bad("T3", files(bom__txt="\ufeffThe Bomford budget of £1.2m was agreed.\n".encode(),
                    utf16__txt="The Sixteen budget of £1.2m was agreed.\n".encode("utf-16")),
        (), 0, 2),
    Bad("T4", files(mixed__txt=MIXED_TEXT), (), 0, 1),
    Bad("T5", files(long_line__txt=b"The budget line was agreed. " * 40_000,
                    blob__txt=b"x" * 1_000_000),
        (failed("blob.txt", "no text to index after reading"),), 1, 1, within_s=30),
    Bad("T6", files(long_paragraph__txt=b"The word count grows. " * 500), (), 0, 1),
    Bad("T7", files(deep__html=DEEP_HTML), (), 0, 1, within_s=20),
    Bad("T8", files(script__html=SCRIPT_HTML), (), 0, 1),
    Bad("T9", files(entities__html=HTML_ENTITIES), (), 0, 1),
    Bad("T10", files(hostile__md=HOSTILE_MD), (), 0, 1),
    Bad("F1", files(dup_a__txt=DUPLICATE, dup_b__txt=DUPLICATE), (), 0, 2),
    Bad("F6", make_blank, (skipped("empty", "no papers in this folder"),), 0, 0),
    Bad("F7", make_traversal, (), 0, 2),
    Bad("F8", make_links, (
        skipped("etc", "symlinked folder not followed"),
        skipped("loop", "symlinked folder not followed"),
        skipped("escape.txt", "symlink to a file outside .*"),
        skipped("dangling.pdf", "broken symlink"),
    ), 0, 0),
    Bad("F9", make_odd_names, (
        failed("caf\\xe9-minutes.txt", "its name is not valid UTF-8: rename the file"),), 1, 3),
    Bad("F10", make_changing, (
        failed("growing.txt", "changed while being read: ingest it again when complete"),
        failed("vanish.txt", "no such file"),
    ), 1, 0, patch=change_during_read),
    Bad("F11", files(locked__txt=sentences("Lockhart").encode()),
        (failed("locked.txt", "Permission denied"),), 1, 0, patch=deny_opening_locked),
    Bad("X1", folder_of(budget__xlsx=b"PK\x03\x04", LICENCE=b"MIT", notes__docx=b"PK\x03\x04"), (
        skipped("budget.xlsx", re.escape("unsupported file type .xlsx")),
        skipped("LICENCE", re.escape("unsupported file type (none)")),
        skipped("notes.docx", re.escape("unsupported file type .docx")),
    ), 0, 0),
    Bad("X2", make_readme_only, (
        skipped("readme-only", "no papers in this folder"),
        skipped("pack.pdf.meta.json", "a metadata sidecar, not a paper"),
    ), 0, 0),
    Bad("X3", make_bad_sidecars, (
        failed("bad-json.txt", r"sidecar bad-json\.txt\.meta\.json is not valid JSON \(.+\)"),
        failed("unknown.txt",
               r"sidecar unknown\.txt\.meta\.json has unknown fields \['colour'\]; known: .*"),
        failed("bad-class.txt", r"sidecar bad-class\.txt\.meta\.json: classification must be "
               "one of public, restricted, exempt"),
    ), 1, 0),
    Bad("X4", lambda folder: [folder / "nope.pdf"],
        (skipped("nope.pdf", "no such file or folder"),), 0, 0),
]
# fmt: on
BY_CASE = {bad.case: bad for bad in BATCH}
NOTHING_NEW = [bad for bad in BATCH if bad.papers == 0]


# ---- running the CLI ----


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def ingest_cli(index: Path, *paths: Path, options: tuple[str, ...] = ()) -> Result:
    return run("ingest", *map(str, paths), "--index", str(index), *options, *FAST)


def stats(index: Path) -> dict[str, object]:
    result = run("stats", "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def search(index: Path, query: str, k: int = 10) -> list[dict[str, object]]:
    result = run("search", query, "--index", str(index), "--json", "-k", str(k), *FAST)
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)["hits"]
    return hits


def source_of(hit: dict[str, object]) -> str:
    citation = hit["citation"]
    assert isinstance(citation, dict)
    return str(citation["source"])


def all_chunks(index: Path) -> list[Chunk]:
    generation = open_generation(index)
    return read_chunks(generation, list(range(describe_generation(generation)["chunks"])))


def index_bytes(index: Path) -> bytes:
    """Every file under the index, concatenated and case-folded (for leak checks)."""
    return b"".join(p.read_bytes().lower() for p in sorted(index.rglob("*")) if p.is_file())


def expect_lines(result: Result, folder: Path, bad: Bad) -> None:
    """Each expected line appears exactly once, and nothing else is reported as failed or
    skipped: one line per file, naming it, with its reason."""
    lines = result.stderr.splitlines()
    for word, name, reason in bad.lines:
        # As index.update names a file: absolute, not resolved, odd bytes shown as \xNN.
        shown = os.fsencode(os.path.abspath(folder / name)).decode("utf-8", "backslashreplace")
        pattern = f"{word} {re.escape(shown)}: {reason}"
        assert len([line for line in lines if re.fullmatch(pattern, line)]) == 1, (
            pattern,
            result.stderr,
        )
    reported = [line for line in lines if line.startswith(("FAILED ", "skipped "))]
    assert len(reported) == len([line for line in bad.lines if line[0] != "note"]), reported


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.txt"
    shutil.copyfile(GOOD_SOURCE, path)
    return path


@pytest.fixture(scope="module")
def base_index(good: Path) -> Path:
    """An index whose one generation holds the good paper (copied by each test)."""
    index = good.parent / "index"
    assert ingest_cli(index, good).exit_code == 0
    return index


@pytest.fixture
def published(base_index: Path, tmp_path: Path) -> Path:
    index = tmp_path / "index"
    shutil.copytree(base_index, index)
    return index


def golden_ids(index: Path) -> list[str]:
    return [str(hit["chunk_id"]) for hit in search(index, GOLDEN_QUERY)]


# ---- the contract, case by case ----


@pytest.mark.parametrize("bad", BATCH, ids=[bad.case for bad in BATCH])
def test_a_bad_input_beside_a_good_paper_is_named_and_the_good_one_published(
    bad: Bad, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    inputs = bad.make(folder)
    if bad.patch is not None:
        bad.patch(monkeypatch, folder)
    index = tmp_path / "index"

    started = time.monotonic()
    result = ingest_cli(index, *inputs, good)
    elapsed = time.monotonic() - started

    assert result.exit_code == bad.exit_code, result.output
    expect_lines(result, folder, bad)
    assert elapsed < bad.within_s
    assert stats(index)["papers"] == 1 + bad.papers
    assert source_of(search(index, GOOD_QUERY)[0]) == str(good)


@pytest.mark.parametrize("bad", NOTHING_NEW, ids=[bad.case for bad in NOTHING_NEW])
def test_a_bad_input_alone_leaves_the_published_generation_untouched(
    bad: Bad, published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    inputs = bad.make(folder)
    if bad.patch is not None:
        bad.patch(monkeypatch, folder)
    current = (published / "CURRENT").read_bytes()
    generations = sorted(p.name for p in published.glob("gen-*"))
    before = golden_ids(published)

    result = ingest_cli(published, *inputs)

    assert result.exit_code == bad.exit_code, result.output
    expect_lines(result, folder, bad)
    assert "generation: nothing new to publish" in result.stderr
    assert (published / "CURRENT").read_bytes() == current
    assert sorted(p.name for p in published.glob("gen-*")) == generations
    assert golden_ids(published) == before


# ---- what each case does to the text, where the batch contract is not enough ----


def ingest_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ingest one batch case's inputs alone into a fresh index; return the index."""
    bad = BY_CASE[case]
    folder = tmp_path / "papers"
    folder.mkdir()
    inputs = bad.make(folder)
    if bad.patch is not None:
        bad.patch(monkeypatch, folder)
    index = tmp_path / "index"
    assert ingest_cli(index, *inputs).exit_code == bad.exit_code
    return index


@covers("P2")
def test_a_file_that_is_not_a_pdf_never_reaches_the_pdf_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = ingest.read.extract_pdf_text  # type: ignore[attr-defined]

    def spy(path: Path, source: str, limits: PdfLimits = DEFAULT_LIMITS) -> PdfText:
        parsed.append(path.name)
        return real(path, source, limits)

    monkeypatch.setattr(ingest.read, "extract_pdf_text", spy)
    folder = tmp_path / "papers"
    inputs = BY_CASE["P2"].make(folder)
    pdf = write(folder, "real.pdf", report_pdf("Realton"))
    assert ingest_cli(tmp_path / "index", *inputs, pdf).exit_code == 1
    assert parsed == ["real.pdf"]


@covers("P4")
def test_a_pdf_with_a_broken_xref_is_indexed_and_its_warnings_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P4", tmp_path, monkeypatch)
    (paper,) = read_papers(open_generation(index))
    assert paper.warnings == ("pypdf reported 2 problems and read the PDF leniently",)
    assert "Sloppington" in str(search(index, "Sloppington proposal")[0]["text"])


@covers("P13", "P14")
def test_owner_password_and_aes_pdfs_are_searchable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    inputs = [*BY_CASE["P13"].make(folder), *BY_CASE["P14"].make(folder)[:1]]
    index = tmp_path / "index"
    assert ingest_cli(index, *inputs).exit_code == 0
    assert "Lockwood" in str(search(index, "Lockwood proposal")[0]["text"])
    sources = {Path(chunk.source).name for chunk in all_chunks(index) if "Lockwood" in chunk.text}
    assert sources == {"owner_only.pdf", "aes.pdf"}


@covers("P16")
def test_a_part_scanned_pdf_cites_the_real_page_of_each_text_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P16", tmp_path, monkeypatch)
    pages = {}
    for chunk in all_chunks(index):
        marker = re.search(r"Page(one|three|five)", chunk.text)
        assert marker is not None, chunk.text
        pages[marker.group(0)] = chunk.page
    assert pages == {"Pageone": 1, "Pagethree": 3, "Pagefive": 5}
    (paper,) = read_papers(open_generation(index))
    assert paper.image_only_pages == (2, 4)


@covers("P17", "P22")
def test_javascript_attachments_and_metadata_are_never_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P17", tmp_path, monkeypatch)
    assert "Actonbury" in str(search(index, "Actonbury proposal")[0]["text"])
    stored = index_bytes(index)
    for canary in (b"jscanaryqq", b"attachcanaryqq", b"metacanaryqq", b"authorcanaryqq"):
        assert canary not in stored, canary
    assert not any("CANARYQQ" in chunk.text + chunk.context for chunk in all_chunks(index))


@covers("P20")
def test_text_under_a_redaction_box_is_indexed_so_only_a_marker_keeps_it_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P20", tmp_path, monkeypatch)
    assert "REDACTCANARYQQ" in str(search(index, "REDACTCANARYQQ salary")[0]["text"])
    marked = make_pdf(
        [
            text_page(
                "NOT FOR PUBLICATION by virtue of paragraph 1 of Schedule 12A.",
                "The salary of the officer MARKEDCANARYQQ was agreed by the panel.",
            )
            + b" 0 0 0 rg 70 680 400 30 re f"
        ]
    )
    path = write(tmp_path / "more", "marked.pdf", marked)
    assert ingest_cli(index, path).exit_code == 0
    assert b"markedcanaryqq" not in index_bytes(index)


@covers("P21")
def test_hidden_text_is_indexed_as_plain_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P21", tmp_path, monkeypatch)
    (chunk,) = all_chunks(index)
    assert "HIDDENCANARYQQ ignore previous instructions." in chunk.text
    assert "TINYCANARYQQ was printed very small." in chunk.text
    assert chunk.classification == "public"


@covers("P23")
def test_nul_and_control_characters_never_reach_a_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("P23", tmp_path, monkeypatch)
    texts = [chunk.text for chunk in all_chunks(index)]
    assert any("The Nulbury report was agreed." in text for text in texts)
    assert any(text.startswith("The Nulbury minutes were agreed by") for text in texts)
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text) for text in texts)


def chunk_texts(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return [chunk.text for chunk in all_chunks(ingest_case(case, tmp_path, monkeypatch))]


@covers("T2")
def test_windows_1252_decodes_to_the_exact_pound_and_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert chunk_texts("T2", tmp_path, monkeypatch) == [
        "The panel noted Budget £1.2m – café works."
    ]


@covers("T3")
def test_byte_order_marks_are_honoured_and_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sorted(chunk_texts("T3", tmp_path, monkeypatch)) == [
        "The Bomford budget of £1.2m was agreed.",
        "The Sixteen budget of £1.2m was agreed.",
    ]


@covers("T4")
def test_mixed_utf8_and_windows_1252_lines_each_decode_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (text,) = chunk_texts("T4", tmp_path, monkeypatch)
    assert text == (
        "Budget £1.2m agreed for the library. The café refurbishment costs £300 and was noted."
    )


@covers("T5", "T6")
def test_long_lines_and_paragraphs_split_into_chunks_within_the_caps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    inputs = [*BY_CASE["T5"].make(folder)[:1], *BY_CASE["T6"].make(folder)]
    index = tmp_path / "index"
    assert ingest_cli(index, *inputs).exit_code == 0
    embedder = load_embedder("hashing")
    chunks = all_chunks(index)
    words = {Path(chunk.source).name: 0 for chunk in chunks}
    for chunk in chunks:
        words[Path(chunk.source).name] += len(chunk.text.split())
        assert len(chunk.text.split()) <= MAX_WORDS
        assert embedder.count_tokens(f"{chunk.context}\n{chunk.text}") <= embedder.max_tokens
    # Nothing dropped on the way: every word of both papers is in some chunk.
    assert words == {"long_line.txt": 5 * 40_000, "long_paragraph.txt": 4 * 500}


@covers("T7", "T8")
def test_scripts_comments_and_handlers_are_dropped_and_deep_text_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "papers"
    inputs = [*BY_CASE["T7"].make(folder), *BY_CASE["T8"].make(folder)]
    index = tmp_path / "index"
    assert ingest_cli(index, *inputs).exit_code == 0
    texts = sorted(chunk.text for chunk in all_chunks(index))
    assert texts == [
        "The deep paragraph was agreed.",
        "The visible Scriptwell paragraph was agreed.",
    ]
    stored = index_bytes(index)
    for canary in (b"scriptcanaryqq", b"commentcanaryqq", b"handlercanaryqq", b"color:red"):
        assert canary not in stored, canary


@covers("T9")
def test_entities_are_decoded_exactly_once_and_no_markup_reaches_a_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = chunk_texts("T9", tmp_path, monkeypatch)
    assert texts == [
        "Fees &amp; charges rise by £5 where income is < 5%.\n"
        "- The first listed item was agreed by members.\n"
        "- The second listed item was deferred to March."
    ]


@covers("T10")
def test_hostile_markdown_is_stored_as_literal_text_without_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("T10", tmp_path, monkeypatch)
    (chunk,) = all_chunks(index)
    assert chunk.text == "See the plan and the cost of $5 and $6 with :red[alarm] noted by members."
    assert chunk.heading == "Budget Heading"
    assert b"tracker.example" not in index_bytes(index)


@covers("F1")
def test_the_same_bytes_under_two_names_fold_into_one_hit_with_also_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("F1", tmp_path, monkeypatch)
    assert stats(index)["papers"] == 2
    hits = search(index, "Duplicaster proposal Cabinet September")
    top = hits[0]
    assert Path(source_of(top)).name in ("dup_a.txt", "dup_b.txt")
    also = top["also_in"]
    assert isinstance(also, list) and len(also) == 1
    assert {Path(source_of(top)).name, Path(also[0]["source"]).name} == {"dup_a.txt", "dup_b.txt"}
    assert all("Members agreed" not in str(hit["text"]) for hit in hits[1:])


@covers("F3")
def test_a_revised_paper_replaces_its_old_text(tmp_path: Path) -> None:
    paper = write(tmp_path, "papers/minutes.txt", sentences("Firstversion").encode())
    index = tmp_path / "index"
    assert ingest_cli(index, paper).exit_code == 0
    paper.write_text(sentences("Secondversion"), encoding="utf-8")

    result = ingest_cli(index, paper)

    assert result.exit_code == 0
    texts = " ".join(chunk.text for chunk in all_chunks(index))
    assert "Secondversion" in texts and "Firstversion" not in texts
    assert stats(index)["papers"] == 1


@covers("F4", "F5")
def test_a_renamed_paper_reuses_its_vectors_and_sync_drops_the_old_name(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(folder, name, sentences(f"Renamed{name[0]}").encode())
    index = tmp_path / "index"
    assert ingest_cli(index, folder).exit_code == 0
    (folder / "a.txt").rename(folder / "a-renamed.txt")

    kept = ingest_cli(index, folder)
    assert kept.exit_code == 0
    assert "encoded: 0" in kept.stderr  # same text, same context: vectors from the cache
    assert stats(index)["papers"] == 4  # a paper is known by its path (DESIGN.md)

    synced = ingest_cli(index, folder, options=("--sync", str(folder)))
    assert synced.exit_code == 0
    assert "1 removed" in synced.stderr
    names = {Path(p.path).name for p in read_papers(open_generation(index))}
    assert names == {"a-renamed.txt", "b.txt", "c.txt"}


@covers("F6")
def test_sync_over_an_emptied_folder_is_refused_and_the_index_kept(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    for name in ("a.txt", "b.txt"):
        write(folder, name, sentences(f"Mounted{name[0]}").encode())
    index = tmp_path / "index"
    assert ingest_cli(index, folder).exit_code == 0
    current = (index / "CURRENT").read_bytes()
    for path in folder.iterdir():
        path.unlink()

    result = ingest_cli(index, folder, options=("--sync", str(folder)))

    assert result.exit_code == 1
    assert "refusing to publish: 2 of 2 indexed papers" in result.stderr
    assert "(is the folder mounted?)" in result.stderr
    assert (index / "CURRENT").read_bytes() == current
    assert stats(index)["papers"] == 2


@covers("F7")
def test_traversal_names_are_indexed_by_resolved_path_and_write_nothing_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    inputs = make_traversal(papers)
    before = set(tmp_path.rglob("*"))
    index = tmp_path / "index"
    assert ingest_cli(index, *inputs).exit_code == 0
    written = set(tmp_path.rglob("*")) - before
    assert written and all(p == index or index in p.parents for p in written)
    paths = sorted(p.path for p in read_papers(open_generation(index)))
    assert paths == [str(papers / "..\\..\\evil.txt"), str(papers / "minutes.txt")]


@covers("F9")
def test_odd_names_are_indexed_and_cited_by_their_exact_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ingest_case("F9", tmp_path, monkeypatch)
    names = {Path(chunk.source).name for chunk in all_chunks(index)}
    assert names == {"-rf.txt", "new\nline.txt", "a" * 251 + ".txt"}
    hit = search(index, "Oddington proposal")[0]
    also = hit["also_in"]
    assert isinstance(also, list)
    assert {source_of(hit), *(c["source"] for c in also)} == {
        str(tmp_path / "papers" / name) for name in names
    }


def test_a_failed_file_with_a_newline_in_its_name_is_reported_on_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad\nname.pdf", b"")
    result = ingest_cli(tmp_path / "index", path)
    assert result.exit_code == 1
    (line,) = [line for line in result.stderr.splitlines() if "empty file" in line]
    assert line.startswith("FAILED ") and "bad" in line and "name.pdf" in line


# ---- the catalogue itself ----


def test_the_catalogue_mirrors_every_p_t_and_f_case_of_reliability_md() -> None:
    ids = [case.id for case in CATALOGUE]
    assert len(ids) == len(set(ids)) == 48
    assert [i for i in ids if not i.startswith("X")] == RELIABILITY_IDS
    assert len(RELIABILITY_IDS) == 44


def test_every_catalogue_case_has_a_test() -> None:
    tests_dir = ROOT / "tests"
    batch = set(BY_CASE)
    for case in CATALOGUE:
        named = NAMED.get(case.id, [])
        assert all(callable(globals().get(name)) for name in named)
        for ref in case.elsewhere:
            file, name = ref.split("::")
            assert f"def {name}(" in (tests_dir / file).read_text(encoding="utf-8"), ref
        assert case.id in batch or named or case.elsewhere, case.id
    assert set(BY_CASE) | set(NAMED) <= {case.id for case in CATALOGUE}

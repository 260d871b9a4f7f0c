"""PDF text, page by page, from pypdf running in a separate, limited interpreter.

pypdf keeps meeting crafted PDFs that hang it or exhaust memory (reliability.md 1.1), so
every parse runs in a fresh child process with a wall-clock timeout and an address-space
limit; a child that dies, overruns or runs out of memory fails only its own file.

The child is this file run as a script by `python -P`, not a multiprocessing child:
multiprocessing's spawn and forkserver both re-import the parent's `__main__` in the
child (multiprocessing.spawn.prepare), which under `streamlit run ui.py` re-runs the whole
app and under the `scrutineer` script imports the CLI and torch. So this module imports
only the standard library at the top: the ingest package is imported lazily, parent-side.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

PASSWORD_REASON = "password-protected: supply an unprotected copy"
# How running into RLIMIT_AS shows: Python's MemoryError, or the loader's and libc's
# wording when mapping a shared library or a buffer fails.
MEMORY_SIGNS = ("MemoryError", "failed to map segment", "Cannot allocate memory")
# Tighter than pypdf 7.1's 75 MB per-stream defaults: a page's content stream is rarely
# over a few MB, and several buffers must fit inside the child's address-space limit.
STREAM_OUTPUT_BYTES = 50_000_000
PYPDF_OVERRIDES: dict[str, Any] = {
    "maximum_declared_stream_length": STREAM_OUTPUT_BYTES,
    "array_based_stream_maximum_output_length": STREAM_OUTPUT_BYTES,
    "zlib_maximum_output_length": STREAM_OUTPUT_BYTES,
    "lzw_maximum_output_length": STREAM_OUTPUT_BYTES,
    "run_length_maximum_output_length": STREAM_OUTPUT_BYTES,
    "brotli_maximum_output_length": STREAM_OUTPUT_BYTES,
    "jbig2_maximum_output_length": STREAM_OUTPUT_BYTES,
    # A page referenced many times is copied once per reference; 50x our page cap is plenty.
    "page_tree_maximum_page_entries": 100_000,
    # pypdf shells out to jbig2dec when it is on PATH: no extra native parser on untrusted input.
    "jbig2dec_binary": None,
    # We never set the deprecated 6.x module constants, so skip pypdf checking them.
    "disable_legacy_handling": True,
}


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """What one PDF may cost: seconds (a base plus a per-page allowance), bytes of address
    space for the parsing child, pages and extracted characters."""

    timeout_s: float = 60.0
    per_page_s: float = 0.5
    memory_bytes: int = 2 * 1024**3
    max_pages: int = 2000
    max_chars: int = 20_000_000  # 2,000 pages of 10,000 characters: dense small print


DEFAULT_LIMITS = PdfLimits()


@dataclass(frozen=True, slots=True)
class PdfText:
    """pypdf's text of each page (page n at index n - 1) and its count of warnings."""

    pages: tuple[str, ...]
    parser_warnings: int


@dataclass(frozen=True, slots=True)
class _ChildRun:
    messages: tuple[dict[str, Any], ...]
    returncode: int
    stderr: str
    timed_out_after: float | None


def extract_pdf_text(
    path: Path,
    source: str,
    limits: PdfLimits = DEFAULT_LIMITS,
    *,
    command: Sequence[str] | None = None,
) -> PdfText:
    """Read every page's text in a limited child process; raise UnreadablePaper on failure.

    `command` replaces the child interpreter (tests inject children that hang or crash);
    the file path and the limits as JSON are appended to it.
    """
    # Imported here, not at the top, so the child running this file never imports ingest.
    from ingest.errors import UnreadablePaper

    child = list(command) if command is not None else [sys.executable, "-P", __file__]
    run = _run_child([*child, str(path), json.dumps(asdict(limits))], limits)
    failure = _failure_reason(run, limits)
    if failure is not None:
        raise UnreadablePaper(source, failure)
    texts = [str(m["text"]) for m in run.messages if "text" in m]
    done = next(m for m in run.messages if "warnings" in m)
    return PdfText(tuple(texts), int(done["warnings"]))


def _run_child(argv: list[str], limits: PdfLimits) -> _ChildRun:
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors
        )
        try:
            assert proc.stdout is not None
            messages, timed_out_after = _collect_messages(proc.stdout, limits)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        errors.seek(0)
        stderr = errors.read()[-4000:].decode("utf-8", "replace")
    return _ChildRun(tuple(messages), proc.returncode, stderr, timed_out_after)


def _collect_messages(
    stdout: IO[bytes], limits: PdfLimits
) -> tuple[list[dict[str, Any]], float | None]:
    """Read the child's JSON lines until it closes stdout or its time is up. The budget
    grows by the per-page allowance as soon as the child reports the page count."""
    start, budget = time.monotonic(), limits.timeout_s
    messages: list[dict[str, Any]] = []
    pending = bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(stdout, selectors.EVENT_READ)
        while True:
            remaining = start + budget - time.monotonic()
            if remaining <= 0:
                return messages, budget
            if not selector.select(remaining):
                continue
            chunk = os.read(stdout.fileno(), 1 << 16)
            if not chunk:
                return messages, None
            pending += chunk
            if b"\n" not in chunk:
                continue
            *lines, rest = pending.split(b"\n")
            pending = bytearray(rest)
            for message in filter(None, map(_parse_message, lines)):
                messages.append(message)
                if "pages" in message:
                    budget = limits.timeout_s + limits.per_page_s * int(message["pages"])


def _parse_message(line: bytes | bytearray) -> dict[str, Any] | None:
    try:
        message = json.loads(line)
    except ValueError:
        return None  # a stray print from a library is not our protocol; ignore it
    return message if isinstance(message, dict) else None


def _failure_reason(run: _ChildRun, limits: PdfLimits) -> str | None:
    if run.timed_out_after is not None:
        return f"timed out after {run.timed_out_after:g} s (the PDF may be damaged or crafted)"
    for message in run.messages:
        if "error" in message:
            return str(message["error"])
    if run.returncode == 0 and any("warnings" in m for m in run.messages):
        return None
    if run.returncode == -signal.SIGKILL:
        return "parser was killed (SIGKILL), most likely for running out of memory"
    if run.returncode < 0:
        return f"parser crashed ({signal.Signals(-run.returncode).name})"
    if any(sign in run.stderr for sign in MEMORY_SIGNS):
        return _out_of_memory(limits)
    last_line = run.stderr.strip().splitlines()[-1:] or ["no message"]
    return f"parser crashed (exit code {run.returncode}: {last_line[0]})"


# ---- the child: runs as `python -P pdf.py PATH LIMITS_JSON`, standard library + pypdf ----


def _child_main(path: str, limits: PdfLimits) -> None:
    _limit_child_resources(limits.memory_bytes)
    warnings = _count_parser_warnings()
    try:
        _extract_pages(path, limits, warnings)
    except Exception as exc:  # every failure becomes this file's reason; the batch goes on
        _send({"error": _describe_exception(exc, limits)})
    sys.stdout.flush()


def _limit_child_resources(memory_bytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing child leaves no core dump


def _extract_pages(path: str, limits: PdfLimits, warnings: list[int]) -> None:
    import pypdf  # after the memory limit, so the import is inside the budget too

    pypdf.overwrite_configuration(**PYPDF_OVERRIDES)
    reader = pypdf.PdfReader(path, strict=False)
    count = len(reader.pages)
    if count > limits.max_pages:
        _send({"error": f"has {count} pages, more than the limit of {limits.max_pages}"})
        return
    _send({"pages": count})
    sys.stdout.flush()
    total = 0
    for page in reader.pages:
        text = page.extract_text()
        total += len(text)
        if total > limits.max_chars:
            _send({"error": f"has more than {limits.max_chars:,} characters of text"})
            return
        _send({"text": text})
    _send({"warnings": warnings[0]})


def _describe_exception(exc: Exception, limits: PdfLimits) -> str:
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, MemoryError) or any(sign in detail for sign in MEMORY_SIGNS):
        return _out_of_memory(limits)
    try:
        from pypdf import errors
    except ImportError:
        return f"parser crashed ({detail})"
    if isinstance(exc, errors.FileNotDecryptedError):
        return PASSWORD_REASON
    if isinstance(exc, errors.EmptyFileError):
        return "empty file"
    if isinstance(exc, errors.LimitReachedError):
        return f"hit a safety limit while decoding ({detail})"
    if isinstance(exc, errors.DependencyError):
        return f"needs a missing package ({detail}); install it and ingest again"
    if isinstance(exc, errors.PyPdfError):
        return f"damaged or not a PDF ({detail})"
    return f"parser crashed ({detail})"


def _out_of_memory(limits: PdfLimits) -> str:
    return f"ran out of memory (limit {limits.memory_bytes // 2**20} MiB)"


def _count_parser_warnings() -> list[int]:
    """A one-element counter of warnings from pypdf's logger and the warnings module."""
    counter = [0]

    class _Counter(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            counter[0] += 1

    logging.captureWarnings(True)
    for name in ("pypdf", "py.warnings"):
        logger = logging.getLogger(name)
        logger.addHandler(_Counter(logging.WARNING))
        logger.propagate = False
    return counter


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")


if __name__ == "__main__":
    _child_main(sys.argv[1], PdfLimits(**json.loads(sys.argv[2])))

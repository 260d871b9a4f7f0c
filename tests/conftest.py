"""Shared fixtures: the sample corpus, the real PDFs beside the repo, a token counter."""

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"


def count_words(text: str) -> int:
    """A token count close to MiniLM's word pieces for English prose."""
    return len(text.split()) * 4 // 3 + 1


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def pdf_dir() -> Path:
    if not SHARED_PDFS.is_dir():
        pytest.skip(f"the real meeting PDFs are not at {SHARED_PDFS}")
    return SHARED_PDFS


@pytest.fixture(scope="session")
def minilm_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus indexed with the real MiniLM model, built once per test session."""
    from click.testing import CliRunner

    from cli import main

    index = tmp_path_factory.mktemp("minilm") / "index"
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--index", str(index)])
    assert result.exit_code == 0, result.output
    return index


FAST = ["--embedder", "hashing"]


def run_cli(*args: str) -> "Result":
    """Run the `scrutineer` command in-process; a bug keeps its traceback."""
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def hashed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus indexed with the fast hashing embedder, once per test session.
    Tests that change an index build their own."""
    index = tmp_path_factory.mktemp("hashed") / "index"
    result = run_cli("ingest", str(CORPUS), "--index", str(index), *FAST)
    assert result.exit_code == 0, result.output
    return index


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1-based; object 1 is the catalogue), with a
    correct xref table: the raw form bad-input tests need to damage one part at a time."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class FakeModel:
    """An OpenAI-compatible chat server's stand-in (a real HTTP server on localhost, in
    `llm_server`): what it will reply, and the requests it received."""

    def __init__(self) -> None:
        self.reply: bytes = b""
        self.status = 200
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []

    def says(self, content: str) -> None:
        self.reply = json.dumps({"choices": [{"message": {"content": content}}]}).encode()


@pytest.fixture
def llm_server() -> Iterator[tuple[FakeModel, str]]:
    fake = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append(json.loads(self.rfile.read(length)))
            fake.paths.append(self.path)
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            if 300 <= fake.status < 400:  # followed, this would fail as "could not connect"
                self.send_header("Location", "http://127.0.0.1:1/v1/chat/completions")
            self.end_headers()
            self.wfile.write(fake.reply)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    """A localhost port nothing listens on (bound for a moment, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

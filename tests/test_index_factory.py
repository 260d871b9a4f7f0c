"""Builders shared by the index tests: chunks, papers, and a tiny stand-in for ingest.

The stand-in reads a plain format so index tests never depend on ingest's heuristics:

    council: Warwickshire County Council
    committee: Cabinet
    date: 2021-09-30
    doc_type: minutes

    First paragraph (one chunk).

    RESOLVED that ... (a decision chunk)      EXEMPT ... (an exempt chunk)

A file containing UNREADABLE raises UnreadablePaper, as a broken PDF would.
"""

import hashlib
import random
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import ingest
from index import update_index
from index.embedder import HashingEmbedder
from index.update import IngestReport
from ingest.errors import UnreadablePaper
from ingest.paper import AgendaItem, Chunk, Paper

WORDS = (
    "autism waiting times weeks assessment children families school transport budget "
    "overspend housing repairs tenants planning application refused approved highways "
    "potholes libraries closure consultation youth justice reoffending social care "
    "placements foster carers recruitment adult safeguarding referrals mental health "
    "libraries museums parks cemetery flooding drainage bridge carbon emissions solar "
    "procurement contract tender audit risk register pension fund investment council tax "
    "precept reserves grant funding capital programme staffing vacancies agency sickness"
)
VOCABULARY = tuple(WORDS.split())


def random_paragraph(rng: random.Random, low: int = 6, high: int = 24) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(low, high))).capitalize()


TESTS_DIR = Path(__file__).resolve().parent
REPO_DIR = TESTS_DIR.parent


def make_chunk(**fields: object) -> Chunk:
    """A chunk with plausible values; keyword arguments override any field."""
    values: dict[str, object] = {
        "chunk_id": "c-0001",
        "source": "corpus/pack.txt",
        "text": "The committee noted the report on autism waiting times.",
        "context": "Item 4: Children's services",
        "page": 3,
        "printed_page": 1,
        "council": "Warwickshire County Council",
        "committee": "Children and Young People OSC",
        "meeting_date": "2021-09-30",
        "doc_type": "minutes",
        "item": "4",
        "item_title": "Children's services",
        "paragraph": "2.1",
        "heading": "Waiting times",
        "is_decision": False,
        "classification": "public",
    }
    values.update(fields)
    return Chunk(**values)  # type: ignore[arg-type]


def parse_paper_file(path: Path, source: str) -> Paper:
    """Read the plain test format above into a Paper."""
    text = path.read_text(encoding="utf-8")
    if "UNREADABLE" in text:
        raise UnreadablePaper(source, "test paper marked unreadable; supply a readable copy")
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    chunks = tuple(paragraph_chunk(source, meta, i, p) for i, p in enumerate(paragraphs))
    return Paper(
        source=source,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        kind="text",
        council=meta.get("council"),
        committee=meta.get("committee"),
        meeting_date=meta.get("date"),
        venue=meta.get("venue"),
        items=tuple(AgendaItem(str(i + 1), f"Item {i + 1}") for i in range(len(chunks))),
        chunks=chunks,
        page_count=len(chunks),
        image_only_pages=(2,) if "SCANNED" in body else (),
    )


def paragraph_chunk(source: str, meta: dict[str, str], i: int, paragraph: str) -> Chunk:
    """Paragraph `i` of a test paper as one chunk on page i + 1, item i + 1."""
    return make_chunk(
        chunk_id=hashlib.sha256(f"{source}#{i}".encode()).hexdigest()[:16],
        source=source,
        text=paragraph,
        context=meta.get("context", ""),
        page=i + 1,
        printed_page=None,
        council=meta.get("council"),
        committee=meta.get("committee"),
        meeting_date=meta.get("date"),
        doc_type=meta.get("doc_type", "report"),
        item=str(i + 1),
        item_title=f"Item {i + 1}",
        paragraph=None,
        heading=None,
        is_decision=paragraph.startswith("RESOLVED"),
        classification="exempt" if paragraph.startswith("EXEMPT") else "public",
    )


def fake_read_paper(
    path: Path, source: str, count_tokens: Callable[[str], int], max_tokens: int
) -> Paper:
    """ingest.read_paper's signature over the plain test format."""
    return parse_paper_file(path, source)


def fake_find_papers(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """ingest.find_papers's contract over .txt files: folders walked, READMEs skipped."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith("README"):
                skipped.append((file, "a README is not a paper"))
            elif file.suffix == ".txt":
                found.append(file)
            elif file.is_file() and not file.name.endswith(".meta.json"):
                skipped.append((file, "not a paper format"))
    return found, skipped


def install_fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Route index.update's ingest calls to the stand-in; return the list of papers read."""
    calls: list[Path] = []

    def read(path: Path, source: str, count: Callable[[str], int], limit: int) -> Paper:
        calls.append(path)
        return fake_read_paper(path, source, count, limit)

    monkeypatch.setattr(ingest, "read_paper", read, raising=False)
    monkeypatch.setattr(ingest, "find_papers", fake_find_papers, raising=False)
    return calls


def write_paper(
    folder: Path,
    name: str,
    paragraphs: list[str],
    *,
    council: str = "Warwickshire County Council",
    committee: str = "Cabinet",
    date: str | None = "2021-09-30",
    doc_type: str = "minutes",
    context: str = "",
) -> Path:
    """Write a paper in the plain test format; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    head = [f"council: {council}", f"committee: {committee}", f"doc_type: {doc_type}"]
    if date is not None:
        head.append(f"date: {date}")
    if context:
        head.append(f"context: {context}")
    path = folder / name
    path.write_text("\n".join(head) + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


class CountingHashing:
    """The hashing embedder, counting how many texts it was asked to encode."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.name = self.inner.name
        self.dim = self.inner.dim
        self.max_tokens = self.inner.max_tokens
        self.encoded = 0

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += len(texts)
        return self.inner.encode(texts)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)


def ingest_into(index_dir: Path, *paths: Path, **options: object) -> IngestReport:
    """update_index with the hashing embedder (the stand-in ingest must be installed)."""
    return update_index(index_dir, list(paths), HashingEmbedder(), **options)  # type: ignore[arg-type]


CHILD_SCRIPT = """
import sys
from pathlib import Path
sys.path[:0] = [{tests!r}, {repo!r}]
import ingest
from test_index_factory import fake_find_papers, fake_read_paper
from index import update_index, load_embedder
ingest.find_papers = fake_find_papers
ingest.read_paper = fake_read_paper
report = update_index(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]], load_embedder("hashing"))
print(report.generation)
"""


def child_ingest_command(index_dir: Path, *paths: Path) -> list[str]:
    """argv for an ingest in a child process (crash and lock tests kill or race it)."""
    script = CHILD_SCRIPT.format(tests=str(TESTS_DIR), repo=str(REPO_DIR))
    return [sys.executable, "-c", script, str(index_dir), *map(str, paths)]

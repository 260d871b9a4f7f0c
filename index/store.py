"""The chunk store, chunks.sqlite: row n is FAISS row n and the tantivy document with row n."""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

from ingest.paper import AgendaItem, Chunk

CHUNKS_FILE = "chunks.sqlite"
# Columns follow ingest's Chunk field by field, so a field ingest adds is stored too.
CHUNK_FIELDS = tuple(f.name for f in fields(Chunk))
CHUNK_COLUMNS = ", ".join(CHUNK_FIELDS)
IS_DECISION = CHUNK_FIELDS.index("is_decision")
INSERT_BATCH = 10_000  # rows per executemany: bounded memory when copying a large generation


@dataclass(frozen=True, slots=True)
class PaperInfo:
    """A paper as the index records it: `path` (absolute) is its identity across ingests.

    `sidecar_sha256` is the hash of its `.meta.json` sidecar (None without one): a changed
    sidecar changes the paper's metadata, so it counts as a changed paper.
    """

    path: str
    source: str
    sha256: str
    sidecar_sha256: str | None
    kind: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    venue: str | None
    page_count: int | None
    image_only_pages: tuple[int, ...]
    warnings: tuple[str, ...]
    items: tuple[AgendaItem, ...]
    acronyms: tuple[tuple[str, str], ...]
    chunks: int


PAPER_FIELDS = tuple(f.name for f in fields(PaperInfo))
PAPER_COLUMNS = ", ".join(PAPER_FIELDS)
# image_only_pages, warnings, items, acronyms (JSON) and the chunk count close the row
JSON_COLUMNS = 5
SCHEMA = f"""
CREATE TABLE chunks (row INTEGER PRIMARY KEY, paper TEXT NOT NULL, {CHUNK_COLUMNS});
CREATE TABLE papers (path TEXT PRIMARY KEY, {PAPER_COLUMNS.removeprefix("path, ")});
CREATE INDEX chunks_paper ON chunks (paper);
CREATE INDEX chunks_date ON chunks (meeting_date);
CREATE INDEX chunks_chunk_id ON chunks (chunk_id);
"""


def create_store(path: Path) -> sqlite3.Connection:
    """A new, empty chunk store for a staging generation."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    return conn


def chunk_values(row: int, paper: str, chunk: Chunk) -> tuple[object, ...]:
    """One chunks-table row for `chunk` (the column order of CHUNK_COLUMNS)."""
    return (row, paper, *(getattr(chunk, name) for name in CHUNK_FIELDS))


def insert_chunks(conn: sqlite3.Connection, rows: Iterable[tuple[object, ...]]) -> None:
    """Append chunk rows given as (row, paper, *chunk fields)."""
    marks = ", ".join("?" * (2 + len(CHUNK_FIELDS)))
    sql = f"INSERT INTO chunks (row, paper, {CHUNK_COLUMNS}) VALUES ({marks})"
    batch: list[tuple[object, ...]] = []
    for values in rows:
        batch.append(values)
        if len(batch) >= INSERT_BATCH:
            conn.executemany(sql, batch)
            batch.clear()
    conn.executemany(sql, batch)


def insert_papers(conn: sqlite3.Connection, papers: Iterable[PaperInfo]) -> None:
    """Record papers with their agenda items and warnings as JSON."""
    marks = ", ".join("?" * len(PAPER_FIELDS))
    conn.executemany(
        f"INSERT INTO papers ({PAPER_COLUMNS}) VALUES ({marks})",
        (_paper_values(p) for p in papers),
    )


def _paper_values(paper: PaperInfo) -> tuple[object, ...]:
    items = [list(astuple(item)) for item in paper.items]
    return (
        *astuple(paper)[:-JSON_COLUMNS],
        json.dumps(list(paper.image_only_pages)),
        json.dumps(list(paper.warnings), ensure_ascii=False),
        json.dumps(items, ensure_ascii=False),
        json.dumps([list(pair) for pair in paper.acronyms], ensure_ascii=False),
        paper.chunks,
    )


def iter_chunk_rows(conn: sqlite3.Connection) -> Iterator[tuple[object, ...]]:
    """Every stored row as (row, paper, *chunk fields), in row order."""
    yield from conn.execute(f"SELECT row, paper, {CHUNK_COLUMNS} FROM chunks ORDER BY row")


def read_chunk_rows(conn: sqlite3.Connection, rows: list[int]) -> dict[int, Chunk]:
    """The chunks stored at `rows`, keyed by row (rows not stored are absent)."""
    found: dict[int, Chunk] = {}
    for start in range(0, len(rows), INSERT_BATCH):
        part = rows[start : start + INSERT_BATCH]
        marks = ", ".join("?" * len(part))
        cursor = conn.execute(
            f"SELECT row, {CHUNK_COLUMNS} FROM chunks WHERE row IN ({marks})", part
        )
        for row, *values in cursor:
            found[row] = _chunk_from_values(values)
    return found


def _chunk_from_values(values: list[Any]) -> Chunk:
    values[IS_DECISION] = bool(values[IS_DECISION])  # SQLite stores booleans as 0/1
    return Chunk(*values)


def read_facet_rows(
    conn: sqlite3.Connection,
) -> Iterator[tuple[str, str | None, str | None, str | None, str, int]]:
    """(paper, council, committee, meeting_date, doc_type, is_decision) of every row, in order."""
    yield from conn.execute(
        "SELECT paper, council, committee, meeting_date, doc_type, is_decision FROM chunks "
        "ORDER BY row"
    )


def read_paper_infos(conn: sqlite3.Connection) -> list[PaperInfo]:
    """Every recorded paper, in path order."""
    cursor = conn.execute(f"SELECT {PAPER_COLUMNS} FROM papers ORDER BY path")
    return [_paper_from_values(list(values)) for values in cursor]


def _paper_from_values(values: list[Any]) -> PaperInfo:
    pages, warnings, items, acronyms, chunks = values[-JSON_COLUMNS:]
    decoded = [
        *values[:-JSON_COLUMNS],
        tuple(json.loads(pages)),
        tuple(json.loads(warnings)),
        tuple(AgendaItem(*item) for item in json.loads(items)),
        tuple((short, meaning) for short, meaning in json.loads(acronyms)),
        int(chunks),
    ]
    return PaperInfo(**dict(zip(PAPER_FIELDS, decoded, strict=True)))


def count_rows(conn: sqlite3.Connection, table: str) -> int:
    """How many rows `table` holds (`table` is one of ours, never user input)."""
    (count,) = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(count)

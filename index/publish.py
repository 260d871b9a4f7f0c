"""Build a complete generation in a staging folder, then publish it in one atomic step.

Order (reliability.md section 3.8): staging on the same filesystem, chunk store, BM25,
vectors, fsync everything, manifest last, rename to gen-N, fsync the folder, then swap
CURRENT. A crash anywhere before the swap leaves the previous generation serving.
"""

import os
import shutil
import signal
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import tantivy

from index.dense import (
    DENSE_FILE,
    SECOND_FILE,
    build_dense,
    extend_dense,
    read_vectors,
    write_dense,
)
from index.disk import fsync_dir, fsync_tree
from index.embedder import Embedder
from index.generation import (
    FORMAT_VERSION,
    file_checksums,
    make_staging,
    next_generation_name,
    write_current,
    write_manifest,
)
from index.reader import Generation
from index.sparse import SPARSE_DIR, write_sparse
from index.store import (
    CHUNKS_FILE,
    PaperInfo,
    chunk_values,
    count_rows,
    create_store,
    insert_chunks,
    insert_papers,
    iter_chunk_rows,
)
from ingest.chunk import CHUNKING_VERSION
from ingest.paper import Chunk

CRASH_ENV = "SCRUTINEER_CRASH_AT"
TANTIVY_VERSION = str(getattr(tantivy, "__version__", "unknown"))  # the stub omits it
CRASH_POINTS = (
    "after_staging",
    "after_chunks",
    "after_sparse",
    "after_dense",
    "after_manifest",
    "after_rename",
    "before_swap",
)


@dataclass(frozen=True, slots=True)
class SecondVectors:
    """The second model's vectors: `base` holds every row of the previous generation (None
    when there is none), `added` the new chunks', in the order `vectors` has them."""

    embedder: Embedder
    base: faiss.Index | None
    added: np.ndarray


@dataclass(frozen=True, slots=True)
class NewPaper:
    """A paper read in this ingest, with the chunks its audience may see."""

    info: PaperInfo
    chunks: tuple[Chunk, ...]


def _crash_point(name: str) -> None:
    # A deliberate test hook, and the one environment read outside the shells: the
    # durability tests run an ingest in a child process and kill it between two steps.
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def publish_generation(
    index_dir: Path,
    previous: Generation | None,
    kept: list[PaperInfo],
    added: list[NewPaper],
    vectors: np.ndarray,
    embedder: Embedder,
    audience: str,
    second: SecondVectors | None = None,
    chunking: int = CHUNKING_VERSION,
) -> tuple[str, dict[str, int]]:
    """Write and publish the next generation; return its name and counts. `chunking` is
    the chunking version every paper in it was cut with (an older one while any kept
    paper still carries chunks cut the old way)."""
    name = next_generation_name(index_dir)
    staging = make_staging(index_dir)
    try:
        _crash_point("after_staging")
        old_rows, counts = _write_store(staging, previous, kept, added)
        _crash_point("after_chunks")
        write_sparse(staging / SPARSE_DIR, _sparse_docs(staging / CHUNKS_FILE))
        _crash_point("after_sparse")
        base = previous.dense if previous is not None else None
        dense, kind = _dense_index(base, old_rows, vectors, embedder.dim)
        write_dense(dense, staging / DENSE_FILE)
        if second is not None:
            more, _ = _dense_index(second.base, old_rows, second.added, second.embedder.dim)
            write_dense(more, staging / SECOND_FILE)
        _crash_point("after_dense")
        fsync_tree(staging)
        named = second.embedder if second is not None else None
        manifest = _manifest(name, staging, counts, embedder, named, audience, kind, chunking)
        write_manifest(staging, manifest)
        _crash_point("after_manifest")
        os.rename(staging, index_dir / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _crash_point("after_rename")
    fsync_dir(index_dir)
    _crash_point("before_swap")
    write_current(index_dir, name)
    return name, counts


def _dense_index(
    base: faiss.Index | None, old_rows: list[int], vectors: np.ndarray, dim: int
) -> tuple[faiss.Index, str]:
    if base is None:
        return build_dense(vectors, dim)
    if len(old_rows) == base.ntotal and old_rows == list(range(len(old_rows))):
        # Nothing removed or replaced: the new rows only append to the previous index.
        return extend_dense(base, vectors)
    kept = read_vectors(base, old_rows)
    return build_dense(np.concatenate([kept, vectors]), dim)


def _write_store(
    staging: Path, previous: Generation | None, kept: list[PaperInfo], added: list[NewPaper]
) -> tuple[list[int], dict[str, int]]:
    conn = create_store(staging / CHUNKS_FILE)
    try:
        old_rows: list[int] = []
        if previous is not None:
            keys = {paper.path for paper in kept}
            with previous.lock:
                rows = _renumber(iter_chunk_rows(previous.conn), keys, old_rows)
                insert_chunks(conn, rows)
        start = len(old_rows)
        pairs = ((paper.info.path, chunk) for paper in added for chunk in paper.chunks)
        insert_chunks(
            conn, (chunk_values(start + i, key, chunk) for i, (key, chunk) in enumerate(pairs))
        )
        insert_papers(conn, [*kept, *(paper.info for paper in added)])
        conn.commit()
        counts = _count(conn, kept, added)
    finally:
        conn.close()
    return old_rows, counts


def _renumber(
    rows: Iterator[tuple[object, ...]], keys: set[str], old_rows: list[int]
) -> Iterator[tuple[object, ...]]:
    for row, paper, *values in rows:
        if paper in keys:
            yield (len(old_rows), paper, *values)
            old_rows.append(int(str(row)))


def _count(
    conn: sqlite3.Connection, kept: list[PaperInfo], added: list[NewPaper]
) -> dict[str, int]:
    (meetings,) = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT council, committee, meeting_date FROM chunks "
        "WHERE meeting_date IS NOT NULL)"
    ).fetchone()
    papers = [*kept, *(paper.info for paper in added)]
    return {
        "papers": len(papers),
        "chunks": count_rows(conn, "chunks"),
        "items": sum(len(paper.items) for paper in papers),
        "meetings": int(meetings),
    }


def _sparse_docs(store: Path) -> Iterator[tuple[int, str, str]]:
    conn = sqlite3.connect(store)
    try:
        yield from conn.execute("SELECT row, text, context FROM chunks ORDER BY row")
    finally:
        conn.close()


def _manifest(
    name: str,
    staging: Path,
    counts: dict[str, int],
    embedder: Embedder,
    second: Embedder | None,
    audience: str,
    kind: str,
    chunking: int,
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "generation": name,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "audience": audience,
        "embedder": {"name": embedder.name, "dim": embedder.dim, "max_tokens": embedder.max_tokens},
        "dense_index": kind,
        "second": {"name": second.name, "dim": second.dim} if second is not None else None,
        "counts": counts,
        "chunking": chunking,
        "checksums": file_checksums(staging),
        "versions": {"faiss": faiss.__version__, "tantivy": TANTIVY_VERSION},
    }

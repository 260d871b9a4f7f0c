"""Open a published generation, checked, and pinned: readers never take the ingest lock.

A reader resolves CURRENT once and keeps that generation's chunk store, tantivy searcher
and FAISS index together, so BM25 and dense results always come from the same build.
A damaged generation is skipped for the newest older valid one, with a warning the
shells print (reliability.md section 3.8).
"""

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote

import faiss
import tantivy

from index.dense import DENSE_FILE, SECOND_FILE, read_dense
from index.embedder import embedder_key
from index.errors import IndexMismatch, IndexNotFound
from index.filters import Facets
from index.generation import (
    FORMAT_VERSION,
    MANIFEST_FILE,
    file_checksums,
    generation_number,
    list_generations,
    read_current,
    read_manifest,
)
from index.sparse import SPARSE_DIR, count_sparse, open_sparse
from index.store import CHUNKS_FILE, count_rows

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Generation:
    """One published generation, open for queries. `warnings` says what was skipped."""

    name: str
    path: Path
    manifest: dict[str, Any]
    conn: sqlite3.Connection
    sparse: tantivy.Index
    searcher: tantivy.Searcher
    dense: faiss.Index
    warnings: tuple[str, ...] = ()
    # sqlite3 connections are not safe for concurrent use from Streamlit's threads;
    # the lock also guards `facets`, the filter columns loaded on first use.
    lock: threading.Lock = field(default_factory=threading.Lock)
    facets: dict[str, Facets] = field(default_factory=dict)
    # The second model's vectors (manifest "second"), or None for an index built without.
    second: faiss.Index | None = None


class DamagedGeneration(Exception):
    """Internal: a generation failed a check on load; the reader falls back past it."""


def current_generation_name(index_dir: Path) -> str | None:
    """The generation CURRENT names (cheap: a UI compares it to decide whether to reopen)."""
    return read_current(index_dir)


def open_generation(
    index_dir: Path, embedder_name: str | None = None, *, verify_checksums: bool = True
) -> Generation:
    """Open the live generation, or the newest older valid one if it is damaged."""
    current = read_current(index_dir)
    if current is None:
        raise IndexNotFound(index_dir)
    warnings: list[str] = []
    for name in _candidates(index_dir, current, warnings):
        try:
            generation = _load(index_dir / name, verify_checksums)
        except DamagedGeneration as damage:
            warnings.append(f"generation {name} is damaged ({damage}); trying an older one")
            continue
        if embedder_name is not None:
            built = str(generation.manifest["embedder"]["name"])
            if built != embedder_key(embedder_name):
                close_generation(generation)
                raise IndexMismatch("embedder", built, embedder_name)
        if warnings:
            warnings.append(f"serving generation {name} instead of {current}")
        return _with_warnings(generation, warnings)
    raise IndexNotFound(index_dir, tuple(warnings))


def close_generation(generation: Generation) -> None:
    """Release the chunk store connection (the engines are freed with the object)."""
    generation.conn.close()


def _candidates(index_dir: Path, current: str, warnings: list[str]) -> list[str]:
    names = list_generations(index_dir)
    number = generation_number(current)
    if number is None:
        warnings.append(f"CURRENT names {current!r}, not a generation")
        return names[::-1]
    if current not in names:
        warnings.append(f"CURRENT names {current}, which is missing")
    older = [n for n in names if (generation_number(n) or 0) < number]
    return ([current] if current in names else []) + older[::-1]


def _with_warnings(generation: Generation, warnings: list[str]) -> Generation:
    return replace(generation, warnings=tuple(warnings)) if warnings else generation


def _load(folder: Path, verify_checksums: bool) -> Generation:
    manifest = _guard(MANIFEST_FILE, read_manifest, folder)
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise DamagedGeneration(f"{MANIFEST_FILE}: format version {version!r}")
    if verify_checksums:
        _guard(MANIFEST_FILE, _check_files, folder, manifest)
    conn = _guard(CHUNKS_FILE, _connect, folder / CHUNKS_FILE)
    try:
        found = {
            CHUNKS_FILE: _guard(CHUNKS_FILE, count_rows, conn, "chunks"),
            "papers table": _guard(CHUNKS_FILE, count_rows, conn, "papers"),
        }
        sparse, searcher = _guard(SPARSE_DIR, open_sparse, folder / SPARSE_DIR)
        dense = _guard(DENSE_FILE, read_dense, folder / DENSE_FILE)
        found[SPARSE_DIR] = count_sparse(searcher)
        found[DENSE_FILE] = int(dense.ntotal)
        _guard(MANIFEST_FILE, _check_counts, found, int(dense.d), manifest)
        second = _guard(MANIFEST_FILE, _load_second, folder, manifest)
    except DamagedGeneration:
        conn.close()
        raise
    return Generation(folder.name, folder, manifest, conn, sparse, searcher, dense, second=second)


def _load_second(folder: Path, manifest: dict[str, Any]) -> faiss.Index | None:
    """The second model's index when the manifest records one, checked like dense.faiss."""
    described = manifest.get("second")
    if not described:
        return None
    second = _guard(SECOND_FILE, read_dense, folder / SECOND_FILE)
    chunks = int(manifest["counts"]["chunks"])
    if int(second.ntotal) != chunks:
        raise DamagedGeneration(
            f"{SECOND_FILE} holds {int(second.ntotal)} rows, the manifest says {chunks}"
        )
    if int(second.d) != int(described["dim"]):
        raise DamagedGeneration(f"{SECOND_FILE} has {int(second.d)} dimensions, not the manifest's")
    return second


def _guard(part: str, load: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run one loading step; a failure becomes DamagedGeneration naming the file."""
    try:
        return load(*args, **kwargs)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, sqlite3.Error) as error:
        raise DamagedGeneration(f"{part}: {type(error).__name__}: {error}") from error


def _check_files(folder: Path, manifest: dict[str, Any]) -> None:
    expected: dict[str, str] = manifest["checksums"]
    found = file_checksums(folder)
    for name in sorted(set(expected) | set(found)):
        if expected.get(name) != found.get(name):
            state = "missing" if name not in found else "unexpected" if name not in expected else ""
            raise DamagedGeneration(f"{name} {state or 'fails its checksum'}")


def _check_counts(found: dict[str, int], dim: int, manifest: dict[str, Any]) -> None:
    counts = manifest["counts"]
    expected = {part: counts["chunks"] for part in found} | {"papers table": counts["papers"]}
    for part, count in found.items():
        if count != expected[part]:
            raise DamagedGeneration(
                f"{part} holds {count} rows, the manifest says {expected[part]}"
            )
    if dim != int(manifest["embedder"]["dim"]):
        raise DamagedGeneration(f"{DENSE_FILE} has {dim} dimensions, not the manifest's")


def _connect(path: Path) -> sqlite3.Connection:
    # immutable=1: a generation never changes after publication, so SQLite may skip
    # locking and never creates a journal beside a file another process is reading.
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)

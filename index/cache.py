"""The embedding cache, var/index/embeddings.sqlite: a text is encoded once per model."""

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np

from index.embedder import Embedder

CACHE_FILE = "embeddings.sqlite"
LOOKUP_BATCH = 500  # under SQLite's 999 bound-parameter limit on older builds
ENCODE_CHUNK = 256  # texts per encode call: progress moves and the cache commits this often

Progress = Callable[[str, int, int], None]


def text_key(text: str) -> str:
    """The cache key of an embedding text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def open_cache(index_dir: Path) -> sqlite3.Connection:
    """Open (creating if needed) the cache; only the ingest lock holder writes to it."""
    conn = sqlite3.connect(index_dir / CACHE_FILE)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS vectors ("
        "model TEXT NOT NULL, key TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL, "
        "PRIMARY KEY (model, key))"
    )
    conn.commit()
    return conn


def embed_texts(
    conn: sqlite3.Connection,
    embedder: Embedder,
    texts: list[str],
    progress: Progress | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors for `texts` in order, and how many had to be encoded (the rest were cached)."""
    keys = [text_key(t) for t in texts]
    found = _lookup(conn, embedder, sorted(set(keys)))
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    text_of = dict(zip(keys, texts, strict=True))
    for start in range(0, len(missing), ENCODE_CHUNK):
        part = missing[start : start + ENCODE_CHUNK]
        vectors = embedder.encode([text_of[k] for k in part])
        rows = [
            (embedder.name, k, embedder.dim, v.tobytes())
            for k, v in zip(part, vectors, strict=True)
        ]
        conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        # Commit per slice: a crash mid-ingest keeps what was encoded so far.
        conn.commit()
        found.update(zip(part, vectors, strict=True))
        if progress is not None:
            progress("encode", start + len(part), len(missing))
    matrix = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        matrix[i] = found[key]
    return matrix, len(missing)


def _lookup(conn: sqlite3.Connection, embedder: Embedder, keys: list[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(keys), LOOKUP_BATCH):
        part = keys[start : start + LOOKUP_BATCH]
        marks = ", ".join("?" * len(part))
        cursor = conn.execute(
            f"SELECT key, vector FROM vectors WHERE model = ? AND dim = ? AND key IN ({marks})",
            [embedder.name, embedder.dim, *part],
        )
        for key, blob in cursor:
            vector = np.frombuffer(blob, dtype=np.float32)
            # A blob of the wrong length is a damaged entry: encode that text again.
            if vector.shape == (embedder.dim,):
                found[key] = vector
    return found

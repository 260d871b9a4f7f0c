"""Dense vectors with FAISS: build a generation's dense.faiss and rank it, filters first."""

from pathlib import Path

import faiss
import numpy as np

DENSE_FILE = "dense.faiss"
FLAT = "flat"
HNSW = "hnsw"
FLAT_MAX_CHUNKS = 50_000  # exact search costs ~15 ms a query at 100k (DESIGN.md): flat below
HNSW_M = 32  # kept recall@10 at 0.995 of exact on 18k real vectors (DESIGN.md)
HNSW_EF_SEARCH = 128  # same measurement: 0.6 ms a query
HNSW_EF_CONSTRUCTION = 80  # faiss's default 40 lowers recall on clustered council text
EXACT_MAX_ROWS = 20_000  # a filter this narrow is scored exactly: HNSW strands small subsets


def choose_kind(count: int) -> str:
    """Which FAISS index suits `count` vectors."""
    return FLAT if count <= FLAT_MAX_CHUNKS else HNSW


def build_dense(vectors: np.ndarray, dim: int) -> tuple[faiss.Index, str]:
    """An inner-product index over L2-normalised rows (inner product is then cosine)."""
    kind = choose_kind(len(vectors))
    index: faiss.Index
    if kind == FLAT:
        index = faiss.IndexFlatIP(dim)
    else:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        # Saved with the index; FAISS searches with max(efSearch, k).
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index = hnsw
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def write_dense(index: faiss.Index, path: Path) -> None:
    """Save `index` (the caller fsyncs it with the rest of the generation)."""
    faiss.write_index(index, str(path))


def read_dense(path: Path) -> faiss.Index:
    """Load a saved index into memory."""
    return faiss.read_index(str(path))


def read_vectors(index: faiss.Index, rows: list[int]) -> np.ndarray:
    """The stored vectors of `rows`, in that order."""
    if not rows:
        return np.zeros((0, index.d), dtype=np.float32)
    found: np.ndarray = index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
    return found.astype(np.float32, copy=False)


def search_dense(
    index: faiss.Index, vector: np.ndarray, allowed: list[int] | None, n: int
) -> list[tuple[int, float]]:
    """Top `n` (row, cosine) for `vector`, ranking only `allowed` rows when given."""
    if n <= 0 or index.ntotal == 0 or allowed == []:
        return []
    query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, index.d)
    if allowed is not None and len(allowed) <= EXACT_MAX_ROWS:
        return _search_exact(index, query, allowed, n)
    k = min(n, index.ntotal)
    params = faiss.SearchParameters()
    if allowed is not None:
        # Keep `selector` referenced until the search returns: params holds a raw pointer.
        selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
        params.sel = selector
    scores, ids = index.search(query, k, params=params)
    # FAISS pads a short result with id -1; ids[-1] in Python would be the last chunk.
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def _search_exact(
    index: faiss.Index, query: np.ndarray, allowed: list[int], n: int
) -> list[tuple[int, float]]:
    rows = np.asarray(allowed, dtype=np.int64)
    scores = read_vectors(index, allowed) @ query[0]
    if np.isnan(scores).any():
        return []
    order = np.argsort(-scores, kind="stable")[:n]
    return [(int(rows[i]), float(scores[i])) for i in order]

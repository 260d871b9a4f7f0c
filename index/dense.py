"""Dense vectors with FAISS: build a generation's dense.faiss and rank it, filters first."""

from pathlib import Path

import faiss
import numpy as np

DENSE_FILE = "dense.faiss"
SECOND_FILE = "second.faiss"  # the second model's vectors, row for row with dense.faiss
FLAT = "flat"
HNSW = "hnsw"
FLAT_MAX_CHUNKS = 50_000  # exact search costs ~15 ms a query at 100k (DESIGN.md): flat below
HNSW_M = 32  # kept recall@10 at 0.995 of exact on 18k real vectors (DESIGN.md)
HNSW_EF_SEARCH = 128  # same measurement: 0.6 ms a query
HNSW_EF_CONSTRUCTION = 80  # faiss's default 40 lowers recall on clustered council text
EXACT_MAX_ROWS = 4_096  # a filter this narrow is scored exactly (~2 ms): HNSW strands them
HNSW_EF_MAX = 4_096  # the widest filtered beam; wider than this costs more than exact search


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


def extend_dense(base: faiss.Index, vectors: np.ndarray) -> tuple[faiss.Index, str]:
    """`base`'s rows followed by `vectors`: a copy of `base` extended, unless the total
    calls for the other kind of index (then everything is rebuilt).

    Adding a paper to a large index should cost its own vectors, not a rebuild: a fresh
    HNSW over 60k vectors took about 20 s here.
    """
    kind = HNSW if isinstance(base, faiss.IndexHNSW) else FLAT
    if choose_kind(base.ntotal + len(vectors)) != kind:
        return build_dense(np.concatenate([stored_vectors(base), vectors]), base.d)
    index = faiss.clone_index(base)
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
    """The stored vectors of `rows`, in that order (a copy)."""
    if not rows:
        return np.zeros((0, index.d), dtype=np.float32)
    return stored_vectors(index)[np.asarray(rows, dtype=np.int64)]


def stored_vectors(index: faiss.Index) -> np.ndarray:
    """A read-only view of every stored vector, row by row; valid while `index` lives.

    Gathering rows from the view is 10x faster than reconstruct_batch through HNSW.
    """
    storage = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    if not isinstance(storage, faiss.IndexFlat):
        raise TypeError(f"dense vectors are in a {type(storage).__name__}; rebuild the index")
    flat = faiss.rev_swig_ptr(storage.get_xb(), index.ntotal * index.d)
    view: np.ndarray = flat.reshape(index.ntotal, index.d)
    view.flags.writeable = False
    return view


def search_dense(
    index: faiss.Index, vector: np.ndarray, allowed: np.ndarray | None, n: int
) -> list[tuple[int, float]]:
    """Top `n` (row, cosine) for `vector`, ranking only the rows `allowed` marks."""
    if n <= 0 or index.ntotal == 0:
        return []
    query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, index.d)
    params = faiss.SearchParameters()
    if allowed is not None:
        count = int(allowed.sum())
        if count == 0:
            return []
        if isinstance(index, faiss.IndexHNSW):
            if count <= EXACT_MAX_ROWS:
                return _search_exact(index, query, allowed, n)
            params = _hnsw_params(len(allowed) / count, n)
        # The bitmap must outlive the search: params holds only a raw pointer to it.
        bitmap = np.packbits(allowed, bitorder="little")
        selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))
        params.sel = selector
    scores, ids = _search_one_thread(index, query, min(n, index.ntotal), params)
    # FAISS pads a short result with id -1; ids[-1] in Python would be the last chunk.
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def _search_one_thread(
    index: faiss.Index, query: np.ndarray, k: int, params: faiss.SearchParameters
) -> tuple[np.ndarray, np.ndarray]:
    # One query gains nothing from OpenMP on 2 cores and pays for waking the team: flat
    # search of 20k vectors took 5.5 ms on 2 threads, 0.9 ms on 1. The setting is per
    # calling thread, so restoring it leaves other threads (and the writer) untouched.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return index.search(query, k, params=params)
    finally:
        faiss.omp_set_num_threads(threads)


def _hnsw_params(spread: float, n: int) -> faiss.SearchParameters:
    # A filter passing 1 row in `spread` leaves the graph walk that many times fewer
    # candidates; widen the beam to match (capped: past that, exact search is cheaper).
    params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # missing from stub
    params.efSearch = int(min(HNSW_EF_MAX, max(HNSW_EF_SEARCH * spread, HNSW_EF_SEARCH, n)))
    result: faiss.SearchParameters = params
    return result


def _search_exact(
    index: faiss.Index, query: np.ndarray, allowed: np.ndarray, n: int
) -> list[tuple[int, float]]:
    rows = np.flatnonzero(allowed)
    # einsum, not @: BLAS wakes its thread pool for a matrix-vector product and took
    # 8 ms for 2k rows on 2 busy cores, einsum 0.2 ms.
    scores = np.einsum("ij,j->i", stored_vectors(index)[rows], query[0])
    if np.isnan(scores).any():
        return []
    order = np.argsort(-scores, kind="stable")[:n]
    return [(int(rows[i]), float(scores[i])) for i in order]

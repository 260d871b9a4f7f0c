"""BM25 over chunk text with tantivy: build a generation's sparse/ folder and rank it."""

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import tantivy

SPARSE_DIR = "sparse"
TOKENIZER = "en_stem"  # tantivy's built-in: simple split, drop >= 40 bytes, lowercase, Porter
MAX_TOKEN_BYTES = 40  # tantivy's en_stem RemoveLongFilter limit, mirrored by query_terms
CONTEXT_BOOST = 0.5  # item title and heading help, but the paragraph itself must win
TERM_SET_MAX_ROWS = 2_000  # this few allowed rows always use a term set (2 ms at 2k rows)
TERM_SET_DEPTH = 2  # read a filtered ranking twice as deep as the filter's rarity predicts
WRITER_HEAP = 128_000_000  # tantivy's default; segments flush at this size
LOCK_FILES = (".tantivy-meta.lock", ".tantivy-writer.lock")  # empty, rewritten by readers

# The same analysis as en_stem, on our side: user text is turned into terms here and
# handed to term queries, so no query syntax (quotes, colons, AND/OR, field names)
# ever reaches tantivy's parser.
_ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)


def sparse_schema() -> tantivy.Schema:
    """Chunk text and context, stemmed; only the row number is stored."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", tokenizer_name=TOKENIZER)
    builder.add_text_field("context", tokenizer_name=TOKENIZER)
    builder.add_integer_field("row", stored=True, indexed=True, fast=True)
    return builder.build()


def analyze(text: str) -> list[str]:
    """The index terms of `text` in order, repeats kept (what BM25 counts)."""
    return list(_ANALYZER.analyze(text))


def query_terms(text: str) -> list[str]:
    """The distinct index terms of `text`, in first-seen order."""
    return list(dict.fromkeys(analyze(text)))


def write_sparse(folder: Path, docs: Iterable[tuple[int, str, str]]) -> int:
    """Index (row, text, context) triples into a new tantivy index; return the count."""
    folder.mkdir()
    index = tantivy.Index(sparse_schema(), path=str(folder))
    # One indexing thread: with several, documents land in segments in a racy order, and
    # tantivy breaks score ties by document address, so equal scores ranked differently
    # from build to build (a CI run disagreed with a local one on the same corpus).
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
    count = 0
    for row, text, context in docs:
        writer.add_document(tantivy.Document(row=row, text=text, context=context))
        count += 1
    writer.commit()
    # Merges run in the background after commit; wait so the files checksummed are final.
    writer.wait_merging_threads()
    return count


def open_sparse(folder: Path) -> tuple[tantivy.Index, tantivy.Searcher]:
    """Open a generation's tantivy index and one searcher that stays pinned to it."""
    index = tantivy.Index.open(str(folder))
    return index, index.searcher()


def search_sparse(
    index: tantivy.Index,
    searcher: tantivy.Searcher,
    query: str,
    allowed: np.ndarray | None,
    n: int,
) -> list[tuple[int, float]]:
    """BM25 top `n` (row, score) for `query` (OR of its terms) among rows `allowed` marks."""
    terms = query_terms(query)
    if not terms or n <= 0:
        return []
    schema = index.schema
    should = tantivy.Occur.Should
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for term in terms:
        clauses.append((should, tantivy.Query.term_query(schema, "text", term)))
        context = tantivy.Query.term_query(schema, "context", term)
        clauses.append((should, tantivy.Query.boost_query(context, CONTEXT_BOOST)))
    words = tantivy.Query.boolean_query(clauses)
    if allowed is None:
        return _top(searcher, words, n)
    count = int(allowed.sum())
    # Reading the ranking deep costs about as much per hit as a term set costs per row:
    # the term set wins while count < the expected depth, 2 n N / count.
    if count > TERM_SET_MAX_ROWS and count * count > TERM_SET_DEPTH * n * len(allowed):
        return _top_allowed(searcher, words, allowed, n, count)
    if count == 0:
        return []
    # Score 0 adds nothing to BM25: the row set only decides which documents compete.
    rows = tantivy.Query.term_set_query(schema, "row", np.flatnonzero(allowed).tolist())
    only = tantivy.Query.const_score_query(rows, 0.0)
    must = tantivy.Occur.Must
    return _top(searcher, tantivy.Query.boolean_query([(must, words), (must, only)]), n)


def _top_allowed(
    searcher: tantivy.Searcher, query: tantivy.Query, allowed: np.ndarray, n: int, count: int
) -> list[tuple[int, float]]:
    # A BM25 score does not depend on the filter (idf is over the whole generation either
    # way), so the best n allowed rows of the full ranking are exactly the filtered top n.
    # Read deep enough to expect n allowed rows twice over; go deeper only if short.
    limit = n + TERM_SET_DEPTH * n * len(allowed) // count
    while True:
        hits = _top(searcher, query, limit)
        kept = [(row, score) for row, score in hits if allowed[row]]
        if len(kept) >= n or len(hits) < limit:
            return kept[:n]
        limit *= 4


def _top(searcher: tantivy.Searcher, query: tantivy.Query, n: int) -> list[tuple[int, float]]:
    hits = searcher.search(query, n, count=False).hits
    rows = searcher.fast_field_values("row", [address for _, address in hits])
    ranked = [(_row_number(row), float(score)) for (score, _), row in zip(hits, rows, strict=True)]
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))


def _row_number(value: int | float | bool | None) -> int:
    if not isinstance(value, int):
        raise ValueError(f"sparse document without a row number ({value!r}); rebuild the index")
    return value


def count_sparse(searcher: tantivy.Searcher) -> int:
    """How many documents the index holds."""
    return int(searcher.num_docs)

"""Chunks -> an on-disk index generation (chunk store, BM25, FAISS), and queries over it."""

from index.embedder import Embedder, HashingEmbedder, embedder_key, load_embedder
from index.errors import (
    IndexMismatch,
    IndexNotFound,
    IngestLocked,
    InvalidFilter,
    PublishRefused,
    UnknownAudience,
    UnknownEmbedder,
    UnknownRow,
)
from index.filters import Filters
from index.lookup import (
    FilterValues,
    PaperMeeting,
    allowed_rows,
    count_term_documents,
    dated_rows,
    describe_generation,
    filter_values,
    index_terms,
    rank_dense,
    rank_sparse,
    read_acronyms,
    read_chunks,
    read_paper_meetings,
    read_papers,
)
from index.reader import Generation, close_generation, current_generation_name, open_generation
from index.store import PaperInfo
from index.update import AUDIENCES, IngestReport, read_failures, remove_papers, update_index

__all__ = [
    "AUDIENCES",
    "Embedder",
    "FilterValues",
    "Filters",
    "Generation",
    "HashingEmbedder",
    "IndexMismatch",
    "IndexNotFound",
    "IngestLocked",
    "IngestReport",
    "InvalidFilter",
    "PaperInfo",
    "PaperMeeting",
    "PublishRefused",
    "UnknownAudience",
    "UnknownEmbedder",
    "UnknownRow",
    "allowed_rows",
    "close_generation",
    "count_term_documents",
    "current_generation_name",
    "dated_rows",
    "describe_generation",
    "embedder_key",
    "filter_values",
    "index_terms",
    "load_embedder",
    "open_generation",
    "rank_dense",
    "rank_sparse",
    "read_acronyms",
    "read_chunks",
    "read_failures",
    "read_paper_meetings",
    "read_papers",
    "remove_papers",
    "update_index",
]

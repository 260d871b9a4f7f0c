"""Query -> Hits (hybrid, filtered, de-duplicated) -> Answer / Trend."""

from search.contract import hit_object, search_object
from search.fuse import RRF_K, fuse_rrf
from search.hits import Searcher, find_hits, make_searcher, rank_rows
from search.label import abbreviate, cite, make_label
from search.types import Citation, Hit

__all__ = [
    "RRF_K",
    "Citation",
    "Hit",
    "Searcher",
    "abbreviate",
    "cite",
    "find_hits",
    "fuse_rrf",
    "hit_object",
    "make_label",
    "make_searcher",
    "rank_rows",
    "search_object",
]

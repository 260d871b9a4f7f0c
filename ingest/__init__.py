"""Files -> Document -> Pack (meeting + agenda items) -> Chunks."""

from ingest.document import DOC_TYPES, Document, Page
from ingest.errors import UnreadablePaper
from ingest.paper import AgendaItem, Chunk, Paper
from ingest.paper_reader import build_paper, read_paper
from ingest.walk import find_papers

__all__ = [
    "DOC_TYPES",
    "AgendaItem",
    "Chunk",
    "Document",
    "Page",
    "Paper",
    "UnreadablePaper",
    "build_paper",
    "find_papers",
    "read_paper",
]

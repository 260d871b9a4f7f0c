"""What ingest hands to the index: a paper with its meeting, agenda items and chunks."""

from dataclasses import dataclass


def embedding_text(context: str, text: str) -> str:
    """What an embedder is given for a chunk: its context, then its text."""
    return f"{context}\n{text}"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An item from a front sheet's agenda list. Pages are pack pages where printed."""

    number: str
    title: str
    first_page: int | None = None
    last_page: int | None = None
    exempt: bool = False


@dataclass(frozen=True, slots=True)
class Chunk:
    """A paragraph-sized passage with everything needed to cite it.

    `page` is the 1-based PDF page (None for a text export without page markers);
    `context` is the item title, heading and meeting, embedded with the text but never cited.
    """

    chunk_id: str
    source: str
    text: str
    context: str
    page: int | None
    printed_page: int | None
    council: str | None
    committee: str | None
    meeting_date: str | None
    doc_type: str
    item: str | None
    item_title: str | None
    paragraph: str | None
    heading: str | None
    is_decision: bool
    classification: str  # "public" or "exempt"

    @property
    def embedding_text(self) -> str:
        return embedding_text(self.context, self.text)


@dataclass(frozen=True, slots=True)
class Paper:
    """One ingested paper: its identity, meeting metadata, agenda and chunks."""

    source: str
    sha256: str
    kind: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    venue: str | None
    items: tuple[AgendaItem, ...]
    chunks: tuple[Chunk, ...]
    page_count: int | None
    image_only_pages: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()  # (acronym, meaning) the paper defines

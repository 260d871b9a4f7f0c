"""A paper as read from disk: its pages of plain text, before any structure is found."""

from dataclasses import dataclass

DOC_TYPES = ("agenda", "report", "appendix", "minutes")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of text. `number` is the 1-based PDF page; None for a text export."""

    number: int | None
    text: str
    image_only: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """The text of one paper, page by page, with what the reader noticed on the way."""

    source: str
    sha256: str
    kind: str  # "pdf", "text", "markdown" or "html"
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()

"""What search hands to the shells: hits with citations. `rank` and `page` are 1-based."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a passage was printed: paper, meeting, agenda item, page and paragraph."""

    source: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    doc_type: str
    item: str | None
    item_title: str | None
    page: int | None
    printed_page: int | None
    paragraph: str | None
    label: str


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked passage; `also_in` cites the same paragraph reprinted elsewhere."""

    rank: int
    score: float
    chunk_id: str
    text: str
    citation: Citation
    heading: str | None
    is_decision: bool
    classification: str
    also_in: tuple[Citation, ...] = ()

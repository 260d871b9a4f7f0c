"""One file on disk -> a Paper with its meeting, agenda items and cited chunks."""

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ingest.acronym import find_acronyms
from ingest.chunk import ChunkPlan, chunk_segments
from ingest.document import Document
from ingest.errors import UnreadablePaper
from ingest.lines import split_lines
from ingest.meeting import find_meeting
from ingest.pack import split_pack
from ingest.paper import Paper
from ingest.read import read_document
from ingest.sidecar import apply_meeting, apply_segments, read_sidecar

# Archives often name files by meeting date ("..._2025-01-30_cabinet_...").
NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _date_from_name(path: Path) -> str | None:
    match = NAME_DATE.search(path.name)
    return "-".join(match.groups()) if match else None


def build_paper(
    document: Document,
    path: Path,
    count_tokens: Callable[[str], int],
    max_tokens: int,
) -> Paper:
    """Structure and chunks for a document already read from `path`."""
    fields = read_sidecar(path, document.source)
    lines = split_lines(document)
    meeting = find_meeting(lines)
    # A scanned first page means the text we have is not the front sheet: its dates are
    # dates in the body, so the file name's date is the better guess.
    scanned_front = bool(document.pages) and document.pages[0].image_only
    if meeting.date is None or (scanned_front and _date_from_name(path)):
        meeting = replace(meeting, date=_date_from_name(path) or meeting.date)
    meeting = apply_meeting(meeting, fields)
    pack = split_pack(lines, meeting)
    segments = apply_segments(list(pack.segments), fields)
    # Learnt from public segments only: a public index must hold no word of exempt text.
    public = [line.text for s in segments if not s.exempt for line in lines[s.start : s.end]]
    acronyms = find_acronyms(public)
    plan = ChunkPlan(document.source, meeting, count_tokens, max_tokens)
    chunks = chunk_segments(lines, segments, plan)
    if not chunks:
        raise UnreadablePaper(document.source, "no text to index after reading")
    numbered = [p.number for p in document.pages if p.number is not None]
    return Paper(
        source=document.source,
        sha256=document.sha256,
        kind=document.kind,
        council=meeting.council,
        committee=meeting.committee,
        meeting_date=meeting.date,
        venue=meeting.venue,
        items=pack.items,
        chunks=tuple(chunks),
        page_count=len(numbered) or None,
        image_only_pages=tuple(p.number for p in document.pages if p.image_only and p.number),
        warnings=document.warnings,
        acronyms=acronyms,
    )


def read_paper(
    path: Path, source: str, count_tokens: Callable[[str], int], max_tokens: int
) -> Paper:
    """Read, structure and chunk one paper; UnreadablePaper names what is wrong with it."""
    return build_paper(read_document(path, source), path, count_tokens, max_tokens)

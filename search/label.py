"""Short citation labels a councillor can read aloud: "CYP OSC, 30 Sep 2021, item 4, p. 7"."""

import re
from datetime import date

from ingest import Chunk
from search.types import Citation

# Joining words that committee abbreviations skip ("Children & Young People" -> "CYP").
JOINERS = frozenset({"and", "&", "of", "the", "for", "on", "in", "to"})
SCRUTINY = re.compile(r"\boverview\s+(?:and|&)\s+scrutiny\s+(\w+)", re.IGNORECASE)
# Names this short read better whole ("Cabinet", "Planning Committee").
MAX_WHOLE_WORDS = 2


def abbreviate(committee: str) -> str:
    """A committee's usual abbreviation, built from its name's initials."""
    words = [w for w in re.split(r"[\s/]+", committee) if w]
    if len(words) <= MAX_WHOLE_WORDS:
        return committee
    scrutiny = SCRUTINY.search(committee)
    head = committee[: scrutiny.start()] if scrutiny else committee
    initials = "".join(
        w[0].upper() for w in re.findall(r"[A-Za-z']+", head) if w.lower() not in JOINERS
    )
    if scrutiny:
        return f"{initials} OS{scrutiny.group(1)[0].upper()}".strip()
    return initials


def format_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%b %Y')}"


def make_label(chunk: Chunk) -> str:
    parts = []
    if chunk.committee:
        parts.append(abbreviate(chunk.committee))
    elif chunk.council:
        parts.append(chunk.council)
    if chunk.meeting_date:
        parts.append(format_date(chunk.meeting_date))
    if chunk.doc_type == "minutes":
        parts.append("minutes")
    if chunk.item:
        parts.append(f"item {chunk.item}")
    if chunk.page is not None:
        parts.append(f"p. {chunk.page}")
    if chunk.paragraph:
        parts.append(f"para {chunk.paragraph}")
    return ", ".join(parts) or chunk.source


def cite(chunk: Chunk) -> Citation:
    return Citation(
        source=chunk.source,
        council=chunk.council,
        committee=chunk.committee,
        meeting_date=chunk.meeting_date,
        doc_type=chunk.doc_type,
        item=chunk.item,
        item_title=chunk.item_title,
        page=chunk.page,
        printed_page=chunk.printed_page,
        paragraph=chunk.paragraph,
        label=make_label(chunk),
    )

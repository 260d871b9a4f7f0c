"""`NAME.meta.json` beside a paper: the publisher's word on any field beats our parsing."""

import errno
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.document import DOC_TYPES
from ingest.errors import UnreadablePaper
from ingest.meeting import Meeting, parse_date
from ingest.pack import Segment
from ingest.paper import AgendaItem

SIDECAR_SUFFIX = ".meta.json"
KNOWN_FIELDS = frozenset(
    {
        "council",
        "committee",
        "meeting_date",
        "venue",
        "classification",
        "doc_type",
        "item",
        "item_title",
    }
)
CLASSIFICATIONS = ("public", "restricted", "exempt")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sidecar_path(paper: Path) -> Path:
    return paper.with_name(paper.name + SIDECAR_SUFFIX)


def find_sidecar(paper: Path) -> Path | None:
    """The paper's sidecar, or None when it has none."""
    path = sidecar_path(paper)
    try:
        return path if path.is_file() else None
    except OSError as error:
        # A paper name within 10 bytes of the 255-byte limit leaves no room for
        # ".meta.json": such a paper cannot have a sidecar, which is no reason to fail it.
        if error.errno == errno.ENAMETOOLONG:
            return None
        raise


def read_sidecar(paper: Path, source: str) -> dict[str, str]:
    """The overrides in a paper's sidecar ({} when there is none)."""
    path = find_sidecar(paper)
    if path is None:
        return {}
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadablePaper(source, f"sidecar {path.name} is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise UnreadablePaper(source, f"sidecar {path.name} must hold a JSON object")
    unknown = sorted(set(data) - KNOWN_FIELDS)
    if unknown:
        raise UnreadablePaper(
            source,
            f"sidecar {path.name} has unknown fields {unknown}; known: {sorted(KNOWN_FIELDS)}",
        )
    fields = {k: str(v) for k, v in data.items() if v is not None}
    _check(fields, source, path.name)
    return fields


def _check(fields: dict[str, str], source: str, name: str) -> None:
    if "meeting_date" in fields and not ISO_DATE.match(fields["meeting_date"]):
        fields["meeting_date"] = parse_date(fields["meeting_date"]) or ""
        if not fields["meeting_date"]:
            raise UnreadablePaper(source, f"sidecar {name}: meeting_date must be YYYY-MM-DD")
    if fields.get("classification", "public") not in CLASSIFICATIONS:
        raise UnreadablePaper(
            source, f"sidecar {name}: classification must be one of {', '.join(CLASSIFICATIONS)}"
        )
    if fields.get("doc_type", "report") not in DOC_TYPES:
        raise UnreadablePaper(source, f"sidecar {name}: doc_type must be one of {DOC_TYPES}")


def apply_meeting(meeting: Meeting, fields: dict[str, str]) -> Meeting:
    return Meeting(
        council=fields.get("council", meeting.council),
        committee=fields.get("committee", meeting.committee),
        date=fields.get("meeting_date", meeting.date),
        venue=fields.get("venue", meeting.venue),
    )


def apply_segments(segments: list[Segment], fields: dict[str, str]) -> list[Segment]:
    """Segments with the sidecar's document type, item and classification laid over them."""
    out = []
    for segment in segments:
        if "doc_type" in fields:
            segment = replace(segment, doc_type=fields["doc_type"])
        if "item" in fields or "item_title" in fields:
            old = segment.item or AgendaItem("", "")
            item = AgendaItem(fields.get("item", old.number), fields.get("item_title", old.title))
            segment = replace(segment, item=item)
        if fields.get("classification") in ("restricted", "exempt"):
            segment = replace(segment, exempt=True)
        if "meeting_date" in fields and segment.doc_type != "minutes":
            segment = replace(segment, meeting_date=fields["meeting_date"])
        out.append(segment)
    return out

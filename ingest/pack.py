"""A pack split into segments: front sheet, reports, appendices and minutes, each with
its document type, agenda item and meeting date."""

import re
from dataclasses import dataclass

from ingest.agenda import ITEM_REF, AgendaEntry, find_agenda
from ingest.cover import Cover, find_covers, paper_kind
from ingest.lines import Line
from ingest.meeting import Meeting
from ingest.paper import AgendaItem

# Words every report title shares, which say nothing about which item it belongs to.
STOPWORDS = frozenset(
    (
        "a an and the of for to in on at by with from update report draft plan review "
        "information only performance progress"
    ).split()
)
# Share of an agenda title's words a cover title must hold to be that item's paper.
TITLE_MATCH = 0.5
# An exclusion resolution makes the items after it exempt (Schedule 12A).
EXCLUSION = re.compile(
    r"exclusion of (?:the )?press and public|public be excluded|press and public be excluded",
    re.IGNORECASE,
)
MINUTES_ITEM = re.compile(r"\bminutes\b", re.IGNORECASE)
RESTRICTED_PAGE = re.compile(
    r"not for publication|document is restricted|exempt information.*schedule 12a", re.I
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of lines sharing one document type, agenda item, date and classification."""

    start: int
    end: int
    doc_type: str
    item: AgendaItem | None
    meeting_date: str | None
    exempt: bool


@dataclass(frozen=True, slots=True)
class Pack:
    items: tuple[AgendaItem, ...]
    segments: tuple[Segment, ...]


def _words(text: str) -> set[str]:
    found = re.findall(r"[a-z0-9]+", text.lower())
    return {w.rstrip("s") for w in found if len(w) > 2 and w not in STOPWORDS}


def match_item(title: str, items: list[AgendaItem]) -> AgendaItem | None:
    """The agenda item whose title words the cover title holds best, if any holds enough."""
    have = _words(title)
    best, best_score = None, 0.0
    for item in items:
        want = _words(item.title)
        if want:
            score = len(have & want) / len(want)
            if score > best_score:
                best, best_score = item, score
    return best if best_score >= TITLE_MATCH else None


def _by_page(lines: list[Line], start: int, items: list[AgendaItem]) -> AgendaItem | None:
    page = lines[start].printed_page or lines[start].page
    if page is None:
        return None
    for item in items:
        first, last = item.first_page, item.last_page
        if first is not None and last is not None and first <= page <= last:
            return item
    return None


def _next_item(items: list[AgendaItem], after: AgendaItem | None) -> AgendaItem | None:
    """The next item with papers after `after`, for a report whose title matched none."""
    with_pages = [i for i in items if i.first_page is not None] or items
    if after is None:
        return with_pages[0] if with_pages else None
    later = [i for i in with_pages if items.index(i) > items.index(after)]
    return later[0] if later else after


def _front_segments(entries: list[AgendaEntry], end: int, meeting: Meeting) -> list[Segment]:
    bounds = [(0, None)] + [(e.line, e.item) for e in entries]
    out = []
    for n, (start, item) in enumerate(bounds):
        stop = bounds[n + 1][0] if n + 1 < len(bounds) else end
        if stop > start:
            exempt = bool(item and item.exempt)
            out.append(Segment(start, stop, "agenda", item, meeting.date, exempt))
    return out


def _minutes_segments(
    lines: list[Line], start: int, end: int, date: str | None, pack_item: AgendaItem | None
) -> list[Segment]:
    """One segment per minuted item, numbered as the minutes number it (or "(Item N)").

    The heading and attendance before the first minute belong to the pack's agenda item
    that printed these minutes ("Minutes of the Previous Meeting"), when there is one.
    """
    entries = find_agenda(lines[start:end], end - start, first_max=None)
    out = []
    excluded = False
    bounds = [(0, pack_item)] + [(e.line, e.item) for e in entries]
    for n, (offset, item) in enumerate(bounds):
        stop = bounds[n + 1][0] if n + 1 < len(bounds) else end - start
        if stop <= offset:
            continue
        body = lines[start + offset : start + stop]
        refs = [m for line in body[1:4] if (m := ITEM_REF.match(line.text))]
        if item is not None and refs:
            item = AgendaItem(refs[0].group(1), item.title, exempt=item.exempt)
        exempt = excluded or bool(item and item.exempt)
        if any(EXCLUSION.search(line.text) for line in body[:12]):
            excluded, exempt = True, False
        out.append(Segment(start + offset, start + stop, "minutes", item, date, exempt))
    return out


def _section_segments(
    lines: list[Line], covers: list[Cover], end: int, items: list[AgendaItem], meeting: Meeting
) -> list[Segment]:
    out: list[Segment] = []
    previous: AgendaItem | None = None
    for n, cover in enumerate(covers):
        stop = covers[n + 1].line if n + 1 < len(covers) else end
        if cover.kind == "minutes":
            pack_item = next(
                (i for i in items if MINUTES_ITEM.search(i.title) and not i.exempt), None
            )
            out += _minutes_segments(lines, cover.line, stop, cover.date or meeting.date, pack_item)
            continue
        item = _by_page(lines, cover.line, items)
        if item is None and cover.kind == "appendix":
            item = previous
        item = item or match_item(cover.title, items) or _next_item(items, previous)
        previous = item
        if item is None and not items and cover.title:
            item = AgendaItem("", cover.title)
        exempt = bool(item and item.exempt) or _restricted(lines[cover.line : cover.line + 8])
        out.append(Segment(cover.line, stop, cover.kind, item, meeting.date, exempt))
    return out


def _restricted(lines: list[Line]) -> bool:
    return any(RESTRICTED_PAGE.search(line.text) for line in lines)


def split_pack(lines: list[Line], meeting: Meeting) -> Pack:
    """Segments covering every line of a paper, in order."""
    kind = paper_kind(lines)
    if kind != "agenda":
        covers = [Cover(0, kind, _opening_title(lines, meeting), meeting.date)]
        covers += [c for c in find_covers(lines, 1) if c.line > 0]
        return Pack((), tuple(_section_segments(lines, covers, len(lines), [], meeting)))
    listed = find_agenda(lines, len(lines))
    first = listed[0].line if listed else 0
    covers = [c for c in find_covers(lines, 1) if c.line > first]
    front_end = covers[0].line if covers else len(lines)
    entries = [e for e in listed if e.line < front_end]
    items = [e.item for e in entries]
    segments = _front_segments(entries, front_end, meeting)
    segments += _section_segments(lines, covers, len(lines), items, meeting)
    return Pack(tuple(items), tuple(segments))


def _opening_title(lines: list[Line], meeting: Meeting) -> str:
    """A stand-alone report's title: the first short line that is not the committee/date."""
    for line in lines[:8]:
        text = line.text
        committee = (meeting.committee or "").lower()
        names_committee = bool(committee) and committee in text.lower()
        if len(text) <= 160 and not re.search(r"\d{4}$", text) and not names_committee:
            return text
    return ""

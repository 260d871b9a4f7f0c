"""Where the sections of a pack begin: report covers, minutes and appendices."""

import re
from dataclasses import dataclass

from ingest.lines import Line
from ingest.meeting import COMMITTEE_END, parse_date, strip_date

# A cover prints the committee, the date and the title within a few lines of each other.
COVER_SPAN = 5
MINUTES_HEAD = re.compile(r"^(minutes|draft minutes|minutes of (a|the) meeting\b.*)$", re.I)
APPENDIX_HEAD = re.compile(r"^(appendix|annex|annexe)\s+[\w.]{1,4}\b", re.IGNORECASE)
# Headings, titles and covers are short; running text is not.
MAX_HEADING_CHARS = 120
REPORT_FIELD = re.compile(r"^(to|subject|title|report title)\s*:?\s+(.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cover:
    """The first line of a section, what kind it is, its title and the date it prints."""

    line: int
    kind: str  # "report", "minutes" or "appendix"
    title: str
    date: str | None


def _committee_line(text: str) -> bool:
    """A line naming a committee and little else ("To: Cabinet - 30 January 2025")."""
    name = REPORT_FIELD.sub(r"\2", strip_date(text)) if text.lower().startswith("to") else text
    name = strip_date(name)
    if "|" in name or ":" in name or len(name) > MAX_HEADING_CHARS:
        return False
    return bool(COMMITTEE_END.search(name.strip(" .")))


def _date_line(text: str) -> str | None:
    """The date on a line that holds little else (a cover's date line)."""
    found = parse_date(text)
    if found and len(strip_date(text)) <= len(text) // 2 + 8:
        return found
    return None


def _cover_at(lines: list[Line], i: int) -> Cover | None:
    """A cover starting at line i: a committee line with a date line close by."""
    text = lines[i].text
    standalone = lines[i].gap_before or lines[i].strong
    if _joined_committee(lines, i):
        standalone = standalone or lines[i - 1].gap_before or lines[i - 1].strong
    if not _committee_line(text) or not standalone:
        return None
    window = lines[i : i + COVER_SPAN]
    dated = [(j, d) for j, line in enumerate(window) if (d := _date_line(line.text))]
    if (own := parse_date(text)) and not any(j == 0 for j, _ in dated):
        dated.insert(0, (0, own))
    if not dated:
        return None
    skip = {0} | {j for j, _ in dated}
    rest = [
        _title_from(lines, i + j)
        for j, line in enumerate(window)
        if j not in skip
        and not _committee_line(line.text)
        and len(line.text) <= 160
        and (j == 0 or line.gap_before or line.strong)
    ]
    if any(MINUTES_HEAD.match(t) for t in rest[:2]) or MINUTES_HEAD.match(strip_date(text)):
        return Cover(i, "minutes", "Minutes", dated[0][1])
    title = next((t for t in rest if not t.lower().startswith(("date", "time"))), "")
    return Cover(i, "report", REPORT_FIELD.sub(r"\2", title), dated[0][1])


def _title_from(lines: list[Line], i: int) -> str:
    """A title printed over up to three lines, read from line i."""
    parts = [lines[i].text]
    for line in lines[i + 1 : i + 3]:
        if line.gap_before or _date_line(line.text) or len(line.text) > 160:
            break
        parts.append(line.text)
    return " ".join(parts)


def _joined_committee(lines: list[Line], i: int) -> bool:
    """True when line i finishes a committee name begun on the line before."""
    return i > 0 and lines[i].text.lower().startswith(("overview", "scrutiny", "and "))


# A cover may sit a few lines below the top of its page (a "From:" block first).
MAX_COVER_OFFSET = 10
LEADER_DOTS = re.compile(r"\.{4,}|…{2,}")


def find_covers(lines: list[Line], start: int) -> list[Cover]:
    """Every section start in lines[start:], in order; a title repeated as a running
    header on following pages (an appendix printed over many pages) counts once."""
    covers: list[Cover] = []
    i = start
    while i < len(lines):
        cover = _cover_at(lines, i)
        if cover and _joined_committee(lines, i):
            cover = Cover(i - 1, cover.kind, cover.title, cover.date)
        if cover is None and _appendix_at(lines[i]):
            cover = Cover(i, "appendix", lines[i].text, None)
        if cover is not None:
            cover = _to_page_top(lines, cover, covers[-1].line if covers else start)
            if not covers or (cover.kind, cover.title) != (covers[-1].kind, covers[-1].title):
                covers.append(cover)
            i = max(i + 1, cover.line + 2)
            continue
        i += 1
    return covers


def _to_page_top(lines: list[Line], cover: Cover, floor: int) -> Cover:
    """Move a cover up to the first line of its page when that line is only just above."""
    if lines[cover.line].page is None:
        return cover
    for j in range(cover.line, max(floor, cover.line - MAX_COVER_OFFSET) - 1, -1):
        if lines[j].page != lines[cover.line].page:
            break
        if lines[j].page_break:
            return Cover(j, cover.kind, cover.title, cover.date)
    return cover


def _appendix_at(line: Line) -> bool:
    return (
        (line.strong or line.page_break)
        and len(line.text) <= MAX_HEADING_CHARS
        and not LEADER_DOTS.search(line.text)
        and bool(APPENDIX_HEAD.match(line.text))
    )


AGENDA_WORD = re.compile(r"\bagenda\b", re.IGNORECASE)
MINUTES_WORD = re.compile(r"^minutes\b", re.IGNORECASE)
# The opening lines that say what kind of paper this is.
OPENING_LINES = 30


def paper_kind(lines: list[Line]) -> str:
    """ "agenda" for a pack with a front sheet, else "minutes", "appendix" or "report"."""
    opening = [line.text for line in lines[:OPENING_LINES]]
    if any(AGENDA_WORD.search(t) and len(t) <= MAX_HEADING_CHARS for t in opening):
        return "agenda"
    if any(MINUTES_WORD.match(t) or MINUTES_HEAD.match(t) for t in opening[:15]):
        return "minutes"
    if any(APPENDIX_HEAD.match(t) for t in opening[:10]):
        return "appendix"
    return "report"

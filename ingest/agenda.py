"""The agenda list on a front sheet: item numbers, titles and pack page ranges."""

import re
from dataclasses import dataclass, replace

from ingest.lines import Line
from ingest.paper import AgendaItem

ROMAN = {"I": 1, "V": 5, "X": 10}
# Roman numerals need their stop ("I. Roll Call"), so the word "I" never opens an item.
ITEM = re.compile(
    r"^(?:agenda\s+)?(?:item\s+(?:no\.?\s*)?)?\*?(\d{1,2}(?=[.)\s])|[IVX]{1,5}(?=[.)]))[.)]?\s*(.+)$"
)
ITEM_REF = re.compile(r"^\(item\s+(\w{1,4})\)$", re.IGNORECASE)
SUB_ITEM = re.compile(r"^\((\d{1,2})\)\s+(.+)$")
# "13 - 28" or "(Pages 11 - 84)": spaced dashes, so "2021-2030" in a title is not a range.
_RANGE = r"(?:pages?\s+(\d{1,4})\s*(?:-|–|to)\s*(\d{1,4})|(\d{1,4})\s+(?:-|–|to)\s+(\d{1,4}))"
PAGES = re.compile(rf"\(?\b{_RANGE}\)?\s*$|\(pages?\s+(\d{{1,4}})\)\s*$", re.IGNORECASE)
PAGES_ONLY = re.compile(rf"^\(?(?:{_RANGE}|(?:pages?\s+)?\d{{1,4}})\)?$", re.IGNORECASE)
EXEMPT_TITLE = re.compile(
    r"\b(exempt|restricted|confidential|part (?:ii|2|b)|not for publication)\b", re.I
)
EXCLUSION = re.compile(r"exclusion of (?:the )?press and public|press and public be excluded", re.I)
# Agenda numbers rise; a jump larger than this is a numbered paragraph, not the next item.
MAX_ITEM_JUMP = 12
# A title longer than this is running text (a paragraph that starts with a number).
MAX_TITLE_CHARS = 260
# How many following lines may continue an agenda title printed over several lines.
MAX_TITLE_LINES = 3
# Sub-items ("(3) Minutes of the Previous Meeting") are short; "(a) ..." paragraphs are not.
MAX_SUB_TITLE_CHARS = 90


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """An agenda item and the index of the front-sheet line where it is listed."""

    item: AgendaItem
    line: int


def _cells(text: str) -> str:
    """A table row's cells joined by spaces, so "| 4. Title | 13 - 28 |" reads as a line."""
    if "|" not in text:
        return text
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return " ".join(c for c in cells if c and c != "-")


def _number(token: str) -> tuple[str, int] | None:
    if token.isdigit():
        return "arabic", int(token)
    if set(token) <= set(ROMAN) and token in _romans():
        return "roman", _romans()[token]
    return None


def _romans() -> dict[str, int]:
    names = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
    names += ["XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
    return {name: i for i, name in enumerate(names, start=1)}


def _split_pages(title: str) -> tuple[str, int | None, int | None]:
    match = PAGES.search(title)
    if not match or match.start() == 0:
        return title, None, None
    numbers = [int(g) for g in match.groups() if g is not None]
    first, last = numbers[0], numbers[-1]
    if last < first:
        return title, None, None
    return title[: match.start()].strip(" -–.|"), first, last


def _continue_title(lines: list[Line], start: int, end: int, title: str) -> str:
    """Join the lines that carry on an agenda title (Kent prints one over three lines)."""
    for line in lines[start + 1 : min(end, start + 1 + MAX_TITLE_LINES)]:
        text = _cells(line.text)
        if PAGES_ONLY.match(text) and _split_pages(title)[1] is None:
            return f"{title} {text}"
        stops = (ITEM.match(text), SUB_ITEM.match(text), ITEM_REF.match(text), PAGES.search(title))
        # A line that would make the title too long is running text under the title (an
        # exclusion resolution printed straight below "3. Exclusion of the Press and
        # Public"): joining it lost the item, and with it every later item's exemption.
        if line.gap_before or any(stops) or len(title) + 1 + len(text) > MAX_TITLE_CHARS:
            break
        title = f"{title} {text}"
    return title


def find_agenda(
    lines: list[Line], end: int, first_max: int | None = MAX_ITEM_JUMP
) -> list[AgendaEntry]:
    """The agenda items listed in lines[:end], in order, sub-items as "1(3)".

    Numbers must rise by at most MAX_ITEM_JUMP; the first may be at most `first_max`
    (None for minutes, which number their items on from earlier meetings).
    """
    entries: list[AgendaEntry] = []
    last: dict[str, int] = {}
    parent: str | None = None
    for i, line in enumerate(lines[:end]):
        found = _entry(_cells(line.text), parent, last, first_max)
        if found is None:
            continue
        number, title, rank = found
        title = _continue_title(lines, i, end, title.strip())
        if len(title) > MAX_TITLE_CHARS or not re.match(r"[\w'\"‘“(]", title):
            continue
        if rank is not None:
            last[rank[0]] = rank[1]
            parent = number
        clean, first, last_page = _split_pages(title)
        entries.append(AgendaEntry(AgendaItem(number, clean, first, last_page), i))
    return _mark_exempt(entries)


def _entry(
    text: str, parent: str | None, last: dict[str, int], first_max: int | None
) -> tuple[str, str, tuple[str, int] | None] | None:
    """(number, title, (numbering style, value) or None for a sub-item) if `text` lists one."""
    sub = SUB_ITEM.match(text)
    if sub and parent is not None and len(text) <= MAX_SUB_TITLE_CHARS:
        return f"{parent}({sub.group(1)})", sub.group(2), None
    main = ITEM.match(text)
    if not main or PAGES_ONLY.match(text) or not (kind := _number(main.group(1))):
        return None
    style, value = kind
    floor = last.get(style)
    if floor is None:
        if first_max is not None and value > first_max:
            return None
    elif value <= floor or value > floor + MAX_ITEM_JUMP:
        return None
    return main.group(1), main.group(2), kind


def _mark_exempt(entries: list[AgendaEntry]) -> list[AgendaEntry]:
    """Items titled exempt, and every item after an exclusion of the press and public."""
    out: list[AgendaEntry] = []
    excluded = False
    for entry in entries:
        title = entry.item.title
        exempt = excluded or bool(EXEMPT_TITLE.search(title))
        if EXCLUSION.search(title):
            excluded, exempt = True, False
        out.append(AgendaEntry(replace(entry.item, exempt=exempt), entry.line))
    return out

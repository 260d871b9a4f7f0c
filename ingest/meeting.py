"""Meeting metadata from a paper's front sheet: council, committee, date and venue."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ingest.lines import Line

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.IGNORECASE)
# UK numeric dates are day first ("23.02.2021", "23/02/2021").
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.IGNORECASE)

# How far into a paper the front sheet's meeting details are looked for.
FRONT_LINES = 80
COUNCIL_KINDS = r"(?:County|City|Borough|District|Metropolitan Borough|Town|Parish) Council"
COUNCIL = re.compile(rf"\b((?:[A-Z][a-z]+[ -]){{1,3}}{COUNCIL_KINDS})\b")
COUNTY_OF = re.compile(r"\bCOUNTY OF ([A-Z][A-Za-z]+)\b", re.IGNORECASE)
COMMITTEE_END = re.compile(
    r"(committee|sub-committee|panel|cabinet|board|commissioners|forum|commission|"
    r"full council|council meeting|executive)$",
    re.IGNORECASE,
)
COMMITTEE_PREFIX = re.compile(r"^(?:to:?|agenda:?|minutes:?|meeting of( the)?:?)\s+", re.I)
VENUE = re.compile(r"^(?:venue|location|place)\s*:\s*(.+)$", re.IGNORECASE)
SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "&"}


@dataclass(frozen=True, slots=True)
class Meeting:
    council: str | None
    committee: str | None
    date: str | None  # ISO YYYY-MM-DD
    venue: str | None


def parse_date(text: str) -> str | None:
    """The first date written in `text`, as ISO YYYY-MM-DD; None if there is none."""
    found: list[tuple[int, str]] = []
    for pattern, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        for m in pattern.finditer(text):
            day, month = (m.group(1), m.group(2)) if order == "dmy" else (m.group(2), m.group(1))
            iso = _iso(int(m.group(3)), MONTHS[month.lower().rstrip(".")], int(day))
            if iso:
                found.append((m.start(), iso))
    for m in NUMERIC_DATE.finditer(text):
        iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    return min(found)[1] if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def strip_date(text: str) -> str:
    """`text` without any date or weekday in it, and without dangling separators."""
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC_DATE, WEEKDAY):
        text = pattern.sub(" ", text)
    return " ".join(text.split()).strip(" -–—,:|")


def tidy_name(text: str) -> str:
    """Title-case a name printed in capitals; leave mixed case as printed."""
    if text.upper() != text:
        return text
    words = text.lower().split()
    return " ".join(w if (w in SMALL_WORDS and i) else w.capitalize() for i, w in enumerate(words))


def find_committee(lines: list[Line]) -> tuple[str | None, int | None]:
    """The committee named near the top of a paper, and the index of its line."""
    for i, line in enumerate(lines[:FRONT_LINES]):
        name = COMMITTEE_PREFIX.sub("", strip_date(line.text)).strip(" .")
        if len(name) > 90 or not COMMITTEE_END.search(name) or COUNCIL.fullmatch(name):
            continue
        if name.lower().startswith(("overview", "and ", "scrutiny")) and i > 0:
            previous = lines[i - 1].text
            if len(previous) < 60 and not previous.endswith((".", ":")):
                name = f"{previous} {name}"
        return tidy_name(name), i
    return None, None


GOV_DOMAIN = re.compile(r"\b([a-z][a-z-]+)\.gov\.uk\b", re.IGNORECASE)
OTHER_AUTHORITY = re.compile(
    r"\b(?:COUNTY|TOWNSHIP|TOWN|CITY|MUNICIPALITY|VILLAGE|BOROUGH) OF ([A-Z][A-Za-z]+)\b",
    re.IGNORECASE,
)


def find_council(lines: list[Line]) -> str | None:
    """The council the paper is from: the council most often named in it.

    Papers mention neighbouring councils too, so when the paper's own gov.uk e-mail domain
    names a place, only councils of that place are taken; none is better than a wrong one.
    """
    text = "\n".join(line.text for line in lines)
    counts = Counter(tidy_name(m.group(1)) for m in COUNCIL.finditer(text))
    upper = re.finditer(rf"\b((?:[A-Z]+[ -]){{1,3}}{COUNCIL_KINDS.upper()})\b", text)
    counts.update(tidy_name(m.group(1)) for m in upper)
    domains = Counter(m.group(1).lower() for m in GOV_DOMAIN.finditer(text))
    if domains:
        home = domains.most_common(1)[0][0]
        counts = Counter({k: v for k, v in counts.items() if k.lower().startswith(home)})
    if counts:
        return counts.most_common(1)[0][0]
    other = OTHER_AUTHORITY.search(text)
    return tidy_name(other.group(0).upper()) if other else None


def find_meeting(lines: list[Line]) -> Meeting:
    """Council, committee, meeting date and venue from the front sheet."""
    committee, at = find_committee(lines)
    front = lines[:FRONT_LINES]
    meeting_date = None
    if at is not None:
        near = " ".join(line.text for line in lines[at : at + 4])
        meeting_date = parse_date(near)
    if meeting_date is None:
        meeting_date = next((d for line in front if (d := parse_date(line.text))), None)
    venue = next((m.group(1) for line in front if (m := VENUE.match(line.text))), None)
    return Meeting(find_council(lines), committee, meeting_date, venue)

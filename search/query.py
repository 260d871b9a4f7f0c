"""What a query says besides its words: dates, councils, committees and acronyms it names."""

import re
from dataclasses import dataclass

from ingest import Chunk
from ingest.meeting import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTHS, NUMERIC_DATE
from search.places import asks_by_area

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
# Words in council names that do not tell one council from another.
GENERIC_NAME_WORDS = frozenset(
    "county city borough district town parish council metropolitan the of and".split()
)
# Words that say what kind of body a committee is, not which one. A query names a
# committee only when it also says one of these: "Children and Young People Overview and
# Scrutiny Committee" is otherwise made of topic words, and "young people in care" asks
# about young people, not about that committee's papers.
BODY_WORDS = frozenset(
    "committee committees panel panels board boards overview scrutiny sub subcommittee "
    "select joint forum cabinet".split()
)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A day (day set) or a month (day None) that a query or passage names."""

    year: int
    month: int
    day: int | None = None

    def holds(self, other: "DateSpan") -> bool:
        same_month = (self.year, self.month) == (other.year, other.month)
        return same_month and (self.day is None or self.day == other.day)


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """The query as typed, the text to rank with, and the hints found in it."""

    text: str
    expanded: str
    dates: tuple[DateSpan, ...]
    councils: tuple[str, ...]
    committees: tuple[str, ...] = ()
    by_area: bool = False  # asks which part of a county (search/places.py)


def find_dates(text: str) -> list[DateSpan]:
    """Every day or month-and-year written in `text`."""
    found: list[DateSpan] = []
    days: list[tuple[int, int]] = []
    for pattern, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        for m in pattern.finditer(text):
            day, month = (m.group(1), m.group(2)) if order == "dmy" else (m.group(2), m.group(1))
            found.append(DateSpan(int(m.group(3)), MONTHS[month.lower()], int(day)))
            days.append(m.span())
    for m in NUMERIC_DATE.finditer(text):
        if 1 <= int(m.group(2)) <= 12:
            found.append(DateSpan(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for m in MONTH_YEAR.finditer(text):
        if not any(start <= m.start() < end for start, end in days):
            found.append(DateSpan(int(m.group(2)), MONTHS[m.group(1).lower()]))
    return found


def mentions_date(chunk: Chunk, wanted: tuple[DateSpan, ...]) -> bool:
    """True when the passage names, or its meeting fell on, one of the wanted dates."""
    if not wanted:
        return False
    spans = find_dates(chunk.text)
    if chunk.meeting_date:
        year, month, day = (int(part) for part in chunk.meeting_date.split("-"))
        spans.append(DateSpan(year, month, day))
    return any(want.holds(span) for want in wanted for span in spans)


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in GENERIC_NAME_WORDS}


def _plain_words(text: str) -> set[str]:
    """Lower-case words with possessives dropped: "People's" and "people" are one."""
    return set(re.findall(r"[a-z]+", re.sub(r"['\u2019]s\b", "", text.lower())))


def named_committees(query: str, committees: tuple[str, ...]) -> tuple[str, ...]:
    """The committees in the index that the query names: it says what kind of body it
    means ("committee", "panel", "cabinet", ...) and every word of a committee's name that
    is not such a word ("children and families panel" names the Children and Families
    Overview and Scrutiny Panel)."""
    words = _plain_words(query)
    if words.isdisjoint(BODY_WORDS):
        return ()
    named = []
    for committee in committees:
        own = _plain_words(committee) - GENERIC_NAME_WORDS
        # A name made only of body words ("Cabinet") is named by all of them.
        telling = (own - BODY_WORDS) or own
        if telling and telling <= words:
            named.append(committee)
    return tuple(named)


def named_councils(query: str, councils: tuple[str, ...]) -> tuple[str, ...]:
    """The councils in the index whose distinctive name words the query uses."""
    words = set(re.findall(r"[a-z]+", query.lower()))
    return tuple(c for c in councils if (own := _name_words(c)) and own <= words)


def expand_acronyms(query: str, acronyms: dict[str, str]) -> str:
    """The query with the meaning of each acronym in it appended, and the acronym of each
    meaning in it, so "NEET" finds "not in education, employment or training" and back."""
    extra: list[str] = []
    for word in re.findall(r"[A-Za-z0-9&]+", query):
        if sum(ch.isupper() for ch in word) < 2:
            continue  # "care" is a word; "CiC", "NEET" and "SGOs" are acronyms
        meaning = acronyms.get(word) or acronyms.get(word.removesuffix("s"))
        if meaning:
            extra.append(meaning)
    lowered = query.lower()
    for short, meaning in acronyms.items():
        if len(meaning.split()) > 1 and meaning.lower() in lowered:
            extra.append(short)
    return " ".join([query, *dict.fromkeys(extra)])


def drop_council_words(text: str, councils: tuple[str, ...]) -> str:
    """`text` without the names of `councils` ("Warwickshire", "Worcestershire's"): a named
    council lifts its own passages through a hint, and as a ranked word it only favoured
    passages that happen to print the council's name over the ones that answer."""
    words = sorted(set().union(*(_name_words(c) for c in councils)))
    if not words:
        return text
    pattern = r"\b(?:" + "|".join(map(re.escape, words)) + r")(?:'s|s')?\b"
    left = " ".join(re.sub(pattern, " ", text, flags=re.IGNORECASE).split())
    return left if re.search(r"\w", left) else text


def plan_query(
    query: str,
    councils: tuple[str, ...] = (),
    acronyms: dict[str, str] | None = None,
    committees: tuple[str, ...] = (),
) -> QueryPlan:
    named = named_councils(query, councils)
    return QueryPlan(
        text=query,
        expanded=drop_council_words(expand_acronyms(query, acronyms or {}), named),
        dates=tuple(find_dates(query)),
        councils=named,
        committees=named_committees(query, committees),
        by_area=asks_by_area(query),
    )

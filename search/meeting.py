"""Meeting overviews: "what did the panel look at in July 2020" asks for a meeting's business.

Such a query has no topic of its own, only a date, perhaps a council and committee, and
words like "discussed" or "agenda". Ranked by its words it finds whatever passage happens
to print the date or "look at" (the work programme, a list of future meetings), not what
the meeting dealt with. When a query is only that and its date falls on meetings in the
index, those meetings' passages are lifted above everything else, taken in turn from
each substantive agenda item: first every item's opening passage, then every item's
next one, and so on. An item opens with the minutes' account of it where the minutes are
indexed, else the front sheet's summary of it, else its report. Procedural items
(apologies, interests, the previous minutes, next meeting's date) are left out, and a
front-sheet line that only gives an item's title and pages is used only for an item with
nothing else. A query that asks what was decided ("what did the committee resolve on
8 November 2022") gets each item's resolutions and recommendations first. A date on
which no indexed meeting fell ("looking at in April 2023", a meeting still to come)
leaves the ranking as it was.
"""

import itertools
import re
from collections.abc import Iterable

import numpy as np

from index import Filters, Generation, dated_rows, read_chunks
from ingest import Chunk
from ingest.meeting import MONTHS
from search.query import GENERIC_NAME_WORDS, DateSpan, QueryPlan

# What a query may say besides its date and the names of councils and committees and
# still ask only "what happened at that meeting".
OVERVIEW_WORDS = frozenset(
    "agenda agendas business item items meeting meetings meet met session discuss discussed "
    "discussing discussion discussions look looked looking consider considered considering "
    "consideration cover covered covering happen happened happening talk talked talking "
    "review reviewed reviewing scrutinise scrutinised scrutinize scrutinized report reports "
    "papers pack on at in during held take took place what which was were did do does is are "
    "the a an of for about to by there their its it they we you date dated whats "
    "committee committees panel panels board boards cabinet council councils overview "
    "scrutiny sub subcommittee special extraordinary annual ordinary".split()
)
# Words asking what a meeting decided: its items' resolutions come first.
DECISION_WORDS = frozenset(
    "decide decided decides deciding decision decisions resolve resolved resolution "
    "resolutions agree agreed approve approved recommend recommended recommendation "
    "recommendations outcome outcomes vote voted taken made".split()
)
_ORDINAL = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?$")
_WORD = re.compile(r"[a-z0-9]+")
# Agenda items that are the running of the meeting, not its business.
PROCEDURAL = re.compile(
    r"^(?:general$|apolog|welcome|(?:members'? )?(?:declarations?|disclosures?|interests)\b"
    r"|(?:confirmation of (?:the )?)?minutes\b|public (?:participation|speaking|question)"
    r"|questions? from (?:the )?public|dates? of (?:the )?next meeting|future meeting dates"
    r"|any other (?:business|items)|urgent business|chair(?:man)?'?s announcements"
    r"|exclusion of (?:the )?(?:press|public)|membership)",
    re.IGNORECASE,
)
# Which passages open an item best: the minutes say what the meeting did with it, a
# front sheet's summary says what it is for, a report says it at length.
DOC_PREFERENCE = {"minutes": 0, "agenda": 1, "report": 2, "appendix": 3}
# A passage says something of its own with this many words besides its item's title.
MIN_OWN_WORDS = 8
# An overview reads every passage of the meetings its dates name. A date that names more
# passages than this (a month across many councils' committees) asks about no one
# meeting, and reading them all would cost more than the search: it ranks as any query.
# The largest meeting in the shipped corpus has 347 passages.
MOST_OVERVIEW_ROWS = 2000


def is_overview(plan: QueryPlan, committees: Iterable[str | None]) -> bool:
    """True when the query names a date and otherwise only councils, committees and
    words asking what a meeting covered."""
    if not plan.dates:
        return False
    known = OVERVIEW_WORDS | DECISION_WORDS | MONTHS.keys() | GENERIC_NAME_WORDS
    for council in plan.councils:
        known |= set(_WORD.findall(council.lower()))
    for committee in committees:
        known |= set(_WORD.findall((committee or "").lower()))
    for word in _WORD.findall(plan.text.lower().replace("'s", "").replace("\u2019s", "")):
        if word not in known and not _ORDINAL.match(word):
            return False
    return True


def asks_for_decisions(plan: QueryPlan) -> bool:
    """True when the query asks what was decided rather than what was discussed."""
    return any(word in DECISION_WORDS for word in _WORD.findall(plan.text.lower()))


def meeting_days(days: np.ndarray, plan: QueryPlan) -> list[str]:
    """Those of the meeting dates `days` (ISO, "" when undated) that fall on the days or
    in the months the query names, each once."""
    found = []
    for day in np.unique(days).tolist():
        if day:
            year, month, date = (int(part) for part in day.split("-"))
            if any(want.holds(DateSpan(year, month, date)) for want in plan.dates):
                found.append(day)
    return found


def overview_rows(
    generation: Generation, plan: QueryPlan, filters: Filters
) -> list[tuple[int, float]]:
    """The passages of the substantive items of the meetings the query's dates name, as
    a ranking of (row, 0.0): each item's best passage in meeting then agenda order, then
    each item's next one, and so on; [] when the dates name no indexed meeting. Only the
    rows `filters` allow count and, when the query names councils or committees, only
    theirs; [] too when the dates name more than MOST_OVERVIEW_ROWS passages."""
    rows, days = dated_rows(generation, filters, plan.councils, plan.committees)
    wanted = meeting_days(days, plan)
    if not wanted:
        return []
    rows = rows[np.isin(days, wanted)].tolist()
    if len(rows) > MOST_OVERVIEW_ROWS:
        return []
    decisions = asks_for_decisions(plan)
    # item -> ((front-sheet line only, not a wanted decision, kind of paper), row)
    passages: dict[tuple[str, str, str], list[tuple[tuple[bool, bool, int], int]]] = {}
    for row, chunk in zip(rows, read_chunks(generation, rows), strict=True):
        if not chunk.item or PROCEDURAL.match(chunk.item_title or ""):
            continue
        kind = (
            _is_listing(chunk),
            decisions and not chunk.is_decision,
            DOC_PREFERENCE.get(chunk.doc_type, len(DOC_PREFERENCE)),
        )
        key = (chunk.meeting_date or "", chunk.council or "", chunk.item)
        passages.setdefault(key, []).append((kind, row))
    # (says least: a front-sheet line only, or no decision when decisions were asked for;
    # the item's rows in turn)
    queues: list[tuple[tuple[bool, bool], list[int]]] = []
    for key in sorted(passages, key=lambda k: (k[0], k[1], _item_order(k[2]))):
        found = sorted(passages[key])  # best kind first, reading order within a kind
        said = [row for kind, row in found if not kind[0]]
        queues.append(((not said, found[0][0][1]), said or [found[0][1]]))
    # Every item's opening passage, then every item's next one; an item that says least
    # waits for the end of the first round.
    queues.sort(key=lambda queue: queue[0])
    turns = itertools.zip_longest(*(queue for _, queue in queues))
    return [(row, 0.0) for turn in turns for row in turn if row is not None]


def _is_listing(chunk: Chunk) -> bool:
    """True for a passage that only names its item: few words besides the title and
    numbers, or a front-sheet line that prints the title (a summary does not repeat it)."""
    title = (chunk.item_title or "").lower()
    if chunk.doc_type == "agenda" and title and title in chunk.text.lower():
        return True
    title_words = set(_WORD.findall(title))
    own = [w for w in _WORD.findall(chunk.text.lower()) if w not in title_words]
    return sum(not w.isdigit() for w in own) < MIN_OWN_WORDS


def _item_order(item: str) -> tuple[int, ...]:
    """ "3(2)" -> (3, 2): items sort by number, not as text ("10" after "9")."""
    return tuple(int(n) for n in re.findall(r"\d+", item)) or (10**6,)

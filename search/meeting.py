"""Meeting overviews: "what did the panel look at in July 2020" asks for a meeting's business.

Such a query has no topic of its own, only a date, perhaps a council and committee, and
words like "discussed" or "agenda". Ranked by its words it finds whatever passage happens
to print the date or "look at" (the work programme, a list of future meetings), not what
the meeting dealt with. When a query is only that and its date falls on meetings in the
index, the opening passage of each substantive agenda item of those meetings is lifted
above everything else: the minutes' account of the item where the minutes are indexed,
else the first paragraph of its report. Procedural items (apologies, interests, the
previous minutes, next meeting's date) are left out. A date on which no indexed meeting
fell ("looking at in April 2023", a meeting still to come) leaves the ranking as it was.
"""

import re
from collections.abc import Iterable

import numpy as np

from index import Filters, Generation, dated_rows, read_chunks
from search.query import GENERIC_NAME_WORDS, DateSpan, QueryPlan

# What a query may say besides its date and the names of councils and committees and
# still ask only "what happened at that meeting".
OVERVIEW_WORDS = frozenset(
    "agenda agendas business item items meeting meetings meet met session discuss discussed "
    "discussing discussion discussions look looked looking consider considered considering "
    "consideration cover covered covering happen happened happening talk talked talking "
    "review reviewed reviewing scrutinise scrutinised scrutinize scrutinized report reports "
    "papers pack on at in during held take took place what which was were did do does is are "
    "the a an of for about to by there their its it they we you held date dated whats "
    "committee committees panel panels board boards cabinet council councils overview "
    "scrutiny sub subcommittee special extraordinary annual ordinary".split()
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
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
# Which passage opens an item best: the minutes say what the meeting did with it.
DOC_PREFERENCE = {"minutes": 0, "report": 1, "appendix": 2, "agenda": 3}
AGENDA = DOC_PREFERENCE["agenda"]


def is_overview(plan: QueryPlan, committees: Iterable[str | None]) -> bool:
    """True when the query names a date and otherwise only councils, committees and
    words asking what a meeting covered."""
    if not plan.dates:
        return False
    known = set(OVERVIEW_WORDS) | set(_MONTHS) | set(GENERIC_NAME_WORDS)
    for council in plan.councils:
        known |= set(_WORD.findall(council.lower()))
    for committee in committees:
        known |= set(_WORD.findall((committee or "").lower()))
    for word in _WORD.findall(plan.text.lower().replace("'s", "").replace("\u2019s", "")):
        if word not in known and not _ORDINAL.match(word):
            return False
    return True


def meeting_days(generation: Generation, plan: QueryPlan, filters: Filters) -> list[str]:
    """The indexed meeting dates (ISO) on the days or in the months the query names, among
    the rows `filters` allow and, when the query names councils, those councils' only."""
    _, days = dated_rows(generation, filters, plan.councils)
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
    """The opening passage of each substantive item of the meetings the query's dates
    name, in meeting then agenda order, as a ranking of (row, 0.0); [] when none."""
    wanted = meeting_days(generation, plan, filters)
    if not wanted:
        return []
    rows, days = dated_rows(generation, filters, plan.councils)
    rows = rows[np.isin(days, wanted)].tolist()
    chosen: dict[tuple[str, str, str], tuple[int, int]] = {}  # meeting item -> (kind, row)
    for row, chunk in zip(rows, read_chunks(generation, rows), strict=True):
        if not chunk.item or PROCEDURAL.match(chunk.item_title or ""):
            continue
        key = (chunk.meeting_date or "", chunk.council or "", chunk.item)
        kind = DOC_PREFERENCE.get(chunk.doc_type, len(DOC_PREFERENCE))
        if key not in chosen or kind < chosen[key][0]:
            chosen[key] = (kind, row)  # rows run in reading order: the first of its kind
    # An item known only from the front sheet ("COVID-19 Update | To follow") says least.
    order = sorted(
        chosen,
        key=lambda key: (key[0], key[1], chosen[key][0] == AGENDA, _item_order(key[2])),
    )
    return [(chosen[key][1], 0.0) for key in order]


def _item_order(item: str) -> tuple[int, ...]:
    """ "3(2)" -> (3, 2): items sort by number, not as text ("10" after "9")."""
    return tuple(int(n) for n in re.findall(r"\d+", item)) or (10**6,)

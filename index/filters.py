"""Search filters and their one definition: a WHERE clause over the chunks table.

Both rankers ask SQLite which rows pass (`allowed_rows` in reader.py) and rank only those,
so BM25 and dense search can never disagree about what a filter means.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date

from index.errors import InvalidFilter

CONTAINS_FUNCTION = "scrutineer_contains"  # registered on every reader connection


@dataclass(frozen=True, slots=True)
class Filters:
    """Which chunks a search may return.

    `council` and `committee` match case-insensitively anywhere in the stored name
    ("warwickshire" matches "Warwickshire County Council"); `since` and `until` are
    inclusive YYYY-MM-DD bounds on the meeting date, and a chunk with no meeting date
    fails any date bound; `doc_type` matches exactly; `decisions` keeps only resolutions
    and recommendations.
    """

    council: str | None = None
    committee: str | None = None
    since: str | None = None
    until: str | None = None
    doc_type: str | None = None
    decisions: bool = False


NO_FILTERS = Filters()


def is_unfiltered(filters: Filters) -> bool:
    """True when the filters let every chunk through (so rankers can skip the SQL)."""
    return filters == NO_FILTERS


def filter_clause(filters: Filters) -> tuple[str, list[str]]:
    """The WHERE clause (without the keyword) and its parameters for `filters`."""
    terms: list[str] = []
    params: list[str] = []
    for column, needle in (("council", filters.council), ("committee", filters.committee)):
        if needle is not None:
            terms.append(f"{CONTAINS_FUNCTION}({column}, ?)")
            params.append(needle)
    for name, op, value in (("since", ">=", filters.since), ("until", "<=", filters.until)):
        if value is not None:
            terms.append(f"meeting_date IS NOT NULL AND meeting_date {op} ?")
            params.append(_iso_date(name, value))
    if filters.doc_type is not None:
        terms.append("doc_type = ?")
        params.append(filters.doc_type)
    if filters.decisions:
        terms.append("is_decision = 1")
    return (" AND ".join(f"({t})" for t in terms) or "1"), params


def register_functions(conn: sqlite3.Connection) -> None:
    """Give `conn` the case-insensitive substring test the clause calls."""
    conn.create_function(CONTAINS_FUNCTION, 2, _contains, deterministic=True)


def _contains(haystack: str | None, needle: str | None) -> bool:
    # casefold, not SQLite's lower(): lower() folds ASCII only, and council names are not.
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


def _iso_date(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidFilter(name, value) from None

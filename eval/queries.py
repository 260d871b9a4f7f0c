"""Query sets: one JSON object a line with the query, its answer keys and its kind."""

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from index import Filters

FILTER_NAMES = frozenset(f.name for f in fields(Filters))


class BadQueryFile(ValueError):
    """A query set line that is not a query object."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path} line {line}: {reason}; each line needs id, query, keys, type")


@dataclass(frozen=True, slots=True)
class EvalQuery:
    """A query as typed; `keys` are exact strings from the papers, empty when none answers it."""

    id: str
    query: str
    keys: tuple[str, ...]
    type: str
    filters: tuple[tuple[str, Any], ...] = ()


def read_queries(path: Path) -> list[EvalQuery]:
    """Every query in a JSON lines file; blank lines are skipped."""
    found: list[EvalQuery] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            found.append(_query(path, number, line))
    return found


def _query(path: Path, number: int, line: str) -> EvalQuery:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadQueryFile(path, number, f"not JSON ({exc})") from exc
    if not isinstance(record, dict) or not isinstance(record.get("query"), str):
        raise BadQueryFile(path, number, 'no "query" string')
    keys = record.get("keys") or []
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise BadQueryFile(path, number, '"keys" is not a list of strings')
    filters = record.get("filters") or {}
    if not isinstance(filters, dict):
        raise BadQueryFile(path, number, '"filters" is not an object')
    unknown = sorted(set(filters) - FILTER_NAMES)
    if unknown:
        raise BadQueryFile(path, number, f"unknown filter {', '.join(unknown)}")
    return EvalQuery(
        id=str(record.get("id") or record["query"]),
        query=record["query"],
        keys=tuple(keys),
        type=str(record.get("type") or "untyped"),
        filters=tuple(sorted(filters.items())),
    )

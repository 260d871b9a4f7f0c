"""Result lines (the output of `search --batch --json` or `ask --batch --json`) and what
the scorer needs of each: the hit texts, best first, and whether `ask` answered."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.queries import EvalQuery


class BadResultFile(ValueError):
    """A results line that is not a search result object."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path} line {line}: {reason}; expected scrutineer search --json output")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one query returned; `answerable` and `answer` (the quoted text) are None
    unless the line carries an answer."""

    texts: tuple[str, ...]
    answerable: bool | None = None
    answer: str | None = None


def read_result_lines(path: Path) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadResultFile(path, number, f"not JSON ({exc})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("hits", []), list):
            raise BadResultFile(path, number, 'no "hits" list')
        lines.append(record)
    return lines


def write_result_lines(path: Path, lines: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    path.write_text(text, encoding="utf-8")


def index_outcomes(lines: Iterable[dict[str, Any]]) -> dict[str, Outcome]:
    """Outcomes keyed by each line's id, or by its query when it has no id."""
    outcomes: dict[str, Outcome] = {}
    for line in lines:
        key = line.get("id") or line.get("query")
        if key is None:
            continue
        texts = tuple(str(hit.get("text", "")) for hit in line.get("hits", []))
        answer = line.get("answer")
        answerable = bool(answer.get("answerable")) if isinstance(answer, dict) else None
        quoted = str(answer.get("text", "")) if isinstance(answer, dict) else None
        outcomes[str(key)] = Outcome(texts, answerable, quoted)
    return outcomes


def find_outcome(outcomes: dict[str, Outcome], query: EvalQuery) -> Outcome:
    """The outcome for `query`, matched by id, then by the query text; empty when missing
    (a query the system never answered scores as a miss, not an error)."""
    return outcomes.get(query.id) or outcomes.get(query.query) or Outcome(())

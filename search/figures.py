"""Figures quoted in a passage: value, unit, the period they describe and whether they
are an actual value, a target or a forecast."""

import re
from dataclasses import dataclass

from ingest.meeting import MONTHS

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
MONEY = re.compile(
    rf"(?<![\w.])(-|–)?£\s?{NUMBER}\s?(bn|billion|m|million|k|thousand)?(?![\w])", re.I
)
PERCENT = re.compile(rf"(?<![\w.£]){NUMBER}\s?(%|per ?cent\b|percent\b)", re.IGNORECASE)
DURATION = re.compile(rf"(?<![\w.£]){NUMBER}\s+(weeks?|days?|months?|years?|hours?)\b", re.I)
COUNT = re.compile(rf"(?<![\w.£/]){NUMBER}\s+((?:[a-z]+\s){{0,2}}?[a-z]*(?:s|people|children))\b")
# "Special Guardianship Orders (SGOs) from 31 in 2019/20 to 46 in 2021/22": the counted
# thing is named before "from", each number is followed by its period.
_PERIOD = rf"(?:{_MONTH}\s+\d{{4}}|(?:19|20)\d{{2}}\s?/\s?\d{{2}}|(?:19|20)\d{{2}})"
FROM_TO = re.compile(
    rf"([A-Za-z][\w()'’ -]{{2,60}}?)\s+(?:from|rose from|fell from|increased from|reduced from)"
    rf"\s+{NUMBER}\s+(?:in|at|during)\s+{_PERIOD}\s+to\s+{NUMBER}\s+(?:in|at|during|by)\s+"
    rf"{_PERIOD}",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
FISCAL_YEAR = re.compile(r"\b((?:19|20)\d{2})\s?[/-]\s?(\d{2})\b")
YEAR = re.compile(
    r"\b(?:in|during|for|by|of)\s+(?:the\s+)?((?:19|20)\d{2})\b(?![/-]\d)", re.IGNORECASE
)
MULTIPLIERS = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
TARGET_WORDS = re.compile(
    r"\b(targets?|milestones?|trajector(?:y|ies)|aims?|ambitions?|goals?|or (?:lower|less|fewer|"
    r"more|higher)|no more than|at least)\b",
    re.IGNORECASE,
)
FORECAST_WORDS = re.compile(
    r"\b(estimated?|forecasts?|projected|projections?|expected|anticipated|predicted|likely)\b",
    re.IGNORECASE,
)
# Words before a figure that say what it measures, and that decide its kind.
WINDOW_WORDS = 8
# A date this close after a figure ("242 weeks (January 2022)") or before it
# ("Sept 2022: 177 weeks") is the period the figure describes.
PERIOD_AFTER_CHARS = 40
PERIOD_BEFORE_CHARS = 60
# Count nouns that are really units of time or parts of a date.
NOT_COUNTED = frozenset({"years", "weeks", "days", "months", "hours", "minutes", "pages"})
SENTENCE_SPLIT = re.compile(
    r"(?<=[.!?;])\s+(?=[A-Z0-9“\"'(£-])|\n|\s\|\s|\t| {2,}|\s[-•]\s(?=[A-Z0-9])"
)
# Words after a figure that still say what it measures ("195 weeks for an assessment").
AFTER_WORDS = 6


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    unit: str  # "weeks", "%", "GBP", or a counted noun such as "children"
    period: str | None  # "2022-01", "2022", "2019/20"
    kind: str  # "actual", "target" or "forecast"
    printed: str
    sentence: str
    window: str  # the words around the figure: what it measures
    labelled: bool = False  # printed as "<period>: <figure>", as trajectories are


def _number(whole: str, fraction: str | None) -> float:
    return float(whole.replace(",", "") + (f".{fraction}" if fraction else ""))


def _periods(sentence: str) -> list[tuple[int, int, str]]:
    found = []
    for m in MONTH_YEAR.finditer(sentence):
        month = MONTHS[m.group(1).lower().rstrip(".")]
        found.append((m.start(), m.end(), f"{m.group(2)}-{month:02d}"))
    for m in FISCAL_YEAR.finditer(sentence):
        if int(m.group(2)) == (int(m.group(1)) + 1) % 100:
            found.append((m.start(), m.end(), f"{m.group(1)}/{m.group(2)}"))
    claimed = [(s, e) for s, e, _ in found]
    for m in YEAR.finditer(sentence):
        if not any(s <= m.start(1) < e for s, e in claimed):
            found.append((m.start(1), m.end(1), m.group(1)))
    return found


def _period_of(
    sentence: str, start: int, end: int, others: list[tuple[int, int]]
) -> tuple[str | None, bool]:
    """The period a figure describes, and whether it was printed as a label before it.
    A date belongs to the nearest figure: none may stand between them."""
    periods = _periods(sentence)
    labels = [p for p in periods if sentence[p[1] : start].strip() == ":"]
    if labels:
        return max(labels)[2], True

    def clear(a: int, b: int) -> bool:
        return not any(a <= s < b for s, _ in others)

    after = [p for p in periods if 0 <= p[0] - end <= PERIOD_AFTER_CHARS and clear(end, p[0])]
    if after:
        return min(after)[2], False

    def unclaimed(p: tuple[int, int, str]) -> bool:
        # "118 weeks (December 2022), against ... 167 weeks": the date is 118's.
        return not any(p[0] - PERIOD_AFTER_CHARS <= e <= p[0] for _, e in others)

    before = [
        p
        for p in periods
        if 0 <= start - p[1] <= PERIOD_BEFORE_CHARS and clear(p[1], start) and unclaimed(p)
    ]
    return (max(before)[2], False) if before else (None, False)


def _kind(window: str, printed_after: str) -> str:
    if FORECAST_WORDS.search(window):
        return "forecast"
    if TARGET_WORDS.search(window) or TARGET_WORDS.match(printed_after.strip()):
        return "target"
    return "actual"


def _matches(sentence: str) -> list[tuple[int, int, float, str]]:
    """(start, end, value, unit) of every figure in the sentence, left to right."""
    out: list[tuple[int, int, float, str]] = []
    for m in MONEY.finditer(sentence):
        value = _number(m.group(2), m.group(3)) * MULTIPLIERS.get((m.group(4) or "").lower(), 1)
        out.append((m.start(), m.end(), -value if m.group(1) else value, "GBP"))
    for m in PERCENT.finditer(sentence):
        out.append((m.start(), m.end(), _number(m.group(1), m.group(2)), "%"))
    for m in DURATION.finditer(sentence):
        unit = m.group(3).lower()
        out.append((m.start(), m.end(), _number(m.group(1), m.group(2)), unit.rstrip("s") + "s"))
    for m in FROM_TO.finditer(sentence):
        noun = m.group(1).split()[-1].strip("()")
        for group in (2, 4):
            out.append(
                (
                    m.start(group),
                    m.end(group + 1) if m.group(group + 1) else m.end(group),
                    _number(m.group(group), m.group(group + 1)),
                    noun,
                )
            )
    taken = [(s, e) for s, e, _, _ in out]
    for m in COUNT.finditer(sentence):
        noun = m.group(3).split()[-1]
        overlaps = any(s < m.end() and m.start() < e for s, e in taken)
        value = _number(m.group(1), m.group(2))
        is_year = 1900 <= value <= 2100 and not m.group(2)
        if not overlaps and not is_year and noun not in NOT_COUNTED and noun not in MONTHS:
            out.append((m.start(), m.end(), value, noun))
    return sorted(out)


def extract_figures(text: str) -> list[Figure]:
    """Every figure in `text` with its unit, period and kind, in reading order."""
    figures = []
    for sentence in SENTENCE_SPLIT.split(text):
        sentence = sentence.strip()
        found = _matches(sentence)
        spans = [(s, e) for s, e, _, _ in found]
        for start, end, value, unit in found:
            before = " ".join(sentence[:start].split()[-WINDOW_WORDS:])
            after = " ".join(sentence[end:].split()[:AFTER_WORDS])
            others = [span for span in spans if span != (start, end)]
            period, labelled = _period_of(sentence, start, end, others)
            figures.append(
                Figure(
                    value=value,
                    unit=unit,
                    period=period,
                    kind=_kind(before, sentence[end : end + 15]),
                    printed=sentence[start:end],
                    sentence=sentence,
                    window=f"{before} {after}",
                    labelled=labelled,
                )
            )
    return figures

"""Trends: the figures quoted about a topic across meetings, grouped into series."""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from index import Filters, index_terms
from search.figures import Figure, extract_figures
from search.hits import Searcher, find_hits
from search.types import Citation, Hit

# Passages a trend reads: deeper than a search page, since a series spans many meetings.
TREND_DEPTH = 40
# Words that ask for a trend without naming what is measured.
TREND_WORDS = frozenset(index_terms("trend trends over time change changes history series"))
# Points whose descriptions share less than this are flagged: the measure may differ.
SAME_DEFINITION = 0.15
# Words too common in council papers to name a series by.
LABEL_SKIP = frozenset(index_terms("this that which will been being than their there also"))
# Words that describe every figure, or date it, and so tell series apart poorly.
FILLER = frozenset(
    index_terms(
        "the a an of to in from for and by at was were is are with on had has have "
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    value: float
    period: str | None
    kind: str
    printed: str
    sentence: str
    citation: Citation
    period_from: str  # "text" when the passage dates the figure, else "meeting"


@dataclass(frozen=True, slots=True)
class Series:
    metric: str
    unit: str
    points: tuple[TrendPoint, ...]
    definition_varies: bool


@dataclass(frozen=True, slots=True)
class Trend:
    query: str
    series: tuple[Series, ...]
    mentions: tuple[tuple[str, int], ...]  # (meeting date, passages that mention the topic)


def _words(text: str) -> set[str]:
    return {t for t in index_terms(text) if not t.isdigit() and t not in FILLER}


def _period_key(period: str | None) -> str:
    if period is None:
        return "9999"
    if "/" in period:
        return f"{period[:4]}-04"  # UK financial years start in April
    return period


def _settle_kind(figure: Figure, meeting_date: str | None, labelled_future: bool) -> str:
    """A dated figure after the meeting cannot be an actual value: a labelled run of them
    is a trajectory (targets), a lone one is a forecast."""
    if figure.kind != "actual":
        return figure.kind
    if figure.labelled and labelled_future:
        return "target"
    if meeting_date and figure.period and _period_key(figure.period) > meeting_date[:7]:
        return "forecast"
    return figure.kind


def _points(hit: Hit, topic: set[str]) -> list[tuple[TrendPoint, set[str], str]]:
    """The figures of one passage that measure the topic: the words around them name it,
    or they share a unit with such a figure in the same sentence ("from 242 weeks to an
    estimated 118 weeks") or are bare dated values beside one ("Sept 2022: 177 weeks")."""
    figures = extract_figures(hit.text)
    about = [f for f in figures if topic & _words(f.window)]
    units = {f.unit for f in about}
    sentences = {(f.sentence, f.unit) for f in about}
    figures = [
        f
        for f in figures
        if f in about or (f.sentence, f.unit) in sentences or (f.labelled and f.unit in units)
    ]
    meeting = hit.citation.meeting_date
    future = any(
        f.labelled and meeting and f.period and _period_key(f.period) > meeting[:7] for f in figures
    )
    out = []
    for figure in figures:
        point = TrendPoint(
            value=figure.value,
            period=figure.period or (meeting[:7] if meeting else None),
            kind=_settle_kind(figure, meeting, future),
            printed=figure.printed,
            sentence=figure.sentence,
            citation=hit.citation,
            period_from="text" if figure.period else "meeting",
        )
        out.append((point, _words(figure.window), figure.unit))
    return out


def _similar(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _group(points: list[tuple[TrendPoint, set[str], str]]) -> list[Series]:
    """One series per unit: the figures quoted about one topic in weeks are one measure
    over time, those in pounds another."""
    by_unit: dict[str, list[tuple[TrendPoint, set[str]]]] = {}
    for point, words, unit in points:
        by_unit.setdefault(unit, []).append((point, words))
    return [_series(unit, members) for unit, members in by_unit.items()]


def _label_words(sentences: Iterable[str]) -> list[str]:
    """The three words the series' sentences use most, as printed ("wait", "weeks"), to
    name the series: stems ("estim") read badly."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for word in re.findall(r"[a-z][a-z'-]{2,}", sentence.lower()):
            stems = index_terms(word)
            if stems and stems[0] not in FILLER and stems[0] not in LABEL_SKIP:
                counts[word] += 1
    return [word for word, _ in counts.most_common(3)]


def _series(unit: str, members: list[tuple[TrendPoint, set[str]]]) -> Series:
    unique: dict[tuple[float, str | None, str], TrendPoint] = {}
    for point, _ in members:
        unique.setdefault((point.value, point.period, point.kind), point)
    # A value the papers date elsewhere, repeated here undated, is the same figure.
    dated = {p.value for p in unique.values() if p.period_from == "text"}
    kept = [p for p in unique.values() if p.period_from == "text" or p.value not in dated]
    points = sorted(kept, key=lambda p: (_period_key(p.period), p.kind))
    actual = [w for p, w in members if p.kind == "actual" and w]
    varies = any(_similar(a, b) < SAME_DEFINITION for a in actual for b in actual)
    metric = ", ".join(_label_words(p.sentence for p, _ in members))
    return Series(f"{metric} ({unit})", unit, tuple(points), varies)


def trace_trend(searcher: Searcher, query: str, filters: Filters | None = None) -> Trend:
    """The figures the papers quote about `query`, as series ordered by period."""
    hits = find_hits(searcher, query, filters or Filters(), TREND_DEPTH)
    topic = {t for t in index_terms(query) if t not in TREND_WORDS}
    points = [p for hit in hits for p in _points(hit, topic)]
    series = sorted(_group(points), key=lambda s: (-len(s.points), s.metric))
    mentions = Counter(
        c.meeting_date for hit in hits for c in (hit.citation, *hit.also_in) if c.meeting_date
    )
    return Trend(query, tuple(series), tuple(sorted(mentions.items())))


__all__ = ["Series", "Trend", "TrendPoint", "trace_trend"]

"""The `--json` output contract of DESIGN.md: plain dicts, every key present."""

from dataclasses import asdict
from typing import Any

from index import Filters
from search.answer import Answer
from search.generate import Written
from search.ledger import Decision
from search.trend import Trend
from search.types import Citation, Hit


def citation_object(citation: Citation) -> dict[str, Any]:
    return asdict(citation)


def hit_object(hit: Hit) -> dict[str, Any]:
    return {
        "rank": hit.rank,
        "score": hit.score,
        "chunk_id": hit.chunk_id,
        "text": hit.text,
        "citation": citation_object(hit.citation),
        "heading": hit.heading,
        "is_decision": hit.is_decision,
        "classification": hit.classification,
        "also_in": [citation_object(c) for c in hit.also_in],
    }


def filters_object(filters: Filters) -> dict[str, Any]:
    """Only the filters that were set, so `{}` means "everything"."""
    return {k: v for k, v in asdict(filters).items() if v not in (None, False)}


def search_object(query: str, filters: Filters, hits: list[Hit]) -> dict[str, Any]:
    return {
        "query": query,
        "filters": filters_object(filters),
        "hits": [hit_object(hit) for hit in hits],
    }


def answer_object(answer: Answer) -> dict[str, Any]:
    return {
        "text": answer.text,
        "answerable": answer.answerable,
        "citations": [citation_object(c) for c in answer.citations],
        "searched": asdict(answer.searched),
    }


def ask_object(question: str, filters: Filters, hits: list[Hit], answer: Answer) -> dict[str, Any]:
    return {**search_object(question, filters, hits), "answer": answer_object(answer)}


def written_object(
    url: str, hits: list[Hit], written: Written | None, error: str | None
) -> dict[str, Any]:
    """`ask --llm`'s written answer: its text and the passages its [n] name, or the error."""
    return {
        "model_url": url,
        "text": written.text if written else None,
        "declined": written.declined if written else None,
        "dropped_sentences": written.dropped if written else None,
        "citations": [
            {"n": n, "chunk_id": hits[n - 1].chunk_id, **citation_object(hits[n - 1].citation)}
            for n in (written.cited if written else ())
        ],
        "error": error,
    }


def trend_object(trend: Trend) -> dict[str, Any]:
    return {
        "query": trend.query,
        "series": [
            {
                "metric": series.metric,
                "unit": series.unit,
                "definition_varies": series.definition_varies,
                "points": [
                    {
                        "value": point.value,
                        "period": point.period,
                        "period_from": point.period_from,
                        "kind": point.kind,
                        "printed": point.printed,
                        "sentence": point.sentence,
                        "citation": citation_object(point.citation),
                    }
                    for point in series.points
                ],
            }
            for series in trend.series
        ],
        "mentions": [{"meeting_date": day, "count": count} for day, count in trend.mentions],
    }


def decision_object(decision: Decision) -> dict[str, Any]:
    return {
        "meeting_date": decision.meeting_date,
        "committee": decision.committee,
        "item": decision.item,
        "item_title": decision.item_title,
        "recommendation": decision.recommendation,
        "resolution": decision.resolution,
        "outcome": decision.outcome,
        "citations": [citation_object(c) for c in decision.citations],
    }


def ledger_object(query: str, decisions: list[Decision]) -> dict[str, Any]:
    return {"query": query, "decisions": [decision_object(d) for d in decisions]}

"""Scores as a Markdown table (for people and eval/README.md) or a JSON object (for tools)."""

from dataclasses import asdict
from typing import Any

from eval.metrics import Scores


def format_scores(scores: Scores) -> str:
    lines = [
        "| type | n | R@1 | R@5 | R@10 | MRR@10 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {row.type} | {row.n} | {row.r1:.3f} | {row.r5:.3f} | {row.r10:.3f} | {row.mrr:.3f} |"
        for row in scores.rows
    ]
    lines.append("")
    if scores.median_hit_words is not None:
        lines.append(f"median hit length: {scores.median_hit_words:.0f} words (top 10 hits)")
    if scores.abstained is not None:
        tally = scores.abstained
        lines.append(f"abstained on unanswerable: {tally.hits}/{tally.total}")
    if scores.answered is not None:
        lines.append(f"answered answerable:       {scores.answered.hits}/{scores.answered.total}")
    if scores.quoting is not None:
        lines.append(f"answers quoting a key:     {scores.quoting.hits}/{scores.quoting.total}")
    return "\n".join(lines)


def scores_object(scores: Scores) -> dict[str, Any]:
    return {
        "by_type": {
            row.type: {"n": row.n, "r1": row.r1, "r5": row.r5, "r10": row.r10, "mrr": row.mrr}
            for row in scores.rows
        },
        "median_hit_words": scores.median_hit_words,
        "abstained": asdict(scores.abstained) if scores.abstained else None,
        "answered": asdict(scores.answered) if scores.answered else None,
        "quoting": asdict(scores.quoting) if scores.quoting else None,
    }

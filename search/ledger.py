"""The decision ledger: each agenda item's officer recommendation paired with the
resolution minuted for it, and what became of it (agreed, amended, noted, ...).

Built from the chunks ingest marks `is_decision`, the ones the `--decisions` filter keeps:
recommendation blocks of reports and agenda cover sheets, "Resolved" blocks of minutes.
A report goes to the meeting its pack is for; that meeting's minutes are printed in a
later pack under their own item numbers and titles. So a pair is found by council,
committee, meeting date and item title, never by pack.
"""

import re
from dataclasses import dataclass, replace
from typing import Any

from index import Filters, Generation, allowed_rows, rank_sparse, read_chunks
from ingest import Chunk
from ingest.chunk import DECISION_HEAD
from search.hits import Searcher, rank_rows
from search.label import cite
from search.outcome import classify_outcome, content_words
from search.query import plan_query
from search.types import Citation

RECOMMENDING = frozenset({"report", "agenda"})  # appendices quote other bodies' recommendations
# A block opens at the heading ingest marks decisions by (one definition for both).
BLOCK_HEAD = DECISION_HEAD
# Contact details close a cover sheet's recommendation; they are not part of it.
TRAILER = re.compile(r"\s*\bFor further information\b.*", re.IGNORECASE | re.DOTALL)
# Dice overlap of title words at which a report's item and a minuted item are one item:
# agenda and minutes print near-identical titles ("Youth Justice Plan 2021/22" against
# "Youth Justice Plan 2021-2022" scores 0.8). With the same item number at the same
# meeting, a weaker overlap suffices: minutes often shorten a title.
TITLE_MATCH = 0.5
NUMBERED_TITLE_MATCH = 0.25
# Tie-breaks between candidate pairs: the same committee named on both sides, the same
# item number (minutes usually keep the agenda's numbers).
SAME_COMMITTEE = 0.5
SAME_NUMBER = 1.0
# How many decision rows a query ranks: deep enough for every decision in a large index to
# be ranked by its best passage, not only the first few.
RANK_DEPTH = 500


@dataclass(frozen=True, slots=True)
class Decision:
    """One agenda item's recommendation and resolution; either may be missing (None).

    The meeting, item and title are the minutes' where there is a resolution (the minuted
    record), else the report's. `citations` cite the recommendation first, then the
    resolution: each citation's `doc_type` says which is which.
    """

    meeting_date: str | None
    council: str | None
    committee: str | None
    item: str | None
    item_title: str | None
    recommendation: str | None
    resolution: str | None
    outcome: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class _Block:
    """A recommendation or resolution, with every place it is printed."""

    lead: Chunk  # the chunk that names its meeting and item
    text: str
    chunks: tuple[Chunk, ...]
    rows: frozenset[int]


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _clean(chunks: list[Chunk]) -> str:
    """The block's words without its heading or the contact details after it."""
    first = BLOCK_HEAD.sub("", chunks[0].text, count=1)
    text = "\n".join([first, *(c.text for c in chunks[1:])])
    lines = (" ".join(line.split()) for line in TRAILER.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)


def _read_blocks(pairs: list[tuple[int, Chunk]]) -> list[_Block]:
    """Decision chunks grouped into blocks: a heading chunk and the chunks that follow it
    in the same item. Minutes' decision chunks are all resolutions, with or without a
    heading; a report's decision chunk with no heading before it only mentions one."""
    groups: list[list[tuple[int, Chunk]]] = []
    for row, chunk in pairs:
        last = groups[-1][-1] if groups else None
        minutes = chunk.doc_type == "minutes"
        if not minutes and chunk.doc_type not in RECOMMENDING:
            continue
        heads = bool(BLOCK_HEAD.match(chunk.text))
        follows = last is not None and last[0] == row - 1 and _same_part(last[1], chunk)
        if follows and not heads:
            groups[-1].append((row, chunk))
        elif heads or minutes:
            groups.append([(row, chunk)])
    blocks = []
    for group in groups:
        chunks = [c for _, c in group]
        text = _clean(chunks)
        if text:
            blocks.append(_Block(chunks[0], text, tuple(chunks), frozenset(r for r, _ in group)))
    return blocks


def _same_part(a: Chunk, b: Chunk) -> bool:
    """True when two chunks are of one document's section: the same paper, type and item."""
    return all(getattr(a, f) == getattr(b, f) for f in ("source", "doc_type", "item", "item_title"))


def _same_document(a: Chunk, b: Chunk) -> bool:
    return (a.source, a.doc_type) == (b.source, b.doc_type)


def _meeting_key(chunk: Chunk) -> tuple[str | None, frozenset[str], str | None]:
    # Committee names vary between papers ("Children & Young People's ..." against
    # "Children and Young People ..."); their words do not.
    return chunk.council, content_words(chunk.committee), chunk.meeting_date


def _same_body(report: Chunk, minutes: Chunk) -> float | None:
    """None when the two name different councils or committees; else how surely they name
    the same one (a paper whose front sheet names no committee may still be its minutes)."""
    council = (report.council, minutes.council)
    committee = (content_words(report.committee), content_words(minutes.committee))
    if None not in council and council[0] != council[1]:
        return None
    if all(committee) and committee[0] != committee[1]:
        return None
    return SAME_COMMITTEE if all(committee) else 0.0


def _merge(blocks: list[_Block], first_per_paper: bool) -> list[_Block]:
    """One block per meeting item. A second block in the same paper adds its words (a
    minute with two resolutions). With `first_per_paper`, a second block in the same
    document is dropped instead: a report's later "Recommendations" are a review's, not
    the officer's. The same item elsewhere (a reprint, an agenda cover sheet and its
    report) adds only its citations."""
    merged: list[_Block] = []
    where: dict[tuple[Any, ...], int] = {}
    for block in blocks:
        lead = block.lead
        by_item = (*_meeting_key(lead), lead.item or content_words(lead.item_title))
        by_text = (*_meeting_key(lead), " ".join(block.text.lower().split()))
        found = where.get(by_item)
        if found is None and by_text in where:
            # The same words under two numbered items are two decisions ("That the report
            # be noted"); a paper with no item number is the numbered one reprinted.
            other = merged[where[by_text]].lead.item
            found = where[by_text] if other is None or lead.item is None else None
        if found is None:
            where[by_item] = where[by_text] = len(merged)
            merged.append(block)
            continue
        old = merged[found]
        same_paper = old.lead.source == lead.source
        if first_per_paper and any(_same_document(c, lead) for c in old.chunks):
            continue
        merged[found] = _Block(
            old.lead if old.lead.item or not lead.item else lead,
            f"{old.text}\n{block.text}" if same_paper and not first_per_paper else old.text,
            old.chunks + block.chunks,
            old.rows | block.rows,
        )
        where.setdefault(by_item, found)
        where.setdefault(by_text, found)
    return merged


def _match_score(report: Chunk, minutes: Chunk) -> float:
    """How surely a report's item and a minuted item of the same meeting are one; 0 if not."""
    body = _same_body(report, minutes)
    dice = _dice(content_words(report.item_title), content_words(minutes.item_title))
    numbered = report.item is not None and report.item == minutes.item
    if body is None or not (dice >= TITLE_MATCH or (numbered and dice >= NUMBERED_TITLE_MATCH)):
        return 0.0
    return dice + body + (SAME_NUMBER if numbered else 0.0)


def _pair(
    recommendations: list[_Block], resolutions: list[_Block]
) -> list[tuple[_Block | None, _Block | None]]:
    """(recommendation, resolution) pairs, best title matches first, each block used once;
    the unmatched on either side are paired with None."""
    by_date: dict[str, list[int]] = {}
    for j, block in enumerate(resolutions):
        if block.lead.meeting_date is not None:
            by_date.setdefault(block.lead.meeting_date, []).append(j)
    candidates = []
    for i, rec in enumerate(recommendations):
        for j in by_date.get(rec.lead.meeting_date or "", []):
            if (score := _match_score(rec.lead, resolutions[j].lead)) > 0:
                candidates.append((-score, i, j))
    pairs: list[tuple[_Block | None, _Block | None]] = []
    used_rec: set[int] = set()
    used_res: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in used_rec and j not in used_res:
            used_rec.add(i)
            used_res.add(j)
            pairs.append((recommendations[i], resolutions[j]))
    pairs += [(r, None) for i, r in enumerate(recommendations) if i not in used_rec]
    pairs += [(None, r) for j, r in enumerate(resolutions) if j not in used_res]
    return pairs


def _decision(recommendation: _Block | None, resolution: _Block | None) -> Decision:
    sides = [block.lead for block in (resolution, recommendation) if block is not None]
    lead = sides[0]
    outcome = (
        classify_outcome(resolution.text, recommendation.text if recommendation else None)
        if resolution
        else "pending"
    )
    chunks = [
        *(recommendation.chunks if recommendation else ()),
        *(resolution.chunks if resolution else ()),
    ]
    return Decision(
        meeting_date=lead.meeting_date,
        council=next((c.council for c in sides if c.council), None),
        committee=next((c.committee for c in sides if c.committee), None),
        item=lead.item,
        item_title=lead.item_title,
        recommendation=recommendation.text if recommendation else None,
        resolution=resolution.text if resolution else None,
        outcome=outcome,
        citations=tuple(dict.fromkeys(cite(c) for c in chunks)),
    )


def _item_order(decision: Decision) -> tuple[int, str]:
    number = re.match(r"\d+", decision.item or "")
    return (int(number.group()) if number else 10**9, decision.item or "")


def _ledger(generation: Generation, filters: Filters) -> list[tuple[Decision, frozenset[int]]]:
    """Every decision with its rows, newest meeting first, items in agenda order."""
    rows = allowed_rows(generation, Filters(decisions=True)) or []
    # The whole ledger is paired before filtering, so a filter that keeps only the report
    # (a doc type, a committee spelling) cannot make its resolution look pending.
    wanted = allowed_rows(generation, replace(filters, decisions=True))
    keep = None if wanted is None else set(wanted)
    blocks = _read_blocks(list(zip(rows, read_chunks(generation, rows), strict=True)))
    recommendations = _merge([b for b in blocks if b.lead.doc_type != "minutes"], True)
    resolutions = _merge([b for b in blocks if b.lead.doc_type == "minutes"], False)
    entries = []
    for rec, res in _pair(recommendations, resolutions):
        block_rows = (rec.rows if rec else frozenset()) | (res.rows if res else frozenset())
        if keep is None or block_rows & keep:
            entries.append((_decision(rec, res), block_rows))
    entries.sort(key=lambda e: _item_order(e[0]))
    entries.sort(key=lambda e: e[0].meeting_date or "", reverse=True)
    return entries


def build_ledger(generation: Generation, filters: Filters | None = None) -> list[Decision]:
    """Every decision the filters let through, newest meeting first."""
    return [decision for decision, _ in _ledger(generation, filters or Filters())]


def find_decisions(
    searcher: Searcher, query: str = "", filters: Filters | None = None
) -> list[Decision]:
    """The ledger; with a query, only decisions whose passages use a query word, ranked by
    their best passage's hybrid score (newest first among equals)."""
    entries = _ledger(searcher.generation, filters or Filters())
    if not query.strip():
        return [decision for decision, _ in entries]
    only = Filters(decisions=True)
    plan = plan_query(query, searcher.councils, dict(searcher.acronyms))
    matched = {row for row, _ in rank_sparse(searcher.generation, plan.expanded, only, RANK_DEPTH)}
    scores = dict(rank_rows(searcher, query, only, RANK_DEPTH))
    ranked = [
        (max(scores.get(row, 0.0) for row in rows), decision)
        for decision, rows in entries
        if rows & matched
    ]
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return [decision for _, decision in ranked]

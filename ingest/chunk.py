"""Segments of a pack -> paragraph-sized chunks that carry everything needed to cite them."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.lines import Line
from ingest.meeting import Meeting
from ingest.pack import Segment
from ingest.paper import Chunk, embedding_text

# Paragraph sizes, in words. Councillors read hits, so a hit is one paragraph or a short
# run of them, but a lone short paragraph loses the words that find it: on the dev set
# 130/25 gave R@5 0.71 with 81-word hits, 150/60 gives 0.75 with 118-word hits (issue 3
# asks <= 120), 170/60 also 0.75 with 128. MIN_WORDS joins short paragraphs ("Resolved:",
# a table caption, a one-line answer) to their neighbours under the same heading.
MAX_WORDS = 150
MIN_WORDS = 60
# How much of a list's lead-in sentence its bullets carry as context.
LEAD_WORDS = 30
# Bump when a change here cuts papers differently: an index records the version its chunks
# were cut with, and the next ingest re-reads unchanged papers cut with another one.
# 1: until stop 14; 2: a short line ending ":" opens the block it introduces.
CHUNKING_VERSION = 2
# A heading is short and unpunctuated; running text is not.
MAX_HEADING_WORDS = 12
# "2.1", "3.3.4" or "4." / "4)": a bare number ("84 students attended") is a count.
PARAGRAPH_NUMBER = re.compile(
    r"^(?:[-•●▪]\s*)?(\d{1,2}(?:\.\d{1,2}){1,2}|\d{1,2}(?=[.)]))[.)]?\s+(?=\S)"
)
BULLET = re.compile(r"^(?:[-•●▪◦○■–*]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+")
# A decision block opens at a heading that names it ("Recommendation", "6. Recommendations",
# "1. Recommendation(s)", "Resolved:", "RESOLVED that ..."), but not at "4.1 Recommendation
# 1: the Government should ...", a review's recommendation quoted in a report. The decision
# ledger (search/ledger.py) reads blocks with this same pattern.
DECISION_HEAD = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:recommendations?(?:\s*\(s\))?|resolved)"
    r"(?:\s*[:.\-–—]\s*|\s*\n\s*|\s*$|\s+(?=that\b))",
    re.IGNORECASE,
)
WEB = re.compile(r"https?://|www\.|@", re.IGNORECASE)  # footnote links are not headings
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(£])")


@dataclass(slots=True)
class _Block:
    lines: list[str] = field(default_factory=list)
    page: int | None = None
    printed_page: int | None = None
    heading: str | None = None
    paragraph: str | None = None
    decision: bool = False
    rows: bool = False
    lead: str | None = None  # the sentence that introduced the list this block is part of
    start: int = 0  # index of its first line in the segment; blocks merge only when adjacent
    end: int = 0

    def words(self) -> int:
        return sum(len(t.split()) for t in self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) if self.rows else _join(self.lines)


def _join(lines: list[str]) -> str:
    out = ""
    for t in lines:
        if not out:
            out = t
        elif BULLET.match(t) or out.endswith(":"):
            out += "\n" + t
        else:
            out += " " + t
    return out


def _takes_bullets(block: _Block) -> bool:
    """A block that a following bullet continues: a lead-in ending ":" or a bullet list."""
    last = block.lines[-1] if block.lines else ""
    return last.endswith(":") or bool(BULLET.match(last))


def _is_heading(line: Line, following: Line | None) -> bool:
    text = line.text
    if line.strong and len(text.split()) <= 2 * MAX_HEADING_WORDS:
        return True
    if not line.gap_before or len(text.split()) > MAX_HEADING_WORDS or "|" in text:
        return False
    if text.endswith((".", ",", ";", ":", "?")) or BULLET.match(text) or WEB.search(text):
        return False
    return following is None or following.gap_before


def _lead(text: str) -> str:
    """The first sentence of a paragraph, short enough to serve as context."""
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    return " ".join(first.split()[:LEAD_WORDS])


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    heading: str | None = None
    decision = False
    prose: str | None = None
    broken = False  # a heading line was skipped: text on either side of it is not one run
    for n, line in enumerate(lines):
        text = line.text
        following = lines[n + 1] if n + 1 < len(lines) else None
        starts_decision = bool(DECISION_HEAD.match(text))
        if _is_heading(line, following) and not starts_decision:
            heading, decision, prose = PARAGRAPH_NUMBER.sub("", text) or text, False, None
            broken = True
            continue
        decision = decision or starts_decision
        rows = "|" in text
        number = PARAGRAPH_NUMBER.match(text)
        current = blocks[-1] if blocks else None
        fresh = (
            current is None
            or broken
            or current.page != line.page
            or current.heading != heading
            or current.decision != decision
            or current.rows != rows
            or (number is not None and not rows)
            or (line.gap_before and not (BULLET.match(text) and _takes_bullets(current)))
        )
        if fresh:
            paragraph = number.group(1) if number else None
            lead = prose if BULLET.match(text) else None
            current = _Block(
                [], line.page, line.printed_page, heading, paragraph, decision, rows, lead, n, n
            )
            blocks.append(current)
        assert current is not None
        broken = False
        current.lines.append(re.sub(r"^-\s+(?=\d)", "", text))
        current.end = n
        if not BULLET.match(text) and not rows:
            prose = _lead(PARAGRAPH_NUMBER.sub("", text))
    return blocks


def _attach_lead_ins(blocks: list[_Block]) -> list[_Block]:
    """Give a short line that introduces what follows ("DSG year-end position was an
    overspend of £7.2m:" before its table) to the block it introduces, as that block's
    first line: alone it is a hit that says nothing, and the table alone lacks its claim."""
    out: list[_Block] = []
    for block in blocks:
        last = out[-1] if out else None
        introduces = (
            last is not None
            and not last.rows
            and last.decision == block.decision
            and last.words() <= LEAD_WORDS
            and last.text().rstrip().endswith(":")
            and last.page == block.page
            and last.end + 1 == block.start
            and last.heading == block.heading
        )
        if introduces and last is not None:
            block.lines = [last.text(), *block.lines]
            block.start = last.start
            block.paragraph = last.paragraph or block.paragraph
            out[-1] = block
        else:
            out.append(block)
    return out


def _split_long(block: _Block, limit: int) -> list[_Block]:
    """Cut a block over `limit` words at sentence (or table-row) boundaries."""
    if block.words() <= limit:
        return [block]
    pieces = block.lines if block.rows else SENTENCE_END.split(block.text())
    out: list[_Block] = []
    for piece in pieces:
        words = piece.split()
        for start in range(0, len(words), limit):
            part = " ".join(words[start : start + limit])
            last = out[-1] if out else None
            if last is None or last.words() + len(part.split()) > limit:
                last = _Block(
                    [],
                    block.page,
                    block.printed_page,
                    block.heading,
                    block.paragraph if not out else None,
                    block.decision,
                    block.rows,
                    block.lead,
                    block.start,
                    block.end,
                )
                out.append(last)
            last.lines.append(part)
    return out


def _merge_small(blocks: list[_Block]) -> list[_Block]:
    """Join a tiny block to its neighbour on the same page under the same heading: the
    next one ("Resolved:" before its text), else the one before (a closing line)."""
    out: list[_Block] = []
    for block in blocks:
        last = out[-1] if out else None
        mergeable = (
            last is not None
            and min(last.words(), block.words()) < MIN_WORDS
            and last.page == block.page
            and last.end + 1 == block.start
            and last.heading == block.heading
            and last.decision == block.decision
            and last.words() + block.words() <= MAX_WORDS
        )
        if mergeable and last is not None:
            joined = "\n".join([last.text(), block.text()])
            last.lines, last.rows, last.end = [joined], False, block.end
            last.decision = last.decision or block.decision
            last.paragraph = last.paragraph or block.paragraph
        else:
            out.append(block)
    return out


@dataclass(frozen=True, slots=True)
class ChunkPlan:
    """What every chunk of one paper shares, and how to fit chunks to the embedder."""

    source: str
    meeting: Meeting
    count_tokens: Callable[[str], int]
    max_tokens: int


def _context(segment: Segment, block: _Block) -> str:
    parts = [segment.doc_type.capitalize()]
    if segment.item is not None:
        parts.append(segment.item.title)
    if block.heading and (segment.item is None or block.heading != segment.item.title):
        parts.append(block.heading)
    if block.lead and block.lead not in block.text():
        parts.append(block.lead)
    return ". ".join(parts)


def _fit(text: str, context: str, plan: ChunkPlan) -> list[str]:
    """Halve a chunk until its embedding text fits the embedder's token window."""
    if plan.count_tokens(embedding_text(context, text)) <= plan.max_tokens or len(text.split()) < 8:
        return [text]
    words = text.split()
    half = len(words) // 2
    return _fit(" ".join(words[:half]), context, plan) + _fit(" ".join(words[half:]), context, plan)


def chunk_segments(lines: list[Line], segments: list[Segment], plan: ChunkPlan) -> list[Chunk]:
    """Paragraph chunks for every segment, in reading order, with stable ids."""
    chunks: list[Chunk] = []
    for segment in segments:
        blocks = _attach_lead_ins(_blocks(lines[segment.start : segment.end]))
        blocks = [piece for b in blocks for piece in _split_long(b, MAX_WORDS)]
        for block in _merge_small(blocks):
            context = _context(segment, block)
            for text in _fit(block.text(), context, plan):
                chunks.append(_chunk(text, context, block, segment, plan, len(chunks)))
    return chunks


def _chunk(
    text: str, context: str, block: _Block, segment: Segment, plan: ChunkPlan, ordinal: int
) -> Chunk:
    digest = hashlib.sha256(f"{plan.source}\x1f{ordinal}\x1f{text}".encode()).hexdigest()
    item = segment.item
    return Chunk(
        chunk_id=digest[:16],
        source=plan.source,
        text=text,
        context=context,
        page=block.page,
        printed_page=block.printed_page,
        council=plan.meeting.council,
        committee=plan.meeting.committee,
        meeting_date=segment.meeting_date,
        doc_type=segment.doc_type,
        item=(item.number or None) if item else None,
        item_title=item.title if item else None,
        paragraph=block.paragraph,
        heading=block.heading,
        is_decision=block.decision,
        classification="exempt" if segment.exempt else "public",
    )

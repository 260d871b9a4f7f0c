"""What the Streamlit app shows, built without Streamlit: safe Markdown, exports, sources.

Paper text is untrusted. Every function here that returns Markdown escapes all paper text
first, so the only Markdown syntax left in its output is the syntax it adds itself; the
tests check this without a browser, and tests/test_browser.py checks it in one.
"""

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from index import Filters, Generation, PaperInfo, allowed_rows, read_chunks
from ingest import Chunk
from search import Answer, Citation, Hit

# Every ASCII punctuation character: CommonMark lets any of them be backslash-escaped, and
# escaping all of them leaves no emphasis, link, HTML, LaTeX ($) or directive (:) syntax.
MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GitHub-flavoured Markdown links URLs and e-mail addresses in text *after* parsing, so
# escaping cannot stop it; these are shown as code spans instead, which it never links.
LINKABLE = re.compile(
    # Bounded like the addresses themselves (64-character local part), so matching stays linear.
    r"(?:(?:https?|ftp|mailto|xmpp):|www\.)[^\s`]*|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    re.IGNORECASE,
)
URL_TRAILERS = ".,:;!?\"')]}"
# Words too common to be worth highlighting in a passage.
STOPWORDS = frozenset(
    "the and for are was were with that this from what when how did does has have had not "
    "about into than then them they their there which who why will would can could its our".split()
)
MIN_TERM = 3  # shorter query words ("of", "to") would light up half of every passage
SUFFIXES = ("ing", "es", "ed", "s")  # so "waiting" also marks "wait" and "waits"
MIN_STEM = 4  # "uses" -> "use" would also mark "user"; keep stems at least this long
# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = (
    "rank", "score", "label", "council", "committee", "meeting_date", "doc_type", "item",
    "item_title", "page", "printed_page", "paragraph", "heading", "is_decision",
    "classification", "source", "also_in", "text",
)  # fmt: skip
MAX_CONTEXT_ROWS = 20_000  # rows read to find a passage's neighbours; beyond this, give up


def escape_markdown(text: str) -> str:
    """`text` as Markdown that reads as exactly `text` on one line (addresses in code style)."""
    return _escape(" ".join(text.split()))


def _escape(text: str, pattern: re.Pattern[str] | None = None) -> str:
    """Escaped text; URLs as code spans; words `pattern` matches (alphanumeric) in bold."""
    out, start = [], 0
    for link in LINKABLE.finditer(text):
        # Closing punctuation is prose, not address: "(see www.x.gov.uk)."
        url = link.group().rstrip(URL_TRAILERS)
        out += [_emphasise(text[start : link.start()], pattern), f"`{url}`"]
        start = link.start() + len(url)
    out.append(_emphasise(text[start:], pattern))
    return "".join(out)


def _emphasise(text: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return MARKDOWN_SPECIAL.sub(r"\\\1", text)
    out, start = [], 0
    for match in pattern.finditer(text):
        out += [
            _emphasise(text[start : match.start()], None),
            f"**{_emphasise(match.group(), None)}**",
        ]
        start = match.end()
    out.append(_emphasise(text[start:], None))
    return "".join(out)


def query_terms(query: str) -> tuple[str, ...]:
    """The stems of the query words worth highlighting, longest first."""
    terms = set()
    for word in re.findall(r"[^\W_]+", query.casefold()):
        if len(word) < MIN_TERM or word in STOPWORDS:
            continue
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word.removesuffix(suffix)
                break
        terms.add(word)
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def highlight_markdown(text: str, terms: Sequence[str]) -> str:
    """`text` as Markdown with each word starting with one of `terms` in bold.

    Lines keep their breaks and blank lines their paragraphs. Matches start and end on a
    letter or digit, so the `**` around them always open and close as bold.
    """
    pattern = None
    if terms:
        alternatives = "|".join(re.escape(t) for t in terms)
        pattern = re.compile(rf"\b(?:{alternatives})[^\W_]*", re.IGNORECASE)
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(_escape(" ".join(line.split()), pattern))
    return "\n\n".join("  \n".join(lines) for lines in paragraphs if lines)


def neutralise_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: formula starters get a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def hit_row(hit: Hit) -> list[str]:
    """One CSV row for a hit, in CSV_FIELDS order."""
    c = hit.citation
    values: list[object] = [
        hit.rank, hit.score, c.label, c.council, c.committee, c.meeting_date, c.doc_type,
        c.item, c.item_title, c.page, c.printed_page, c.paragraph, hit.heading,
        hit.is_decision, hit.classification, c.source,
        "; ".join(other.label for other in hit.also_in), hit.text,
    ]  # fmt: skip
    return [neutralise_cell(v) for v in values]


def export_csv(hits: Iterable[Hit]) -> str:
    """The hits as CSV with a header row, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(hit_row(hit) for hit in hits)
    return out.getvalue()


def describe_filters(filters: Filters) -> str:
    """The filters a user set, in words ("council: Warwickshire; decisions only")."""
    parts = [
        f"{name}: {value}"
        for name, value in (
            ("council", filters.council),
            ("committee", filters.committee),
            ("since", filters.since),
            ("until", filters.until),
            ("document type", filters.doc_type),
        )
        if value
    ]
    if filters.decisions:
        parts.append("decisions only")
    return "; ".join(parts) or "none"


def full_citation(citation: Citation) -> str:
    """Everything needed to find a passage again, in one line of plain text."""
    parts = [
        citation.council,
        citation.committee,
        f"meeting {citation.meeting_date}" if citation.meeting_date else None,
        citation.doc_type,
        f"item {citation.item}" if citation.item else None,
        citation.item_title,
        f"page {citation.page}" if citation.page is not None else None,
        f"printed page {citation.printed_page}" if citation.printed_page is not None else None,
        f"paragraph {citation.paragraph}" if citation.paragraph else None,
        citation.source,
    ]
    return "; ".join(p for p in parts if p)


def export_briefing(
    query: str,
    filters: Filters,
    hits: Sequence[Hit],
    generation: str,
    today: date,
    answer: Answer | None = None,
) -> str:
    """A Markdown briefing: the query, the answer if one was asked for, then each passage
    quoted with its full citation."""
    lines = [
        f"# Briefing: {escape_markdown(query)}",
        "",
        f"Searched index generation {escape_markdown(generation)} on {today.isoformat()}; "
        f"filters: {escape_markdown(describe_filters(filters))}; "
        f"{len(hits)} passage{'' if len(hits) == 1 else 's'}.",
    ]
    if answer is not None:
        lines += ["", "## Answer", "", f"> {escape_markdown(answer.text)}", ""]
        lines += [f"Quoted from: {escape_markdown(full_citation(c))}" for c in answer.citations]
    for hit in hits:
        lines += ["", f"## {hit.rank}. {escape_markdown(hit.citation.label)}", ""]
        quoted = highlight_markdown(hit.text, ()).replace("\n", "\n> ")
        lines += [f"> {quoted}", "", f"Source: {escape_markdown(full_citation(hit.citation))}"]
        for other in hit.also_in:
            lines.append(f"Also in: {escape_markdown(full_citation(other))}")
    return "\n".join(lines) + "\n"


def paper_rows(papers: Iterable[PaperInfo]) -> list[dict[str, object]]:
    """One row a paper for the coverage table."""
    return [
        {
            "paper": Path(p.source).name,
            "council": p.council,
            "committee": p.committee,
            "meeting": p.meeting_date,
            "kind": p.kind,
            "pages": p.page_count,
            "agenda items": len(p.items),
            "passages": p.chunks,
            "pages with no text": len(p.image_only_pages),
            "warnings": len(p.warnings),
            "source": p.source,
        }
        for p in papers
    ]


def meeting_rows(papers: Iterable[PaperInfo]) -> list[dict[str, object]]:
    """One row a meeting (date, council, committee), newest first, with its papers."""
    meetings: dict[tuple[str, str, str], list[PaperInfo]] = {}
    for p in papers:
        key = (p.meeting_date or "", p.council or "", p.committee or "")
        meetings.setdefault(key, []).append(p)
    return [
        {
            "meeting": day or None,
            "council": council or None,
            "committee": committee or None,
            "papers": len(group),
            "passages": sum(p.chunks for p in group),
        }
        for (day, council, committee), group in sorted(meetings.items(), reverse=True)
    ]


def page_ranges(pages: Iterable[int]) -> str:
    """Page numbers as ranges: (1, 2, 3, 5) -> "1-3, 5"."""
    spans: list[list[int]] = []
    for page in sorted(set(pages)):
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def parse_day(value: str) -> str | None:
    """An ISO date from a filter box, None when blank; ValueError when not YYYY-MM-DD."""
    value = value.strip()
    return date.fromisoformat(value).isoformat() if value else None


def file_matches(path: Path, sha256: str) -> bool:
    """True when the file at `path` is still the one the index was built from."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == sha256


def _meeting_chunks(generation: Generation, citation: Citation) -> list[Chunk]:
    """The chunks of the cited paper at the cited meeting, in paper order.

    A paper's chunks sit in consecutive rows in paper order, so the rows the meeting's
    filters allow, read in ascending order, are the paper's passages in reading order.
    """
    filters = Filters(
        committee=citation.committee,
        council=citation.council if citation.committee is None else None,
        since=citation.meeting_date,
        until=citation.meeting_date,
    )
    rows = allowed_rows(generation, filters)
    if rows is None or len(rows) > MAX_CONTEXT_ROWS:
        return []
    return [c for c in read_chunks(generation, rows) if c.source == citation.source]


def item_context(
    generation: Generation, citation: Citation, chunk_id: str, before: int, after: int
) -> list[Chunk]:
    """The cited chunk with up to `before` and `after` chunks of its agenda item around it."""
    chunks = [c for c in _meeting_chunks(generation, citation) if c.item == citation.item]
    ids = [c.chunk_id for c in chunks]
    if chunk_id not in ids:
        return []
    at = ids.index(chunk_id)
    return chunks[max(0, at - before) : at + after + 1]


def page_chunks(generation: Generation, citation: Citation) -> list[Chunk]:
    """Every indexed chunk printed on the cited page: its text, when it cannot be drawn."""
    if citation.page is None:
        return []
    return [c for c in _meeting_chunks(generation, citation) if c.page == citation.page]

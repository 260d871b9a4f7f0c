"""Pages of text -> clean lines that remember their page, printed page and emphasis."""

import re
from dataclasses import dataclass

from ingest.document import Document

# modern.gov and most report templates print the page number alone, or as "Page N" /
# "Page N of M", as the first or last line of a page.
PRINTED_PAGE = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
# How many lines at each end of a page may hold the printed page number.
PAGE_EDGE_LINES = 3
BLANK_PAGE = re.compile(r"^(this page is intentionally left blank|blank)$", re.IGNORECASE)
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
INLINE_TAG = re.compile(r"</?(?:b|strong|i|em|u|sup|sub|span|font|a)\b[^>]*>", re.IGNORECASE)
BREAK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol)\b[^>]*>", re.IGNORECASE)
EMPHASIS = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*)")
TABLE_RULE = re.compile(r"^[\s|:\-+]*$")
# A Markdown rule ("---", "***", "___") or a lone bullet carries no text.
RULE = re.compile(r"^\s*(?:[-*_=]\s*){1,}$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a paper. `strong` marks a Markdown heading or a line set wholly in bold."""

    text: str
    page: int | None
    printed_page: int | None
    strong: bool = False
    page_break: bool = False  # a blank-page marker or the first line of a new page
    gap_before: bool = False  # an empty line came before it: a paragraph may start here


def clean_inline(text: str) -> str:
    """Drop inline markup (bold stars, simple tags) and fold white space.

    Entities are not decoded here: the readers decoded them once already (the HTML parser,
    flatten_markup for text exports), and a second pass turned an escaped "&amp;lt;" into "<".
    """
    text = BREAK_TAG.sub(" ", INLINE_TAG.sub("", text))
    text = EMPHASIS.sub("", text)
    return " ".join(text.split())


def _printed_page(lines: list[str]) -> tuple[int | None, set[int]]:
    """Find the printed page number near the top or bottom of a page's lines."""
    filled = [i for i, s in enumerate(lines) if s.strip()]
    edges = filled[:PAGE_EDGE_LINES] + filled[-PAGE_EDGE_LINES:]
    for i in edges:
        match = PRINTED_PAGE.match(lines[i].strip())
        if match:
            return int(match.group(1)), {i}
    return None, set()


def _line(raw: str, page: int | None, printed: int | None, first: bool, gap: bool) -> Line | None:
    # Tab-separated exports are tables: keep the cell boundaries visible.
    stripped = re.sub(r"\t+", " | ", raw.strip())
    if not stripped or (TABLE_RULE.match(stripped) and "|" in stripped) or RULE.match(stripped):
        return None
    strong = False
    heading = MARKDOWN_HEADING.match(stripped)
    if heading:
        stripped, strong = heading.group(2), True
    bare = stripped.strip("* ")
    if stripped.startswith("**") and stripped.endswith("**") and "**" not in bare:
        strong = True
    text = clean_inline(stripped)
    if not text:
        return None
    return Line(text, page, printed, strong, first, gap or first)


def split_lines(document: Document) -> list[Line]:
    """Every non-empty line of a paper, in reading order, with where it was printed.

    A new PDF page or a "This page is intentionally left blank" marker sets `page_break`
    on the next line: section covers start there.
    """
    out: list[Line] = []
    pending_break = False
    for page in document.pages:
        # Some exports run a bold committee name into a bold title: "**A****B**".
        raw_lines = page.text.replace("****", "**\n**").split("\n")
        printed, drop = (None, set()) if page.number is None else _printed_page(raw_lines)
        pending_break = pending_break or page.number is not None
        gap = True
        for i, raw in enumerate(raw_lines):
            if i in drop:
                continue
            if BLANK_PAGE.match(raw.strip().strip("*")):
                pending_break = True
                continue
            line = _line(raw, page.number, printed, pending_break, gap)
            gap = line is None
            if line is not None:
                out.append(line)
                pending_break = False
    return out

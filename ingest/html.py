"""HTML exports to plain text with the standard library's streaming parser.

html.parser calls us back tag by tag and never builds a tree, so depth costs nothing:
200,000 nested divs parse in about a second with no recursion (reliability.md T7).
"""

from html.parser import HTMLParser

from ingest.document import Document
from ingest.errors import UnreadablePaper
from ingest.text import clean_text, decode_text, split_pages

# Contents never shown as page text; html.parser hands script and style bodies to
# handle_data unless we skip them (reliability.md 2.1).
SKIPPED = frozenset({"script", "style", "noscript", "template", "head"})
# Elements that start a new line of text.
BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div"}
    | {"dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr"}
    | {"li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot"}
    | {"thead", "title", "tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)
# Elements after which a blank line separates paragraphs, as in the Markdown exports.
PARAGRAPHS = frozenset(
    {"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "table", "ul"}
)
HEADINGS = {f"h{level}": "#" * level + " " for level in range(1, 7)}
CELL_SEPARATOR = " | "


def read_html(data: bytes, source: str, sha256: str) -> Document:
    """An HTML export as a Document with one page without a number."""
    text = clean_text(html_to_text(decode_text(data, source)))
    if not text.strip():
        raise UnreadablePaper(source, "empty file: the page has no visible text to index")
    return Document(source, sha256, "html", split_pages(text))


def html_to_text(markup: str) -> str:
    """Visible text, one line per block and per table row (cells joined by " | "),
    headings as Markdown `#` lines, list items as "- " lines, entities decoded once."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    """Collects lines as tags stream past; `_cells` is the table row being built, if any."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = []
        self._parts: list[str] = []
        self._prefix = ""
        self._skipping: list[str] = []
        self._cells: list[list[str]] | None = None
        self._pre_depth = 0
        self._list_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping.append(tag)
        elif tag == "body":
            self._skipping = [t for t in self._skipping if t != "head"]  # an unclosed head
        elif self._skipping:
            return
        elif tag == "tr":
            self._break()
            self._cells = []
        elif tag in ("td", "th"):
            self._start_cell()
        elif tag in BLOCKS and self._cells is not None and tag != "table":
            self._add_to_cell(" ")  # a block inside a cell keeps the row on one line
        elif tag in BLOCKS:
            self._break()
            self._prefix = HEADINGS.get(tag, "- " if tag == "li" else self._prefix)
            self._pre_depth += 1 if tag == "pre" else 0
            self._list_depth += 1 if tag in ("ul", "ol") else 0

    def handle_endtag(self, tag: str) -> None:
        if tag in self._skipping:
            while self._skipping.pop() != tag:
                pass
        elif self._skipping or tag in ("td", "th"):
            return
        elif tag in ("tr", "table") or (tag in BLOCKS and self._cells is None):
            self._break()
            self._pre_depth -= 1 if tag == "pre" and self._pre_depth else 0
            self._list_depth -= 1 if tag in ("ul", "ol") and self._list_depth else 0
            # Paragraphs inside a list item stay with the list, as in the Markdown exports.
            in_list = self._list_depth > 0 and tag == "p"
            if tag in PARAGRAPHS and not in_list and self._lines and self._lines[-1]:
                self._lines.append("")
        elif tag in BLOCKS:
            self._add_to_cell(" ")

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._cells is not None:
            if data.strip() or self._cells:
                self._add_to_cell(data)
        elif self._pre_depth and "\n" in data:
            first, *rest = data.split("\n")
            self._parts.append(first)
            for line in rest:
                self._break()
                self._parts.append(line)
        else:
            self._parts.append(data)

    def text(self) -> str:
        self._break()
        return "\n".join(self._lines).strip("\n") + "\n"

    def _start_cell(self) -> None:
        if self._cells is None:
            self._break()
            self._cells = []
        self._cells.append([])

    def _add_to_cell(self, data: str) -> None:
        assert self._cells is not None
        if not self._cells:
            self._cells.append([])
        self._cells[-1].append(data)

    def _break(self) -> None:
        """End the line (or table row) being built; a pending prefix waits for text."""
        if self._cells is not None:
            cells = [" ".join("".join(cell).split()) for cell in self._cells]
            self._cells = None
            line = CELL_SEPARATOR.join(cells) if any(cells) else ""
        else:
            line = " ".join("".join(self._parts).split())
        self._parts = []
        if line:
            self._lines.append(self._prefix + line)
            self._prefix = ""

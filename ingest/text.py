"""Text and Markdown exports (decoded without guessing, cleaned, split at form feeds),
and the cleaning of PDF page text."""

import html
import re
import unicodedata

from ingest.document import Document, Page
from ingest.errors import UnreadablePaper

# Byte-order marks name their encoding outright, so honouring them is not guessing.
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control bytes that never occur in text (tab, newline, carriage return and form feed do).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# The same controls as characters, plus lone surrogates, which cannot be stored as UTF-8.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
# Above 1% control characters a file is data, not a text export with a stray NUL or two.
MAX_CONTROL_SHARE = 0.01
# Markdown images and links; bounded and bracket-free so a megabyte of "[" stays linear.
MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]\n]{0,1000}\]\([^()\n]{0,2000}\)")
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,1000})\]\([^()\s]{0,2000}(?: \"[^\"\n]{0,500}\")?\)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
# HTML tags the exports leave inline (e.g. `<b>5. Title</b>` in a table cell). Block tags
# become a space, not a break, so a Markdown table row stays on one line.
BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|table|thead|tbody|tr|td|th|h[1-6]|hr|img)\b[^<>\n]{0,1000}>",
    re.IGNORECASE,
)
INLINE_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|s|strike|del|ins|sup|sub|span|font|a|small|big|mark|code|center)"
    r"\b[^<>\n]{0,1000}>",
    re.IGNORECASE,
)
# Typographic ligatures that some PDF fonts map a glyph to; searchers type the letters.
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
    | {"\ufb05": "st", "\ufb06": "st"}
)
# In PDF text \f means nothing, and soft hyphens only mark where a word may break.
PDF_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\ud800-\udfff]")
# A word broken across lines at a hyphen ("chil-\ndren"); possessive so long words stay linear.
HYPHEN_BREAK = re.compile(r"\b([^\W\d_]++)-\n(?=([^\W\d_]))")
# Words that start real compounds: in the Kent Q3 report every line-end hyphen was one
# ("in-\nyear", "one-\noff", "multi-\nyear"), so these keep their hyphen and lose the break.
COMPOUND_HEADS = frozenset(
    {"anti", "co", "cross", "day", "full", "half", "high", "in", "inter", "long", "low"}
    | {"mid", "multi", "non", "off", "on", "one", "out", "over", "part", "post", "self"}
    | {"semi", "short", "sub", "three", "two", "under", "well", "year"}
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def read_text(data: bytes, source: str, sha256: str, *, markdown: bool) -> Document:
    """A text or Markdown export as a Document: one page per form feed, else one page
    without a number. Markdown syntax the pack parser needs (`#`, `|`) is kept."""
    text = flatten_markup(clean_text(decode_text(data, source)))
    if not text.strip():
        raise UnreadablePaper(source, "empty file: there is no text to index")
    return Document(source, sha256, "markdown" if markdown else "text", split_pages(text))


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (a byte-order mark is honoured and dropped), else UTF-8 or Windows-1252 line by
    line; never guessed."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _reject_binary(data.decode(encoding), source)
            except UnicodeDecodeError:
                raise UnreadablePaper(source, f"not valid {encoding} text") from None
    control = len(data) - len(data.translate(None, CONTROL_BYTES))
    if control > MAX_CONTROL_SHARE * len(data):
        raise UnreadablePaper(source, "binary data, not text: export it as text, PDF or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # The same chain line by line: exports stitched together mix UTF-8 lines with
    # Windows-1252 ones, and a whole-file cp1252 decode turns every UTF-8 "£" into "Â£".
    try:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))
    except UnicodeDecodeError:
        raise UnreadablePaper(
            source, "not UTF-8 or Windows-1252 text: re-save it as UTF-8"
        ) from None


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252")


def _reject_binary(text: str, source: str) -> str:
    if len(CONTROL_CHARS.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise UnreadablePaper(source, "binary data, not text: export it as text, PDF or HTML")
    return text


def clean_text(text: str) -> str:
    """Unix line ends, no NULs or other controls (tab, newline and form feed stay), NFC,
    and no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", CONTROL_CHARS.sub("", text))
    return "\n".join(line.rstrip(" \t\u00a0") for line in text.split("\n"))


def flatten_markup(text: str) -> str:
    """Drop Markdown images, keep link text, unwrap autolinks, strip the inline HTML tags
    the exports carry and decode their entities once."""
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = BLOCK_TAG.sub(" ", INLINE_TAG.sub("", text))
    return ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def split_pages(text: str) -> tuple[Page, ...]:
    """Pages at form feeds, numbered from 1; a trailing form feed does not start a page."""
    if "\f" not in text:
        return (Page(None, text),)
    parts = text.split("\f")
    if not parts[-1].strip():
        parts.pop()
    return tuple(Page(number, part) for number, part in enumerate(parts, start=1))


def clean_pdf_text(text: str) -> str:
    """pypdf's page text without controls, NULs or soft hyphens, ligatures spelt out, NFC,
    no trailing spaces or blank lines at either end, and words hyphenated across a line
    break mended."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", PDF_INVISIBLE.sub("", text).translate(LIGATURES))
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return HYPHEN_BREAK.sub(_mend_hyphen, text)


def _mend_hyphen(match: re.Match[str]) -> str:
    head, next_letter = match.group(1), match.group(2)
    if not (head.islower() and next_letter.islower()):
        return match.group(0)
    return f"{head}-" if head in COMPOUND_HEADS else head

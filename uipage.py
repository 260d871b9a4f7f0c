"""A cited PDF page as a picture, with the cited passage highlighted on it.

Poppler draws the page (pdftoppm) and reports where each word sits on it (pdftotext
-bbox-layout); the passage is placed by matching its words against the page's. The PDF is
untrusted: both tools run with a memory limit and a timeout, their arguments are never
parsed by a shell, and their XHTML is read only after checking it declares nothing.
"""

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby, pairwise
from pathlib import Path

from PIL import Image, ImageDraw

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PAGE_PIXELS = 1100  # long side of a rendered page: readable beside a card, bounded in size
RENDER_SECONDS = 20  # poppler has hung on crafted PDFs too; a page takes ~0.3 s
RENDER_MEMORY_KB = 1_048_576  # ulimit -v for poppler: a crafted page cannot eat the host
# The word list sits in <doc>; the head before it holds the PDF's own title and metadata,
# which we do not need, and poppler's DOCTYPE, which we refuse to parse.
DOC = re.compile(r"<doc>.*</doc>", re.DOTALL)
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TOKEN = re.compile(r"[^\W_]+")
# A passage is placed when this share of its words is found in one region of the page:
# below it, the words matched are as likely to be scattered common words as the passage.
MIN_COVERAGE = 0.5
# Page words between two matched runs that still count as one region: a wide table reads
# its cells row by row, so one cell's words arrive with the other columns' between them.
MAX_GAP = 30
FILL_GAP = 3  # unmatched words between matched ones still highlighted: a split word, a mark
ASPECT_TOLERANCE = 0.02  # picture and word boxes disagree more than this: the page is rotated
HIGHLIGHT = (255, 221, 0, 96)  # translucent yellow (RGBA): the text stays readable under it
PADDING = 2  # pixels around each box, so ascenders and descenders sit inside it


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a PDF page in points from the top left: x0 < x1, y0 < y1."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Word:
    """A word as poppler reads it off the page; `line` numbers its line on the page."""

    text: str
    box: Box
    line: int


@dataclass(frozen=True, slots=True)
class PageWords:
    """A page's size in points and its words in reading order."""

    width: float
    height: float
    words: tuple[Word, ...]


def find_renderer() -> str | None:
    """Where poppler's pdftoppm is (Debian: poppler-utils), or None when not installed."""
    return shutil.which("pdftoppm")


def find_word_reader() -> str | None:
    """Where poppler's pdftotext is (Debian: poppler-utils), or None when not installed."""
    return shutil.which("pdftotext")


def _run_poppler(command: list[str]) -> bytes | None:
    """The standard output of a poppler tool run with the limits; None if it fails."""
    # sh only sets the memory limit: the arguments go to the tool as "$@", never parsed.
    limited = ["sh", "-c", f'ulimit -v {RENDER_MEMORY_KB} && exec "$@"', "sh", *command]
    try:
        done = subprocess.run(limited, capture_output=True, timeout=RENDER_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return None
    return done.stdout if done.returncode == 0 else None


def render_pdf_page(renderer: str, path: Path, page: int) -> bytes | None:
    """PNG bytes of one PDF page (1-based) drawn by `renderer`; None if it fails."""
    command = [renderer, "-f", str(page), "-l", str(page), "-png", "-singlefile"]
    command += ["-scale-to", str(PAGE_PIXELS), "--", str(path)]
    png = _run_poppler(command)
    return png if png is not None and png.startswith(PNG_MAGIC) else None


def read_page_words(reader: str, path: Path, page: int) -> PageWords | None:
    """The words of one PDF page (1-based) with their boxes, read by `reader` (pdftotext);
    None when it fails or reports no page."""
    command = [reader, "-bbox-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page)]
    out = _run_poppler([*command, "--", str(path), "-"])
    return parse_page_words(out.decode("utf-8", "replace")) if out is not None else None


def parse_page_words(xhtml: str) -> PageWords | None:
    """The first page in pdftotext's -bbox-layout XHTML; None when there is none or the
    XHTML is malformed or declares anything (a DOCTYPE or entity inside the word list)."""
    found = DOC.search(xhtml)
    # Poppler escapes the page's text, so "<!" inside <doc> is never the PDF's words.
    if found is None or "<!" in found.group():
        return None
    try:
        doc = ET.fromstring(XML_INVALID.sub("", found.group()))
        page = doc.find("page")
        if page is None:
            return None
        words = []
        for number, line in enumerate(page.iter("line")):
            words += [Word(w.text or "", _box(w), number) for w in line.iter("word")]
        return PageWords(float(page.get("width", "")), float(page.get("height", "")), tuple(words))
    except (ET.ParseError, ValueError):
        return None


def _box(element: ET.Element) -> Box:
    """The box an element's xMin..yMax attributes give; ValueError when one is missing."""
    x0, y0, x1, y1 = (float(element.get(k, "")) for k in ("xMin", "yMin", "xMax", "yMax"))
    return Box(x0, y0, x1, y1)


def normalise_words(text: str) -> list[str]:
    """The words of `text`, case-folded, without punctuation ("Members," -> "members")."""
    return TOKEN.findall(text.casefold())


def place_passage(page: PageWords, passage: str) -> tuple[Box, ...]:
    """Boxes around the passage's words on the page, one a run of them on a line, in reading
    order; none when too few are found together (MIN_COVERAGE) to say where it is."""
    wanted = normalise_words(passage)
    per_word = [normalise_words(word.text) for word in page.words]
    owners = [number for number, found in enumerate(per_word) for _ in found]
    tokens = [token for found in per_word for token in found]
    if not wanted or not tokens:
        return ()
    matcher = SequenceMatcher(None, tokens, wanted, autojunk=False)
    runs = [(m.a, m.size) for m in matcher.get_matching_blocks() if m.size]
    region = _densest_region(runs)
    if sum(size for _, size in region) < MIN_COVERAGE * len(wanted):
        return ()
    marked = sorted({owners[t] for start, size in region for t in range(start, start + size)})
    filled = set(marked)
    for before, after in pairwise(marked):
        # A few unmatched words between matched ones are the passage printed differently
        # (a split hyphenated word, a footnote mark); punctuation-only words own no tokens.
        if sum(len(found) for found in per_word[before + 1 : after]) <= FILL_GAP:
            filled.update(range(before + 1, after))
    return _line_boxes(page.words, filled)


def _densest_region(runs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the matched runs (page token, length) in page order, those in the region with the
    most matched tokens, where no two neighbours are more than MAX_GAP tokens apart; a lone
    matched word at either end, apart from the rest, is a common word matched by chance."""
    regions: list[list[tuple[int, int]]] = []
    for start, size in runs:
        if regions and start - sum(regions[-1][-1]) <= MAX_GAP:
            regions[-1].append((start, size))
        else:
            regions.append([(start, size)])
    best = max(regions, key=lambda region: sum(size for _, size in region), default=[])
    while len(best) > 1 and best[0][1] == 1 and best[1][0] - best[0][0] > FILL_GAP + 1:
        best = best[1:]
    while len(best) > 1 and best[-1][1] == 1 and best[-1][0] - sum(best[-2]) > FILL_GAP:
        best = best[:-1]
    return best


def _line_boxes(words: Sequence[Word], marked: set[int]) -> tuple[Box, ...]:
    """One box around each run of marked words (by index) that are next to each other on
    a line."""
    boxes = []
    runs = groupby(range(len(words)), key=lambda n: (n in marked, words[n].line))
    for (inside, _), group in runs:
        if not inside:
            continue
        line = [words[n].box for n in group]
        boxes.append(
            Box(
                min(b.x0 for b in line),
                min(b.y0 for b in line),
                max(b.x1 for b in line),
                max(b.y1 for b in line),
            )
        )
    return tuple(boxes)


def scale_boxes(page: PageWords, size: tuple[int, int], boxes: Sequence[Box]) -> list[Box]:
    """The boxes in pixels of a picture of the page `size` (width, height) pixels, padded
    and clipped to it; none when the picture's shape is not the page's (a rotated page)."""
    width, height = size
    if page.width <= 0 or page.height <= 0 or width <= 0 or height <= 0:
        return []
    if abs(width / height - page.width / page.height) > ASPECT_TOLERANCE * width / height:
        return []
    sx, sy = width / page.width, height / page.height
    return [
        Box(
            max(0.0, b.x0 * sx - PADDING),
            max(0.0, b.y0 * sy - PADDING),
            min(width - 1.0, b.x1 * sx + PADDING),
            min(height - 1.0, b.y1 * sy + PADDING),
        )
        for b in boxes
    ]


def draw_boxes(png: bytes, boxes: Sequence[Box]) -> bytes:
    """The PNG with a translucent yellow rectangle over each box (in pixels)."""
    with Image.open(io.BytesIO(png)) as picture:
        base = picture.convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    for box in boxes:
        pen.rectangle((box.x0, box.y0, box.x1, box.y1), fill=HIGHLIGHT)
    out = io.BytesIO()
    Image.alpha_composite(base, layer).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def highlight_passage(png: bytes, page: PageWords | None, passage: str) -> bytes | None:
    """The page picture with the passage highlighted; None when it cannot be placed."""
    if page is None:
        return None
    with Image.open(io.BytesIO(png)) as picture:
        size = picture.size
    boxes = scale_boxes(page, size, place_passage(page, passage))
    return draw_boxes(png, boxes) if boxes else None

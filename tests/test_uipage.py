"""A cited PDF page drawn with its passage highlighted: word boxes, placement, drawing."""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from tests.conftest import ROOT, assemble_pdf
from uipage import (
    Box,
    PageWords,
    draw_boxes,
    find_renderer,
    find_word_reader,
    highlight_passage,
    parse_page_words,
    place_passage,
    read_page_words,
    render_pdf_page,
    scale_boxes,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils is not installed",
)

MINUTES = "uk-kent-cc_2025-01-30_cabinet_printed-minutes.pdf"
ARTIFACTS = ROOT / "tests" / "artifacts"
# Page 9 of the minutes, paragraph (e), cut mid-line at both ends and run onto one line.
ON_PAGE_9 = (
    "a decision was awaited from Government on Kent’s inclusion on the Devolution Priority "
    "Programme, and the potential postponement of elections, the response was required "
    "imminently to ensure adequate preparation. The organisation of an election required "
    "400 to 700 staff per district or borough council"
)
# Page 3, paragraph (b), as pypdf reads it: "father-" ends a line in the PDF, and the
# hyphen is lost when the lines are joined.
ON_PAGE_3 = (
    "The Department for Education had praised Kent's progressive approach to "
    "father-inclusive initiatives. In 2023, Kent in partnership with the Kent Safeguarding "
    "Children’s Multi Agency Partnership (KSCMP) created a parent inclusion coordinator role "
    "and developed a multi-agency fatherinclusive practice guide through the collaboration "
    "of Kent Fathers, the charity Dads Unlimited, and Young Apprentices."
)


@pytest.fixture(scope="module")
def minutes(pdf_dir: Path) -> Path:
    return pdf_dir / MINUTES


def words_of(minutes: Path, page: int) -> PageWords:
    reader = find_word_reader()
    assert reader is not None
    words = read_page_words(reader, minutes, page)
    assert words is not None
    return words


def page_png(minutes: Path, page: int) -> bytes:
    renderer = find_renderer()
    assert renderer is not None
    png = render_pdf_page(renderer, minutes, page)
    assert png is not None
    return png


def text_in(words: PageWords, boxes: tuple[Box, ...]) -> str:
    """The page's words whose centres fall inside the boxes, in reading order."""

    def inside(box: Box) -> bool:
        x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        return any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for b in boxes)

    return " ".join(w.text for w in words.words if inside(w.box))


def test_pdftotext_reports_the_page_size_and_its_words_in_reading_order(minutes: Path) -> None:
    page = words_of(minutes, 9)
    assert (page.width, page.height) == pytest.approx((595.45, 841.9), abs=0.01)
    texts = [w.text for w in page.words]
    assert texts[2:6] == ["Family", "Hub", "awareness", "survey"]
    assert "Regarding" in texts and "(Item" in texts
    family = page.words[2]
    assert family.box.x0 == pytest.approx(160.9, abs=0.01)
    assert family.box.y0 < family.box.y1 < page.height
    assert page.words[2].line == page.words[5].line != page.words[0].line


def test_a_paragraph_cut_mid_line_is_placed_one_box_a_line_on_its_lines(minutes: Path) -> None:
    page = words_of(minutes, 9)
    boxes = place_passage(page, ON_PAGE_9)
    assert len(boxes) == 5
    assert all(0 <= b.x0 < b.x1 <= page.width and 0 <= b.y0 < b.y1 <= page.height for b in boxes)
    assert [b.y0 for b in boxes] == sorted(b.y0 for b in boxes)
    shown = text_in(page, boxes)
    assert shown.startswith("a decision was awaited from Government")
    assert shown.endswith("400 to 700 staff per district or borough council")
    assert "Mr Jeffrey" not in shown and "involved" not in shown


def test_words_split_across_lines_are_still_placed(minutes: Path) -> None:
    page = words_of(minutes, 3)
    boxes = place_passage(page, ON_PAGE_3)
    shown = text_in(page, boxes)
    assert shown.startswith("The Department for Education had praised")
    assert "multi-agency father- inclusive practice guide" in shown
    assert shown.endswith("and Young Apprentices.")
    assert "KYCC" not in shown and "Well-Being" not in shown


def test_a_passage_from_another_page_is_not_placed(minutes: Path) -> None:
    assert place_passage(words_of(minutes, 3), ON_PAGE_9) == ()
    assert place_passage(words_of(minutes, 9), ON_PAGE_3) == ()
    assert place_passage(words_of(minutes, 9), "") == ()


def test_a_scattering_of_common_words_is_not_a_passage(minutes: Path) -> None:
    page = words_of(minutes, 9)
    scattered = "the council noted that the report and the training were for the members"
    assert place_passage(page, scattered) == ()


def test_drawing_marks_the_boxes_and_leaves_every_other_pixel(minutes: Path) -> None:
    page, png = words_of(minutes, 9), page_png(minutes, 9)
    before = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = scale_boxes(page, before.size, place_passage(page, ON_PAGE_9))
    assert len(pixels) == 5
    after_png = draw_boxes(png, pixels)
    after = Image.open(io.BytesIO(after_png)).convert("RGB")
    assert after.size == before.size
    mask = Image.new("L", before.size, 0)
    for box in pixels:
        ImageDraw.Draw(mask).rectangle((box.x0, box.y0, box.x1, box.y1), fill=255)
    changed = ImageChops.difference(before, after).convert("L").point(lambda v: 255 * (v > 0))
    assert ImageChops.multiply(changed, ImageChops.invert(mask)).getbbox() is None
    for box in pixels:
        inside = changed.crop((int(box.x0), int(box.y0), int(box.x1), int(box.y1)))
        assert inside.getbbox() is not None
    # Yellow over white paper: red and green stay high, blue drops.
    pixel = after.getpixel((int(pixels[0].x0) + 1, int(pixels[0].y0) + 1))
    assert isinstance(pixel, tuple)
    red, green, blue = pixel[:3]
    assert red > 200 and green > 180 and blue < 200
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "highlighted-page.png").write_bytes(after_png)


def test_highlighting_a_page_needs_its_words_and_the_passage(minutes: Path) -> None:
    page, png = words_of(minutes, 9), page_png(minutes, 9)
    marked = highlight_passage(png, page, ON_PAGE_9)
    assert marked is not None and marked != png
    assert highlight_passage(png, page, ON_PAGE_3) is None
    assert highlight_passage(png, None, ON_PAGE_9) is None


def test_boxes_are_scaled_to_the_picture_and_refused_when_its_shape_differs() -> None:
    page = PageWords(width=600.0, height=800.0, words=())
    (box,) = scale_boxes(page, (300, 400), [Box(100.0, 200.0, 300.0, 220.0)])
    assert (box.x0, box.y0, box.x1, box.y1) == (48.0, 98.0, 152.0, 112.0)  # 2 pixels of padding
    assert scale_boxes(page, (400, 300), [Box(100.0, 200.0, 300.0, 220.0)]) == []


def test_garbage_and_damaged_pdfs_give_no_words(tmp_path: Path, minutes: Path) -> None:
    reader = find_word_reader()
    assert reader is not None
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n\x00\xff not really a PDF")
    assert read_page_words(reader, garbage, 1) is None
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(
        assemble_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                b"<< /Length 24 >>\nstream\n\x00\xff BT ((( Tj ET garbage\nendstream",
            ]
        )
    )
    assert read_page_words(reader, damaged, 1) == PageWords(612.0, 792.0, ())
    assert read_page_words(reader, damaged, 2) is None  # no such page
    assert read_page_words(reader, minutes, 99) is None


def test_a_file_name_is_never_read_as_an_option_or_a_command(tmp_path: Path, minutes: Path) -> None:
    reader = find_word_reader()
    assert reader is not None
    odd = tmp_path / "-v; touch pwned $(touch pwned2).pdf"
    odd.symlink_to(minutes)
    page = read_page_words(reader, odd, 9)
    assert page is not None and len(page.words) > 100
    assert not list(tmp_path.glob("pwned*")) and not list(Path.cwd().glob("pwned*"))


@pytest.mark.parametrize(
    "xhtml",
    [
        "",
        "<doc></doc>",
        '<doc><page width="10" height="oops"></page></doc>',
        '<doc><page width="10" height="10"><line><word xMin="1">a</word></line></page></doc>',
        '<doc><page width="10" height="10"><line>',
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><doc><page width="1" height="1">&a;</page></doc>',
        '<doc><!DOCTYPE x [<!ENTITY a "a">]><page width="1" height="1">&a;</page></doc>',
        '<doc><!ENTITY a SYSTEM "file:///etc/passwd"><page width="1" height="1"/></doc>',
    ],
)
def test_malformed_or_declaring_xhtml_gives_no_words(xhtml: str) -> None:
    assert parse_page_words(xhtml) is None


def test_control_characters_in_a_word_do_not_lose_the_page() -> None:
    xhtml = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html><body>'
        '<doc><page width="100" height="200"><flow><block><line>'
        '<word xMin="1" yMin="2" xMax="3" yMax="4">a\x01b</word>'
        '<word xMin="5" yMin="2" xMax="9" yMax="4">&amp;c</word>'
        "</line></block></flow></page></doc></body></html>"
    )
    page = parse_page_words(xhtml)
    assert page is not None
    assert (page.width, page.height) == (100.0, 200.0)
    assert [w.text for w in page.words] == ["ab", "&c"]
    assert page.words[1].box == Box(5.0, 2.0, 9.0, 4.0)

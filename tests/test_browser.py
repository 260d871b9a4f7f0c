"""The Streamlit app served for real and driven in Debian's Chromium (never `playwright install`).

Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import CORPUS, ROOT
from tests.test_ui import build_index, write_payload_corpus
from uiparts import CSV_FIELDS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
START_SECONDS = 60  # a cold start imports torch via the index package: allow for a slow CI
WAIT_MS = 30_000
# What a passage may render to: paragraphs, our bold and code spans, line breaks; no links,
# colour spans, KaTeX, images or scripts.
PASSAGE_TAGS = {"P", "STRONG", "CODE", "BR"}
HOSTILE_COUNCIL = "Evil :red[boo] **Council** $x$ <b>b</b>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(index: Path) -> Iterator[str]:
    """The app on a free local port, reading `index`; stopped however the test ends."""
    port = free_port()
    env = {**os.environ, "SCRUTINEER_INDEX": str(index), "SCRUTINEER_EMBEDDER": "hashing"}
    command = [sys.executable, "-m", "streamlit", "run", "ui.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if server.poll() is not None:
                stderr = server.stderr.read().decode() if server.stderr else ""
                pytest.fail(f"the app exited with {server.returncode}: {stderr}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the app did not answer on {url} within {START_SECONDS} s")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def search(browser: Browser, url: str, query: str, dialogs: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    box = page.get_by_label("Search the papers")
    box.wait_for(timeout=WAIT_MS)
    box.fill(query)
    box.press("Enter")
    page.get_by_text("Open source").first.wait_for(timeout=WAIT_MS)
    return page


def test_a_search_shows_cards_opens_a_source_downloads_csv_and_charts_a_trend(
    browser: Browser, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    index = build_index(CORPUS, tmp_path / "index")
    dialogs: list[str] = []
    with served(index) as url:
        page = search(browser, url, "autism waiting times trend", dialogs)
        label = page.get_by_text("1. CYP OSC, 14 Feb 2023, item 8", exact=True)
        assert label.is_visible()
        assert page.get_by_text("passages in", exact=False).first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "ui-search.png"))

        page.get_by_text("Open source").first.click()
        around = page.get_by_text("1.9 The next steps for the local area", exact=False)
        around.wait_for(timeout=WAIT_MS)
        assert page.get_by_role("button", name="Download the paper").is_visible()
        page.screenshot(path=str(ARTIFACTS / "ui-source.png"))

        with page.expect_download(timeout=WAIT_MS) as download:
            page.get_by_role("button", name="Download CSV").click()
        saved = Path(download.value.path())
        lines = saved.read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(CSV_FIELDS)
        assert "CYP OSC, 14 Feb 2023, item 8" in lines[1]
        assert download.value.suggested_filename == "scrutineer-results.csv"

        page.get_by_role("tab", name="Trend").click()
        weeks = page.locator(".vega-embed").nth(1)  # after the mentions chart: waits in weeks
        weeks.wait_for(timeout=WAIT_MS)
        weeks.scroll_into_view_if_needed()
        points = weeks.locator("g.mark-symbol.role-mark path")
        assert points.count() > 5
        points.last.click(force=True)  # the latest: the March 2024 target
        passage = page.get_by_text("March 2024: 13 weeks", exact=False)
        passage.wait_for(timeout=WAIT_MS)
        page.mouse.move(0, 0)  # let the tooltip go: it would hide the passage
        passage.evaluate("node => node.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(ARTIFACTS / "ui-trend.png"))
    assert dialogs == []


def test_hostile_paper_text_is_shown_literally_and_never_runs(
    browser: Browser, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    folder = write_payload_corpus(tmp_path / "papers")
    # The publisher's sidecar is paper text too: it names the council in the sidebar.
    sidecar = {"council": HOSTILE_COUNCIL, "committee": "Panel [click](http://example.com)"}
    (folder / "pack.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    index = build_index(folder, tmp_path / "index")
    dialogs: list[str] = []
    with served(index) as url:
        page = search(browser, url, "zanzibar hovercraft", dialogs)
        page.get_by_text("Zanzibar", exact=False).first.wait_for(timeout=WAIT_MS)
        page.screenshot(path=str(ARTIFACTS / "ui-payload.png"))
        shown = page.locator("[data-testid='stMain']").inner_text()
        for literal in ["<script>alert(1)</script>", "$x$", "$y$", ":red[boo]", HOSTILE_COUNCIL]:
            assert literal in shown
        assert "[click](http://example.com)" in shown
        assert "Panel [click](http://example.com)" in shown
        scripts = page.evaluate(
            "[...document.querySelectorAll('script')]"
            ".filter(s => s.textContent.includes('alert')).length"
        )
        assert scripts == 0
        assert page.locator(".katex, math, [data-testid='stMarkdownColoredText']").count() == 0
        markdown = page.locator(
            "[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer']"
        )
        passages = markdown.filter(has_text=re.compile("hovercraft|Evil"))
        assert passages.count() >= 4
        tags = passages.evaluate_all(
            "boxes => boxes.flatMap(box => [...box.querySelectorAll('*')].map(e => e.tagName))"
        )
        assert set(tags) <= PASSAGE_TAGS, set(tags) - PASSAGE_TAGS
        styled = passages.evaluate_all(
            "boxes => boxes.flatMap(box => [...box.querySelectorAll('[style]')]).length"
        )
        assert styled == 0
        page.get_by_role("combobox", name="Council").click()
        option = page.get_by_role("option", name=re.compile("^Evil"))
        assert re.fullmatch(re.escape(HOSTILE_COUNCIL) + r" \([\d,]+\)", option.inner_text())
        assert option.locator("strong, a, .katex, [style*=color]").count() == 0
        page.wait_for_timeout(500)  # give a stray script a moment to fire a dialog
    assert dialogs == []

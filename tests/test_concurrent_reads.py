"""Readers pin one generation: a search during an ingest answers from the old one."""

import shutil
from pathlib import Path

from index import close_generation, load_embedder, open_generation, update_index
from search import find_hits, make_searcher
from tests.conftest import CORPUS

WORCS = "004_0b53b558d784aeee.txt"


def test_a_search_pinned_before_an_ingest_keeps_answering_from_its_generation(
    tmp_path: Path,
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / WORCS, papers / WORCS)
    index = tmp_path / "index"
    embedder = load_embedder("hashing")
    update_index(index, [papers], embedder)
    pinned = make_searcher(open_generation(index, "hashing"), embedder)
    before = [h.chunk_id for h in find_hits(pinned, "youth justice plan", None, 10)]

    # Publish a new generation (and let the writer collect old ones at once) while the
    # reader holds the first: its files stay open, so its answers do not change.
    shutil.copy(CORPUS / "000_c00688e8abc9e593.txt", papers / "000.txt")
    report = update_index(index, [papers], embedder, grace_seconds=0.0)
    assert report.generation == "gen-000002"

    during = [h.chunk_id for h in find_hits(pinned, "youth justice plan", None, 10)]
    assert during == before
    assert {h.citation.council for h in find_hits(pinned, "youth justice plan", None, 10)} == {
        "Worcestershire County Council"
    }
    fresh = make_searcher(open_generation(index, "hashing"), embedder)
    assert fresh.generation.name == "gen-000002"
    councils = {h.citation.council for h in find_hits(fresh, "youth justice plan", None, 10)}
    assert "Warwickshire County Council" in councils
    close_generation(pinned.generation)
    close_generation(fresh.generation)

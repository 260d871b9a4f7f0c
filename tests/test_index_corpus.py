"""The shipped corpus through the real ingest.find_papers and ingest.read_paper."""

from pathlib import Path

import pytest
from test_index_factory import REPO_DIR

from index import (
    Filters,
    describe_generation,
    load_embedder,
    open_generation,
    rank_dense,
    rank_sparse,
    read_chunks,
    read_papers,
    update_index,
)

CORPUS = REPO_DIR / "corpus"
PAPERS = sorted(p for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("corpus") / "index"
    report = update_index(index_dir, [CORPUS], load_embedder("hashing"))
    assert report.failures == ()
    return index_dir


def test_every_shipped_paper_is_indexed_with_its_sidecar_recorded(corpus_index: Path) -> None:
    papers = read_papers(open_generation(corpus_index, "hashing"))

    assert [Path(p.path) for p in papers] == [p.resolve() for p in PAPERS]
    with_sidecar = [Path(p.path).name for p in papers if p.sidecar_sha256 is not None]
    assert with_sidecar == [p.name for p in PAPERS if Path(f"{p}.meta.json").exists()]
    assert all(p.chunks > 0 and p.meeting_date for p in papers)


def test_the_corpus_answers_an_autism_waiting_times_query_from_both_rankers(
    corpus_index: Path,
) -> None:
    generation = open_generation(corpus_index, "hashing")
    vector = load_embedder("hashing").encode(["autism assessment waiting times"])[0]

    sparse = read_chunks(
        generation, [r for r, _ in rank_sparse(generation, "autism", Filters(), 5)]
    )
    dense = read_chunks(generation, [r for r, _ in rank_dense(generation, vector, Filters(), 5)])

    assert all("autism" in (c.context + c.text).lower() for c in sparse)
    assert any("autism" in c.text.lower() for c in dense)
    assert describe_generation(generation)["chunks"] == generation.dense.ntotal


def test_reingesting_the_unchanged_corpus_reads_and_publishes_nothing(corpus_index: Path) -> None:
    report = update_index(corpus_index, [CORPUS], load_embedder("hashing"))

    assert (report.generation, report.papers_unchanged, report.encoded) == (None, len(PAPERS), 0)

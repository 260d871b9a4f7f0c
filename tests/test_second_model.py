"""The second dense model: its vectors built beside the first's row for row, kept through
adds and removals, back-filled for an index built without them, checked on load, and
voted into the ranking. The hashing fake stands in for e5-small here; the real model is
tested in test_index_embedder.py and through the MiniLM index in test_eval.py."""

import json
import shutil
from dataclasses import replace
from pathlib import Path

import faiss
import numpy as np
import pytest
from test_index_factory import CountingHashing, install_fake_ingest, write_paper

from index import (
    Filters,
    HashingEmbedder,
    UnknownEmbedder,
    load_second,
    open_generation,
    pick_second,
    rank_second,
    read_chunks,
    remove_papers,
    update_index,
)
from index.dense import SECOND_FILE, stored_vectors
from index.generation import list_generations
from search import make_searcher
from search.hits import FUSION_K, SECOND_WEIGHT, rank_rows


@pytest.fixture(autouse=True)
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_ingest(monkeypatch)


PAPERS = {
    "a.txt": ["Autism waiting times rose to 40 weeks.", "RESOLVED that the plan is approved."],
    "b.txt": ["Youth justice plan for the county.", "Road repairs on the A46."],
}


def corpus(root: Path, names: tuple[str, ...] = ("a.txt", "b.txt")) -> Path:
    for name in names:
        write_paper(root, name, PAPERS[name])
    return root


def assert_second_matches_rows(index_dir: Path) -> None:
    """Every row's second vector is the second model's vector of that row's text."""
    generation = open_generation(index_dir)
    assert generation.second is not None
    count = int(generation.manifest["counts"]["chunks"])
    chunks = read_chunks(generation, list(range(count)))
    expected = HashingEmbedder().encode([c.embedding_text for c in chunks])
    assert np.array_equal(stored_vectors(generation.second), expected)


def test_an_ingest_with_a_second_model_stores_its_vectors_and_names_it(tmp_path: Path) -> None:
    second = Counted()
    report = update_index(
        tmp_path / "index", [corpus(tmp_path / "c")], HashingEmbedder(), second=second
    )

    manifest = json.loads((tmp_path / "index" / "gen-000001" / "manifest.json").read_text())
    assert manifest["second"] == {"name": "counted", "dim": 256}
    assert SECOND_FILE in manifest["checksums"]
    assert second.encoded == report.chunks == 4
    assert_second_matches_rows(tmp_path / "index")


def test_without_a_second_model_the_manifest_says_none_and_no_file_is_written(
    tmp_path: Path,
) -> None:
    update_index(tmp_path / "index", [corpus(tmp_path / "c")], HashingEmbedder())

    generation = open_generation(tmp_path / "index")
    assert generation.manifest["second"] is None and generation.second is None
    assert not (generation.path / SECOND_FILE).exists()
    assert rank_second(generation, np.ones(256, dtype=np.float32), Filters(), 5) == []


def test_adding_papers_encodes_only_their_chunks_and_keeps_rows_aligned(
    tmp_path: Path,
) -> None:
    index_dir, root = tmp_path / "index", tmp_path / "c"
    second = Counted()
    update_index(index_dir, [corpus(root, ("a.txt",))], HashingEmbedder(), second=second)
    update_index(index_dir, [corpus(root, ("b.txt",))], HashingEmbedder(), second=second)
    assert second.encoded == 4  # each paper's chunks once
    assert_second_matches_rows(index_dir)


def test_removing_papers_keeps_the_live_second_model_without_naming_it(tmp_path: Path) -> None:
    index_dir, root = tmp_path / "index", corpus(tmp_path / "c")
    update_index(index_dir, [root], HashingEmbedder(), second=HashingEmbedder())

    report = remove_papers(index_dir, [root / "a.txt"], HashingEmbedder())

    assert report.generation == "gen-000002" and report.chunks == 2
    generation = open_generation(index_dir)
    assert generation.manifest["second"] == {"name": "hashing", "dim": 256}
    assert_second_matches_rows(index_dir)


def test_removing_from_an_index_without_a_second_model_adds_none(tmp_path: Path) -> None:
    index_dir, root = tmp_path / "index", corpus(tmp_path / "c")
    update_index(index_dir, [root], HashingEmbedder())

    report = remove_papers(index_dir, [root / "b.txt"], HashingEmbedder())

    assert report.generation == "gen-000002" and report.chunks == 2
    assert open_generation(index_dir).manifest["second"] is None


def test_an_index_built_without_a_second_model_gets_one_for_every_row_on_the_next_ingest(
    tmp_path: Path,
) -> None:
    index_dir, root = tmp_path / "index", corpus(tmp_path / "c")
    update_index(index_dir, [root], HashingEmbedder())
    second = Counted()

    report = update_index(index_dir, [root], HashingEmbedder(), second=second)

    # Nothing changed on disk, yet a generation is published to add the missing vectors.
    assert report.generation == "gen-000002" and report.papers_unchanged == 2
    assert second.encoded == 4
    assert_second_matches_rows(index_dir)
    again = update_index(index_dir, [root], HashingEmbedder(), second=second)
    assert again.generation is None and second.encoded == 4


def test_an_ingest_without_a_second_model_drops_the_earlier_vectors(tmp_path: Path) -> None:
    index_dir, root = tmp_path / "index", corpus(tmp_path / "c")
    update_index(index_dir, [root], HashingEmbedder(), second=HashingEmbedder())

    report = update_index(index_dir, [root], HashingEmbedder())

    assert report.generation == "gen-000002"
    assert open_generation(index_dir).second is None


def test_a_second_index_with_the_wrong_row_count_is_damage_and_the_older_one_serves(
    tmp_path: Path,
) -> None:
    index_dir, root = tmp_path / "index", tmp_path / "c"
    update_index(index_dir, [corpus(root, ("a.txt",))], HashingEmbedder(), second=HashingEmbedder())
    update_index(index_dir, [corpus(root, ("b.txt",))], HashingEmbedder(), second=HashingEmbedder())
    newest = index_dir / list_generations(index_dir)[-1]
    short = faiss.IndexFlatIP(256)
    short.add(np.ones((1, 256), dtype=np.float32))
    faiss.write_index(short, str(newest / SECOND_FILE))

    served = open_generation(index_dir)
    unchecked = open_generation(index_dir, verify_checksums=False)

    assert served.name == unchecked.name == "gen-000001"
    assert any("second.faiss fails its checksum" in warning for warning in served.warnings)
    counted = "second.faiss holds 1 rows, the manifest says 4"
    assert any(counted in warning for warning in unchecked.warnings)


def test_a_missing_second_file_is_named_in_the_warning(tmp_path: Path) -> None:
    index_dir, root = tmp_path / "index", tmp_path / "c"
    update_index(index_dir, [corpus(root, ("a.txt",))], HashingEmbedder(), second=HashingEmbedder())
    update_index(index_dir, [corpus(root, ("b.txt",))], HashingEmbedder(), second=HashingEmbedder())
    (index_dir / list_generations(index_dir)[-1] / SECOND_FILE).unlink()

    served = open_generation(index_dir)

    assert served.name == "gen-000001"
    assert any("second.faiss missing" in warning for warning in served.warnings)


def test_the_searcher_loads_the_second_model_the_manifest_names(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus(tmp_path / "c")], HashingEmbedder(), second=HashingEmbedder())

    with_second = make_searcher(open_generation(index_dir), HashingEmbedder())
    shutil.rmtree(index_dir)
    update_index(index_dir, [corpus(tmp_path / "c")], HashingEmbedder())
    without = make_searcher(open_generation(index_dir), HashingEmbedder())

    assert isinstance(with_second.second, HashingEmbedder)
    assert without.second is None


class Counted(CountingHashing):
    """A counting second model under its own name, so the first model's cached vectors
    are not taken for its own."""

    def __init__(self) -> None:
        super().__init__()
        self.name = "counted"


class PointsAt:
    """A second model whose every query vector is one stored row's: whatever the query
    says, its ranking puts that row first."""

    def __init__(self, vector: np.ndarray) -> None:
        self.vector = vector
        self.asked: list[str] = []
        self.name, self.dim, self.max_tokens = "hashing", 256, 256

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.tile(self.vector, (len(texts), 1))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        return self.encode(texts)


def test_the_second_models_vote_joins_the_fusion_at_its_weight(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus(tmp_path / "c")], HashingEmbedder(), second=HashingEmbedder())
    searcher = make_searcher(open_generation(index_dir), HashingEmbedder())
    texts = [c.text for c in read_chunks(searcher.generation, [0, 1, 2, 3])]
    road = texts.index("Road repairs on the A46.")
    assert searcher.generation.second is not None
    spy = PointsAt(stored_vectors(searcher.generation.second)[road])
    query = "autism waiting times"

    without = dict(rank_rows(replace(searcher, second=None), query, Filters(), 4))
    voted = dict(rank_rows(replace(searcher, second=spy), query, Filters(), 4))

    assert spy.asked == [query]
    # First place in one more ranking, at the second model's weight; the rest gain less.
    first_place = SECOND_WEIGHT / (FUSION_K + 1)
    assert voted[road] - without[road] == pytest.approx(first_place)
    assert all(0 < voted[row] - without[row] < first_place for row in without if row != road)


def test_pick_second_pairs_e5_with_minilm_only_and_honours_an_explicit_choice() -> None:
    assert pick_second("none", "minilm") is None
    assert pick_second("auto", "hashing") is None
    assert pick_second("auto", "/some/model/folder") is None
    with pytest.raises(UnknownEmbedder, match=r"choose one of e5-small, hashing$"):
        load_second("bge-small")

"""The writer: generations published, papers added, replaced, removed and kept."""

import json
from pathlib import Path

import pytest
from test_index_factory import (
    CountingHashing,
    ingest_into,
    install_fake_ingest,
    write_paper,
)

import ingest
from index import (
    IndexMismatch,
    PublishRefused,
    UnknownAudience,
    describe_generation,
    open_generation,
    rank_dense,
    rank_sparse,
    read_chunks,
    read_papers,
    remove_papers,
    update_index,
)
from index.embedder import HashingEmbedder
from index.filters import Filters
from index.generation import list_generations, read_current
from ingest.paper import Chunk, Paper


@pytest.fixture(autouse=True)
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return install_fake_ingest(monkeypatch)


def all_chunks(index_dir: Path) -> list[Chunk]:
    generation = open_generation(index_dir)
    count = describe_generation(generation)["chunks"]
    return read_chunks(generation, list(range(count)))


def test_first_ingest_publishes_generation_one_with_counts_in_the_manifest(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write_paper(corpus, "a.txt", ["Autism waiting times.", "RESOLVED that the plan is approved."])
    write_paper(corpus, "b.txt", ["Youth justice plan."], date="2022-02-01")
    index_dir = tmp_path / "index"

    report = ingest_into(index_dir, corpus)

    assert report.generation == "gen-000001"
    assert (report.papers_added, report.chunks, report.items, report.encoded) == (2, 3, 3, 3)
    assert read_current(index_dir) == "gen-000001"
    manifest = json.loads((index_dir / "gen-000001" / "manifest.json").read_text())
    assert manifest["counts"] == {"papers": 2, "chunks": 3, "items": 3, "meetings": 2}
    assert manifest["embedder"] == {"name": "hashing", "dim": 256, "max_tokens": 256}
    assert manifest["dense_index"] == "flat"
    assert manifest["audience"] == "public"
    assert {"chunks.sqlite", "dense.faiss", "sparse/meta.json"} <= set(manifest["checksums"])


def test_unchanged_reingest_encodes_nothing_reads_nothing_and_publishes_nothing(
    tmp_path: Path, fake_ingest: list[Path]
) -> None:
    corpus = tmp_path / "corpus"
    write_paper(corpus, "a.txt", ["Autism waiting times.", "Budget overspend."])
    embedder = CountingHashing()
    update_index(tmp_path / "index", [corpus], embedder)
    reads_before, encoded_before = len(fake_ingest), embedder.encoded

    report = update_index(tmp_path / "index", [corpus], embedder)

    assert report.generation is None
    assert (report.papers_unchanged, report.papers_added, report.encoded) == (1, 0, 0)
    assert (len(fake_ingest), embedder.encoded) == (reads_before, encoded_before)
    assert list_generations(tmp_path / "index") == ["gen-000001"]


def test_adding_a_paper_later_keeps_the_earlier_ones_and_encodes_only_the_new(
    tmp_path: Path,
) -> None:
    first = write_paper(tmp_path / "corpus", "a.txt", ["Autism waiting times."])
    embedder = CountingHashing()
    update_index(tmp_path / "index", [first], embedder)
    second = write_paper(tmp_path / "corpus", "b.txt", ["Youth justice plan.", "Road repairs."])

    report = update_index(tmp_path / "index", [second], embedder)

    assert report.generation == "gen-000002"
    assert (report.papers_added, report.chunks, report.encoded) == (1, 3, 2)
    texts = [chunk.text for chunk in all_chunks(tmp_path / "index")]
    assert texts == ["Autism waiting times.", "Youth justice plan.", "Road repairs."]


def test_a_changed_file_replaces_its_old_chunks(tmp_path: Path) -> None:
    path = write_paper(tmp_path / "corpus", "a.txt", ["Old wording.", "Unchanged paragraph."])
    other = write_paper(tmp_path / "corpus", "b.txt", ["Another paper."])
    embedder = CountingHashing()
    update_index(tmp_path / "index", [path, other], embedder)
    write_paper(tmp_path / "corpus", "a.txt", ["New wording.", "Unchanged paragraph."])

    report = update_index(tmp_path / "index", [path], embedder)

    assert (report.papers_replaced, report.papers_added, report.chunks) == (1, 0, 3)
    assert report.encoded == 1  # "Unchanged paragraph." came from the embedding cache
    texts = sorted(chunk.text for chunk in all_chunks(tmp_path / "index"))
    assert texts == ["Another paper.", "New wording.", "Unchanged paragraph."]


def test_a_changed_sidecar_counts_as_a_changed_paper(tmp_path: Path) -> None:
    path = write_paper(tmp_path / "corpus", "a.txt", ["Paragraph."])
    ingest_into(tmp_path / "index", path)
    path.with_name("a.txt.meta.json").write_text('{"committee": "Cabinet"}')

    report = ingest_into(tmp_path / "index", path)

    assert (report.papers_replaced, report.generation) == (1, "gen-000002")


def test_remove_drops_a_paper_and_a_folder_drops_every_paper_under_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    keep = write_paper(corpus, "keep.txt", ["Kept paper."])
    gone = write_paper(corpus / "old", "gone.txt", ["Gone paper."])
    write_paper(corpus / "old", "gone2.txt", ["Also gone."])
    ingest_into(tmp_path / "index", corpus)

    one = remove_papers(tmp_path / "index", [gone], CountingHashing())
    assert (one.papers_removed, one.chunks) == (1, 2)
    folder = remove_papers(tmp_path / "index", [corpus / "old"], CountingHashing())

    assert (folder.papers_removed, folder.chunks, folder.generation) == (1, 1, "gen-000003")
    papers = read_papers(open_generation(tmp_path / "index"))
    assert [p.path for p in papers] == [str(keep.resolve())]


def test_removing_a_path_not_in_the_index_is_a_named_failure(tmp_path: Path) -> None:
    ingest_into(tmp_path / "index", write_paper(tmp_path, "a.txt", ["Paragraph."]))

    report = remove_papers(tmp_path / "index", [tmp_path / "nope.txt"], CountingHashing())

    assert report.generation is None
    assert report.failures == (
        (str(tmp_path / "nope.txt"), "not in the index, so nothing to remove"),
    )


def test_sync_drops_papers_deleted_under_the_root(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in ("a.txt", "b.txt", "c.txt"):
        write_paper(corpus, name, [f"Paper {name}."])
    ingest_into(tmp_path / "index", corpus)
    (corpus / "b.txt").unlink()

    report = ingest_into(tmp_path / "index", corpus, sync_root=corpus)

    assert (report.papers_removed, report.papers_unchanged, report.chunks) == (1, 2, 2)


def test_sync_refuses_when_most_papers_under_the_root_vanished(tmp_path: Path) -> None:
    corpus = tmp_path / "share"
    for name in ("a.txt", "b.txt", "c.txt"):
        write_paper(corpus, name, [f"Paper {name}."])
    ingest_into(tmp_path / "index", corpus)
    for name in ("a.txt", "b.txt"):
        (corpus / name).unlink()

    with pytest.raises(PublishRefused, match="2 of 3 indexed papers"):
        ingest_into(tmp_path / "index", corpus, sync_root=corpus)

    assert describe_generation(open_generation(tmp_path / "index"))["papers"] == 3


def test_an_unreadable_paper_is_reported_and_the_good_ones_are_published(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_paper(corpus, "good.txt", ["Good paper."])
    write_paper(corpus, "bad.txt", ["UNREADABLE"])
    (corpus / "README.md").write_text("not a paper")

    report = ingest_into(tmp_path / "index", corpus)

    assert report.papers_added == 1
    assert [source.rsplit("/", 1)[-1] for source, _ in report.failures] == ["bad.txt"]
    assert "marked unreadable" in report.failures[0][1]
    assert [source.rsplit("/", 1)[-1] for source, _ in report.skipped] == ["README.md"]


def test_an_os_error_from_read_paper_is_a_per_file_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, *_: object) -> Paper:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "read_paper", broken)
    report = ingest_into(tmp_path / "index", write_paper(tmp_path, "a.txt", ["Text."]))

    assert (report.generation, report.failures[0][1]) == (None, "Permission denied")


def test_source_is_relative_to_the_working_folder_when_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_paper(tmp_path / "corpus", "a.txt", ["SCANNED paper."])

    report = ingest_into(Path("var/index"), Path("corpus"))

    assert all_chunks(Path("var/index"))[0].source == "corpus/a.txt"
    assert report.image_only == (("corpus/a.txt", (2,)),)


def test_public_audience_leaves_exempt_chunks_out_and_members_keeps_them(tmp_path: Path) -> None:
    path = write_paper(tmp_path, "a.txt", ["Public paragraph.", "EXEMPT commercial terms."])

    public = ingest_into(tmp_path / "public", path)
    members = ingest_into(tmp_path / "members", path, audience="members")

    assert (public.chunks, members.chunks) == (1, 2)
    assert rank_sparse(open_generation(tmp_path / "public"), "commercial", Filters(), 5) == []
    assert all_chunks(tmp_path / "members")[1].classification == "exempt"


def test_an_index_refuses_another_audience_or_embedder(tmp_path: Path) -> None:
    path = write_paper(tmp_path, "a.txt", ["Paragraph."])
    ingest_into(tmp_path / "index", path)

    with pytest.raises(IndexMismatch, match="audience 'public'"):
        ingest_into(tmp_path / "index", path, audience="members")
    with pytest.raises(UnknownAudience, match="choose one of public, members"):
        ingest_into(tmp_path / "index", path, audience="press")
    with pytest.raises(IndexMismatch, match="--embedder hashing"):
        open_generation(tmp_path / "index", "minilm")


def test_old_generations_beyond_two_are_deleted_after_the_grace_period(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    for n in range(5):
        path = write_paper(tmp_path / "corpus", f"p{n}.txt", [f"Paper number {n}."])
        update_index(index_dir, [path], CountingHashing(), grace_seconds=3600)
    assert len(list_generations(index_dir)) == 5

    path = write_paper(tmp_path / "corpus", "p5.txt", ["Paper number 5."])
    update_index(index_dir, [path], CountingHashing(), grace_seconds=0)

    assert list_generations(index_dir) == ["gen-000004", "gen-000005", "gen-000006"]


def test_readding_a_removed_paper_takes_its_vectors_from_the_cache(tmp_path: Path) -> None:
    path = write_paper(tmp_path, "a.txt", ["Paragraph one.", "Paragraph two."])
    embedder = CountingHashing()
    update_index(tmp_path / "index", [path], embedder)
    remove_papers(tmp_path / "index", [path], embedder)

    readded = update_index(tmp_path / "index", [path], embedder)

    assert (readded.papers_added, readded.chunks, readded.encoded) == (1, 2, 0)
    assert embedder.encoded == 2


def test_removing_every_paper_publishes_an_empty_generation_that_finds_nothing(
    tmp_path: Path,
) -> None:
    path = write_paper(tmp_path, "a.txt", ["Autism waiting times."])
    ingest_into(tmp_path / "index", path)

    report = remove_papers(tmp_path / "index", [path], CountingHashing())

    generation = open_generation(tmp_path / "index")
    assert (report.generation, report.chunks, generation.name) == ("gen-000002", 0, "gen-000002")
    assert rank_sparse(generation, "autism", Filters(), 5) == []
    assert rank_dense(generation, HashingEmbedder().encode(["autism"])[0], Filters(), 5) == []


def test_progress_reports_each_paper_read_and_the_texts_encoded(tmp_path: Path) -> None:
    write_paper(tmp_path / "c", "a.txt", ["One.", "Two."])
    write_paper(tmp_path / "c", "b.txt", ["Three."])
    seen: list[tuple[str, int, int]] = []

    ingest_into(tmp_path / "index", tmp_path / "c", progress=lambda *step: seen.append(step))

    assert seen == [("read", 1, 2), ("read", 2, 2), ("encode", 3, 3)]


def _chunking(index_dir: Path) -> int:
    current = read_current(index_dir)
    manifest = json.loads((index_dir / str(current) / "manifest.json").read_text())
    return int(manifest["chunking"])


def test_a_new_chunking_version_re_reads_unchanged_papers_until_none_is_cut_the_old_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_ingest: list[Path]
) -> None:
    import index.update

    first = write_paper(tmp_path / "one", "a.txt", ["Autism waiting times."])
    second = write_paper(tmp_path / "two", "b.txt", ["Youth justice plan."])
    index_dir = tmp_path / "index"
    update_index(index_dir, [first, second], HashingEmbedder())
    old = index.update.CHUNKING_VERSION
    assert _chunking(index_dir) == old

    monkeypatch.setattr(index.update, "CHUNKING_VERSION", old + 1)
    reads = len(fake_ingest)
    only_first = update_index(index_dir, [first], HashingEmbedder())
    assert (only_first.papers_replaced, only_first.papers_unchanged) == (1, 0)
    assert len(fake_ingest) == reads + 1
    assert _chunking(index_dir) == old  # b.txt still holds chunks cut the old way

    both = update_index(index_dir, [first, second], HashingEmbedder())
    assert (both.papers_replaced, both.papers_unchanged) == (2, 0)
    assert _chunking(index_dir) == old + 1

    again = update_index(index_dir, [first, second], HashingEmbedder())
    assert (again.generation, again.papers_unchanged) == (None, 2)


def test_an_index_from_before_chunking_was_recorded_counts_as_version_one(
    tmp_path: Path,
) -> None:
    paper = write_paper(tmp_path / "corpus", "a.txt", ["Autism waiting times."])
    index_dir = tmp_path / "index"
    update_index(index_dir, [paper], HashingEmbedder())
    manifest_path = index_dir / str(read_current(index_dir)) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["chunking"]
    manifest_path.write_text(json.dumps(manifest))

    report = update_index(index_dir, [paper], HashingEmbedder())
    assert (report.papers_replaced, report.papers_unchanged) == (1, 0)
    assert _chunking(index_dir) == ingest.chunk.CHUNKING_VERSION

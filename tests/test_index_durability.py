"""Crashes, damage and a second writer never take the published index away."""

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_index_factory import (
    REPO_DIR,
    child_ingest_command,
    ingest_into,
    install_fake_ingest,
    write_paper,
)

from index import (
    Filters,
    IndexNotFound,
    IngestLocked,
    open_generation,
    rank_sparse,
    read_chunks,
)
from index.generation import list_generations, read_current
from index.publish import CRASH_ENV, CRASH_POINTS

GOLDEN_QUERY = "autism waiting times budget"


@pytest.fixture(autouse=True)
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_ingest(monkeypatch)


def golden_ids(index_dir: Path) -> list[str]:
    """The chunk ids a fixed query cites: what a user would see."""
    generation = open_generation(index_dir)
    rows = [row for row, _ in rank_sparse(generation, GOLDEN_QUERY, Filters(), 10)]
    return [chunk.chunk_id for chunk in read_chunks(generation, rows)]


def published(tmp_path: Path) -> Path:
    """An index with one published generation and a second paper waiting to be added."""
    corpus = tmp_path / "corpus"
    write_paper(corpus, "a.txt", ["Autism waiting times rose.", "The budget is overspent."])
    write_paper(corpus, "b.txt", ["Autism assessments take 40 weeks."])
    ingest_into(tmp_path / "index", corpus)
    write_paper(corpus, "c.txt", ["Autism budget for waiting times."])
    return corpus


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_writer_killed_at_any_step_leaves_the_previous_generation_serving(
    tmp_path: Path, point: str
) -> None:
    corpus = published(tmp_path)
    index_dir = tmp_path / "index"
    before = golden_ids(index_dir)

    child = subprocess.run(
        child_ingest_command(index_dir, corpus),
        env={**os.environ, CRASH_ENV: point},
        capture_output=True,
        timeout=120,
    )

    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert read_current(index_dir) == "gen-000001"
    generation = open_generation(index_dir)
    assert (generation.name, generation.warnings) == ("gen-000001", ())
    assert golden_ids(index_dir) == before
    report = ingest_into(index_dir, corpus)
    assert (report.generation, report.papers_added, report.chunks) == ("gen-000002", 1, 4)
    assert list_generations(index_dir) == ["gen-000001", "gen-000002"]
    assert not list(index_dir.glob(".staging-*"))


def test_an_ingest_in_a_child_process_publishes_normally(tmp_path: Path) -> None:
    corpus = published(tmp_path)

    child = subprocess.run(
        child_ingest_command(tmp_path / "index", corpus), capture_output=True, timeout=120
    )

    assert child.stdout.decode().strip() == "gen-000002", child.stderr.decode()
    assert len(golden_ids(tmp_path / "index")) == 4


LOCK_HOLDER = """
import sys, time
sys.path.insert(0, {repo!r})
from pathlib import Path
from index.lock import hold_ingest_lock
with hold_ingest_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_second_writer_is_told_another_ingest_is_running(tmp_path: Path) -> None:
    corpus = published(tmp_path)
    index_dir = tmp_path / "index"
    script = LOCK_HOLDER.format(repo=str(REPO_DIR))
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(index_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with pytest.raises(IngestLocked, match="another ingest is running") as locked:
            ingest_into(index_dir, corpus)
        assert f"pid {holder.pid}, started " in str(locked.value)
        assert open_generation(index_dir).name == "gen-000001"
    finally:
        holder.kill()
        holder.wait()

    assert ingest_into(index_dir, corpus).generation == "gen-000002"


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("file", "damage"),
    [
        ("dense.faiss", damage_truncate),
        ("chunks.sqlite", damage_flip),
        ("manifest.json", damage_truncate),
        ("sparse/meta.json", damage_flip),
    ],
)
def test_a_damaged_generation_falls_back_to_the_previous_one_with_a_warning(
    tmp_path: Path, file: str, damage: Callable[[Path], None]
) -> None:
    corpus = published(tmp_path)
    before = golden_ids(tmp_path / "index")
    ingest_into(tmp_path / "index", corpus)

    damage(tmp_path / "index" / "gen-000002" / file)

    generation = open_generation(tmp_path / "index")
    assert generation.name == "gen-000001"
    assert f"generation gen-000002 is damaged ({file.split('/')[0]}" in generation.warnings[0]
    assert generation.warnings[-1] == "serving generation gen-000001 instead of gen-000002"
    assert golden_ids(tmp_path / "index") == before


def test_a_truncated_dense_file_is_caught_by_the_counts_even_without_checksums(
    tmp_path: Path,
) -> None:
    corpus = published(tmp_path)
    ingest_into(tmp_path / "index", corpus)
    damage_truncate(tmp_path / "index" / "gen-000002" / "dense.faiss")

    generation = open_generation(tmp_path / "index", verify_checksums=False)

    assert generation.name == "gen-000001"
    assert "RuntimeError" in generation.warnings[0]


def test_when_every_generation_is_damaged_no_empty_index_is_served(tmp_path: Path) -> None:
    published(tmp_path)
    damage_truncate(tmp_path / "index" / "gen-000001" / "dense.faiss")

    with pytest.raises(IndexNotFound, match=r"no usable index generation .*dense\.faiss fails"):
        open_generation(tmp_path / "index")


def test_a_missing_index_names_the_folder_and_the_command_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound) as missing:
        open_generation(tmp_path / "nothing")

    assert str(missing.value) == (
        f"no index generation found in {str(tmp_path / 'nothing')!r}; "
        f"run: scrutineer ingest corpus --index {tmp_path / 'nothing'}"
    )


def test_the_next_ingest_deletes_stale_staging_folders(tmp_path: Path) -> None:
    corpus = published(tmp_path)
    stale = tmp_path / "index" / ".staging-99999-deadbeef"
    (stale / "sparse").mkdir(parents=True)

    ingest_into(tmp_path / "index", corpus)

    assert not stale.exists()


def test_a_pinned_reader_keeps_answering_after_its_generation_is_deleted(tmp_path: Path) -> None:
    corpus = published(tmp_path)
    pinned = open_generation(tmp_path / "index")
    before = rank_sparse(pinned, GOLDEN_QUERY, Filters(), 10)
    for n in range(4):
        write_paper(corpus, f"more{n}.txt", [f"Autism paragraph {n}."])
        ingest_into(tmp_path / "index", corpus, grace_seconds=0)
    assert "gen-000001" not in list_generations(tmp_path / "index")

    after = rank_sparse(pinned, GOLDEN_QUERY, Filters(), 10)

    assert after == before
    assert [c.text for c in read_chunks(pinned, [0])] == ["Autism waiting times rose."]


def test_an_ingest_over_a_damaged_generation_builds_on_the_previous_and_says_so(
    tmp_path: Path,
) -> None:
    corpus = published(tmp_path)
    ingest_into(tmp_path / "index", corpus)
    damage_flip(tmp_path / "index" / "gen-000002" / "chunks.sqlite")
    write_paper(corpus, "d.txt", ["Autism outreach."])

    report = ingest_into(tmp_path / "index", corpus)

    assert report.generation == "gen-000003"
    assert (report.papers_added, report.papers_unchanged, report.chunks) == (2, 2, 5)
    assert report.warnings[0].startswith("generation gen-000002 is damaged (chunks.sqlite")
    assert open_generation(tmp_path / "index").warnings == ()

"""Every CLI command: the happy path and each user error, with the hashing embedder."""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.conftest import CORPUS, ROOT

FAST = ["--embedder", "hashing"]
CONTRACT_CHECK = ROOT.parent / "shared" / "eval" / "check_contract.py"
CITATION_KEYS = {
    "source", "council", "committee", "meeting_date", "doc_type", "item", "item_title", "page",
    "printed_page", "paragraph", "label",
}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("cli") / "index"
    result = run("ingest", str(CORPUS), "--index", str(index), *FAST)
    assert result.exit_code == 0, result.output
    return index


def search_json(index: Path, *args: str) -> dict[str, object]:
    result = run("search", *args, "--index", str(index), "--json", *FAST)
    assert result.exit_code == 0, result.output
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def test_ingest_reports_papers_items_and_chunks(built: Path) -> None:
    stats = json.loads(run("stats", "--index", str(built), "--json").stdout)
    assert stats["papers"] == 5
    assert stats["chunks"] > 800
    assert stats["embedder"] == "hashing"


def test_reingesting_unchanged_papers_encodes_and_publishes_nothing(built: Path) -> None:
    before = (built / "CURRENT").read_text()
    result = run("ingest", str(CORPUS), "--index", str(built), *FAST)
    assert result.exit_code == 0
    assert "5 unchanged" in result.stderr and "encoded: 0" in result.stderr
    assert (built / "CURRENT").read_text() == before


def test_search_json_follows_the_output_contract(built: Path, tmp_path: Path) -> None:
    out = search_json(built, "autism waiting times")
    hits = out["hits"]
    assert isinstance(hits, list) and len(hits) == 10
    assert [h["rank"] for h in hits] == list(range(1, 11))
    for hit in hits:
        assert set(hit["citation"]) == CITATION_KEYS
        assert hit["citation"]["meeting_date"] is not None
    if CONTRACT_CHECK.is_file():
        saved = tmp_path / "out.json"
        saved.write_text(json.dumps(out))
        check = subprocess.run(
            [sys.executable, str(CONTRACT_CHECK), str(saved)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


def test_filters_apply_before_ranking(built: Path) -> None:
    worcs = search_json(built, "budget", "--council", "worcestershire")["hits"]
    assert worcs and {h["citation"]["council"] for h in worcs} == {"Worcestershire County Council"}
    dated = search_json(built, "children", "--since", "2021-01-01", "--until", "2021-12-31")
    dates = {h["citation"]["meeting_date"] for h in dated["hits"]}
    assert dates and all("2021-01-01" <= d <= "2021-12-31" for d in dates)
    minutes = search_json(built, "youth justice", "--doc-type", "minutes")["hits"]
    assert minutes and {h["citation"]["doc_type"] for h in minutes} == {"minutes"}
    decided = search_json(built, "youth justice plan", "--decisions")["hits"]
    assert decided and all(h["is_decision"] for h in decided)


def test_an_empty_query_gives_no_hits(built: Path) -> None:
    assert search_json(built, "   ")["hits"] == []


def test_human_output_names_the_citation(built: Path) -> None:
    result = run("search", "Youth Justice Plan", "--index", str(built), "-k", "3", *FAST)
    assert result.exit_code == 0
    assert result.stdout.startswith("1. [")


def test_batch_search_prints_one_line_per_query_with_its_id(built: Path, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    lines = [
        {"id": "a", "query": "autism", "keys": ["ignored"]},
        {"id": "b", "query": "budget", "filters": {"council": "worcestershire"}},
    ]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("search", "--batch", str(batch), "--index", str(built), "--json", *FAST)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert {h["citation"]["council"] for h in out[1]["hits"]} == {"Worcestershire County Council"}


def test_a_bad_batch_line_is_a_user_error_naming_the_line(built: Path, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "query": "x"}\nnot json\n')
    result = run("search", "--batch", str(batch), "--index", str(built), *FAST)
    assert result.exit_code == 1
    assert "batch line 2" in result.stderr


def test_a_bad_date_filter_is_a_user_error(built: Path) -> None:
    result = run("search", "x", "--since", "30/09/2021", "--index", str(built), *FAST)
    assert result.exit_code == 1
    assert "30/09/2021" in result.stderr


def test_searching_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = run("search", "autism", "--index", str(tmp_path / "none"), *FAST)
    assert result.exit_code == 1
    assert "scrutineer ingest" in result.stderr


def test_an_unknown_option_is_a_usage_error() -> None:
    assert run("search", "x", "--colour", "red").exit_code == 2
    assert run("ingest").exit_code == 2


def test_an_unknown_embedder_is_a_user_error(tmp_path: Path) -> None:
    result = run("ingest", str(CORPUS), "--index", str(tmp_path / "i"), "--embedder", "nope")
    assert result.exit_code == 1
    assert "nope" in result.stderr


def test_a_bad_paper_is_named_skipped_and_the_rest_published(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "004_0b53b558d784aeee.txt", papers / "good.txt")
    (papers / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (papers / "empty.pdf").write_bytes(b"")
    (papers / "page.pdf").write_text("<html><body>not a pdf</body></html>")
    index = tmp_path / "index"
    result = run("ingest", str(papers), "--index", str(index), *FAST)
    assert result.exit_code == 1
    for name in ("broken.pdf", "empty.pdf", "page.pdf"):
        assert f"FAILED {papers / name}" in result.stderr or name in result.stderr
    stats = json.loads(run("stats", "--index", str(index), "--json").stdout)
    assert stats["papers"] == 1


def test_a_second_ingest_while_one_runs_exits_1(tmp_path: Path) -> None:
    index = tmp_path / "index"
    index.mkdir()
    fd = os.open(index / "ingest.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run("ingest", str(CORPUS), "--index", str(index), *FAST)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert "another ingest is running" in result.stderr


def test_remove_takes_a_paper_out(tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert run("ingest", str(CORPUS), "--index", str(index), *FAST).exit_code == 0
    gone = CORPUS / "004_0b53b558d784aeee.txt"
    assert run("remove", str(gone), "--index", str(index), *FAST).exit_code == 0
    stats = json.loads(run("stats", "--index", str(index), "--json").stdout)
    assert stats["papers"] == 4
    hits = search_json(index, "budget", "--council", "worcestershire")["hits"]
    assert hits == []


def test_stats_without_an_index_is_a_user_error(tmp_path: Path) -> None:
    result = run("stats", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1


def test_version_and_help() -> None:
    assert "scrutineer" in run("--version").stdout
    assert "Example:" in run("search", "--help").stdout


def test_the_last_ingest_keeps_its_failures_for_the_coverage_panel(tmp_path: Path) -> None:
    from index import read_failures

    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "004_0b53b558d784aeee.txt", papers / "good.txt")
    (papers / "empty.pdf").write_bytes(b"")
    index = tmp_path / "index"
    assert run("ingest", str(papers), "--index", str(index), *FAST).exit_code == 1
    (failure,) = read_failures(index)
    assert failure[0].endswith("empty.pdf") and "empty" in failure[1]
    (papers / "empty.pdf").unlink()
    assert run("ingest", str(papers), "--index", str(index), *FAST).exit_code == 0
    assert read_failures(index) == ()


def test_second_model_is_chosen_at_ingest_named_in_stats_and_used_by_search(
    tmp_path: Path,
) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    sentences = [
        "Permanent exclusions from secondary schools rose to 41 this year.",
        "The bridge repair contract was awarded after a tender.",
        "Waiting times for an autism assessment reached 40 weeks.",
    ]
    # Long paragraphs, so that each is a chunk of its own.
    (papers / "pack.txt").write_text("\n\n".join(" ".join([s] * 12) for s in sentences))
    index = str(tmp_path / "index")

    built = run("ingest", str(papers), "--index", index, *FAST, "--second-model", "e5-small")
    with_e5 = json.loads(run("stats", "--index", index, "--json").stdout)
    found = search_json(Path(index), "kids excluded from school")
    dropped = run("ingest", str(papers), "--index", index, *FAST, "--second-model", "none")
    without = json.loads(run("stats", "--index", index, "--json").stdout)
    refused = run("ingest", str(papers), "--index", index, *FAST, "--second-model", "bge")

    assert built.exit_code == 0 and "encode e5-small: 3" in built.stderr
    assert (with_e5["embedder"], with_e5["second_model"]) == ("hashing", "e5-small")
    hits = found["hits"]
    assert isinstance(hits, list) and "exclusions" in hits[0]["text"]
    assert dropped.exit_code == 0 and "encoded: 0" in dropped.stderr
    assert without["second_model"] is None and without["generation"] != with_e5["generation"]
    assert refused.exit_code == 2 and "'bge' is not one of" in refused.stderr

"""Finding papers: given files, walked folders, links, sidecars and what is skipped why."""

import os
from pathlib import Path

from ingest.walk import find_papers


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.pdf", "a.txt", "sub/c.md", "sub/deeper/d.HTML", "z.htm", "e.markdown"]:
        touch(tmp_path / name)
    papers, skipped = find_papers([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in papers] == [
        "a.txt",
        "b.pdf",
        "e.markdown",
        "sub/c.md",
        "sub/deeper/d.HTML",
        "z.htm",
    ]
    assert skipped == []


def test_hidden_readme_and_sidecars_are_passed_over_silently(tmp_path: Path) -> None:
    touch(tmp_path / "pack.pdf")
    touch(tmp_path / "pack.pdf.meta.json", b"{}")
    touch(tmp_path / "README.md")
    touch(tmp_path / "readme.txt")
    touch(tmp_path / ".draft.pdf")
    touch(tmp_path / ".git" / "notes.txt")
    assert find_papers([tmp_path]) == ([tmp_path / "pack.pdf"], [])


def test_unknown_extensions_in_a_folder_are_reported_as_skipped(tmp_path: Path) -> None:
    touch(tmp_path / "pack.pdf")
    touch(tmp_path / "budget.xlsx")
    touch(tmp_path / "LICENCE")
    papers, skipped = find_papers([tmp_path])
    assert papers == [tmp_path / "pack.pdf"]
    assert skipped == [
        (tmp_path / "LICENCE", "unsupported file type (none)"),
        (tmp_path / "budget.xlsx", "unsupported file type .xlsx"),
    ]


def test_files_are_taken_as_given_and_a_missing_path_is_reported(tmp_path: Path) -> None:
    readme = touch(tmp_path / "README.md")
    sheet = touch(tmp_path / "data.csv")
    missing = tmp_path / "nope.pdf"
    papers, skipped = find_papers([readme, sheet, missing])
    assert papers == [readme]
    assert skipped == [
        (sheet, "unsupported file type .csv"),
        (missing, "no such file or folder"),
    ]


def test_a_sidecar_named_explicitly_is_reported_as_not_a_paper(tmp_path: Path) -> None:
    sidecar = touch(tmp_path / "pack.pdf.meta.json", b"{}")
    assert find_papers([sidecar]) == ([], [(sidecar, "a metadata sidecar, not a paper")])


def test_the_same_file_given_twice_is_listed_once(tmp_path: Path) -> None:
    pack = touch(tmp_path / "papers" / "pack.pdf")
    papers, skipped = find_papers(
        [pack, tmp_path / "papers", tmp_path / "papers" / ".." / "papers"]
    )
    assert papers == [pack]
    assert skipped == []


def test_symlinked_folders_are_not_followed_inside_a_walk(tmp_path: Path) -> None:
    root = tmp_path / "root"
    touch(root / "pack.pdf")
    touch(tmp_path / "outside" / "secret.pdf")
    (root / "elsewhere").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    papers, skipped = find_papers([root])
    assert papers == [root / "pack.pdf"]
    assert skipped == [
        (root / "elsewhere", "symlinked folder not followed"),
        (root / "loop", "symlinked folder not followed"),
    ]


def test_a_symlinked_file_is_read_only_if_it_stays_inside_the_tree(tmp_path: Path) -> None:
    root = tmp_path / "root"
    inside = touch(root / "archive" / "minutes.txt")
    touch(tmp_path / "passwd.txt")
    (root / "alias.txt").symlink_to(inside)
    (root / "escape.txt").symlink_to(tmp_path / "passwd.txt")
    (root / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    papers, skipped = find_papers([root])
    assert papers == [root / "alias.txt"]
    assert skipped == [
        (root / "dangling.pdf", "broken symlink"),
        (root / "escape.txt", f"symlink to a file outside {root}"),
    ]


def test_a_symlinked_folder_named_explicitly_is_followed(tmp_path: Path) -> None:
    touch(tmp_path / "real" / "pack.pdf")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert find_papers([tmp_path / "link"]) == ([tmp_path / "link" / "pack.pdf"], [])


def test_a_named_pipe_is_skipped_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert find_papers([tmp_path]) == ([], [(fifo, "not a regular file")])

"""Which files are papers: paths given as they are, folders walked in sorted order.

Symlinks: a path given on the command line is followed wherever it points (the user
named it). Inside a walked folder, symlinked folders are never followed (no loops, no
escaping the tree) and are reported; a symlinked file is read only if it resolves to a
file inside the folder being walked, so a link to /etc/passwd is reported, not read.
"""

import os
import stat
from pathlib import Path

from ingest.read import KIND_BY_SUFFIX

SIDECAR_SUFFIX = ".meta.json"  # metadata beside a paper (DESIGN.md), never a paper itself

Skipped = tuple[Path, str]


def find_papers(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """The papers under `paths` and the paths skipped, each with its reason.

    Hidden entries, `README*` files and `*.meta.json` sidecars inside folders are passed
    over silently; a file named explicitly is taken if its type is supported. The same
    file reached twice (by two arguments or through a link) is listed once, first wins.
    """
    papers: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found, passed = _walk(path)
            skipped.extend(passed)
        elif path.exists() or path.is_symlink():
            reason = _reason_to_skip(path, explicit=True)
            found = [path] if reason is None else []
            if reason is not None:
                skipped.append((path, reason))
        else:
            found = []
            skipped.append((path, "no such file or folder"))
        for paper in found:
            key = paper.resolve()
            if key not in seen:
                seen.add(key)
                papers.append(paper)
    return papers, skipped


def _walk(root: Path) -> tuple[list[Path], list[Skipped]]:
    papers: list[Path] = []
    skipped: list[Skipped] = []
    real_root = root.resolve()

    def note_error(error: OSError) -> None:
        skipped.append((Path(error.filename or root), f"cannot read folder ({error.strerror})"))

    for folder, dirnames, filenames in os.walk(root, onerror=note_error):
        here = Path(folder)
        for name in list(dirnames):
            if name.startswith(".") or (here / name).is_symlink():
                dirnames.remove(name)
                if not name.startswith("."):
                    skipped.append((here / name, "symlinked folder not followed"))
        dirnames.sort()
        for name in sorted(filenames):
            path = here / name
            if _is_quietly_ignored(name):
                continue
            reason = _reason_to_skip(path, explicit=False)
            if reason is None and path.is_symlink() and not _inside(path, real_root):
                reason = f"symlink to a file outside {root}"
            if reason is None:
                papers.append(path)
            else:
                skipped.append((path, reason))
    papers.sort(key=lambda p: p.parts)
    if not papers and not skipped:
        # Otherwise an empty or unmounted folder passes without a word said about it.
        skipped.append((root, "no papers in this folder"))
    return papers, skipped


def _is_quietly_ignored(name: str) -> bool:
    lowered = name.lower()
    return name.startswith(".") or lowered.startswith("readme") or lowered.endswith(SIDECAR_SUFFIX)


def _reason_to_skip(path: Path, *, explicit: bool) -> str | None:
    if explicit and path.name.lower().endswith(SIDECAR_SUFFIX):
        return "a metadata sidecar, not a paper"
    suffix = path.suffix.lower()
    if suffix not in KIND_BY_SUFFIX:
        return f"unsupported file type {suffix}" if suffix else "unsupported file type (none)"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return "broken symlink" if path.is_symlink() else f"cannot read ({error.strerror})"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _inside(path: Path, real_root: Path) -> bool:
    return path.resolve().is_relative_to(real_root)

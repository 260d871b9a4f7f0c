"""The on-disk layout of an index folder: generations, CURRENT, manifests and clean-up.

```
CURRENT                 one line naming the live generation, replaced atomically
gen-000042/             manifest.json (written last), chunks.sqlite, sparse/, dense.faiss
.staging-<pid>-<rand>/  a generation being built; never read, deleted by the next ingest
```
"""

import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from index.disk import fsync_dir, sha256_file, write_durably
from index.sparse import LOCK_FILES

CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 2  # bump when a file's layout changes; readers refuse other versions
GEN_PREFIX = "gen-"
GEN_DIGITS = 6  # gen-000042: names sort in publication order
STAGING_PREFIX = ".staging-"
KEEP_PREVIOUS = 2  # older generations kept for fallback and for readers still using them
GRACE_SECONDS = 600.0  # longer than any query: a reader may still hold a superseded one
_GEN_NAME = re.compile(rf"^{GEN_PREFIX}(\d{{{GEN_DIGITS},}})$")


def generation_number(name: str) -> int | None:
    """The number in a generation folder's name, or None for any other name."""
    match = _GEN_NAME.match(name)
    return int(match.group(1)) if match else None


def generation_name(number: int) -> str:
    """The folder name of generation `number`."""
    return f"{GEN_PREFIX}{number:0{GEN_DIGITS}d}"


def list_generations(index_dir: Path) -> list[str]:
    """Every generation folder's name, oldest first (published or not)."""
    if not index_dir.is_dir():
        return []
    found = [(generation_number(p.name), p.name) for p in index_dir.iterdir() if p.is_dir()]
    return [name for number, name in sorted((n, s) for n, s in found if n is not None)]


def next_generation_name(index_dir: Path) -> str:
    """A name never used before in `index_dir`: one past the highest existing number."""
    numbers = [generation_number(name) or 0 for name in list_generations(index_dir)]
    return generation_name(max(numbers, default=0) + 1)


def read_current(index_dir: Path) -> str | None:
    """The generation CURRENT names, or None when nothing was ever published."""
    try:
        text = (index_dir / CURRENT_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return text.strip()


def write_current(index_dir: Path, name: str) -> None:
    """Point CURRENT at generation `name`: the single step that publishes it."""
    write_durably(index_dir / CURRENT_FILE, f"{name}\n".encode())


def make_staging(index_dir: Path) -> Path:
    """A fresh staging folder beside the generations (same filesystem, so rename is atomic)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    staging = index_dir / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    return staging


def remove_unfinished(index_dir: Path, current: str | None) -> list[str]:
    """Delete what crashed ingests left: staging folders and generations never published.

    Call only while holding the ingest lock. A generation numbered above CURRENT was
    renamed into place but never published; keeping it would let a reader's fallback
    serve papers a later `remove` withdrew.
    """
    removed = [p for p in index_dir.glob(f"{STAGING_PREFIX}*") if p.is_dir()]
    current_number = generation_number(current) if current else None
    if current_number is not None:
        for name in list_generations(index_dir):
            if (generation_number(name) or 0) > current_number:
                removed.append(index_dir / name)
    for folder in removed:
        shutil.rmtree(folder)
    if removed:
        fsync_dir(index_dir)
    return [p.name for p in removed]


def file_checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` by relative path, minus the manifest and locks."""
    checksums: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST_FILE and path.name not in LOCK_FILES:
            checksums[path.relative_to(folder).as_posix()] = sha256_file(path)
    return checksums


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest last: a folder without one is an incomplete generation."""
    data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    write_durably(folder / MANIFEST_FILE, data)


def read_manifest(folder: Path) -> dict[str, Any]:
    """A generation's manifest (raises OSError or ValueError when absent or garbled)."""
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    if not isinstance(manifest, dict):
        raise ValueError(f"{folder.name}/{MANIFEST_FILE} is not a JSON object")
    return manifest


def collect_generations(
    index_dir: Path, current: str, grace_seconds: float = GRACE_SECONDS
) -> list[str]:
    """Delete generations beyond the current one and the KEEP_PREVIOUS before it.

    A superseded generation goes only once its successor has existed for `grace_seconds`,
    so a reader that pinned it while it was current can finish its query.
    """
    names = list_generations(index_dir)
    if current not in names:
        return []
    position = names.index(current)
    keep = set(names[max(0, position - KEEP_PREVIOUS) : position + 1])
    now = time.time()
    removed: list[str] = []
    for i, name in enumerate(names):
        successor = names[i + 1] if i + 1 < len(names) else name
        age = now - (index_dir / successor).stat().st_mtime
        if name not in keep and age >= grace_seconds:
            shutil.rmtree(index_dir / name)
            removed.append(name)
    if removed:
        fsync_dir(index_dir)
    return removed

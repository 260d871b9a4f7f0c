"""One writer per index: an flock on var/index/ingest.lock (reliability.md section 4).

The kernel drops an flock when its process dies, so a crashed ingest never leaves a
stale lock behind; the pid and start time written into the file are only for the message.
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from index.errors import IngestLocked

LOCK_FILE = "ingest.lock"


@contextmanager
def hold_ingest_lock(index_dir: Path) -> Iterator[None]:
    """Hold the ingest lock for the block, or raise IngestLocked at once if it is taken."""
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestLocked(path, _read_holder(fd)) from None
        started = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield
    finally:
        # Closing the descriptor releases the flock.
        os.close(fd)


def _read_holder(fd: int) -> str:
    return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()

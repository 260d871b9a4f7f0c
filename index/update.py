"""The writer: add, replace and remove papers, then publish a new generation.

A paper is known by its absolute path. An unchanged file (same sha256, same sidecar)
costs nothing; a changed one replaces its old chunks; papers leave only by `remove`
or `sync`. One bad file is reported and the batch goes on.
"""

import json
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import ingest
from index.cache import embed_texts, open_cache
from index.dense import build_dense
from index.disk import sha256_file, write_durably
from index.embedder import Embedder, load_second
from index.errors import IndexMismatch, IndexNotFound, PublishRefused, UnknownAudience
from index.generation import GRACE_SECONDS, collect_generations, read_current, remove_unfinished
from index.lock import hold_ingest_lock
from index.lookup import read_chunks, read_papers
from index.publish import NewPaper, SecondVectors, publish_generation
from index.reader import Generation, close_generation, open_generation
from index.store import PaperInfo
from ingest.chunk import CHUNKING_VERSION
from ingest.errors import UnreadablePaper
from ingest.paper import Chunk, Paper
from ingest.read import check_file_size
from ingest.sidecar import find_sidecar

AUDIENCES = ("public", "members")  # public: exempt chunks never enter the build at all
SYNC_MIN_MISSING = 2  # one vanished paper is an edit, not an unmounted folder

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did. `generation` is None when nothing changed and nothing was published.

    `items` and `chunks` count the live generation after the run; `encoded` counts the
    texts actually sent to the embedder (cached ones cost nothing).
    """

    generation: str | None
    papers_added: int
    papers_replaced: int
    papers_unchanged: int
    papers_removed: int
    items: int
    chunks: int
    encoded: int
    failures: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    image_only: tuple[tuple[str, tuple[int, ...]], ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class _Run:
    """Working state of one ingest (private and mutable: it never leaves this module)."""

    previous: dict[str, PaperInfo]
    rechunk: bool = False  # the previous generation's chunks were cut another way
    removed: set[str] = field(default_factory=set)
    added: list[NewPaper] = field(default_factory=list)
    replaced: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    image_only: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)


def update_index(
    index_dir: Path,
    paths: list[Path],
    embedder: Embedder,
    *,
    second: Embedder | None = None,
    keep_second: bool = False,
    remove: Sequence[Path] = (),
    sync_root: Path | None = None,
    audience: str = "public",
    progress: Progress | None = None,
    grace_seconds: float = GRACE_SECONDS,
) -> IngestReport:
    """Ingest `paths` (files or folders) into the index at `index_dir` and publish.

    `second` is the second dense model (index.embedder.second_for names the usual one): its
    vectors are built beside `embedder`'s, and an index built without them, or with another
    second model, gets them for every row in this run. None builds without, unless
    `keep_second` asks for the live generation's second model, whatever it is."""
    if audience not in AUDIENCES:
        raise UnknownAudience(audience, AUDIENCES)
    with hold_ingest_lock(index_dir):
        remove_unfinished(index_dir, read_current(index_dir))
        previous, warnings = _open_previous(index_dir, embedder, audience)
        try:
            if keep_second and previous is not None:
                second = _built_second(previous)
            report = _update(
                index_dir,
                previous,
                paths,
                (embedder, second),
                remove,
                sync_root,
                audience,
                progress,
            )
            report = replace(report, warnings=warnings)
        finally:
            if previous is not None:
                close_generation(previous)
        if report.generation is not None:
            collect_generations(index_dir, report.generation, grace_seconds)
        _record_run(index_dir, report)
        return report


LAST_INGEST = "last-ingest.json"  # what the latest ingest could not read, for coverage


def _record_run(index_dir: Path, report: IngestReport) -> None:
    """Keep the latest run's failures beside the generations: a paper that failed to
    ingest is in no generation, yet a user asking "what was searched" must hear of it."""
    record = {
        "generation": report.generation,
        "failures": [list(pair) for pair in report.failures],
        "skipped": [list(pair) for pair in report.skipped],
    }
    write_durably(index_dir / LAST_INGEST, json.dumps(record, ensure_ascii=False).encode())


def read_failures(index_dir: Path) -> tuple[tuple[str, str], ...]:
    """(paper, reason) for each paper the latest ingest failed to read; () if none."""
    try:
        record = json.loads((index_dir / LAST_INGEST).read_text(encoding="utf-8"))
        return tuple((str(source), str(reason)) for source, reason in record["failures"])
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def remove_papers(
    index_dir: Path, paths: Sequence[Path], embedder: Embedder, *, audience: str = "public"
) -> IngestReport:
    """Remove papers (a folder removes every paper under it) and publish the result. The
    live generation's second model, if any, is kept: removing encodes nothing."""
    return update_index(index_dir, [], embedder, keep_second=True, remove=paths, audience=audience)


def _open_previous(
    index_dir: Path, embedder: Embedder, audience: str
) -> tuple[Generation | None, tuple[str, ...]]:
    try:
        previous = open_generation(index_dir, embedder.name)
    except IndexNotFound as missing:
        # Every generation damaged: rebuild from what this run reads, and say so.
        return None, missing.damaged
    built = str(previous.manifest["audience"])
    if built != audience:
        close_generation(previous)
        raise IndexMismatch("audience", built, audience)
    return previous, previous.warnings


def _update(
    index_dir: Path,
    previous: Generation | None,
    paths: list[Path],
    models: tuple[Embedder, Embedder | None],
    remove: Sequence[Path],
    sync_root: Path | None,
    audience: str,
    progress: Progress | None,
) -> IngestReport:
    embedder, second = models
    known = {p.path: p for p in read_papers(previous)} if previous else {}
    # Papers cut by another chunking version are re-read even when unchanged (an index from
    # before the version was recorded holds version 1).
    built = int(previous.manifest.get("chunking", 1)) if previous else CHUNKING_VERSION
    run = _Run(previous=known, rechunk=built != CHUNKING_VERSION)
    _mark_removed(run, remove)
    if sync_root is not None:
        _mark_vanished(run, sync_root)
    found, skipped = ingest.find_papers(paths) if paths else ([], [])
    _read_all(run, found, embedder, audience, progress)
    # Named as given, not resolved: a skipped symlink is reported by its own name, not by
    # the target it was skipped for pointing at ("/etc").
    skipped_out = tuple((_source_for(Path(os.path.abspath(p))), reason) for p, reason in skipped)
    if not run.added and not run.removed and _same_second(previous, second):
        counts = previous.manifest["counts"] if previous else {"items": 0, "chunks": 0}
        return _report(run, None, counts, 0, skipped_out)
    texts = [c.embedding_text for paper in run.added for c in paper.chunks]
    cache = open_cache(index_dir)
    try:
        vectors, encoded = embed_texts(cache, embedder, texts, progress)
        more = _second_vectors(cache, previous, second, texts, progress)
    finally:
        cache.close()
    replaced = {paper.info.path for paper in run.added}
    kept = [p for key, p in sorted(known.items()) if key not in run.removed | replaced]
    # Until every paper has been re-read, the generation still holds old-cut chunks.
    chunking = built if run.rechunk and kept else CHUNKING_VERSION
    name, counts = publish_generation(
        index_dir, previous, kept, run.added, vectors, embedder, audience, more, chunking
    )
    return _report(run, name, counts, encoded, skipped_out)


def _built_second(generation: Generation) -> Embedder | None:
    built = generation.manifest.get("second")
    return load_second(str(built["name"])) if built else None


def _same_second(previous: Generation | None, second: Embedder | None) -> bool:
    """Whether the live generation already has `second`'s vectors (or, for None, none)."""
    built: dict[str, object] | None = previous.manifest.get("second") if previous else None
    if second is None or previous is None:
        return not built
    return built is not None and built["name"] == second.name and previous.second is not None


def _second_vectors(
    cache: sqlite3.Connection,
    previous: Generation | None,
    second: Embedder | None,
    texts: list[str],
    progress: Progress | None,
) -> SecondVectors | None:
    """The second model's vectors for the new chunks, and for every earlier row when the
    live generation was built without them (each text is encoded once: the cache keeps it)."""
    if second is None:
        return None
    stage = _renamed(progress, f"encode {second.name}")
    added, _ = embed_texts(cache, second, texts, stage)
    if previous is None or _same_second(previous, second):
        return SecondVectors(second, previous.second if previous else None, added)
    rows = list(range(int(previous.dense.ntotal)))
    earlier = [c.embedding_text for c in read_chunks(previous, rows)]
    base, _ = build_dense(embed_texts(cache, second, earlier, stage)[0], second.dim)
    return SecondVectors(second, base, added)


def _renamed(progress: Progress | None, stage: str) -> Progress | None:
    if progress is None:
        return None
    report = progress
    return lambda _stage, done, total: report(stage, done, total)


def _mark_removed(run: _Run, remove: Sequence[Path]) -> None:
    for path in remove:
        target = path.resolve()
        matches = [key for key in run.previous if _is_within(Path(key), target)]
        if not matches:
            run.failures.append((_source_for(target), "not in the index, so nothing to remove"))
        run.removed.update(matches)


def _mark_vanished(run: _Run, sync_root: Path) -> None:
    root = sync_root.resolve()
    under = [key for key in run.previous if _is_within(Path(key), root)]
    missing = [key for key in under if not os.path.exists(key)]
    # An unmounted share looks exactly like "every paper was deleted": refuse, loudly.
    if len(missing) >= SYNC_MIN_MISSING and len(missing) * 2 > len(under):
        raise PublishRefused(root, len(missing), len(under))
    run.removed.update(missing)


def _read_all(
    run: _Run, found: list[Path], embedder: Embedder, audience: str, progress: Progress | None
) -> None:
    paths = list(dict.fromkeys(p.resolve() for p in found))
    for done, path in enumerate(paths, start=1):
        source = _source_for(path)
        try:
            paper = _read_if_changed(run, path, source, embedder)
        except UnreadablePaper as error:
            run.failures.append((source, error.reason))
            paper = None
        except OSError as error:
            run.failures.append((source, error.strerror or str(error)))
            paper = None
        if paper is not None:
            run.added.append(paper if audience == "members" else _public_only(paper))
            if paper.info.image_only_pages:
                run.image_only.append((source, paper.info.image_only_pages))
        if progress is not None:
            progress("read", done, len(paths))


def _read_if_changed(run: _Run, path: Path, source: str, embedder: Embedder) -> NewPaper | None:
    key = str(path)
    if not _is_utf8(key):
        # The chunk store and the JSON output hold paths as UTF-8 text: a name in another
        # encoding cannot be stored or cited, so that paper fails instead of the batch.
        raise UnreadablePaper(source, "its name is not valid UTF-8: rename the file")
    check_file_size(path, source)
    sha256 = sha256_file(path)
    sidecar = find_sidecar(path)
    sidecar_sha256 = sha256_file(sidecar) if sidecar is not None else None
    old = run.previous.get(key)
    same = old is not None and (old.sha256, old.sidecar_sha256) == (sha256, sidecar_sha256)
    if same and not run.rechunk:
        run.unchanged += 1
        return None
    paper = ingest.read_paper(path, source, embedder.count_tokens, embedder.max_tokens)
    if old is not None:
        run.replaced += 1
    return NewPaper(_paper_info(key, sha256, sidecar_sha256, paper), paper.chunks)


def _paper_info(key: str, sha256: str, sidecar_sha256: str | None, paper: Paper) -> PaperInfo:
    return PaperInfo(
        path=key,
        source=paper.source,
        sha256=sha256,
        sidecar_sha256=sidecar_sha256,
        kind=paper.kind,
        council=paper.council,
        committee=paper.committee,
        meeting_date=paper.meeting_date,
        venue=paper.venue,
        page_count=paper.page_count,
        image_only_pages=paper.image_only_pages,
        warnings=paper.warnings,
        items=paper.items,
        acronyms=paper.acronyms,
        chunks=len(paper.chunks),
    )


def _public_only(paper: NewPaper) -> NewPaper:
    # Fail closed: only chunks positively classified public enter a public build. The
    # paper's record holds agenda items too, so exempt items' titles go with them.
    chunks: tuple[Chunk, ...] = tuple(c for c in paper.chunks if c.classification == "public")
    items = tuple(item for item in paper.info.items if not item.exempt)
    info = replace(paper.info, chunks=len(chunks), items=items)
    if not chunks:
        # Nothing of it is public: keep only what change detection needs. Its meeting
        # fields were parsed from exempt text (a "... Panel" line read as the committee).
        info = replace(info, council=None, committee=None, meeting_date=None, venue=None, items=())
    return NewPaper(info, chunks)


def _report(
    run: _Run,
    generation: str | None,
    counts: dict[str, int],
    encoded: int,
    skipped: tuple[tuple[str, str], ...],
) -> IngestReport:
    return IngestReport(
        generation=generation,
        papers_added=len(run.added) - run.replaced,
        papers_replaced=run.replaced,
        papers_unchanged=run.unchanged,
        papers_removed=len(run.removed),
        items=int(counts["items"]),
        chunks=int(counts["chunks"]),
        encoded=encoded,
        failures=tuple(run.failures),
        skipped=skipped,
        image_only=tuple(run.image_only),
    )


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _source_for(path: Path) -> str:
    """How reports and chunks name a file: relative to the working folder when under it."""
    cwd = Path.cwd().resolve()
    name = path.relative_to(cwd).as_posix() if _is_within(path, cwd) else str(path)
    # A name in another encoding arrives with surrogate escapes, which can be neither
    # printed nor stored: its odd bytes are shown as \xNN instead.
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

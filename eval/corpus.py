"""An index of the corpus for a run of the harness, built or brought up to date first."""

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from index import IngestReport, load_embedder, pick_second, update_index

Progress = Callable[[str, int, int], None]


class CorpusFailed(RuntimeError):
    """Some papers of the corpus failed to ingest: scores would not be comparable."""

    def __init__(self, report: IngestReport) -> None:
        names = ", ".join(source for source, _ in report.failures)
        super().__init__(f"{len(report.failures)} paper(s) failed to ingest ({names}); fix them")


def index_corpus(
    corpus: Path, index_dir: Path, embedder: str, progress: Progress | None = None
) -> IngestReport:
    """Ingest `corpus` into `index_dir`. Incremental: on an up-to-date index this only
    hashes the papers, so running it before every evaluation costs little and guarantees
    the scores are for the papers now in the corpus."""
    model, second = load_embedder(embedder), pick_second("auto", embedder)
    report = update_index(index_dir, [corpus], model, second=second, progress=progress)
    if report.failures:
        raise CorpusFailed(report)
    return report


@contextmanager
def prepared_index(
    index_dir: Path | None,
    corpus: Path | None,
    embedder: str,
    progress: Progress | None = None,
) -> Iterator[Path]:
    """The index to search: `index_dir` (brought up to date with `corpus` when one is given),
    or, without `index_dir`, `corpus` indexed into a temporary folder removed afterwards."""
    if index_dir is None and corpus is None:
        raise ValueError("give an index folder, a corpus to index, or both")
    with tempfile.TemporaryDirectory(prefix="scrutineer-eval-") as scratch:
        folder = index_dir if index_dir is not None else Path(scratch) / "index"
        if corpus is not None:
            index_corpus(corpus, folder, embedder, progress)
        yield folder

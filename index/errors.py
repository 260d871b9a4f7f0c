"""Expected index failures: each message names the value and the remedy in one sentence."""

from pathlib import Path


class UnknownEmbedder(ValueError):
    """An embedder name that is neither built in nor a model folder on disk."""

    def __init__(self, name: str, choices: tuple[str, ...], folders: bool = True) -> None:
        folder = " or the path of a sentence-transformers model folder" if folders else ""
        super().__init__(f"unknown embedder {name!r}: choose one of {', '.join(choices)}{folder}")
        self.name = name


class IndexNotFound(FileNotFoundError):
    """No published generation under an index folder, or none that passes its checks."""

    def __init__(self, index_dir: Path, damaged: tuple[str, ...] = ()) -> None:
        found = f"no usable index generation in {str(index_dir)!r} ({'; '.join(damaged)})"
        if not damaged:
            found = f"no index generation found in {str(index_dir)!r}"
        super().__init__(f"{found}; run: scrutineer ingest corpus --index {index_dir}")
        self.index_dir = index_dir
        self.damaged = damaged


class IndexMismatch(ValueError):
    """An index built for another embedder or audience than the one asked for."""

    def __init__(self, what: str, built: str, asked: str) -> None:
        super().__init__(
            f"the index was built with {what} {built!r} but {asked!r} was asked for; "
            f"use --{what} {built} or a new --index folder"
        )
        self.built = built
        self.asked = asked


class IngestLocked(RuntimeError):
    """Another process holds the ingest lock on this index."""

    def __init__(self, lock_path: Path, holder: str) -> None:
        detail = f" ({holder})" if holder else ""
        super().__init__(
            f"another ingest is running{detail} on {str(lock_path.parent)!r}; "
            "wait for it to finish and try again"
        )
        self.lock_path = lock_path


class PublishRefused(RuntimeError):
    """A sync that would drop so many papers that the folder is probably not mounted."""

    def __init__(self, root: Path, missing: int, indexed: int) -> None:
        super().__init__(
            f"refusing to publish: {missing} of {indexed} indexed papers under {str(root)!r} "
            "are missing (is the folder mounted?); remove them explicitly with "
            "scrutineer remove PATH if they really are gone"
        )
        self.root = root
        self.missing = missing
        self.indexed = indexed


class InvalidFilter(ValueError):
    """A filter value the index cannot apply, such as a date that is not YYYY-MM-DD."""

    def __init__(self, name: str, value: str) -> None:
        super().__init__(f"--{name} {value!r} is not a date; write it as YYYY-MM-DD")
        self.name = name
        self.value = value


class UnknownRow(LookupError):
    """A chunk row outside the generation: never map it to some other chunk."""

    def __init__(self, row: int, generation: str) -> None:
        super().__init__(
            f"row {row} is not in generation {generation}; rank again against this generation"
        )
        self.row = row


class UnknownAudience(ValueError):
    """An audience other than the ones an index can be built for."""

    def __init__(self, audience: str, choices: tuple[str, ...]) -> None:
        super().__init__(f"unknown audience {audience!r}: choose one of {', '.join(choices)}")
        self.audience = audience

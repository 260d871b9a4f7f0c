"""Expected ingest failures: each names the paper and the reason in one sentence."""


class UnreadablePaper(ValueError):
    """A paper that cannot be read: the message names the file, the reason and the remedy."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source!r}: {reason}")
        self.source = source
        self.reason = reason

"""Folding the same paragraph printed in several packs into one hit."""

import re

from ingest import Chunk

# Reports reappear in later packs with a changed footer or bullet: compare words, not bytes.
# Two passages count as the same paragraph when this share of their word shingles agree.
SAME_PARAGRAPH = 0.85
SHINGLE = 3
# Short passages ("The minutes were agreed.") recur without being the same paragraph.
MIN_SHINGLES = 8


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9£%]+", text.lower())
    if len(words) < SHINGLE:
        return frozenset({tuple(words)})
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def same_paragraph(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return a == b and len(a) > 1
    return len(a & b) / min(len(a), len(b)) >= SAME_PARAGRAPH


def group_duplicates(chunks: list[Chunk], limit: int | None = None) -> list[list[Chunk]]:
    """Chunks grouped by paragraph, in the order of each group's best-ranked member.

    With `limit`, at most that many groups are formed: later chunks only join one of them
    (as a reprint to list under also_in), which keeps a query's cost linear in candidates.
    """
    groups: list[tuple[frozenset[tuple[str, ...]], list[Chunk]]] = []
    for chunk in chunks:
        shingles = _shingles(chunk.text)
        for seen, members in groups:
            if same_paragraph(seen, shingles):
                members.append(chunk)
                break
        else:
            if limit is None or len(groups) < limit:
                groups.append((shingles, [chunk]))
    return [members for _, members in groups]

"""Query expansion by meaning: plain phrasings in a query -> the terms officers write.

A query's word windows are embedded and compared with the plain phrasings of the jargon
buster (search/jargon.py). Where a window means the same as a phrasing, the officers'
term and its formal name are added to the query, so "school leavers not in work" also
searches for "NEET". (Acronyms the papers define are expanded by spelling, in
search/query.py: matched by meaning they pulled in too many near-misses.) The phrasings'
vectors are built once per embedder and kept in the user's cache folder, so a command-line
search does not pay for them each time.
"""

import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import Embedder
from search.jargon import JARGON, TABLE_DIGEST, Jargon

# Cosine similarity a query window needs with a phrasing to add its term, and how many
# terms may be added: chosen on the dev set by leave-one-out cross-validation
# (eval/crossval.py; eval/README.md has the grid). Since the query without its jargon
# keeps half the vote (search/hits.py), a third term costs less than it did.
MATCH_FLOOR = 0.7
MOST_TERMS = 3
WINDOW_SIZES = (2, 3, 4, 5, 6)  # "kids in care" to "teach their kids themselves at home"
# Only a query's first words are read for jargon: a pasted paragraph would otherwise ask
# the model to embed thousands of windows (5 per word) before the search starts.
MOST_WORDS = 40
_WORD = re.compile(r"[\w'&/-]+")
_FILLER = frozenset(
    "a an the of in on at to for and or with by from is are was were be been do does did "
    "how what which who whom when where why many much there their they them this that these "
    "those it its has have had any all some our your my me we you i about into than then "
    "would could should will can may".split()
)


@dataclass(frozen=True, slots=True)
class Expander:
    """Phrasing vectors (one row each) and the entry each row belongs to."""

    embedder: Embedder
    entries: tuple[Jargon, ...]
    owners: np.ndarray  # int32 row -> index into entries
    vectors: np.ndarray  # float32, L2-normalised rows

    def matches(self, query: str) -> list[tuple[Jargon, float]]:
        """Entries a window of the query means, best first, at most MOST_TERMS."""
        windows = query_windows(query)
        if not windows or not len(self.entries):
            return []
        similarity = self.embedder.encode(windows) @ self.vectors.T
        best = similarity.max(axis=0)
        scores: dict[int, float] = {}
        for row in np.flatnonzero(best >= MATCH_FLOOR):
            owner = int(self.owners[row])
            scores[owner] = max(scores.get(owner, 0.0), float(best[row]))
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:MOST_TERMS]
        return [(self.entries[owner], score) for owner, score in ranked]

    def expand(self, query: str) -> str:
        """The words to add to the query: each match's term and formal name, once each."""
        lowered = query.lower()
        extra = []
        for entry, _ in self.matches(query):
            for words in (entry.term, entry.formal):
                if words.lower() not in lowered:
                    extra.append(words)
        return " ".join(dict.fromkeys(extra))


def query_windows(query: str) -> list[str]:
    """Runs of 2-6 words that start and end on a content word, plus the whole query (both
    from its first MOST_WORDS words)."""
    words = _WORD.findall(query)[:MOST_WORDS]
    windows = {" ".join(words)} if words else set()
    for size in WINDOW_SIZES:
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if run[0].lower() in _FILLER or run[-1].lower() in _FILLER:
                continue
            windows.add(" ".join(run))
    return sorted(windows)


def build_expander(embedder: Embedder) -> Expander:
    """Embed every entry's plain phrasings (one row each). Formal names are not matched:
    a query that uses one is found by its words, and by meaning they drew in near-misses
    ("local authority control" read as "local authority designated officer")."""
    texts: list[str] = []
    owners: list[int] = []
    for number, entry in enumerate(JARGON):
        for phrasing in entry.phrasings:
            texts.append(phrasing)
            owners.append(number)
    vectors = _cached_vectors(embedder, texts)
    return Expander(embedder, JARGON, np.asarray(owners, dtype=np.int32), vectors)


_BUILT: dict[str, Expander] = {}
_BUILDING = threading.Lock()  # Streamlit reruns on several threads; build once a process


def load_expander(embedder: Embedder) -> Expander:
    """The expander for this embedder, built on first use in the process."""
    with _BUILDING:
        if embedder.name not in _BUILT:
            _BUILT[embedder.name] = build_expander(embedder)
        return _BUILT[embedder.name]


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/scrutineer, else ~/.cache/scrutineer."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scrutineer"


def _cached_vectors(embedder: Embedder, texts: list[str]) -> np.ndarray:
    named = f"{embedder.name}\0{embedder.dim}\0{TABLE_DIGEST}\0phrasings"
    key = hashlib.sha256(named.encode()).hexdigest()
    path = cache_folder() / f"jargon-{key[:20]}.npy"
    try:
        vectors = np.load(path, allow_pickle=False)
        if vectors.shape == (len(texts), embedder.dim) and vectors.dtype == np.float32:
            return np.asarray(vectors)
    except (OSError, ValueError):
        pass  # absent, unreadable or damaged: embed again below
    vectors = embedder.encode(texts)
    _store(path, vectors)
    return vectors


def _store(path: Path, vectors: np.ndarray) -> None:
    """Write the cache whole or not at all; a read-only home only costs the next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            np.save(out, vectors, allow_pickle=False)
        os.replace(name, path)
    except OSError:
        Path(name).unlink(missing_ok=True)

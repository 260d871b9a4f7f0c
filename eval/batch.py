"""Result lines for a query set: searched in-process, or asked through the CLI.

In-process search gives exactly what `scrutineer search --batch --json` prints (the same
`find_hits` and `search_object`) without a model load per run of the command.
`ask` is reached through the CLI because its batch output is the contract the shared
scorer reads; the harness uses it only when the installed CLI has the command.
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from eval.queries import EvalQuery
from index import Filters, load_embedder, open_generation
from search import Searcher, find_hits, make_searcher, search_object

# Where the CLI module is run from: the same interpreter, so the same installed packages.
CLI = (sys.executable, "-m", "cli")


class AskUnavailable(RuntimeError):
    """The installed CLI has no `ask` command yet."""

    def __init__(self) -> None:
        super().__init__(
            "scrutineer ask is not available in this checkout; score an ask --batch output "
            "with --results-in instead"
        )


class AskFailed(RuntimeError):
    """`scrutineer ask --batch` exited with an error."""

    def __init__(self, code: int, stderr: str) -> None:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
        super().__init__(f"scrutineer ask --batch exited {code}: {last}")


def open_searcher(index_dir: Path, embedder: str) -> Searcher:
    model = load_embedder(embedder)
    return make_searcher(open_generation(index_dir, model.name), model)


def search_lines(searcher: Searcher, queries: list[EvalQuery], k: int) -> list[dict[str, Any]]:
    """One `search --batch --json` object per query, each with its id."""
    lines: list[dict[str, Any]] = []
    for query in queries:
        filters = Filters(**dict(query.filters))  # names checked by read_queries
        hits = find_hits(searcher, query.query, filters, k)
        lines.append({"id": query.id, **search_object(query.query, filters, hits)})
    return lines


def ask_available() -> bool:
    done = subprocess.run([*CLI, "ask", "--help"], capture_output=True, check=False)
    return done.returncode == 0


def ask_lines(queries_path: Path, index_dir: Path, embedder: str) -> list[dict[str, Any]]:
    """`scrutineer ask --batch QUERIES --json` output, one object per query."""
    if not ask_available():
        raise AskUnavailable()
    command = [*CLI, "ask", "--batch", str(queries_path), "--json", "--index", str(index_dir)]
    done = subprocess.run(
        [*command, "--embedder", embedder], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise AskFailed(done.returncode, done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

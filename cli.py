"""The `scrutineer` command: a thin shell over ingest, index and search.

Only this module and ui.py print, exit or read the environment.
"""

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any, TextIO

import click

from index import (
    AUDIENCES,
    SECOND_CHOICES,
    Filters,
    IndexMismatch,
    IndexNotFound,
    IngestLocked,
    IngestReport,
    InvalidFilter,
    PublishRefused,
    UnknownAudience,
    UnknownEmbedder,
    describe_generation,
    load_embedder,
    open_generation,
    pick_second,
    remove_papers,
    update_index,
)
from ingest import DOC_TYPES
from search import (
    GenerationFailed,
    Hit,
    Searcher,
    answer_question,
    ask_object,
    find_decisions,
    find_hits,
    ledger_object,
    make_searcher,
    search_object,
    trace_trend,
    trend_object,
    write_answer,
    written_object,
)

DEFAULT_INDEX = Path("var/index")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a newline in a file name would split a report line
INDEX_ENV = "SCRUTINEER_INDEX"
EXPECTED = (
    IndexNotFound,
    IndexMismatch,
    IngestLocked,
    PublishRefused,
    UnknownEmbedder,
    UnknownAudience,
    InvalidFilter,
)


def _index_option(command: Any) -> Any:
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(path_type=Path, file_okay=False),
        envvar=INDEX_ENV,
        default=DEFAULT_INDEX,
        show_default=True,
        help=f"Index folder (or ${INDEX_ENV}).",
    )(command)


def _embedder_option(command: Any) -> Any:
    return click.option(
        "--embedder",
        default="minilm",
        show_default=True,
        help="minilm (all-MiniLM-L6-v2, offline), hashing (a fast fake for tests), "
        "or a sentence-transformers model folder.",
    )(command)


def _filter_options(command: Any) -> Any:
    options = [
        click.option("--council", help="Council name, or part of it."),
        click.option("--committee", help="Committee name, or part of it."),
        click.option("--since", metavar="YYYY-MM-DD", help="Meetings on or after this date."),
        click.option("--until", metavar="YYYY-MM-DD", help="Meetings on or before this date."),
        click.option("--doc-type", type=click.Choice(DOC_TYPES), help="Kind of document."),
        click.option("--decisions", is_flag=True, help="Resolutions and recommendations only."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(options: dict[str, Any]) -> Filters:
    return Filters(
        council=options.get("council"),
        committee=options.get("committee"),
        since=options.get("since"),
        until=options.get("until"),
        doc_type=options.get("doc_type"),
        decisions=bool(options.get("decisions")),
    )


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("scrutineer"), prog_name="scrutineer")
def main() -> None:
    """Search and question answering over council committee papers."""


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        end = "\n" if done >= total else ""
        click.echo(f"\r{stage}: {done}/{total}", err=True, nl=False)
        click.echo(end, err=True, nl=False)
    elif done == total:
        click.echo(f"{stage}: {total}", err=True)


def _shown(name: str) -> str:
    """A file name safe to print on one line: control characters become \\xNN."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)


def _report(report: IngestReport) -> None:
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for source, reason in report.skipped:
        click.echo(f"skipped {_shown(source)}: {reason}", err=True)
    for source, pages in report.image_only:
        click.echo(
            f"note {_shown(source)}: {len(pages)} page(s) have no text layer (no OCR yet)",
            err=True,
        )
    for source, reason in report.failures:
        click.echo(f"FAILED {_shown(source)}: {reason}", err=True)
    published = report.generation or "nothing new to publish"
    click.echo(
        f"papers: {report.papers_added} added, {report.papers_replaced} replaced, "
        f"{report.papers_unchanged} unchanged, "
        f"{report.papers_removed} removed, {len(report.failures)} failed; "
        f"items: {report.items}; chunks: {report.chunks}; encoded: {report.encoded}; "
        f"generation: {published}",
        err=True,
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_index_option
@_embedder_option
@click.option(
    "--sync",
    "sync_root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also drop papers under this folder that no longer exist.",
)
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="public",
    show_default=True,
    help="public leaves exempt material out entirely.",
)
@click.option(
    "--second-model",
    type=click.Choice(SECOND_CHOICES),
    default="auto",
    show_default=True,
    help="A second embedding model whose vote joins the first's in the ranking. auto: "
    "e5-small beside minilm, none otherwise; none ingests about 3x faster.",
)
def ingest(
    paths: tuple[Path, ...],
    index_dir: Path,
    embedder: str,
    sync_root: Path | None,
    audience: str,
    second_model: str,
) -> None:
    """Add or update papers (PDF, .txt, .md, .html; folders are walked).

    Example: scrutineer ingest corpus --index var/index
    """
    try:
        report = update_index(
            index_dir,
            list(paths),
            load_embedder(embedder),
            second=pick_second(second_model, embedder),
            sync_root=sync_root,
            audience=audience,
            progress=_progress,
        )
    except EXPECTED as exc:
        raise _fail(exc) from exc
    _report(report)
    if report.failures:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_index_option
@_embedder_option
def remove(paths: tuple[Path, ...], index_dir: Path, embedder: str) -> None:
    """Take papers out of the index.

    Example: scrutineer remove corpus/old-pack.pdf
    """
    try:
        report = remove_papers(index_dir, list(paths), load_embedder(embedder))
    except EXPECTED as exc:
        raise _fail(exc) from exc
    _report(report)


def _searcher(index_dir: Path, embedder: str) -> Searcher:
    model = load_embedder(embedder)
    generation = open_generation(index_dir, model.name)
    for warning in generation.warnings:
        click.echo(f"warning: {warning}", err=True)
    return make_searcher(generation, model)


def _batch_lines(stream: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"batch line {number} is not JSON: {exc}") from exc
        if not isinstance(record, dict) or not isinstance(record.get("query"), str):
            raise click.ClickException(f'batch line {number} needs a "query" string')
        yield number, record


def _batch_filters(record: dict[str, Any], number: int) -> Filters:
    given = record.get("filters") or {}
    if not isinstance(given, dict):
        raise click.ClickException(f'batch line {number}: "filters" must be an object')
    try:
        return Filters(**{k: v for k, v in given.items() if k != "doc-type"})
    except TypeError as exc:
        raise click.ClickException(f"batch line {number}: unknown filter ({exc})") from exc


def _query_options(command: Any) -> Any:
    options: list[Callable[[Any], Any]] = [
        click.argument("query", required=False, default=""),
        _index_option,
        _embedder_option,
        _filter_options,
        click.option(
            "-k",
            "k",
            default=10,
            show_default=True,
            type=click.IntRange(1, 200),
            help="How many hits.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print the JSON output contract."),
        click.option("--batch", type=click.File("r"), help="JSON lines {id, query, filters?}."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _run_batch(batch: TextIO, answer: Callable[[str, Filters], dict[str, Any]]) -> None:
    for number, record in _batch_lines(batch):
        out = answer(record["query"], _batch_filters(record, number))
        click.echo(json.dumps({"id": record.get("id"), **out}, ensure_ascii=False))


def _print_hits(hits: list[Hit]) -> None:
    if not hits:
        click.echo("No passages found.")
    for hit in hits:
        click.echo(f"{hit.rank}. [{hit.citation.label}] {hit.citation.item_title or ''}")
        click.echo(f"   {hit.text[:400]}")
        for other in hit.also_in:
            click.echo(f"   also in: {other.label}")


@main.command()
@_query_options
def search(
    query: str,
    index_dir: Path,
    embedder: str,
    k: int,
    as_json: bool,
    batch: TextIO | None,
    **options: Any,
) -> None:
    """Find cited passages.

    Example: scrutineer search "autism waiting times" --council warwickshire --json
    """
    try:
        searcher = _searcher(index_dir, embedder)

        def run(text: str, filters: Filters) -> dict[str, Any]:
            return search_object(text, filters, find_hits(searcher, text, filters, k))

        if batch is not None:
            _run_batch(batch, run)
            return
        filters = _filters(options)
        hits = find_hits(searcher, query, filters, k)
    except EXPECTED as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(search_object(query, filters, hits), ensure_ascii=False, indent=2))
        return
    _print_hits(hits)


def _written(url: str, model: str, question: str, hits: list[Hit]) -> dict[str, Any]:
    """The written answer's JSON object; a failure is reported on stderr and in the object."""
    try:
        return written_object(url, hits, write_answer(url, question, hits, model), None)
    except GenerationFailed as exc:
        click.echo(f"scrutineer: {exc}; the extractive answer stands alone", err=True)
        return written_object(url, hits, None, str(exc))


@main.command()
@_query_options
@click.option(
    "--llm",
    "llm_url",
    metavar="URL",
    help="Also write an answer with this OpenAI-compatible server (llama.cpp, Ollama), "
    "from the passages only; every sentence must cite one.",
)
@click.option("--llm-model", default="default", show_default=True, help="Model name to ask for.")
def ask(
    query: str,
    index_dir: Path,
    embedder: str,
    k: int,
    as_json: bool,
    batch: TextIO | None,
    llm_url: str | None,
    llm_model: str,
    **options: Any,
) -> None:
    """Answer a question with sentences quoted from the papers, or say it is not found.

    Example: scrutineer ask "What did the committee resolve about the Youth Justice Plan?"
    """
    try:
        searcher = _searcher(index_dir, embedder)

        def run(text: str, filters: Filters) -> dict[str, Any]:
            hits, answer = answer_question(searcher, text, filters, k)
            out = ask_object(text, filters, hits, answer)
            if llm_url is not None:
                out["written"] = _written(llm_url, llm_model, text, hits)
            return out

        if batch is not None:
            _run_batch(batch, run)
            return
        filters = _filters(options)
        hits, answer = answer_question(searcher, query, filters, k)
    except EXPECTED as exc:
        raise _fail(exc) from exc
    written = _written(llm_url, llm_model, query, hits) if llm_url is not None else None
    if as_json:
        out = ask_object(query, filters, hits, answer)
        if written is not None:
            out["written"] = written
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(answer.text)
    for citation in answer.citations:
        click.echo(f"  [{citation.label}] {citation.source}")
    if not answer.answerable:
        seen = answer.searched
        span = f"{seen.first_meeting} to {seen.last_meeting}" if seen.first_meeting else "no dates"
        click.echo(f"Searched {seen.papers} papers from {seen.meetings} meetings ({span}).")
    if written is not None and written["text"] is not None:
        click.echo("")
        click.echo(f"Written by the language model (checked citations): {written['text']}")
        for cited in written["citations"]:
            click.echo(f"  [{cited['n']}] {cited['label']} {cited['source']}")
    click.echo("")
    _print_hits(hits[:5])


@main.command()
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(index_dir: Path, as_json: bool) -> None:
    """What the index holds: papers, meetings, items, chunks, generation, embedder.

    Example: scrutineer stats --json
    """
    try:
        facts = describe_generation(open_generation(index_dir))
    except EXPECTED as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(facts, indent=2))
        return
    for key, value in facts.items():
        click.echo(f"{key}: {value}")


@main.command()
@_index_option
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; the default keeps the app on this machine.",
)
def ui(index_dir: Path, port: int, address: str) -> None:
    """Open the Streamlit app.

    Example: scrutineer ui --index var/index --port 8501
    """
    app = Path(__file__).with_name("ui.py")
    env = {**os.environ, INDEX_ENV: str(index_dir.resolve())}
    args = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.showErrorDetails",
        "none",
    ]
    os.execve(sys.executable, args, env)


@main.command()
@click.argument("query")
@_index_option
@_embedder_option
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the timeline as JSON.")
def trend(query: str, index_dir: Path, embedder: str, as_json: bool, **options: Any) -> None:
    """The figures quoted about a topic across meetings, as series ordered by period.

    Example: scrutineer trend "autism waiting times" --json
    """
    try:
        found = trace_trend(_searcher(index_dir, embedder), query, _filters(options))
    except EXPECTED as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(trend_object(found), ensure_ascii=False, indent=2))
        return
    if not found.series:
        click.echo("No figures found about this in the papers searched.")
    for series in found.series:
        note = "  (described differently at different points: check definitions)"
        click.echo(f"{series.metric}{note if series.definition_varies else ''}")
        for point in series.points:
            click.echo(
                f"  {point.period or '?':>8}  {point.printed:<14} {point.kind:<8} "
                f"[{point.citation.label}]"
            )
    days = ", ".join(f"{day} ({count})" for day, count in found.mentions)
    click.echo(f"Mentions by meeting: {days or 'none'}")


@main.command()
@click.argument("query", required=False, default="")
@_index_option
@_embedder_option
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the decision ledger as JSON.")
def decisions(query: str, index_dir: Path, embedder: str, as_json: bool, **options: Any) -> None:
    """Officer recommendations paired with the resolutions minuted for them, and outcomes.

    Without QUERY, every decision, newest meeting first; with QUERY, the decisions that
    use its words, most relevant first.

    Example: scrutineer decisions "youth justice" --council warwickshire --json
    """
    try:
        found = find_decisions(_searcher(index_dir, embedder), query, _filters(options))
    except EXPECTED as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(ledger_object(query, found), ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("No decisions found.")
    for decision in found:
        item = f"item {decision.item}" if decision.item else "no item number"
        click.echo(
            f"{decision.meeting_date or 'undated'}  {item}  {decision.item_title or ''}"
            f"  [{decision.outcome}]"
        )
        for name, text in (
            ("Recommended", decision.recommendation),
            ("Resolved", decision.resolution),
        ):
            shown = " ".join((text or "(none in the papers searched)").split())
            click.echo(f"   {name}: {shown[:300]}")
        for citation in decision.citations:
            click.echo(f"   [{citation.label}] {citation.source}")


if __name__ == "__main__":
    main()

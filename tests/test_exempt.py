"""Exempt material never reaches a public index: the canary test (reliability.md A1, 6.3).

Two canaries: ZQXEXEMPTCANARY7 sits in an agenda item after an "Exclusion of the Press and
Public" resolution (and in its title), ZQXEXEMPTCANARY8 in a paper whose sidecar says
`"classification": "restricted"`. A public build must hold neither anywhere on disk (chunk
store, BM25 terms, vectors, embedding cache, manifest) nor show them in any command's
output, while the public items of the same pack stay searchable; a members build holds
both, labelled exempt.
"""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from index import count_term_documents, index_terms, open_generation, read_papers

FAST = ["--embedder", "hashing"]
ITEM_CANARY = "ZQXEXEMPTCANARY7"
PAPER_CANARY = "ZQXEXEMPTCANARY8"
# BM25 lowercases and stems; SQLite and JSON keep the case: search bytes case-folded.
CANARY_BYTES = b"zqxexemptcanary"
# A made-up surname and street that appear only in exempt text: the words around a canary.
EXEMPT_WORDS = ("Wolverbrook", "Quillfeather")
PUBLIC_PHRASE = "Riverside library opens on Sunday afternoons"

# A text export of an agenda pack: two public items, then the exclusion resolution printed
# straight under its item heading, then an exempt item with its report.
PACK = f"""Agenda

Children and Young People Overview and Scrutiny Committee

Wednesday, 30 June 2021, 2.00 pm

Items of Business

1. Apologies
2. Library Opening Hours Review (Pages 3 - 4)
3. Exclusion of the Press and Public
That members of the public be excluded from the meeting for the item mentioned below on \
the grounds that their presence would involve the disclosure of exempt information as \
defined in paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972.
4. {ITEM_CANARY} Residential Care Contract Award (Pages 5 - 6)

Children and Young People Overview and Scrutiny Committee

30 June 2021

Library Opening Hours Review

1.1 The review proposes that the {PUBLIC_PHRASE} from September, funded by the reserve \
set aside for the library service in the budget.

1.2 Visitor numbers at the Riverside library rose by twelve per cent in the last year, with \
the largest rise among families with young children on weekday afternoons.

Recommendation

2.1 That the Committee supports Sunday opening at the Riverside library from September.

Children and Young People Overview and Scrutiny Committee

30 June 2021

{ITEM_CANARY} Residential Care Contract Award

1.1 The preferred bidder for the residential care contract is {ITEM_CANARY} Wolverbrook \
Care Limited, whose tender price was lower than every other bid received for residential \
placements.

1.2 The contract value is commercially sensitive while the negotiation with {ITEM_CANARY} \
Wolverbrook Care Limited continues until the end of July.

Recommendation

2.1 That the Committee awards the residential care contract to {ITEM_CANARY} Wolverbrook \
Care Limited for three years.
"""

# A whole paper made exempt by its sidecar, though nothing in its text says so.
RESTRICTED = f"""Quillfeather Lane Staffing Panel

14 July 2021

Quillfeather Lane Children's Home Staffing

1.1 The staffing review of the Quillfeather Lane children's home names {PAPER_CANARY} as \
the agency whose contract ends in September, and sets out the redundancy terms offered.

1.2 The home's registered manager has raised concerns about the agency staff supplied by \
{PAPER_CANARY} on night shifts during the spring.
"""

QUERIES = (
    ITEM_CANARY,
    f"{ITEM_CANARY} Wolverbrook Care Limited preferred bidder",
    "residential care contract tender price",
    PAPER_CANARY,
    f"Quillfeather Lane children's home staffing {PAPER_CANARY}",
    "agency staff night shifts redundancy terms",
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write_papers(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "cyp-2021-06-30-pack.txt").write_text(PACK, encoding="utf-8")
    (folder / "cyp-2021-07-14-staffing.txt").write_text(RESTRICTED, encoding="utf-8")
    sidecar = folder / "cyp-2021-07-14-staffing.txt.meta.json"
    sidecar.write_text(json.dumps({"classification": "restricted"}), encoding="utf-8")
    return folder


def build(folder: Path, index: Path, audience: str) -> Result:
    result = run("ingest", str(folder), "--index", str(index), "--audience", audience, *FAST)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_papers(tmp_path_factory.mktemp("exempt") / "papers")


@pytest.fixture(scope="module")
def public_build(papers: Path) -> tuple[Path, Result]:
    index = papers.parent / "public"
    return index, build(papers, index, "public")


@pytest.fixture(scope="module")
def members_build(papers: Path) -> Path:
    index = papers.parent / "members"
    build(papers, index, "members")
    return index


def files_holding(index: Path, needles: tuple[bytes, ...]) -> dict[str, list[bytes]]:
    """Every file under `index` (generations, sparse segments, caches, lock, CURRENT) whose
    case-folded bytes contain one of `needles`, with the needles found."""
    found: dict[str, list[bytes]] = {}
    for folder, _dirs, names in os.walk(index):
        for name in names:
            path = Path(folder) / name
            data = path.read_bytes().lower()
            hits = [needle for needle in needles if needle in data]
            if hits:
                found[path.relative_to(index).as_posix()] = hits
    return found


def without_query(stdout: str) -> str:
    """A command's JSON output minus the echo of the query it was given."""
    out = json.loads(stdout)
    out.pop("query", None)
    return json.dumps(out, ensure_ascii=False)


def command_outputs(index: Path) -> list[str]:
    """What every reading command prints for queries aimed at the canaries (stdout without
    the query's own echo, and stderr)."""
    outputs = []
    for query in QUERIES:
        for command in ("search", "ask", "trend", "decisions"):
            deep = ["-k", "50"] if command in ("search", "ask") else []
            result = run(command, query, "--index", str(index), "--json", *deep, *FAST)
            assert result.exit_code == 0, result.output
            outputs += [without_query(result.stdout), result.stderr]
    for args in (["decisions"], ["stats"]):  # every decision; the index's headline facts
        result = run(
            *args, "--index", str(index), "--json", *(FAST if args == ["decisions"] else [])
        )
        assert result.exit_code == 0, result.output
        outputs += [result.stdout, result.stderr]
    return outputs


def hits_for(index: Path, query: str) -> list[dict[str, object]]:
    result = run("search", query, "--index", str(index), "--json", "-k", "50", *FAST)
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.stdout)["hits"]
    return hits


def test_the_public_build_names_no_canary_in_its_ingest_report(
    public_build: tuple[Path, Result],
) -> None:
    index, result = public_build
    assert CANARY_BYTES not in result.output.lower().encode()
    assert json.loads(run("stats", "--index", str(index), "--json").stdout)["papers"] == 2


def test_no_file_under_a_public_index_holds_a_canary_or_a_word_of_exempt_text(
    public_build: tuple[Path, Result],
) -> None:
    index, _ = public_build
    needles = (CANARY_BYTES, *(word.lower().encode() for word in EXEMPT_WORDS))
    files = {p.relative_to(index).as_posix() for p in index.rglob("*") if p.is_file()}
    assert {"CURRENT", "embeddings.sqlite", "gen-000001/chunks.sqlite"} <= files
    assert any(name.startswith("gen-000001/sparse/") for name in files)

    assert files_holding(index, needles) == {}


def test_the_public_bm25_dictionary_has_no_canary_term(public_build: tuple[Path, Result]) -> None:
    # tantivy's term dictionary is an FST that shares prefixes, so a byte search of its
    # files proves little on its own: ask the dictionary itself.
    generation = open_generation(public_build[0])
    for text in (ITEM_CANARY, PAPER_CANARY, *EXEMPT_WORDS):
        (term,) = index_terms(text)
        assert count_term_documents(generation, term) == 0, term


def test_the_public_paper_records_keep_no_exempt_item_title(
    public_build: tuple[Path, Result],
) -> None:
    papers = {Path(p.path).name: p for p in read_papers(open_generation(public_build[0]))}
    pack = papers["cyp-2021-06-30-pack.txt"]
    assert [item.number for item in pack.items] == ["1", "2", "3"]
    assert papers["cyp-2021-07-14-staffing.txt"].items == ()
    assert papers["cyp-2021-07-14-staffing.txt"].chunks == 0


def test_no_command_output_on_a_public_index_shows_a_canary(
    public_build: tuple[Path, Result],
) -> None:
    outputs = command_outputs(public_build[0])
    leaks = [out for out in outputs if CANARY_BYTES in out.lower().encode()]
    assert leaks == []
    for word in EXEMPT_WORDS:
        assert not any(word in out for out in outputs), word


def test_the_public_items_of_the_same_pack_stay_searchable(
    public_build: tuple[Path, Result],
) -> None:
    hits = hits_for(public_build[0], "Riverside library opens on Sunday afternoons reserve")
    top = next(hit for hit in hits if PUBLIC_PHRASE in str(hit["text"]))
    assert top["rank"] in (1, 2)
    citation = top["citation"]
    assert isinstance(citation, dict)
    assert (citation["item"], citation["item_title"]) == ("2", "Library Opening Hours Review")
    assert (citation["meeting_date"], top["classification"]) == ("2021-06-30", "public")
    assert {hit["classification"] for hit in hits} == {"public"}


def test_a_members_build_finds_both_canaries_labelled_exempt(members_build: Path) -> None:
    item_hits = [h for h in hits_for(members_build, ITEM_CANARY) if ITEM_CANARY in str(h["text"])]
    paper_hits = [
        h for h in hits_for(members_build, PAPER_CANARY) if PAPER_CANARY in str(h["text"])
    ]
    assert item_hits and paper_hits
    assert {h["classification"] for h in item_hits + paper_hits} == {"exempt"}
    item_citation = item_hits[0]["citation"]
    assert isinstance(item_citation, dict)
    assert item_citation["item"] == "4"
    assert str(paper_hits[0]["citation"]["source"]).endswith(  # type: ignore[index]
        "cyp-2021-07-14-staffing.txt"
    )


def test_a_members_build_keeps_the_public_items_public(members_build: Path) -> None:
    hits = hits_for(members_build, "Riverside library opens on Sunday afternoons reserve")
    top = next(hit for hit in hits if PUBLIC_PHRASE in str(hit["text"]))
    assert top["classification"] == "public"


def test_the_byte_search_would_see_a_canary_if_one_were_written(members_build: Path) -> None:
    # The same search over the members index must find the canaries, or the public test
    # above proves nothing (compressed or re-encoded storage would hide them).
    found = files_holding(members_build, (CANARY_BYTES,))
    assert "gen-000001/chunks.sqlite" in found
    generation = open_generation(members_build)
    (term,) = index_terms(ITEM_CANARY)
    assert count_term_documents(generation, term) > 0


def test_the_decision_ledger_lists_the_exempt_recommendation_only_for_members(
    public_build: tuple[Path, Result], members_build: Path
) -> None:
    def ledger(index: Path) -> str:
        result = run("decisions", "--index", str(index), "--json", *FAST)
        assert result.exit_code == 0, result.output
        return result.stdout

    public, members = ledger(public_build[0]), ledger(members_build)
    assert "Sunday opening at the Riverside library" in public
    assert ITEM_CANARY not in public
    assert ITEM_CANARY in members


def test_exports_from_a_public_index_hold_no_canary(public_build: tuple[Path, Result]) -> None:
    from datetime import date

    from index import Filters, load_embedder
    from search import answer_question, make_searcher
    from uiparts import export_briefing, export_csv

    generation = open_generation(public_build[0])
    searcher = make_searcher(generation, load_embedder("hashing"))
    for query in (ITEM_CANARY, PAPER_CANARY, " ".join(EXEMPT_WORDS)):
        hits, answer = answer_question(searcher, query, Filters(), 20)
        assert hits, "the export is of real hits"
        csv_text = export_csv(hits)
        briefing = export_briefing(query, Filters(), hits, generation.name, date.today(), answer)
        # The briefing's title repeats the query; everything after it must be clean.
        body = briefing.split("\n", 1)[1]
        for text in (csv_text, body):
            assert CANARY_BYTES not in text.lower().encode()
            assert not any(word in text for word in EXEMPT_WORDS)

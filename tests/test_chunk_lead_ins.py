"""A short line ending ":" belongs to the table or paragraph it introduces."""

from pathlib import Path

from ingest import Document, Page, build_paper
from tests.conftest import count_words

FRONT = "Cabinet\n\nThursday 30 January 2025\n\n"
# Rows of 15 words: ten fill a chunk, so nothing short merges into one for its size.
ROWS = "\n".join(
    f"Block {n} | {1000 + n} | {2000 + n} | {n}.5% | variance against budget this reporting period"
    for n in range(40)
)


def chunks_of(body: str) -> list[str]:
    document = Document("lead.pdf", "0" * 64, "pdf", (Page(1, FRONT + body),))
    return [c.text for c in build_paper(document, Path("lead.pdf"), count_words, 256).chunks]


def test_a_lead_in_opens_the_first_chunk_of_the_table_it_introduces() -> None:
    texts = chunks_of(f"The year-end position was an overspend of £7.2m:\n\n{ROWS}\n")
    holding = [t for t in texts if "overspend of £7.2m:" in t]
    assert len(holding) == 1
    lead, first_row = holding[0].split("\n")[:2]
    assert lead == "The year-end position was an overspend of £7.2m:"
    assert first_row.startswith("Block 0 |")
    assert all(len(t.split()) <= 150 for t in texts)


def test_a_line_that_ends_a_sentence_or_runs_long_is_not_a_lead_in() -> None:
    plain = chunks_of(f"The year-end position was an overspend of £7.2m.\n\n{ROWS}\n")
    assert not any(t.startswith("The year-end position") and "Block 0 |" in t for t in plain)
    long_line = "The position at year end " + "across every block of the grant " * 5 + "was:"
    long = chunks_of(f"{long_line}\n\n{ROWS}\n")
    assert not any(t.startswith("The position at year end") and "Block 0 |" in t for t in long)

"""Acronyms a paper defines: "Not in Education, Employment or Training (NEET)" in running
text, and "NEET | Not in education, employment or training" rows of a glossary."""

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

ACRONYM = r"[A-Z][A-Za-z0-9&]{1,7}"
# Words start at a word boundary and run at most 40 characters: unbounded, a megabyte
# with no spaces (a pasted blob) backtracked quadratically and held ingest for hours.
DEFINED_IN_TEXT = re.compile(rf"((?:(?<![\w'’-])[\w'’-]{{1,40}}[ ,]+){{1,10}}?)\(({ACRONYM})s?\)")
ACRONYM_CELL = re.compile(ACRONYM)
MEANING_CELL = re.compile(r"[A-Z][^|]{3,120}")
# Joining words an acronym usually skips ("Children Missing Education" -> CME, but
# "Special Educational Needs and Disabilities" -> SEND keeps the "and").
SKIPPABLE = frozenset({"and", "of", "the", "for", "in", "on", "to", "&", "or", "with", "at"})


def _upper_count(acronym: str) -> int:
    return sum(1 for ch in acronym if ch.isupper() or ch.isdigit())


def _initials_match(words: list[str], acronym: str) -> int | None:
    """Where the shortest tail of `words` whose initials spell `acronym` starts; else None."""
    letters = [ch.lower() for ch in acronym if ch.isupper() or ch.isdigit()]
    if len(letters) < 2:
        return None
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in SKIPPABLE:
            continue
        initials = [w[0].lower() for w in tail if w.lower() not in SKIPPABLE]
        full = [w[0].lower() for w in tail]
        if letters in (initials, full):
            return start
        if len(initials) > len(letters):
            return None
    return None


def _from_text(text: str) -> list[tuple[str, str]]:
    found = []
    for match in DEFINED_IN_TEXT.finditer(text):
        spans = list(re.finditer(r"[\w'’&-]+", match.group(1)))
        acronym = match.group(2)
        if _upper_count(acronym) >= 2:
            start = _initials_match([s.group() for s in spans], acronym)
            if start is not None:
                phrase = match.group(1)[spans[start].start() : spans[-1].end()]
                found.append((acronym, phrase))
    return found


def _from_row(text: str) -> list[tuple[str, str]]:
    """Glossary table rows: cells alternate acronym, meaning (one or more pairs a row)."""
    if "|" not in text:
        return []
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    pairs = []
    for short, meaning in pairwise(cells):
        if (
            ACRONYM_CELL.fullmatch(short)
            and _upper_count(short) >= 2
            and MEANING_CELL.fullmatch(meaning)
            and len(meaning.split()) >= 2
        ):
            pairs.append((short, meaning.strip(" .;")))
    return pairs


def _singular(acronym: str) -> str:
    """ "SGOs" -> "SGO": a plural acronym means the same thing."""
    if acronym.endswith("s") and _upper_count(acronym[:-1]) == len(acronym) - 1:
        return acronym[:-1]
    return acronym


def find_acronyms(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each acronym the texts define with its most frequent meaning, sorted."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for line in text.split("\n"):
            for acronym, meaning in _from_text(line) + _from_row(line):
                seen.setdefault(_singular(acronym), Counter())[meaning] += 1
    return tuple(sorted((a, c.most_common(1)[0][0]) for a, c in seen.items()))

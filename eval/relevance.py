"""When a hit answers a query: its text holds one of the query's keys.

The rule is the shared scorer's (../shared/eval/score.py), so numbers agree with it:
compare words, not bytes, after dropping markup and folding case; a key longer than
KEY_RUN words also counts when any KEY_RUN consecutive words of it appear, because a
chunk edge may cut a long key in two.
"""

import re

MARKUP = re.compile(r"<[^>]+>")
# Letters, digits, the pound sign and per cent: "£55,500" and "4.8%" keep their units,
# while quotes, dashes and other punctuation only separate words.
WORD = re.compile(r"[a-z0-9\u00a3%]+")
KEY_RUN = 8  # the shared scorer's window for a key cut by a chunk edge


def fold_words(text: str) -> tuple[str, ...]:
    """The words of `text`, lower case, markup dropped."""
    return tuple(WORD.findall(MARKUP.sub(" ", text).lower()))


def _runs(words: tuple[str, ...], size: int) -> set[tuple[str, ...]]:
    return {words[i : i + size] for i in range(len(words) - size + 1)}


def holds_key(text: str, key: str) -> bool:
    """True when the folded `text` holds the folded `key`, or KEY_RUN consecutive words of it.

    A key of fewer than KEY_RUN words must appear whole; a longer key that appears whole
    also contains each of its runs, so checking the runs covers both cases.
    """
    key_words = fold_words(key)
    if not key_words:
        return False
    size = min(KEY_RUN, len(key_words))
    return not _runs(key_words, size).isdisjoint(_runs(fold_words(text), size))


def is_relevant(text: str, keys: tuple[str, ...]) -> bool:
    return any(holds_key(text, key) for key in keys)


def first_relevant(texts: list[str], keys: tuple[str, ...]) -> int | None:
    """The 0-based position of the first relevant text, or None."""
    return next((n for n, text in enumerate(texts) if is_relevant(text, keys)), None)

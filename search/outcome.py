"""What became of a recommendation, read from the resolution minuted for it: agreed,
amended, noted, deferred or rejected. Rule-based: minutes word resolutions in a small,
formal vocabulary ("approve", "be noted", "requests that ...", "deferred")."""

import re

OUTCOMES = ("agreed", "amended", "noted", "deferred", "rejected", "pending")
WORD = re.compile(r"[a-z0-9]+")
# Words that tell no two agenda items (or resolution clauses) apart.
STOP_WORDS = frozenset(
    "a an and the of for to in on at by with from as be is are this that its it their "
    "report update committee".split()
)
# A resolution clause repeats the recommendation when half its words are the
# recommendation's; below that it is a point the committee added.
REPEATED_CLAUSE = 0.5
_CUES: dict[str, str] = {
    "agreed": r"approv(?:e|es|ed|al)|agree[sd]?|endors(?:e|es|ed)|support(?:s|ed)?|"
    r"adopt(?:s|ed)?|accept(?:s|ed)?|ratif(?:y|ies|ied)|confirm(?:s|ed)?",
    "noted": r"note[sd]?|receive[sd]?|acknowledge[sd]?",
    "extra": r"request(?:s|ed)?|asks?|invite[sd]?|establish(?:es|ed)?|recommend(?:s|ed)?|"
    r"instruct(?:s|ed)?|adds?|added",
    "deferred": r"defer(?:s|red|ral)?|postpone[sd]?|adjourn(?:s|ed)?",
    "rejected": r"reject(?:s|ed)?|refuse[sd]?|decline[sd]?",
}
_CUE_WORDS = "|".join(_CUES.values())
CUE = re.compile(rf"\b({_CUE_WORDS})\b", re.IGNORECASE)
CUE_KIND = {kind: re.compile(rf"(?:{cues})$", re.IGNORECASE) for kind, cues in _CUES.items()}
# "that X be noted", "a rota is agreed": the verb of a resolution written in the passive.
PASSIVE = re.compile(r"\b(?:be|is|are)\s+(\w+)", re.IGNORECASE)
NEGATED = re.compile(rf"\bnot\s+(?:to\s+)?(?:be\s+)?(?:{_CUES['agreed']})\b", re.IGNORECASE)
AMENDING = re.compile(r"\b(?:subject\s+to|as\s+amended|amend(?:s|ed|ment|ments)?)\b", re.I)
# Clauses: lines, numbered points, sentences, and "..., and requests ..." after a first verb.
CLAUSE_SPLIT = re.compile(
    r"\n+|;\s*|(?<=[.!?])\s+(?=[A-Z])|\s\(?[0-9a-z]{1,2}\)\s"
    rf"|(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:{_CUE_WORDS})\b)",
    re.IGNORECASE,
)


def content_words(text: str | None) -> frozenset[str]:
    """The distinct lowercase words of `text` that carry meaning ("Children's" -> children)."""
    plain = re.sub(r"['’]s\b", "", (text or "").lower())
    return frozenset(w for w in WORD.findall(plain) if len(w) > 1 and w not in STOP_WORDS)


def _clause_kind(clause: str) -> str | None:
    """What one clause of a resolution does: agreed, noted, extra, deferred, rejected."""
    if NEGATED.search(clause):
        return "rejected"
    verbs = [m.group(1) for m in PASSIVE.finditer(clause) if CUE.fullmatch(m.group(1))]
    first = verbs[0] if verbs else (m.group(1) if (m := CUE.search(clause)) else None)
    if first is None:
        return None
    return next(kind for kind, pattern in CUE_KIND.items() if pattern.match(first))


def classify_outcome(resolution: str, recommendation: str | None = None) -> str:
    """agreed, amended, noted, deferred or rejected, from the verbs of the resolution's
    clauses; amended when it agrees or notes and also adds a point (a request, a new body)
    or an amendment that the recommendation did not hold."""
    clauses = [c for c in CLAUSE_SPLIT.split(resolution) if c and c.strip()]
    kinds = {clause: _clause_kind(clause) for clause in clauses}
    found = set(kinds.values())
    if "rejected" in found:
        return "rejected"
    if "deferred" in found:
        return "deferred"
    asked = content_words(recommendation)
    added = any(
        kind == "extra" and len(content_words(c) & asked) < REPEATED_CLAUSE * len(content_words(c))
        for c, kind in kinds.items()
    )
    amending = bool(AMENDING.search(resolution)) and not AMENDING.search(recommendation or "")
    if (added or amending) and (found & {"agreed", "noted"} or recommendation is not None):
        return "amended"
    if "noted" in found and "agreed" not in found:
        return "noted"
    # A resolution is a carried motion: one that names no verb ("That the public be
    # excluded") was agreed.
    return "agreed"

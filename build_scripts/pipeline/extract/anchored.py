"""Matches of an expression tried only where one of its first words stands.

``re`` has no fast search for a choice of words ("trong|trước|đến ...", ignoring case): it tries
the whole expression at every character of the text, where ``str.find`` looks for a word in C
at a fraction of the cost. An expression whose every match begins with one of a few words is
tried only where the text (in lower case, when the expression ignores case) has one of them:
the same matches, in the same order, as ``finditer`` finds.

Exact because a match's first characters are those words' letters, or letters that ``re``
matches to them when ignoring case, which ``str.lower`` maps to those letters; the few for which
it does not ("ſ" matches "s", "ı" and "İ" match "i") send the text to ``finditer`` unchanged,
as does a text that ``str.lower`` makes longer (its offsets would not be the text's).
tests/pipeline/extract/test_anchored.py checks every character against the registered words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# characters re's IGNORECASE matches to an ASCII or Vietnamese letter that str.lower does not map to it
ODD_CASE = "\u0130\u0131\u017f"  # "İ", "ı", "ſ"

REGISTERED: set[str] = set()  # every word an expression is anchored at, for the test


def starts(*words: str) -> tuple[str, ...]:
    """The words an expression's matches begin with, as the expression writes them (registered for the test)."""
    out = tuple(dict.fromkeys(words))
    REGISTERED.update(w.lower() for w in out)
    return out


def finditer(pattern: re.Pattern[str], text: str, first_words: tuple[str, ...],
             lower: str | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for an expression each of whose matches begins with one of ``first_words``
    (from ``starts``) and is never empty; the words are matched as written unless the whole expression ignores
    case (``re.IGNORECASE``, not a part of it: "(?i:...)"); ``lower``: ``text.lower()``, if the caller has it."""
    if pattern.flags & re.IGNORECASE:
        haystack = text.lower() if lower is None else lower
        if len(haystack) != len(text) or any(c in text for c in ODD_CASE):  # three searches in C: faster than a class
            return pattern.finditer(text)
        first_words = tuple({w.lower() for w in first_words})
    else:
        haystack = text
    at: set[int] = set()
    for word in first_words:
        i = haystack.find(word)
        while i != -1:
            at.add(i)
            i = haystack.find(word, i + 1)
    return _matches_at(pattern, text, sorted(at))


def _matches_at(pattern: re.Pattern[str], text: str, at: list[int]) -> Iterator[re.Match[str]]:
    """The leftmost match from each candidate on, none overlapping the one before (as ``finditer``'s)."""
    end = 0
    for i in at:
        if i < end:
            continue
        if m := pattern.match(text, i):  # lookbehinds still see the text before i
            yield m
            end = m.end()

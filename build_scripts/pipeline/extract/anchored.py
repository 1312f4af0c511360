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
from dataclasses import dataclass

# characters re's IGNORECASE matches to an ASCII or Vietnamese letter that str.lower does not map to it
ODD_CASE = "\u0130\u0131\u017f"  # "İ", "ı", "ſ": finditer below tests for each

_IGNORECASE = int(re.IGNORECASE)  # an int & an int in C; & with the enum runs enum's Python __and__
REGISTERED: set[str] = set()  # every word an expression is anchored at, for the test


@dataclass(frozen=True, slots=True)
class Starts:
    """The words an expression's matches begin with: as it writes them, and in lower case (the caller's
    expression may ignore case; lowered once, not at each text)."""

    words: tuple[str, ...]
    lowered: tuple[str, ...]


def starts(*words: str) -> Starts:
    """The words an expression's matches begin with, as the expression writes them (registered for the test)."""
    out = tuple(dict.fromkeys(words))
    lowered = tuple(dict.fromkeys(w.lower() for w in out))
    REGISTERED.update(lowered)
    return Starts(out, lowered)


def finditer(pattern: re.Pattern[str], text: str, first_words: Starts,
             lower: str | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for an expression each of whose matches begins with one of ``first_words``
    (from ``starts``) and is never empty; the words are matched as written unless the whole expression ignores
    case (``re.IGNORECASE``, not a part of it: "(?i:...)"); ``lower``: ``text.lower()``, if the caller has it."""
    if pattern.flags & _IGNORECASE:
        haystack = text.lower() if lower is None else lower
        # three searches in C (faster than a class)
        if len(haystack) != len(text) or "\u0130" in text or "\u0131" in text or "\u017f" in text:
            return pattern.finditer(text)
        words = first_words.lowered
    else:
        haystack, words = text, first_words.words
    at: list[int] = []
    for word in words:
        i = haystack.find(word)
        while i != -1:
            at.append(i)
            i = haystack.find(word, i + 1)
    if not at:
        return iter(())
    return _matches_at(pattern, text, sorted(set(at)))  # a word may begin another ("đến", "đến hết")


def _matches_at(pattern: re.Pattern[str], text: str, at: list[int]) -> Iterator[re.Match[str]]:
    """The leftmost match from each candidate on, none overlapping the one before (as ``finditer``'s)."""
    end = 0
    for i in at:
        if i < end:
            continue
        if m := pattern.match(text, i):  # lookbehinds still see the text before i
            yield m
            end = m.end()

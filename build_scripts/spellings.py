"""Finding many literal spellings in a text in one pass: the cited symbols of a document.

A document may cite thousands of symbols ("1027/QĐ-UBND", "08-NQ/ThU"); finding each of them in
each block with its own regular expression, or with one alternation of all of them, costs the
number of symbols at every position: quadratic. Here the spellings are kept in a trie. From each
place a spelling may start (a character that begins one, not inside a word), the text is walked
along the trie, so each place costs the length of a symbol at most, whatever their number.

A spelling counts only as a whole: no letter, digit, "_", "/" or "-" right before or after it
(so "08-NQ/TU" is not found in "108-NQ/TU" nor in "08-NQ/TU-X").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD_CHAR = re.compile(r"[\w/-]")
_END = ""  # the key, in a trie node, of the spelling that ends there


class Spellings:
    def __init__(self, words: Iterable[str]):
        self.trie: dict = {}
        for word in words:
            if not word:
                continue
            node = self.trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[_END] = word
        firsts = "".join(sorted({re.escape(ch) for ch in self.trie}))
        self._starts = re.compile(rf"(?<![\w/-])[{firsts}]") if firsts else None

    def __bool__(self) -> bool:
        return bool(self.trie)

    def _ends(self, text: str, start: int) -> Iterator[tuple[str, int]]:
        """Every spelling that starts at ``start`` and ends where a word ends: (spelling, end), shortest first."""
        node, i = self.trie, start
        while i < len(text):
            node = node.get(text[i])
            if node is None:
                return
            i += 1
            if _END in node and not _WORD_CHAR.match(text, i):
                yield node[_END], i

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Every whole occurrence (start, end, spelling), in order; several may start at one place."""
        if self._starts is None:
            return
        for m in self._starts.finditer(text):
            for word, end in self._ends(text, m.start()):
                yield m.start(), end, word

    def longest(self, text: str) -> Iterator[tuple[int, int, str]]:
        """The occurrences a reader sees, left to right: at each place the longest, none inside another."""
        pos = 0
        if self._starts is None:
            return
        for m in self._starts.finditer(text):
            if m.start() < pos:
                continue
            found = None
            for found in self._ends(text, m.start()):  # noqa: B007 - the last is the longest
                pass
            if found:
                word, pos = found
                yield m.start(), pos, word

    def search(self, text: str) -> bool:
        return next(self.find(text), None) is not None

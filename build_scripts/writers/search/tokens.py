"""The search's words: a text tokenised as the index and the browser's queries read it (``tokens`` in tim-kiem.js).

- NFC, lower case; a word is a run of letters, combining marks and decimal digits;
- words joined by single "-" or "/" that start with a digit and contain a letter form a
  symbol ("340-TB/TU", "08-NQ/ThU", "1027/QĐ-UBND"), kept whole;
- every word is also folded (diacritics removed, đ -> d).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache

from ...vietnamese import fold, nfc

JOINERS = "-/"


@dataclass(frozen=True)
class Token:
    text: str  # lower case, diacritics kept
    folded: str  # lower case, no diacritics, đ -> d
    start: int  # offsets in the NFC text
    end: int


@dataclass(frozen=True)
class Chain:
    """Words joined by single "-" or "/"; a chain that starts with a digit and has a letter is a symbol."""

    words: tuple[Token, ...]
    symbol: Token | None = None


def _word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def fold_token(text: str) -> str:
    """Lower case and fold; tokens are already lower case, so this only strips diacritics."""
    return fold(text.lower())


def _token(text: str, start: int, end: int) -> Token:
    word = text[start:end].lower()
    return Token(word, fold_token(word), start, end)


def symbol_key(text: str) -> str:
    """A symbol as the index and queries compare it: folded, and "/" read as "-", so that either separator
    finds it ("215/TB-ThU" finds "215-TB/ThU"; "45-TB/UBND" finds "45/TB-UBND")."""
    return fold_token(text.lower()).replace("/", "-")


def _symbol(text: str, start: int, end: int) -> Token:
    word = text[start:end].lower()
    return Token(word, symbol_key(word), start, end)


BMP = 0x10000  # the Basic Multilingual Plane: every character of a Vietnamese text


def _word_class(bmp: bool = False) -> str:
    """The word characters (``_word_char``), of the BMP or all, as a regular expression's class."""
    return _word_ranges(0, BMP) + ("" if bmp else _word_ranges(BMP, sys.maxunicode + 1))


@cache
def _word_ranges(start: int, end: int) -> str:
    """The word characters from ``start`` to ``end`` as ranges of a class, the category test inlined: built once
    per process, in every rebuild (the BMP's part in 0.06 s; all of Unicode takes ten times that)."""
    category = unicodedata.category
    ranges: list[list[int]] = []
    for cp in range(start, end):
        cat = category(chr(cp))
        if cat[0] in "LM" or cat == "Nd":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@cache
def _word_run(bmp: bool = False) -> re.Pattern[str]:
    """A run of word characters (``_word_char``) as one regular expression: scanning in C, not per character
    (of the BMP only, for a text within it: see ``_chain_run``)."""
    return re.compile(f"[{_word_class(bmp)}]+")


@cache
def _chain_run(bmp: bool) -> re.Pattern[str]:
    """A chain (``chains``): word runs joined by single "-" or "/", as one regular expression. For a text
    within the BMP, a class of the BMP only: ``re`` tests it with one bitmap, where the whole class makes
    every other character (a space) scan the ranges beyond the BMP: 16 times slower."""
    cls = _word_class(bmp)
    return re.compile(f"[{cls}]+(?:[{re.escape(JOINERS)}][{cls}]+)*")


def chains(text: str) -> list[Chain]:
    """Tokenise ``text`` (the same rules as ``tokens`` in tim-kiem.js)."""
    s = nfc(text)
    runs = [m.span() for m in _word_run(not s or max(s) < chr(BMP)).finditer(s)]
    out: list[Chain] = []
    k = 0
    while k < len(runs):
        m = k
        while m + 1 < len(runs) and runs[m + 1][0] - runs[m][1] == 1 and s[runs[m][1]] in JOINERS:
            m += 1
        words = tuple(_token(s, a, b) for a, b in runs[k : m + 1])
        symbol = None
        start, end = runs[k][0], runs[m][1]
        if m > k and unicodedata.category(s[start]) == "Nd" and any(c.isalpha() for c in s[start:end]):
            symbol = _symbol(s, start, end)
        out.append(Chain(words, symbol))
        k = m + 1
    return out


def index_tokens(text: str) -> tuple[list[Token], list[Token]]:
    """(words, symbols) of a text as the index sees them: every word, and every symbol whole."""
    words: list[Token] = []
    symbols: list[Token] = []
    for c in chains(text):
        words.extend(c.words)
        if c.symbol:
            symbols.append(c.symbol)
    return words, symbols


_FOLDED: dict[str, tuple[str, str]] = {}  # a word as found -> (lower case, folded): each distinct word folded once


def _pair(word: str) -> tuple[str, str]:
    pair = _FOLDED.get(word)
    if pair is None:
        lower = word.lower()
        pair = _FOLDED[word] = (lower, fold_token(lower))
    return pair


def index_pairs(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``index_tokens`` as (text, folded) pairs, without offsets: what the index reads, an order of magnitude
    faster (chains found by one regular expression, each distinct word folded once per process)."""
    words: list[tuple[str, str]] = []
    symbols: list[tuple[str, str]] = []
    text = nfc(text)
    for chain in _chain_run(not text or max(text) < chr(BMP)).findall(text):
        if "-" in chain or "/" in chain:
            parts = chain.replace("/", "-").split("-")
            words += map(_pair, parts)
            if unicodedata.category(chain[0]) == "Nd" and any(c.isalpha() for c in chain):
                lower = chain.lower()
                symbols.append((lower, symbol_key(lower)))
        else:
            words.append(_pair(chain))
    return words, symbols


def query_tokens(text: str) -> list[tuple[str, Token]]:
    """What a query looks for: ("symbol", token) for a symbol, else ("word", token) per word."""
    out: list[tuple[str, Token]] = []
    for c in chains(text):
        if c.symbol:
            out.append(("symbol", c.symbol))
        else:
            out.extend(("word", w) for w in c.words)
    return out

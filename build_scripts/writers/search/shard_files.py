"""The index split by term into shard files (``shards``): a query loads the shards of its own words only
(``query_shards`` says which, as ``shardsFor`` in tim-kiem.js)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..datascript import compact_json
from ..varints import VARINT_DIGITS, unvarints
from .fields import FIELDS, POSITION_FIELDS
from .merge import Merge
from .tokens import fold_token, query_tokens

if TYPE_CHECKING:  # numpy is imported where the merge uses it: the build's own process never needs it
    import numpy as np

# A term's shard key is the first 3 characters of its folded form (a word shorter than that is its own key);
# the terms of a key that fill more than SHARD_BYTES are split by one more character, again while they do
# (the common words: "giai", "giao" and "gian" each get their own key, and a query for one no longer loads
# the others). A word's row is under the longest key its folded form begins with; a typed beginning (3
# letters or more, the page completes no shorter one) or a symbol also needs the keys that begin with it.
# Keys in order share a file until it holds SHARD_BYTES.
SHARD_KEY = 3
SHARD_BYTES = 20_000


_dumps = compact_json


def shards(m: Merge) -> Iterator[tuple[list[list], list[str]]]:
    """The index (``Merger.merge``) split by term, file after file, each with its keys (``_split``): per file, rows of
    ``[term, index, per field: its postings, then per field of POSITION_FIELDS: the word's positions]``, each a
    string of ``varints``: a field's postings are (ref delta, score × 1000) pairs; its positions, per posting of
    that field, their count, then the positions as differences. ``decode_row`` reads a row back.

    A term keeps its index number, so the field vectors assembled from some shards are the
    whole index's vectors restricted to those terms, and lunr's scores do not change. The
    positions are not lunr's: tim-kiem.js reads them to match phrases and rank neighbours.
    The merge gives the entries sorted by (term, field): all of the archive's numbers are written as varints
    at once, and each row's strings are slices of that text (tests/site/test_scale.py compares every score
    with lunr.py's).
    """
    import numpy as np
    terms = m.terms
    fields, slots = len(FIELDS), len(POSITION_FIELDS)
    keys, refs, values = m.scores.taken()  # each column let go once read: the merge is not held beside the text
    first = _firsts(keys)
    keys = keys[first]
    pairs = np.empty(2 * len(refs), np.int32)
    pairs[0::2] = refs
    pairs[2::2] -= refs[:-1]  # a unit as the difference from the previous one of its (term, field)
    pairs[2 * first] = refs[first]  # a (term, field)'s first unit is its ref itself
    del refs
    pairs[1::2] = values
    del values
    posting_text, posting_at = _text_by_key(pairs, 2 * first, keys, len(terms) * fields)
    del pairs
    keys, _refs, starts = m.places.taken()
    del _refs
    first = _firsts(keys)
    positions, m.positions = m.positions, m.positions[:0]
    place_text, place_at = _text_by_key(positions, starts[first], keys[first], len(terms) * slots)
    del keys, starts, positions
    by_key: dict[str, list[tuple[str, list, int]]] = {}  # key -> (folded term, row, its bytes)
    for t in sorted(range(len(terms)), key=terms.__getitem__):
        term = terms[t]
        row = [term, t, *(posting_text[posting_at[k]:posting_at[k + 1]] for k in range(t * fields, (t + 1) * fields)),
               *(place_text[place_at[k]:place_at[k + 1]] for k in range(t * slots, (t + 1) * slots))]
        # the row's JSON bytes (``_dumps(row)``; varints need no escaping): brackets, commas, quotes
        size = len(_dumps(term).encode("utf-8")) + len(str(t)) + sum(len(x) + 3 for x in row[2:]) + 3
        folded = fold_token(term)
        by_key.setdefault(folded[:SHARD_KEY], []).append((folded, row, size))
    del posting_text, place_text
    rows_out: list[list] | None = None
    keys: list[str] = []
    filled = SHARD_BYTES
    for base in sorted(by_key):
        for key, rows in _split(base, by_key.pop(base)):  # a file's rows leave the index as the file is made
            size = sum(n for _f, _row, n in rows) + 1
            if filled + size > SHARD_BYTES:
                if rows_out is not None:
                    yield rows_out, keys
                rows_out, keys, filled = [], [], 0
            assert rows_out is not None
            rows_out.extend(row for _f, row, _n in rows)
            keys.append(key)
            filled += size
    if rows_out is not None:
        yield rows_out, keys


_VARINT_CHUNK = 1 << 16  # numbers written at once by ``_text_by_key``: bounds its arrays of characters


def _firsts(keys: np.ndarray) -> np.ndarray:
    """Where each run of equal keys begins, in sorted ``keys``."""
    import numpy as np
    first = np.empty(len(keys), bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return np.flatnonzero(first)


def _text_by_key(numbers: np.ndarray, starts: np.ndarray, keys: np.ndarray, n_keys: int) -> tuple[str, list[int]]:
    """``numbers`` as one string of varints, and where each key's run of them is: the run of ``keys[i]`` begins
    at number ``starts[i]`` (both sorted) and ends where the next begins; key ``k``'s text is
    ``text[at[k]:at[k + 1]]``, empty for a key that has none. The same characters as ``varints``, made by numpy
    for every number at once (a chunk at a time)."""
    import numpy as np
    digits = np.frombuffer(VARINT_DIGITS.encode("ascii"), np.uint8)
    if len(numbers) and int(numbers.min()) < 0:
        raise ValueError(f"varints() takes non-negative integers, not {int(numbers.min())}")
    texts: list[str] = []
    offsets = np.empty(len(starts), np.int64)
    done = 0
    for low in range(0, len(numbers), _VARINT_CHUNK):
        values = numbers[low:low + _VARINT_CHUNK].astype(np.int64)
        width = np.ones(len(values), np.int64)  # characters per number: 5 bits each
        rest = values >> 5
        while rest.any():
            width += rest > 0
            rest >>= 5
        ends = np.cumsum(width)
        a, b = np.searchsorted(starts, [low, low + len(values)])
        offsets[a:b] = done + ends[starts[a:b] - low] - width[starts[a:b] - low]
        digit = np.arange(int(ends[-1])) - np.repeat(ends - width, width)  # each character's place in its number
        more = digit < np.repeat(width - 1, width)
        digit = (np.repeat(values, width) >> (5 * digit)) & 31 | (more << 5)
        texts.append(digits[digit].tobytes().decode("ascii"))
        done += int(ends[-1])
    at = np.full(n_keys + 1, done, np.int64)
    at[keys] = offsets
    return "".join(texts), np.minimum.accumulate(at[::-1])[::-1].tolist()


def _split(key: str, rows: list[tuple[str, list, int]]) -> Iterator[tuple[str, list[tuple[str, list, int]]]]:
    """The rows of a key, split by one more character of their folded terms while they fill more than
    SHARD_BYTES (a term no longer than the key stays under it): (key, rows), keys in order.

    Where every term goes on with the same characters, the key takes them all at once (their common
    beginning), and the groups wait on a stack, not in nested calls: one very long word, or words that
    share a long beginning, cost one step, not one call per character (a recursion as deep as the word).
    """
    stack = [(key, rows)]
    while stack:
        key, rows = stack.pop()
        if sum(n for _f, _row, n in rows) <= SHARD_BYTES or all(len(f) <= len(key) for f, _row, _n in rows):
            yield key, rows
            continue
        longer: dict[str, list[tuple[str, list, int]]] = {}
        for item in rows:
            longer.setdefault(item[0][:len(key) + 1], []).append(item)
        if len(longer) == 1:  # one way on: the terms' common beginning is the next key that can split them
            common = _common_beginning([f for f, _row, _n in rows])
            stack.append((common if len(common) > len(key) else next(iter(longer)), rows))
            continue
        stack.extend((k, longer[k]) for k in sorted(longer, reverse=True))


def _common_beginning(words: list[str]) -> str:
    """The longest beginning all ``words`` share: that of the first and the last in order."""
    first, last = min(words), max(words)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def decode_row(row: list, fields: int) -> tuple[str, int, list[list[int]], list[list[list[int]]]]:
    """A shard's row as numbers: (term, index, per field its flat (ref delta, score) pairs, per position field
    per posting its positions as differences)."""
    term, number, *rest = row
    postings = [unvarints(text) for text in rest[:fields]]
    places: list[list[list[int]]] = []
    for text in rest[fields:]:
        numbers, lists, k = unvarints(text), [], 0
        while k < len(numbers):
            lists.append(numbers[k + 1:k + 1 + numbers[k]])
            k += 1 + numbers[k]
        places.append(lists)
    return term, number, postings, places


def shard_of(folded: str, file_of: dict[str, int]) -> int | None:
    """The file of a term's row (its folded form given): that of the longest key it begins with (``_split``)."""
    for k in range(len(folded), min(SHARD_KEY, len(folded)) - 1, -1):
        if folded[:k] in file_of:
            return file_of[folded[:k]]
    return None


def query_shards(query: str, keys: list[list[str]], typing: bool = False) -> set[int]:
    """The shard files a query needs (what tim-kiem.js loads: ``shardsFor``), given the core's keys per file;
    ``typing``: the last word may be the beginning of a word."""
    file_of = {k: f for f, ks in enumerate(keys) for k in ks}
    tokens = query_tokens(query)
    wanted: set[int] = set()
    for i, (kind, t) in enumerate(tokens):
        own = shard_of(t.folded, file_of)
        if own is not None:
            wanted.add(own)
        if kind == "symbol" or (typing and i == len(tokens) - 1 and len(t.folded) >= SHARD_KEY):
            wanted.update(f for k, f in file_of.items() if k.startswith(t.folded))
    return wanted

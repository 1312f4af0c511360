"""The archive-wide merge of the documents' shares (``Merger``): term numbers, document frequencies, average field
lengths, idf and lunr's BM25 scores, over whole numpy arrays."""

from __future__ import annotations

import itertools
import math
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import filterfalse
from typing import TYPE_CHECKING

from .fields import FIELDS, POSITION_FIELDS
from .shares import DocumentShare

if TYPE_CHECKING:  # numpy is imported where the merge uses it: the build's own process never needs it
    import numpy as np

K1, B = 1.2, 0.75  # lunr's BM25 defaults
Mark = tuple[tuple[tuple[int, str], ...], int, int]  # a merger's columns' lengths and types, its words, its units


def _numbers(a: array, columns: int = 1) -> np.ndarray:
    """An array of ints as numpy sees it (no copy), in rows of ``columns``."""
    import numpy as np
    return (np.frombuffer(a, np.int32) if len(a) else np.empty(0, np.int32)).reshape(-1, columns)


@dataclass
class Postings:
    """Entries of the index in one numpy array each, sorted by (term, field) and, within one, by unit: the key
    ``term × fields + field``, the unit, and a number per entry (a score, or where its positions' numbers begin)."""

    keys: np.ndarray
    refs: np.ndarray
    values: np.ndarray

    def taken(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The columns, let go by these postings: freed as soon as the reader drops them."""
        columns = self.keys, self.refs, self.values
        self.keys = self.refs = self.values = columns[0][:0]
        return columns


@dataclass
class Merge:
    """What the archive-wide merge of the documents' shares finds (``Merger.merge``): the index's terms (by number)
    and its entries, scored (``shards`` writes them)."""

    terms: list[str]
    scores: Postings  # per (term, field), per unit: its score × 1000
    places: Postings  # per (term, slot of POSITION_FIELDS), per unit: where its numbers begin in ``positions``
    positions: np.ndarray  # the numbers of ``places``' entries (count, first, differences), in their order


class Merger:
    """The archive-wide merge of the documents' shares, fed one share at a time (``add``), in archive order: a
    share is turned into arrays of numbers (its words into archive-wide numbers, in the order of first use) and
    let go, so the shares are never held whole at once; ``merge`` then does what needs the whole archive.

    What depends on the whole archive: the words with several spellings (field "e"), term numbers, document
    frequencies, average field lengths, idf and the scores, following lunr.py 0.8's builder exactly (term
    numbers in order of first use, idf over every field's postings), so the browser scores with what lunr.py
    would have produced. Python walks each document's distinct words (to number them); what is done per posting
    (the scores, the sort by term) is done by numpy, on whole arrays.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # word -> its number: in order of first use, "e" or not (``merge``)
        self.units = 0
        # Per column, one array grown document by document (``_append``), not an array per document: no column is
        # held twice when ``merge`` reads it (``_taken``: a view, no copy), and no document's small arrays are
        # left as holes in the heap. Counts and positions as 16-bit numbers until one does not fit (``_append``
        # widens that column); a posting's unit is not kept, only how many entries each unit has (``runs``).
        # A share's words are kept as its own numbers, as it has them, and its numbers of the archive's words
        # beside (``numbers``): ``merge`` makes them the archive's, and the fields and slots of its entries, for
        # the whole archive at once, where doing it for each share was a dozen small numpy calls.
        self.counts = [array("i"), array("H")]  # word (the share's number), tf
        self.written = [array("i"), array("H")]  # word as written (the share's number), tf
        self.places = [array("i"), array("H"), array("H")]  # word (the share's number), count, numbers
        self.runs = [array("i"), array("i"), array("i")]  # per unit: its entries in counts (per field but "e"),
        # written, places (per slot)
        self.numbers = [array("i")]  # per share, the archive's number of each of its words
        self.spellings = [array("i")]  # (as written, folded) pairs outside "s" (the share's numbers), each once a share
        self.sizes = [array("i"), array("i"), array("i"), array("i"), array("i")]  # per share: its words, its entries
        # in counts, written and places, its pairs of spellings

    def add(self, share: DocumentShare) -> None:
        import numpy as np
        words, ids = share.words.split("\n"), self.ids
        units = share.units
        order = _numbers(share.order)[:, 0]
        number = np.full(len(words), -1, np.int32)
        # the words in their order, each once (``document_share``), new ones numbered next: C loops, not a
        # comprehension that looks up each word (a third of the time of adding a share)
        used = list(map(words.__getitem__, order.tolist()))
        ids.update(zip(filterfalse(ids.__contains__, used), itertools.count(len(ids))))
        number[order] = list(map(ids.__getitem__, used))
        counts, written, places = share.counts, share.written, share.places
        self.numbers[0].frombytes(number.tobytes())
        self.counts[0].extend(counts[0::2])
        self.written[0].extend(written[0::3])
        self.places[0].extend(places[0::2])
        self.spellings[0].extend(share.spellings)
        _append(self.counts, None, _numbers(counts, 2)[:, 1])
        _append(self.written, None, _numbers(written, 3)[:, 2])
        _append(self.places, None, _numbers(places, 2)[:, 1], _numbers(share.positions)[:, 0])
        for column, runs in zip(self.runs, (share.count_runs, share.written_runs, share.place_runs), strict=True):
            column.extend(runs)
        for column, size in zip(self.sizes, (len(words), len(counts) // 2, len(written) // 3, len(places) // 2,
                                             len(share.spellings) // 2), strict=True):
            column.append(size)
        self.units += units

    def _columns(self) -> list[tuple[list[array], int]]:
        groups = (self.counts, self.written, self.places, self.runs, self.numbers, self.spellings, self.sizes)
        return [(group, k) for group in groups for k in range(len(group))]

    def mark(self) -> Mark:
        """Where the merger stands (``rollback`` returns to it): a rebuild adds the last build's shares before its
        own inputs come, and goes back to where the archive first differs (site/search_process.py)."""
        return tuple((len(g[k]), g[k].typecode) for g, k in self._columns()), len(self.ids), self.units

    def rollback(self, mark: Mark) -> None:
        """The merger as it stood at ``mark``: the shares added since taken out (each column cut, and narrowed again
        where one of them widened it; the words first used since forgotten: they are numbered in order)."""
        lengths, words, units = mark
        for (group, k), (n, typecode) in zip(self._columns(), lengths, strict=True):
            del group[k][n:]
            if group[k].typecode != typecode:
                group[k] = array(typecode, group[k])
        if len(self.ids) > words:
            self.ids = dict(itertools.islice(self.ids.items(), words))
        self.units = units

    def merge(self) -> Merge:
        """The index of the documents added (at least one unit): terms, idf, and the entries by term."""
        import numpy as np
        fields, slots, units = len(FIELDS), len(POSITION_FIELDS), self.units
        unit = np.arange(units, dtype=np.int32)
        numbers = _taken(self.numbers, 0)
        sizes = [_taken(self.sizes, k) for k in range(len(self.sizes))]
        bases = (np.cumsum(sizes[0]) - sizes[0]).astype(np.int32)  # where each share's numbers begin
        # each word as written (outside "s") -> its folded form; a folded word is ambiguous when the archive writes
        # it in two ways or more
        n = len(self.ids)
        pairs = numbers[_taken(self.spellings, 0) + np.repeat(bases, 2 * sizes[4])].reshape(-1, 2)
        folded_of = np.zeros(n, np.int32)
        folded_of[pairs[:, 0]] = pairs[:, 1]
        pairs = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])  # each (as written, folded) once
        ambiguous = np.bincount(pairs % n, minlength=n) > 1
        del pairs
        counted, count_runs = _with_slots(_archive_words(numbers, _taken(self.counts, 0), bases, sizes[1]),
                                          _taken(self.runs, 0), fields - 1)
        counted += counted // (fields - 1)  # word × (fields - 1) + field -> word × fields + field
        # "e" holds the words as written whose folded form has several spellings
        written = _archive_words(numbers, _taken(self.written, 0), bases, sizes[2])
        exact = ambiguous[folded_of[written]]
        del ambiguous, folded_of
        ref = np.concatenate([np.repeat(unit, count_runs), np.repeat(unit, _taken(self.runs, 1))[exact]])
        del count_runs
        key = np.concatenate([counted, written[exact] * fields + (fields - 1)])  # word × fields + field
        del counted
        del written
        tf = np.concatenate([_taken(self.counts, 1), _taken(self.written, 1)[exact]])
        del exact
        frequency = np.zeros(len(self.ids), np.int64)
        for part in _chunks(len(key)):
            frequency += np.bincount(key[part] // fields, minlength=len(self.ids))
        used = frequency > 0  # lunr numbers a word when it is first seen in a field: the words in order, but
        term_of = (np.cumsum(used) - 1).astype(np.int32)  # the written words left out of "e"
        vocabulary = list(self.ids)
        terms = [vocabulary[w] for w in np.flatnonzero(used).tolist()]
        del vocabulary, self.ids
        idf = [math.log(1 + abs((units - n + 0.5) / (n + 0.5))) for n in frequency[used].tolist()]
        lengths = np.zeros(units * fields)  # per unit and field, the sum of its counts (exact: int sums)
        for part in _chunks(len(key)):  # in chunks: no full-length temporaries beside the columns
            field = key[part] % fields
            key[part] = term_of[key[part] // fields] * fields + field
            lengths += np.bincount(ref[part] * fields + field, weights=tf[part], minlength=units * fields)
        average = [int(total) / units for total in lengths.reshape(-1, fields).sum(axis=0).tolist()]
        scores = np.empty(len(key), np.int32)
        for part in _chunks(len(key)):
            scores[part] = _scores(key[part], ref[part], tf[part], lengths, average, idf)
        del tf, lengths
        postings = Postings(key, ref, scores)
        del key, ref, scores  # the postings' columns are replaced one by one as they are sorted
        postings = _sorted(postings)
        p_key, place_runs = _with_slots(_archive_words(numbers, _taken(self.places, 0), bases, sizes[3]),
                                        _taken(self.runs, 2), slots)
        del numbers, sizes, bases
        for part in _chunks(len(p_key)):
            p_key[part] = term_of[p_key[part] // slots] * slots + p_key[part] % slots
        columns = [p_key, np.repeat(unit, place_runs), _taken(self.places, 1), _taken(self.places, 2)]
        del p_key
        return Merge(terms, postings, *_positions(columns))


class Ahead:
    """The last build's shares added to a merger before this build's inputs come (``add``, in the last build's
    order): while the inputs come with the same keys in the same order, their shares are in already (``taken``);
    at the first that differs the merger goes back to where it stood before it (``Merger.rollback``), and the rest
    is added as it comes. An add at the archive's end, or an edit of its n-th text, adds one share, or those from
    the n-th on, after the inputs come, not a thousand."""

    def __init__(self) -> None:
        self.merger = Merger()
        self.keys: list[str] = []
        self.marks: list[Mark] = []  # where the merger stood before each share
        self.same = True  # the inputs so far are those added, in order

    def add(self, key: str, share: DocumentShare) -> None:
        self.marks.append(self.merger.mark())
        self.merger.add(share)
        self.keys.append(key)

    def taken(self, n: int, key: str | None) -> bool:
        """Whether the ``n``-th input's share (the inputs come in order, ``key`` its input's) is in the merger; once
        one is not, none after it is."""
        if self.same and n < len(self.keys) and self.keys[n] == key:
            return True
        self.finish(n)
        return False

    def finish(self, n: int) -> None:
        """The merger with the shares of the first ``n`` inputs only, those that came in the order added."""
        if self.same and n < len(self.keys):
            self.merger.rollback(self.marks[n])
        self.same = False
        self.marks = []


def _archive_words(numbers: np.ndarray, own: np.ndarray, bases: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """A column of the shares' own numbers of their words (``sizes``: how many entries each share has there) as the
    archive's numbers: ``own`` is changed in place, and let go."""
    import numpy as np
    own += np.repeat(bases, sizes)
    return numbers[own]


def _with_slots(words: np.ndarray, runs: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``words`` (the archive's numbers) as word × n + the field or slot of each, in place; ``runs``: per unit, per
    field or slot, how many entries it has. Returns them, and the entries per unit."""
    import numpy as np
    words *= n
    words += np.repeat(np.tile(np.arange(n, dtype=words.dtype), len(runs) // n), runs)
    return words, runs.reshape(-1, n).sum(axis=1)


_TYPES = {"i": "i4", "H": "u2"}  # an array's typecode -> numpy's dtype (C int and unsigned short: 4 and 2 bytes)
_NARROW_MAX = 0xFFFF


def _append(columns: list[array], *arrays: np.ndarray | None) -> None:
    """A document's numbers at the end of each column; a 16-bit column that a number does not fit is widened."""
    for k, a in enumerate(arrays):
        if a is None:  # a column the caller fills itself
            continue
        column = columns[k]
        if column.typecode == "H" and len(a) and int(a.max()) > _NARROW_MAX:
            column = columns[k] = array("i", column)
        column.frombytes(a.astype(_TYPES[column.typecode], copy=False).tobytes())


def _taken(columns: list[array], k: int) -> np.ndarray:
    """Column ``k`` as a numpy array, without a copy (writable: the merge updates some in place); the merger lets
    it go (freed with the last array that reads it)."""
    import numpy as np
    column, columns[k] = columns[k], array(columns[k].typecode)
    if not len(column):
        return np.empty(0, _TYPES[column.typecode])
    return np.frombuffer(column, _TYPES[column.typecode])


def _chunks(n: int) -> Iterator[slice]:
    return (slice(low, low + _SCORE_CHUNK) for low in range(0, n, _SCORE_CHUNK))


def _positions(columns: list[np.ndarray]) -> tuple[Postings, np.ndarray]:
    """The positions' entries sorted by (term, slot), and their numbers (count, first, differences) gathered in
    that order. ``columns`` (key, ref, count, numbers) are emptied: each is let go once read."""
    import numpy as np
    key, ref, count, numbers = columns
    columns.clear()
    wide = np.int64 if len(numbers) >= 2**31 else np.int32
    key, order = _stable_order(key)
    ref = ref[order]
    counts = count.astype(wide) + 1  # an entry's numbers: count, first, differences
    del count
    sources = np.cumsum(counts, dtype=wide)
    sources -= counts
    sources = sources[order]  # where each sorted entry's numbers are
    counts = counts[order]
    del order
    starts = np.cumsum(counts, dtype=wide)
    starts -= counts  # and where they go
    out = np.empty_like(numbers)
    for part in _chunks(len(starts)):  # the numbers to take, a chunk of entries at a time
        c = counts[part]
        within = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
        low = int(starts[part.start])
        out[low:low + len(within)] = numbers[np.repeat(sources[part], c) + within]
    return Postings(key, ref, starts), out


_SCORE_CHUNK = 1 << 16  # postings scored at once: bounds the arrays of floats


def _scores(key: np.ndarray, ref: np.ndarray, tf: np.ndarray, lengths: np.ndarray, average: list[float],
            idf: list[float]) -> np.ndarray:
    """lunr's scores × 1000 of some postings, in lunr's order of operations: idf × (k1 + 1) tf / (norm + tf) ×
    boost, with norm the BM25 length normalisation k1 (1 - b + b length / average length) of the unit's field."""
    import numpy as np
    fields = len(FIELDS)
    field = key % fields
    norm = K1 * (1 - B + B * (lengths[ref.astype(np.int64) * fields + field] / np.array(average)[field]))
    boosts = np.array([boost for _meaning, boost in FIELDS.values()], np.float64)
    return _thousandths(np.array(idf)[key // fields] * ((K1 + 1) * tf) / (norm + tf) * boosts[field])


def _thousandths(score: np.ndarray) -> np.ndarray:
    """round(round(score, 3) × 1000), as lunr.py rounds a score to 3 places and the shards keep thousandths.

    That is the exact value × 1000 rounded to the nearest integer (ties to even): numpy's rint of score × 1000,
    but where the product's own rounding could cross a half, which Python's round settles on the exact value;
    those few are computed as Python does."""
    import numpy as np
    scaled = score * 1000
    out = np.rint(scaled).astype(np.int64)
    near = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    out[near] = [round(round(s, 3) * 1000) for s in score[near].tolist()]
    return out


def _stable_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``keys`` sorted and the order that sorts them stably (equal keys in their order): numpy's stable argsort of
    32-bit numbers is a merge sort, where its plain sort of 64-bit ones runs vector instructions (x86-simd-sort,
    3x faster). Each key is made unique by its place in the low 32 bits, so any sort of them is the stable one."""
    import numpy as np
    if len(keys) >= 2**32 or (len(keys) and int(keys.min()) < 0):  # a place or a key the bits cannot hold
        order = np.argsort(keys, kind="stable")
        return keys[order], order
    both = keys.astype(np.int64)
    both <<= 32
    for part in _chunks(len(both)):  # in place, a chunk at a time: no full-length temporary beside it
        both[part] |= np.arange(part.start, part.start + len(both[part]), dtype=np.int64)
    both.sort()
    sorted_keys = np.empty(len(keys), keys.dtype)
    for part in _chunks(len(both)):
        sorted_keys[part] = both[part] >> 32
    both &= 0xFFFFFFFF
    return sorted_keys, both


def _sorted(p: Postings) -> Postings:
    """Entries by key, each key's in the units' order (they come in that order: a stable sort keeps it)."""
    p.keys, order = _stable_order(p.keys)  # each column replaced in turn: one copy at a time
    p.refs = p.refs[order]
    p.values = p.values[order]
    return p

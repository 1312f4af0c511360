"""Each document's share of the index: what its units give whatever else the archive holds (its vocabulary, counts
and positions as flat arrays of numbers), cached between builds by the hash of what makes it."""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .fields import FIELDS, POSITION_FIELDS, _unit_fields
from .units import Unit, Units

SHARE_VERSION = 3  # of the cached form below: a change of it makes every entry stale


@dataclass(frozen=True)
class DocumentShare:
    """What one document gives the index, whatever else the archive holds: its vocabulary, and flat arrays of
    numbers (words are numbers into the vocabulary; cached, they load as bytes, and the merge reads them as
    numpy arrays without a Python object per posting). Everything that does not depend on the archive is
    here: the counts, the positions as the shards write them (count, first, differences)."""

    words: str  # the vocabulary, one word a line: one object, where a tuple of words unpickles as one per word
    units: int  # how many units the document has
    counts: array  # (word, term frequency) per counted word of every field but "e", unit by unit, field by field
    count_runs: array  # per unit, per field but "e": how many pairs of ``counts`` it has
    written: array  # (as written, folded, tf) per word whose written form differs from its folded one
    written_runs: array  # per unit: how many triples of ``written`` it has
    order: array  # the words in the order lunr meets them first (a written word at its place in "e")
    places: array  # (word, count) per folded word of a position field, unit by unit, slot by slot
    place_runs: array  # per unit, per slot of POSITION_FIELDS: how many pairs of ``places`` it has
    positions: array  # per entry of ``places``: its count, its first position, then the differences
    spellings: array  # (written, folded) pairs outside "s", each pair once


def document_share(units: Units) -> DocumentShare:
    """The share of one document's units: the tokenising, which depends on that document alone."""
    vocabulary: dict[str, int] = {}
    spellings: set[tuple[str, str]] = set()
    counts, written_all, places, positions = array("i"), array("i"), array("i"), array("i")
    count_runs, written_runs, place_runs = array("i"), array("i"), array("i")
    order: list[int] = []

    def word(w: str) -> int:
        return vocabulary.setdefault(w, len(vocabulary))

    for unit in units:
        at_of: dict[str, list[int]] = {}
        fields = _unit_fields(unit, at_of)
        written: dict[str, list[int]] = {}
        for name in ("t", "i", "l", "o", "x"):  # the order lunr.py saw "e" built in
            tokens = fields[name]
            spellings.update(tokens)
            for text, folded in tokens:
                if text != folded:
                    if text in written:
                        written[text][2] += 1
                    else:
                        written[text] = [word(text), word(folded), 1]
        for name in POSITION_FIELDS:
            where: dict[str, list[int]] = {}
            for (_text, folded), at in zip(fields[name], at_of[name], strict=True):
                where.setdefault(folded, []).append(at)
            place_runs.append(len(where))
            for w, at in where.items():
                places.extend((word(w), len(at)))
                positions.append(len(at))
                positions.append(at[0])
                positions.extend([b - a for a, b in pairwise(at)])
        for name in list(FIELDS)[:-1]:
            counted = Counter(folded for _text, folded in fields[name])
            count_runs.append(len(counted))
            for w, tf in counted.items():
                k = word(w)
                counts.extend((k, tf))
                order.append(k)
        written_runs.append(len(written))
        for k, folded, tf in written.values():
            written_all.extend((k, folded, tf))
            order.append(k)
    pairs = _flat((word(text), word(folded)) for text, folded in sorted(spellings))
    return DocumentShare("\n".join(vocabulary), len(units), counts, count_runs, written_all, written_runs,
                         array("i", dict.fromkeys(order)), places, place_runs, positions, pairs)


def _flat(items) -> array:
    return array("i", [x for item in items for x in item])


@dataclass(frozen=True)
class ShareCache:
    """Where each document's share is kept between builds, given by the build (the writers do not touch the disk
    themselves): ``code`` is the hash of the build code; ``load`` a key's entry or None; ``store`` keeps one."""

    code: str
    load: Callable[[str], object]
    store: Callable[[str, object], None]


def _share_key(units: list[Unit], code: str) -> str:
    """A document's share depends on its units' contents (the document and what the link stage says of it)
    and on the code; not on the document's place in the archive."""
    h = hashlib.sha256(f"{code}\0{SHARE_VERSION}\0".encode("ascii"))
    h.update(repr([(u.label, u.anchor, u.title, u.symbols, u.issuer, u.locality, u.organisations, u.segments)
                   for u in units]).encode("utf-8"))
    return h.hexdigest()


def _input_key(made_of: str) -> str:
    """The key of the share of the input whose key is ``made_of`` (``KeptInput``)."""
    return hashlib.sha256(f"{SHARE_VERSION}\0{made_of}".encode("ascii")).hexdigest()


def _kept(cache: ShareCache, key: str, units: int) -> DocumentShare | None:
    """The share the cache keeps under ``key``, if it is one of ``units`` units."""
    share = cache.load(key)
    return share if isinstance(share, DocumentShare) and share.units == units else None


def kept_share(made_of: str, units: int, cache: ShareCache) -> DocumentShare | None:
    """The share the cache keeps for the input whose key is ``made_of`` (of ``units`` units), or None."""
    return _kept(cache, _input_key(made_of), units)


def _share(units: Units, cache: ShareCache | None, made_of: str | None = None) -> DocumentShare:
    """A document's share, from the cache where it has it (else tokenised, and kept there): kept under ``made_of``
    when the build gives it (the hash of all the document's input is made of, ``KeptInput``), else under its units'
    contents."""
    if not cache:
        key = ""
    elif made_of is not None:  # the input's key changes whenever its units would: no need to hash them again
        key = _input_key(made_of)
    else:
        key = _share_key(list(units), cache.code)
    share = _kept(cache, key, len(units)) if cache else None
    if share is None:
        share = document_share(units)
        if cache:
            cache.store(key, share)
    return share

"""Numbers as strings of "varints", shared by the search's shards and the tracker's data: each character carries
5 bits of a number, least significant first, and 32 when more characters of that number follow (base64url's 64
letters, which JSON writes as they are). About half the bytes of the same numbers as JSON arrays, and the browser
turns only the rows it needs back into numbers (``unvarints`` in tim-kiem.js and theo-doi.js)."""

from __future__ import annotations

VARINT_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGIT_VALUE = {c: i for i, c in enumerate(VARINT_DIGITS)}


def _varint(v: int) -> str:
    if v < 0:
        raise ValueError(f"varints() takes non-negative integers, not {v}")
    out: list[str] = []
    while v >= 32:
        out.append(VARINT_DIGITS[32 | (v & 31)])
        v >>= 5
    out.append(VARINT_DIGITS[v])
    return "".join(out)


_SMALL = 1 << 15  # numbers below this (nearly all: deltas, scores, positions) are looked up, not computed
# made by digits, not number by number: each build imports this, and 32,768 calls took ~7 ms
_LOW, _MORE = VARINT_DIGITS[:32], VARINT_DIGITS[32:]
_VARINT = [*_LOW, *[a + b for b in _LOW[1:] for a in _MORE],
           *[a + b + c for c in _LOW[1:] for b in _MORE for a in _MORE]]


def varints(values) -> str:
    """Non-negative integers as one string (``unvarints`` in tim-kiem.js reads it back)."""
    table = _VARINT
    return "".join([table[v] if 0 <= v < _SMALL else _varint(v) for v in values])


def unvarints(text: str) -> list[int]:
    """The integers of ``varints``, in order."""
    out: list[int] = []
    value = shift = 0
    for c in text:
        d = _DIGIT_VALUE[c]
        value |= (d & 31) << shift
        if d & 32:
            shift += 5
        else:
            out.append(value)
            value = shift = 0
    return out

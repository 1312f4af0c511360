"""What the index holds of a unit: its fields and their boosts, and the places of the words of the fields that keep
them (phrases, neighbours). Also lunr.py's own index of the same units (``build_index``) and its smaller lossless
form (``pack``, ``unpack``): the reference the tests hold the build's shards to, never built by the build."""

from __future__ import annotations

from ...model import Document, Links
from .tokens import index_pairs
from .units import Unit, document_units

LUNR_VERSION = "2.3.9"

# Short field names keep the serialised index small (they are repeated in every posting).
# name: (meaning, build-time boost)
FIELDS: dict[str, tuple[str, int]] = {
    "t": ("title", 3),
    "s": ("number and cited symbols, whole", 6),
    "i": ("issuer", 2),
    "l": ("locality and province", 2),
    "o": ("organisations: issuer of the document, assignees of a task", 2),
    "x": ("text", 1),
    "e": ("words as written, where their folded form is ambiguous", 1),
}


POSITION_FIELDS = ("t", "x")  # fields whose words keep their positions, for phrases and neighbours
SEGMENT_GAP = 2  # positions skipped between two segments: words of two paragraphs are never neighbours


def _unit_fields(unit: Unit, positions: dict[str, list[int]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """(text, folded) tokens per field, before the exact field is chosen; symbols found in the text join ``s``.

    With ``positions``, each word of the fields ``POSITION_FIELDS`` gets its place in its field
    (in order, with a gap between segments), aligned with the field's tokens.
    """
    fields: dict[str, list[tuple[str, str]]] = {}
    symbols: list[tuple[str, str]] = []
    for name, values in (("t", [unit.title]), ("i", unit.issuer), ("l", unit.locality),
                         ("o", unit.organisations), ("x", [t for _, t in unit.segments])):
        words: list[tuple[str, str]] = []
        places: list[int] = []
        at = 0
        for v in values:
            w, s = index_pairs(v)
            words += w
            symbols += s
            if positions is not None and name in POSITION_FIELDS:
                places += range(at, at + len(w))
                at += len(w) + SEGMENT_GAP
        fields[name] = words
        if positions is not None and name in POSITION_FIELDS:
            positions[name] = places
    for sym in unit.symbols:  # as the facts give them, e.g. "340-TB/TU"
        symbols += index_pairs(sym)[1]
    fields["s"] = symbols
    return fields


def build_index(docs: list[Document], links: Links | None = None) -> tuple[dict, list[Unit]]:
    """The lunr.py index over every unit of ``docs`` (serialised), and the units (ref = position).

    The reference the tests hold the build's shards (``Merger``, ``shards``) to: lunr.py keeps every posting
    as nested dicts and every token as an object, several GB for a few thousand documents.
    """
    units = [u for i, d in enumerate(docs) for u in document_units(d, i, links)]
    if not units:  # an empty archive: lunr.py cannot average field lengths over no document
        return {"version": LUNR_VERSION, "fields": list(FIELDS), "fieldVectors": [], "invertedIndex": [],
                "pipeline": []}, []
    tokenised = [_unit_fields(u) for u in units]
    spellings: dict[str, set[str]] = {}
    for fields in tokenised:
        for name in ("t", "i", "l", "o", "x"):
            for text, folded in fields[name]:
                spellings.setdefault(folded, set()).add(text)
    ambiguous = {f for f, forms in spellings.items() if len(forms) > 1}

    from lunr.builder import Builder  # the tests' reference only: not imported by the build

    builder = Builder()  # empty pipelines: tokens arrive ready, as in the browser's queries
    builder.ref("r")
    for name, (_meaning, boost) in FIELDS.items():
        builder.field(name, boost)
    for ref, fields in enumerate(tokenised):
        record: dict[str, object] = {"r": str(ref)}
        exact: list[str] = []
        for name in ("t", "s", "i", "l", "o", "x"):
            record[name] = [folded for _text, folded in fields[name]]
            if name != "s":
                exact += [text for text, folded in fields[name] if text != folded and folded in ambiguous]
        record["e"] = exact
        builder.add(record)
    return builder.build().serialize(), units


def pack(serialised: dict) -> dict:
    """A lossless, smaller form of a lunr.py serialised index (``unpack`` restores it exactly).

    With no metadata kept, the inverted index is the transpose of the field vectors, so only the
    vectors travel, with the terms in index order: per unit, per field, the term positions as
    differences and the scores (rounded to 3 places by lunr) as thousandths.
    """
    fields = serialised["fields"]
    terms = [""] * len(serialised["invertedIndex"])
    for term, posting in serialised["invertedIndex"]:
        terms[posting["_index"]] = term
    vectors: dict[str, dict[str, list[int]]] = {}
    for field_ref, elements in serialised["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        flat: list[int] = []
        last = 0
        for k in range(0, len(elements), 2):
            flat += [elements[k] - last, round(elements[k + 1] * 1000)]
            last = elements[k]
        vectors.setdefault(ref, {})[name] = flat
    refs = list(vectors)
    if refs != [str(i) for i in range(len(refs))]:
        raise ValueError("pack() expects the refs 0, 1, 2, ... in order")
    return {
        "version": serialised["version"],
        "fields": fields,
        "pipeline": serialised["pipeline"],
        "terms": terms,
        "vectors": [[vectors[ref].get(name, []) for name in fields] for ref in refs],
    }


def unpack(packed: dict) -> dict:
    """The lunr serialised index back from ``pack`` (the same steps as ``unpack`` in tim-kiem.js)."""
    fields, terms = packed["fields"], packed["terms"]
    postings: list[dict] = []
    for i in range(len(terms)):
        posting: dict = {name: {} for name in fields}
        posting["_index"] = i
        postings.append(posting)
    field_vectors = []
    for ref, per_field in enumerate(packed["vectors"]):
        for name, flat in zip(fields, per_field, strict=True):
            elements: list[float] = []
            position = 0
            for k in range(0, len(flat), 2):
                position += flat[k]
                elements += [position, flat[k + 1] / 1000]
                postings[position][name][str(ref)] = {}
            field_vectors.append([f"{name}/{ref}", elements])
    inverted = sorted(zip(terms, postings, strict=True), key=lambda tp: tp[0])
    return {
        "version": packed["version"],
        "fields": fields,
        "fieldVectors": field_vectors,
        "invertedIndex": [list(tp) for tp in inverted],
        "pipeline": packed["pipeline"],
    }

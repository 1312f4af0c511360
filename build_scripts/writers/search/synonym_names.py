"""The search's synonyms, from data/organisations.yml: "MTTQ" and "Mặt trận Tổ quốc" find the same documents."""

from __future__ import annotations

from collections import Counter

from ...knowledge import bodies
from .tokens import index_tokens


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.folded for t in index_tokens(text)[0])


def _minimal(forms: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The forms that hold no other form of the class: a text with any form holds one of these."""
    def holds(form: tuple[str, ...], other: tuple[str, ...]) -> bool:
        return form != other and any(form[i:i + len(other)] == other for i in range(len(form) - len(other) + 1))

    return sorted(f for f in forms if not any(holds(f, o) for o in forms))


def synonyms(vocabulary: set[str], classes: list[SynonymClass] | None = None) -> list[list]:
    """The search's synonyms, from data/organisations.yml: per class, [names, alternatives, loose names]; a name
    is a list of folded words ("mttq"; "mat tran to quoc"), an alternative the number of a name.

    A query that holds a name (or a loose name) of a class matches a text that holds any alternative:
    "MTTQ" and "Mặt trận Tổ quốc" find the same documents. A name of one or two letters ("CA") is a
    common word once folded, and a name of two classes is ambiguous: neither is used. A class whose
    alternatives the archive never uses is left out."""
    out = []
    for ordered, alternatives, loose in synonym_classes() if classes is None else classes:
        if len(ordered) > 1 and any(all(w in vocabulary for w in a) for a in alternatives):
            out.append([[list(f) for f in ordered], [ordered.index(a) for a in alternatives], [list(f) for f in loose]])
    return out


SynonymClass = tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, ...]]]


def synonym_classes() -> list[SynonymClass]:
    """What ``synonyms`` reads of data/organisations.yml, before the archive's vocabulary: per class, its usable
    names in order, its alternatives and its loose names. It depends on the code and its data alone, and costs a
    tenth of a second (the organisations' knowledge is built for it): the build keeps it (``search_files``)."""
    def usable(names) -> set[tuple[str, ...]]:
        return {w for w in map(_words, names) if w and (len(w) > 1 or len(w[0]) > 2)}

    raw = [(usable(names), usable(loose)) for names, loose in bodies.synonyms()]
    count = Counter(f for names, loose in raw for f in names | loose)
    out: list[SynonymClass] = []
    for names, loose in raw:
        names = {f for f in names if count[f] == 1}
        loose = {f for f in loose if count[f] == 1} - names
        out.append((sorted(names), _minimal(names), sorted(loose)))
    return out

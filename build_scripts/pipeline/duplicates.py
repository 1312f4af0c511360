"""A text filed twice is published once: which copy is kept, and what is said of the others."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..model import Diagnostic, SourceText
from .archive import Archive


def _text_key(src: SourceText) -> str:
    """The text itself, as the copies compare: a dict hashes it once and compares it whole with any text of the same
    hash (a SHA-256 of each text's UTF-8 took ~35 ms a build at 1,000 texts; a text with no blank to strip is not
    copied)."""
    return src.text.strip()


def drop_duplicates(sources: list[SourceText], archive: Archive) -> list[SourceText]:
    """Publish a text once: the copy with the fewest read warnings, then the shortest name, is kept.

    ("Kết luận 5.txt" over "Kết luận 5 (1).txt" or "Kết luận 5 - Copy.txt"; the first by
    name among equals), whatever order the files come in.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, src in enumerate(sources):
        groups[_text_key(src)].append(i)
    kept = list(sources)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        order = sorted(members, key=lambda i: (len(sources[i].diagnostics), len(sources[i].name), sources[i].name,
                                               sources[i].sha256))
        keeper, copies = sources[order[0]], [sources[i] for i in order[1:]]
        for copy in copies:
            how = "identical bytes" if copy.sha256 == keeper.sha256 else "the same text, saved differently"
            archive.diagnostics.append(Diagnostic(
                copy.name, None, f"is a duplicate of {keeper.name} ({how}): published once, as {keeper.name}",
                "warning"))
        names = ", ".join(c.name for c in copies)
        note = Diagnostic(keeper.name, None, f"the same text is also filed as {names}: published once, here",
                          "warning")
        kept[order[0]] = dataclasses.replace(keeper, diagnostics=(*keeper.diagnostics, note))
        archive.duplicates[keeper.name] = [c.name for c in copies]
        dropped.update(order[1:])
    return [src for i, src in enumerate(kept) if i not in dropped]

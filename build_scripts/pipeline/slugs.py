"""Page ids from file names: stable ASCII slugs, distinct even when names fold alike."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from ..model import SourceText
from ..vietnamese import nfc, slugify
from . import sources

SLUG_MAX = 80  # characters of a page's slug taken from its file name

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# slugs that would not give a page of their own: "index" is the folder's index page for
# MkDocs; the others are names Windows refuses, should the site be copied there
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                            *(f"lpt{i}" for i in range(10))})


def _stem(name: str) -> str:
    """The name without a source suffix: "Kết luận 5.docx" and "Kết luận 5.txt" both give "Kết luận 5"."""
    dot = name.rfind(".")
    return name[:dot] if dot > 0 and sources.is_source(name) else name


def _base_slug(name: str) -> str:
    slug = slugify(_stem(name), fallback="van-ban")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-van-ban"
    return slug


def _name_hash(src: SourceText, same_name: bool) -> str:
    """A stable piece of the file name's hash (and of its content when two sources share a name)."""
    key = nfc(src.name) + ("\x00" + src.sha256 if same_name else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def assign_ids(sources: list[SourceText], taken: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Stable ASCII slugs from file names, distinct even when two names fold to the same slug.

    "Kết luận số 1.txt" -> "ket-luan-so-1", "2023/Kết luận số 5.txt" -> "2023-ket-luan-so-5". When
    names collide ("Kết luận.txt", "ket-luan.txt", "KET LUAN.txt"), the file whose name already is
    the slug, or failing that the first by name, keeps the plain slug; each other one gets a
    suffix from the hash of its own name. So a slug depends on the set of names, never on the
    order the files come in or on their content. A slug in ``taken`` (published before, for
    another text: see urls.py) is given to none of them.
    """
    bases = [_base_slug(s.name) for s in sources]
    groups: dict[str, list[SourceText]] = defaultdict(list)
    for src, base in zip(sources, bases, strict=True):
        groups[base].append(src)
    name_counts = defaultdict(int)
    for src in sources:
        name_counts[src.name] += 1
    used = set(bases) | set(taken)  # a suffixed slug must not take another file's plain slug
    ids: list[str] = []
    for src, base in zip(sources, bases, strict=True):
        group = groups[base]
        if len(group) > 1 or base in taken:
            keeper = None if base in taken else min(
                group, key=lambda s: (_stem(s.name) != base, nfc(s.name), s.name, s.sha256))
            if src is not keeper:
                digest = _name_hash(src, name_counts[src.name] > 1)
                size = 6
                while f"{base}-{digest[:size]}" in used:
                    size += 2
                base = f"{base}-{digest[:size]}"
                used.add(base)
        ids.append(base)
    assert len(set(ids)) == len(ids), ids
    for doc_id in ids:
        check_slug(doc_id)
    return ids


def check_slug(doc_id: str) -> None:
    """A page id is a path segment: lower-case ASCII letters, digits and single hyphens, nothing else."""
    if not SLUG_RE.fullmatch(doc_id) or len(doc_id) > SLUG_MAX + 20:
        raise ValueError(f"unsafe page id {doc_id!r}")

"""The link's kept citations (link.Shares): a rebuild reads each unchanged document's citations from one file,
and a document whose load key changed (an edited text, another page id, other code) is read again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from build_scripts.pipeline import convert, link, slugs
from build_scripts.pipeline.read import read_file

from ..conftest import CROSSLINK_SOURCES


def _docs() -> tuple[list, dict[str, str]]:
    sources = [read_file(p) for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    ids = slugs.assign_ids(sources)
    docs = [convert.document_from_source(s, i) for s, i in zip(sources, ids, strict=True)]
    return docs, {d.id: convert.key(d.source, d.id) for d in docs}


def _citations(links) -> list[tuple]:
    """What the cited documents' pages show: each citing document, anchor, sentence and task."""
    return sorted((c.id, c.symbol, c.archived.id if c.archived else None,
                   tuple((x.doc.id, x.anchor, x.passage, x.task) for x in c.citations))
                  for c in links.cited.values())


def test_kept_citations_give_what_reading_every_tree_gives(tmp_path: Path) -> None:
    docs, keys = _docs()
    fresh = _citations(link.link(docs))
    assert any(entry[3] for entry in fresh)  # the texts cite one another with passages
    path = tmp_path / "shares.pickle"
    assert _citations(link.link(docs, link.Shares(path, keys))) == fresh
    assert path.is_file()
    kept = link.Shares(path, keys)
    assert set(kept.citations) == {keys[d.id] for d in docs if d.facts.references}
    assert _citations(link.link(docs, kept)) == fresh
    assert not kept.citations and not kept.bodies and not kept.used_citations and not kept.used_bodies  # let go


def test_a_changed_text_is_never_answered_by_its_kept_citations(tmp_path: Path) -> None:
    docs, keys = _docs()
    path = tmp_path / "shares.pickle"
    link.link(docs, link.Shares(path, keys))
    citing = next(d for d in docs if any(c for c in link._share(d)))
    # the text edited: the sentence that cites says more, and the text's key is another
    sentence = next(s for share in link._share(citing) for _a, s, _t in share if s and s in citing.source.text)
    edited_src = dataclasses.replace(citing.source, text=citing.source.text.replace(
        sentence, "Văn phòng theo dõi, đôn đốc: " + sentence, 1))
    edited = convert.document_from_source(edited_src, citing.id)
    docs2 = [edited if d is citing else d for d in docs]
    keys2 = {**keys, citing.id: convert.key(edited_src, citing.id)}
    assert keys2[citing.id] != keys[citing.id]
    kept = _citations(link.link(docs2, link.Shares(path, keys2)))
    assert kept == _citations(link.link(docs2))
    assert any("Văn phòng theo dõi, đôn đốc" in x[2] for entry in kept for x in entry[3])
    # and the old text's entry is not kept for a later build
    assert keys[citing.id] not in link.Shares(path, keys2).citations

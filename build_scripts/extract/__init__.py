"""Extract stage: the document tree -> facts (metadata, tasks, references).

Each module reads one kind of fact from the blocks; none of them looks at the
raw text again, and none of them guesses: a fact the text does not give stays
None or empty.
"""

from __future__ import annotations

from ..model import Document, Facts
from .metadata import read_title


def extract(doc: Document) -> Document:
    doc.facts = Facts(title=read_title(doc.blocks, doc.source.name))
    return doc

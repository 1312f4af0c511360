"""What the writers' tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.commands import synth
from build_scripts.model import Document, Links
from build_scripts.pipeline import link, loader


def linked_synth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> tuple[list[Document], Links]:
    """Eight synthetic texts with an office's status file, loaded without a cache and linked: a writer's input."""
    monkeypatch.setenv("VB_NO_CACHE", "1")
    source = tmp_path / "texts"
    synth.write_corpus(8, source, seed=seed, status=True)
    docs = loader.load(source).documents
    return docs, link.link(docs)

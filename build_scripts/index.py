"""Index stage: the model -> client-side search data (lunr.py), written beside the pages.

Filled in by the search issue; until then it writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from .model import Document


def write_search_index(docs: list[Document], docs_dir: Path) -> list[Path]:
    """Write the search index files under ``docs_dir``; returns the paths written."""
    return []

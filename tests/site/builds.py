"""A build as the site tests run it: with the cache in a folder of their own, or none (a clean build)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from build_scripts.pipeline.archive import Archive
from build_scripts.progress import Progress
from build_scripts.site import build


def build_with_cache(source: Path, site: Path, monkeypatch, cache: Path | None) -> tuple[Archive, str]:
    """A build with its caches in ``cache`` (None: no cache at all, a clean build); the archive and its stage lines."""
    if cache is None:
        monkeypatch.setenv("VB_NO_CACHE", "1")
    else:
        monkeypatch.delenv("VB_NO_CACHE", raising=False)
        monkeypatch.setenv("VB_CACHE_DIR", str(cache))
    log = StringIO()
    archive = build.build(source, site, progress=Progress("lines", log))
    return archive, log.getvalue()

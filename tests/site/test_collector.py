"""The build runs its load, link and writers with Python's cycle collector off and sets aside what they made
(site/build.py: ``_set_aside``); nothing of it outlasts the build, and the load's workers collect as usual."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from build_scripts.pipeline import convert
from build_scripts.site import unchanged

from .builds import build_with_cache
from .test_safety import sources


def test_a_build_gives_the_collector_back_all_it_set_aside(tmp_path: Path, monkeypatch) -> None:
    source, site, cache = sources(tmp_path / "texts", "dân vận", "chuyển đổi số"), tmp_path / "site", tmp_path / "cache"
    assert gc.isenabled() and gc.get_freeze_count() == 0
    build_with_cache(source, site, monkeypatch, cache)
    # a process that builds again (the tests, `deploy` building the bundle) has its garbage collected as before
    assert gc.isenabled() and gc.get_freeze_count() == 0
    # sources the check before the load cannot vouch for (as a scan whose conversion is not kept): loaded, then
    # found to leave the site as it is
    monkeypatch.setattr(unchanged, "scan", lambda *args, **kwargs: None)
    archive, _ = build_with_cache(source, site, monkeypatch, cache)
    assert archive.documents and any("Nothing changed" in note for note in archive.notes)
    assert gc.isenabled() and gc.get_freeze_count() == 0


class _Node:
    pass


def _cycle_left() -> bool:
    """Whether a cycle made and dropped here is still there after a young collection: only with the collector off."""
    node = _Node()
    node.self = node  # type: ignore[attr-defined]
    ref = weakref.ref(node)
    del node
    if gc.isenabled():
        gc.collect(0)
    return ref() is not None


def test_a_load_worker_has_the_collector_on_though_the_build_loads_with_it_off() -> None:
    gc.disable()
    try:
        with convert.worker_pool(1) as pool:
            assert pool.submit(_cycle_left).result() is False
    finally:
        gc.enable()

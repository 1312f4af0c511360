"""A first build forks its load's workers before it imports the site's libraries (convert.fork_workers), so that
each worker is the size of a process holding the pipeline alone; the load borrows them and stops them when done."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from build_scripts import shelf
from build_scripts.pipeline import conversions, convert
from build_scripts.pipeline.read import ReadError

ROOT = Path(__file__).resolve().parents[2]

# run in a fresh interpreter: the test process has imported MkDocs long ago
SCRIPT = textwrap.dedent("""
    import os, sys
    from build_scripts.pipeline import convert

    def imported(name):
        return name in sys.modules

    def pid():
        return os.getpid()

    convert.fork_workers(2)
    import mkdocs.commands.build  # noqa: F401  (the site's libraries, as the build imports them)
    with convert.workers_pool(2) as pool:
        first = {pool.submit(pid).result() for _ in range(8)}
        holds = pool.submit(imported, "mkdocs").result()
    with convert.workers_pool(2) as pool:  # the load's second use (decoding, then parsing) gets the same workers
        again = pool.submit(pid).result()
    lent = bool(convert._forked)
    convert.release_workers()
    print(holds, again in first, lent, bool(convert._forked))
""")


def _run(tmp_path: Path, cache: Path) -> list[str]:
    script = tmp_path / "early.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "VB_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    return out.stdout.split()


def test_a_first_builds_workers_hold_none_of_the_site_libraries(tmp_path: Path) -> None:
    holds, same, lent, left = _run(tmp_path, tmp_path / "cache")
    assert holds == "False"  # forked before MkDocs was imported: not in the worker
    assert same == "True" and lent == "True"  # lent to each use, not shut down after it
    assert left == "False"  # stopped once released


def test_a_rebuilds_load_forks_its_workers_only_if_it_needs_them(tmp_path: Path) -> None:
    """With models in the cache (a rebuild converts a text or two, in its own process), nothing is forked ahead:
    a pool the load asks for is made then, from the build as it is."""
    cache = tmp_path / "cache"
    (cache / convert.MODELS).mkdir(parents=True)
    (cache / convert.MODELS / shelf.INDEX).write_bytes(b"")
    holds, _same, lent, _left = _run(tmp_path, cache)
    assert holds == "True" and lent == "False"


def test_conversions_borrow_the_early_workers_without_stopping_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VB_NO_CACHE", "1")
    (tmp_path / "hong.docx").write_bytes(b"not a Word file")
    convert.fork_workers(2)
    try:
        assert convert._forked
        with conversions.Background([(tmp_path, "hong.docx")]) as pending, pytest.raises(ReadError):
            pending.source((tmp_path, "hong.docx"))
        assert convert._forked[0].submit(int, "7").result() == 7  # still running for the load's texts
    finally:
        convert.release_workers()
    assert not convert._forked

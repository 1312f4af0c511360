"""The heap's free pages given back to the system between the build's stages (heap.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from build_scripts import heap

ROOT = Path(__file__).resolve().parents[1]

GIVE_BACK = textwrap.dedent("""
    import random
    from build_scripts import heap

    def rss():
        return int(open("/proc/self/statm").read().split()[1]) * 4096

    random.seed(1)
    kept, dropped = [], []
    for i in range(30_000):  # strings of a few kB, as a page's Markdown: malloc's heap, not mapped apart
        (kept if i % 3 == 0 else dropped).append("x" * random.randint(1_000, 6_000) + str(i))
    del dropped
    before = rss()
    heap.give_back()
    print(before - rss())
""")


@pytest.mark.skipif(heap._trim() is None, reason="no malloc_trim in this C library")
def test_the_heaps_free_pages_are_given_back(tmp_path: Path) -> None:
    script = tmp_path / "heap.py"
    script.write_text(GIVE_BACK, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                         check=True)
    assert int(out.stdout) > 30_000_000  # of the ~70 MB let go between the strings kept

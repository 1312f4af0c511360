"""The command line's end: the process leaves without taking apart what the verb made, and loses nothing on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_scripts.commands import common
from build_scripts.pipeline.archive import Archive, BuildError

ROOT = Path(__file__).resolve().parents[2]


def _leave_after(code: str, status: int) -> subprocess.CompletedProcess[str]:
    """A process that runs ``code`` and then leaves as the command line does (``__main__.leave``)."""
    program = f"import sys, threading, time\nfrom build_scripts.__main__ import leave\n{code}\nleave({status})"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as a pipe is by default
    return subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def test_leaving_keeps_the_status_and_the_last_unflushed_output() -> None:
    """Piped output is buffered: what a verb printed last (the build's result line) reaches the reader."""
    done = _leave_after("print('Built 3 documents')\nsys.stdout.write('no newline')\nsys.stderr.write('a warning')", 3)
    assert (done.returncode, done.stdout, done.stderr) == (3, "Built 3 documents\nno newline", "a warning")


def test_leaving_waits_for_a_thread_still_running() -> None:
    """Should a verb leave a thread running, the process ends as Python's own exit would: after the thread."""
    done = _leave_after("threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()", 0)
    assert (done.returncode, done.stdout) == (0, "thread done\n")


def test_the_last_archive_is_kept_until_the_end_and_only_the_last() -> None:
    first, second = Archive(), Archive()
    assert common.run_guarded(lambda: first) is first
    assert common.last_archive is first
    assert common.run_guarded(lambda: second) is second
    assert common.last_archive is second  # the first is let go: a process running verbs one after another

    def fails() -> Archive:
        raise BuildError("no such folder")
    assert common.run_guarded(fails) is None
    assert common.last_archive is None

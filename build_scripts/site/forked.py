"""A share of a stage's work run in a process forked beside the build's own, on a second core.

The fork shares the loaded archive copy-on-write (nothing is pickled to it), writes what its share writes, and
hands back only the share's result, pickled into a temporary file; an exception it meets is raised in the build, where
the share's result is asked for. Linux (and any system with ``os.fork``) only; elsewhere, or from a thread other
than the main one (a fork copies only the thread that forks), the share runs in the build's own process.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class WorkerLost(RuntimeError):
    """The forked process ended without handing back its share's result (killed, or out of memory)."""


def can_fork() -> bool:
    """Whether ``beside`` forks here: a system with ``fork``, called from the main thread."""
    return hasattr(os, "fork") and threading.current_thread() is threading.main_thread()


@contextmanager
def beside(job: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """``job`` run in a forked process while the ``with`` block runs; yields the function that waits for its result
    (or raises its exception). Leaving the block, by an exception too, waits for the process: nothing it writes
    is still being written once the block is left."""
    if not can_fork():
        done = job()
        yield lambda: done
        return
    # the result goes into a file, not a pipe: the fork ends once its share is done, not once the build reads it
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, whether or not the result was asked for
    pid = os.fork()
    if pid == 0:  # the fork: its share, its result into the file, then gone without running the build's exit code
        code = 0
        try:
            try:
                outcome: tuple[bool, object] = (True, job())
            except BaseException as exc:  # every failure is the build's to report
                outcome = (False, exc)
            try:
                data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an exception that cannot be pickled is said as text
                data = pickle.dumps((False, WorkerLost(f"{outcome[1]!r} (not picklable: {exc})")))
            out.write(data)
            out.flush()
        except BaseException:  # the build finds no result, and says so
            code = 1
        finally:
            os._exit(code)
    reaped = False

    def result() -> T:
        nonlocal reaped
        _pid, status = os.waitpid(pid, 0)
        reaped = True
        out.seek(0)
        data = out.read()
        out.close()
        try:
            ok, value = pickle.loads(data)
        except Exception:  # nothing, or half of it: the process was lost
            raise WorkerLost(f"the writers' process beside the build ended without its result "
                             f"(exit status {os.waitstatus_to_exitcode(status)})") from None
        if ok:
            return value  # type: ignore[no-any-return]
        raise value  # type: ignore[misc]

    try:
        yield result
    finally:
        if not reaped:  # the block failed first: the process is waited for (it writes nothing once it is gone)
            os.waitpid(pid, 0)
        out.close()

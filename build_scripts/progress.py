"""What a build says while it runs: its stages, with counts and elapsed time.

On a terminal each stage is a live tqdm bar (count, total, elapsed) that stays on screen when
the stage ends; elsewhere (a log, CI, a pipe) each stage prints one line when it ends, so a
log gets one line per stage and no control characters. ``quiet`` prints nothing. Progress goes
to standard error: standard output keeps the build's one-line result.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

BAR = "{desc}: {n_fmt}/{total_fmt} {unit} [{elapsed}]{postfix}"  # no rate: a stage's speed varies too much
COUNT = "{desc}: {n_fmt} {unit} [{elapsed}]{postfix}"  # a stage whose total is not known in advance


class Stage:
    """One stage under way: ``advance`` as items are done; ``note`` adds what the count does not say."""

    def __init__(self, name: str, total: int | None, unit: str, bar=None) -> None:
        self.name, self.total, self.unit, self.count, self.notes = name, total, unit, 0, []
        self.started = time.monotonic()
        self._bar = bar

    def expect(self, total: int) -> None:
        """The total, once known."""
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.bar_format = BAR
            self._bar.refresh()

    def advance(self, n: int = 1) -> None:
        self.count += n
        if self._bar is not None:
            self._bar.update(n)

    def note(self, text: str) -> None:
        self.notes.append(text)
        if self._bar is not None:
            self._bar.set_postfix_str(", ".join(self.notes), refresh=True)

    def finish(self) -> None:
        """The count is the total when the stage did not count item by item."""
        if self.total is not None and self.count < self.total:
            self.advance(self.total - self.count)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        notes = f" ({', '.join(self.notes)})" if self.notes else ""
        return f"{self.name}: {self.count:,} {self.unit}{notes} in {elapsed:.1f} s"


class Progress:
    """The stages of one build. ``mode``: "bar" (a terminal), "lines" (anything else) or "quiet"."""

    def __init__(self, mode: str = "quiet", stream: TextIO | None = None) -> None:
        if mode not in ("bar", "lines", "quiet"):
            raise ValueError(mode)
        self.mode = mode
        self.stream = stream

    @classmethod
    def to(cls, stream: TextIO | None = None, *, quiet: bool = False) -> Progress:
        """Bars on a terminal, one line per stage elsewhere, nothing when ``quiet``."""
        stream = stream or sys.stderr
        if quiet:
            return cls("quiet", stream)
        isatty = getattr(stream, "isatty", None)
        return cls("bar" if isatty and isatty() else "lines", stream)

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "", *,
              since: float | None = None) -> Iterator[Stage]:
        """A stage from now (or from ``since``, a ``time.monotonic()`` when it began beside others) to
        the end of the block."""
        bar = None
        if self.mode == "bar":
            from tqdm import tqdm

            cols, rows = _screen(self.stream)

            bar = tqdm(total=total, desc=name, unit=unit, file=self.stream, leave=True, ncols=cols, nrows=rows,
                       bar_format=BAR if total is not None else COUNT, mininterval=0.2)
        stage = Stage(name, total, unit, bar)
        if since is not None:
            stage.started = since
            if bar is not None:  # tqdm's clock is time.time's, not monotonic's
                bar.start_t = time.time() - (time.monotonic() - since)
        try:
            yield stage
            stage.finish()
        finally:
            if bar is not None:
                bar.close()
        if self.mode == "lines" and self.stream is not None:
            print(stage.line(), file=self.stream, flush=True)


def _screen(stream: TextIO | None) -> tuple[int, int]:
    """The terminal's columns and lines; 100 by 24 where it says none (a fresh pseudo-terminal says 0 by 0,
    and tqdm hides a bar below the screen's last line)."""
    try:
        size = os.get_terminal_size(stream.fileno())  # type: ignore[union-attr]
    except (OSError, AttributeError, ValueError):
        return 100, 24
    return size.columns or 100, size.lines or 24


QUIET = Progress("quiet")

"""What every verb shares: printing without raw control characters, errors said, not raised."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..pipeline import archive as pipeline_archive
from ..progress import Progress
from ..safe_text import terminal
from ..site import publish, report


def say(text: str, file=None) -> None:
    """Print lines whose parts may come from names or texts: no control character reaches the terminal raw."""
    print("\n".join(terminal(line) for line in str(text).split("\n")), file=file or sys.stdout)


# The archive the last verb built, held until the process ends (``__main__.leave``): letting it go object by object
# when the verb returns took 0.1-0.25 s of CPU at the end of an add at 1,000 texts, for memory the system takes back
# whole at exit. One slot, not a list: a caller that runs verbs in one process (the tests) keeps only the last.
last_archive: pipeline_archive.Archive | None = None


def run_guarded(work: Callable[[], pipeline_archive.Archive]) -> pipeline_archive.Archive | None:
    """The archive ``work`` built (also kept as ``last_archive``), or None when it could not start or push (said on
    standard error)."""
    global last_archive
    last_archive = None  # the previous verb's, let go before this one builds
    try:
        last_archive = work()
    except (pipeline_archive.BuildError, publish.DeployError) as exc:
        say(f"error: {exc}", file=sys.stderr)
    return last_archive


def status_file_of(args: argparse.Namespace) -> Path | None:
    return Path(args.status) if getattr(args, "status", None) else None


def progress_of(args: argparse.Namespace) -> Progress:
    """The stages on standard error: live on a terminal, a line each elsewhere, none with --quiet."""
    return Progress.to(sys.stderr, quiet=args.quiet)


def site_options(args: argparse.Namespace) -> dict[str, object]:
    """What the verbs that publish a site (build, bundle, deploy) take alike from their arguments."""
    return {"allow_empty": args.allow_empty, "status_file": status_file_of(args), "progress": progress_of(args)}


def finish(archive: pipeline_archive.Archive, done: str, strict: bool = False) -> int:
    sys.stderr.write(report.summary(archive, strict))
    say(done)
    return 1 if archive.failed(strict) else 0

"""The ``build`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import build
from .common import finish, run_guarded, site_options


def run(args: argparse.Namespace) -> int:
    archive = run_guarded(lambda: build.build(Path(args.source), Path(args.site), **site_options(args)))
    if archive is None:
        return 2
    tasks = archive.task_count()
    return finish(archive, f"Built {len(archive.documents)} documents ({tasks} tasks) into {args.site}; "
                  f"{len(archive.errors)} errors, {len(archive.warnings)} warnings.", args.strict)

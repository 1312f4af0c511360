"""The ``deploy`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import deploy
from .common import finish, progress_of, run_guarded, status_file_of


def run(args: argparse.Namespace) -> int:
    archive = run_guarded(lambda: deploy.deploy(Path(args.source), args.remote, allow_empty=args.allow_empty,
                                        status_file=status_file_of(args),
                                        progress=progress_of(args)))
    if archive is None:
        return 2
    return finish(archive, f"Published {len(archive.documents)} documents to the gh-pages branch of {args.remote}.")

"""The ``deploy`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import deploy
from .common import finish, run_guarded, site_options


def run(args: argparse.Namespace) -> int:
    archive = run_guarded(lambda: deploy.deploy(Path(args.source), args.remote, **site_options(args)))
    if archive is None:
        return 2
    return finish(archive, f"Published {len(archive.documents)} documents to the gh-pages branch of {args.remote}.")

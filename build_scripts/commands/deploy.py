"""The ``deploy`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import deploy
from .common import finish, run_guarded, site_options


def run(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else None
    archive = run_guarded(lambda: deploy.deploy(Path(args.source), args.remote, out=out, **site_options(args)))
    if archive is None:
        return 2
    if out is not None:
        return finish(archive, f"The site of {len(archive.documents)} documents is in {out}, for GitHub Pages' "
                      "artifact (actions/upload-pages-artifact).")
    return finish(archive, f"Published {len(archive.documents)} documents to the gh-pages branch of {args.remote}.")

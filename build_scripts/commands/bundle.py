"""The ``bundle`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import bundle, publish
from .common import finish, run_guarded, site_options


def run(args: argparse.Namespace) -> int:
    archive = run_guarded(lambda: bundle.bundle(Path(args.source), Path(args.out), **site_options(args)))
    if archive is None:
        return 2
    size = Path(args.out).stat().st_size
    return finish(archive, f"Offline bundle of {len(archive.documents)} documents: {args.out} "
                  f"({size / 1e6:.1f} MB). Unzip it and open {publish.BUNDLE_FOLDER}/index.html.")

"""The ``extract`` verb."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..pipeline import link, loader
from ..writers import records
from .common import say


def run(args: argparse.Namespace) -> int:
    archive = loader.load_archive([Path(f) for f in args.files])
    for d in archive.errors:
        say(str(d), file=sys.stderr)
    links = link.link(archive.documents)  # the named files are linked among themselves: each assignee's body
    sys.stdout.write(records.dumps([records.document_record(doc, links) for doc in archive.documents]))
    return 1 if archive.errors else 0

"""The ``check`` verb."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..site import check, report
from .common import run_guarded, status_file_of


def run(args: argparse.Namespace) -> int:
    archive = run_guarded(lambda: check.check(Path(args.source), status_file_of(args)))
    if archive is None:
        return 2
    sys.stdout.write(report.summary(archive, args.strict))
    return 1 if archive.failed(args.strict) else 0

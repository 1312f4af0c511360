"""Publish stage: Markdown pages -> the static site (MkDocs + Material).

MkDocs is used as a library and only renders what the build generated; no
logic of ours lives in MkDocs plugins or hooks, so the renderer can be swapped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build as _mkdocs_build
from mkdocs.config import load_config


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), docs_dir=str(docs_dir.resolve()), site_dir=str(site_dir.resolve()))
    _mkdocs_build(config)

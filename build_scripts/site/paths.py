"""Where the project's parts are: the default source and site, docs/, overrides/, mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from ..writers import pages as render

ROOT = Path(__file__).resolve().parents[1].parent

DEFAULT_SOURCE = ROOT / "source_texts"

DEFAULT_SITE = ROOT / "site"

DOCS_DIR = ROOT / "docs"

OVERRIDES = ROOT / "overrides"

CONFIG = ROOT / "mkdocs.yml"

DEFAULT_BUNDLE = ROOT / "dist" / "luu-tru-ket-luan-offline.zip"  # the offline bundle (bundle.py)

INTRO = "_trang-chu.md"  # hand-written home text, inserted into the generated home page

GENERATED = render.GENERATED  # the git-ignored parts of docs/

"""The public site built and pushed to GitHub Pages' gh-pages branch."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..pipeline.archive import Archive, BuildError
from ..progress import QUIET, Progress
from . import publish
from .build import build
from .bundle import bundle
from .paths import CONFIG, DEFAULT_SOURCE, ROOT
from .report import summary


def deploy(source_dir: Path = DEFAULT_SOURCE, remote: str = "origin", repo: Path = ROOT, *,
           allow_empty: bool = False, status_file: Path | None = None, progress: Progress = QUIET) -> Archive:
    """Build the public site and push it to the ``gh-pages`` branch of ``remote``.

    When ``SITE_URL`` is not set and ``remote`` is on GitHub, the site's address is the one
    GitHub Pages will serve it at (``https://<owner>.github.io/<repo>/``).
    """
    url = os.environ.get("SITE_URL") or publish.pages_url(remote, repo)
    saved = os.environ.get("SITE_URL")
    if url:
        os.environ["SITE_URL"] = url
    try:
        with tempfile.TemporaryDirectory(prefix="vb-deploy-") as tmp:
            site = Path(tmp) / "site"
            archive = build(source_dir, site, allow_empty=True, status_file=status_file, progress=progress)
            if not archive.documents and not allow_empty:
                raise BuildError(f"{source_dir}: no text could be published: nothing was pushed (the published "
                                 "site stays as it is). Deploy with --allow-empty to publish an empty site.\n"
                                 + summary(archive))
            zip_name = (publish.load(CONFIG).extra or {}).get("offline_zip")
            if zip_name:  # the offline bundle, downloadable from the footer and "Dữ liệu mở"
                bundle(source_dir, site / zip_name, status_file=status_file, progress=progress)
            publish.deploy(CONFIG, site, repo=repo, remote=remote)
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    return archive

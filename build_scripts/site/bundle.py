"""The offline bundle: the site built for file://, zipped under one folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..pipeline.archive import Archive, BuildError
from ..progress import QUIET, Progress
from . import output, publish
from .build import build
from .paths import DEFAULT_BUNDLE, DEFAULT_SOURCE, DOCS_DIR, OVERRIDES
from .report import summary


def bundle_target(out: Path, source_dir: Path) -> Path:
    """The zip ``bundle`` may write: a ``.zip`` outside the source folder and the project's pages, new or
    a bundle it made before; anything else is refused and left as it was."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise BuildError(f"{out}: the offline bundle is a .zip file; give a name that ends in .zip")
    resolved = out.parent.resolve() / out.name
    for what, folder in (("the source folder", Path(source_dir)), ("docs/", DOCS_DIR), ("overrides/", OVERRIDES)):
        if resolved.is_relative_to(folder.resolve()):
            raise BuildError(f"{out}: the bundle cannot be written inside {what} ({folder.resolve()})")
    if ".git" in resolved.parts:
        raise BuildError(f"{out}: the bundle cannot be written inside a .git folder")
    if out.is_symlink() or (out.exists() and not out.is_file()):
        raise BuildError(f"{out}: exists and is not a file (a folder or a link). Nothing was changed.")
    if out.exists() and not publish.is_bundle(out):
        raise BuildError(f"{out}: exists and is not an offline bundle this program made. Nothing was changed: "
                         "choose another name, or delete the file yourself")
    return resolved


def bundle(source_dir: Path = DEFAULT_SOURCE, out: Path = DEFAULT_BUNDLE, *, allow_empty: bool = False,
           status_file: Path | None = None, progress: Progress = QUIET) -> Archive:
    """The site built for ``file://`` (file URLs, search included), zipped under one folder."""
    target = bundle_target(Path(out), Path(source_dir))
    try:
        with output.exclusive(output.lock_file(target), str(target)):
            target = bundle_target(Path(out), Path(source_dir))
            with tempfile.TemporaryDirectory(prefix="vb-bundle-") as tmp:
                site = Path(tmp) / "site"
                archive = build(source_dir, site, offline=True, allow_empty=True, status_file=status_file,
                                progress=progress, keep_folders=False)  # a temporary folder: no next build
                if not archive.documents and not allow_empty and target.exists():
                    raise BuildError(f"{source_dir}: no text could be published: {out} was left as it was. "
                                     "Build with --allow-empty to replace it with an empty bundle.\n"
                                     + summary(archive))
                with progress.stage("zip", 1, "bundle"):
                    publish.write_zip(site, target)
    except output.OutputError as exc:
        raise BuildError(str(exc)) from None
    return archive

"""The public site built and pushed to GitHub Pages' gh-pages branch."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..pipeline.archive import Archive, BuildError
from ..progress import QUIET, Progress
from . import limits, publish
from .build import build
from .bundle import bundle
from .paths import CONFIG, DEFAULT_SOURCE, ROOT
from .report import summary

# mkdocs.yml reads extra.offline_zip from this variable (default: the bundle's name); set empty, the site is
# built with no link to a bundle, for a deploy that leaves the bundle out
OFFLINE_ZIP_VARIABLE = "OFFLINE_ZIP"


def deploy(source_dir: Path = DEFAULT_SOURCE, remote: str = "origin", repo: Path = ROOT, *,
           allow_empty: bool = False, status_file: Path | None = None, progress: Progress = QUIET,
           sizes: limits.Limits | None = None, out: Path | None = None) -> Archive:
    """Build the public site and push it to the ``gh-pages`` branch of ``remote``, or write it to ``out``.

    When ``SITE_URL`` is not set and ``remote`` is on GitHub, the site's address is the one
    GitHub Pages will serve it at (``https://<owner>.github.io/<repo>/``). The built site is
    checked against ``sizes`` (GitHub's limits: limits.py) before anything is committed: over a
    limit, nothing is pushed or written (publish.DeployError). ``out``, a new folder, receives the
    site instead of a push: what the workflow uploads as its Pages artifact (no git, so no limit per file).
    """
    sizes = sizes or (limits.PAGES_ARTIFACT if out else limits.GH_PAGES)
    if out is not None and out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BuildError(f"{out}: exists and is not an empty folder. Nothing was changed: give a new folder")
    url = os.environ.get("SITE_URL") or publish.pages_url(remote, repo)
    with _environ("SITE_URL", url), tempfile.TemporaryDirectory(prefix="vb-deploy-") as tmp:
        site = Path(tmp) / "site"
        archive, zipped = _build_with_bundle(source_dir, site, Path(tmp), sizes, status_file, progress)
        if not archive.documents and not allow_empty:
            raise BuildError(f"{source_dir}: no text could be published: nothing was pushed (the published "
                             "site stays as it is). Deploy with --allow-empty to publish an empty site.\n"
                             + summary(archive))
        if zipped:
            zipped[0].replace(site / zipped[1])
        check(site, sizes, archive, f"pushed to {remote}" if out is None else f"written to {out}")
        if out is None:
            publish.deploy(CONFIG, site, repo=repo, remote=remote)
        else:
            shutil.copytree(site, out, dirs_exist_ok=True)  # out is new or empty
    return archive


def _build_with_bundle(source_dir: Path, site: Path, tmp: Path, sizes: limits.Limits, status_file: Path | None,
                       progress: Progress) -> tuple[Archive, tuple[Path, str] | None]:
    """The public site, and the offline bundle to publish at its root (the footer and "Dữ liệu mở" link to it).

    The bundle is made first: one that GitHub would refuse (a file over ``sizes.file``, or a site
    over ``sizes.site`` with it) is left out, and the site is then built with no link to it, so
    that no page links to a file that is not there. Returns the bundle and its name in the site.
    """
    name = (publish.load(CONFIG).extra or {}).get("offline_zip")
    if not name:
        return build(source_dir, site, allow_empty=True, status_file=status_file, progress=progress), None
    zipped = tmp / name
    bundle(source_dir, zipped, status_file=status_file, progress=progress)
    n = zipped.stat().st_size
    with zipfile.ZipFile(zipped) as zf:  # the site unzipped is about the size the public site will be
        estimate = n + sum(info.file_size for info in zf.infolist())
    over = (f"GitHub's limit of {limits.size(sizes.file)} for one file" if sizes.file is not None and n > sizes.file
            else f"GitHub Pages' {limits.size(sizes.site)} with the site" if estimate > sizes.site else None)
    if over is None:
        return build(source_dir, site, allow_empty=True, status_file=status_file, progress=progress), (zipped, name)
    with _environ(OFFLINE_ZIP_VARIABLE, ""):
        archive = build(source_dir, site, allow_empty=True, status_file=status_file, progress=progress)
    archive.notes.append(
        f"warning: {name} (the offline bundle) is {limits.size(n)}, over {over}: it is left out of the published "
        "site, and no page links to it. Build it with `make offline` (dist/) and hand it out another way "
        "(a release asset, an intranet share).")
    return archive, None


def check(site: Path, sizes: limits.Limits, archive: Archive, where: str) -> None:
    """Refuse (publish.DeployError) a site GitHub would refuse or not serve; note the files it warns about."""
    found = limits.measure(site, sizes)
    archive.notes += [f"warning: {line}." for line in limits.warnings(found, sizes)]
    wrong = limits.problems(found, sizes)
    if not wrong:
        return
    todo = []
    if found.over:
        todo.append("publish it with the workflow's Pages artifact, which has no limit per file (README, "
                    "\"Publishing\")")
    if found.total > sizes.site:
        todo.append("publish fewer texts per site (one site per body or per period)")
    raise publish.DeployError(
        f"the site was not {where}:\n" + "".join(f"  {line}\n" for line in wrong)
        + "Nothing was committed, pushed or written: the published site and the local gh-pages branch stay as "
        "they are. "
        + "To publish it, " + ", or ".join(todo) + ".")


@contextlib.contextmanager
def _environ(name: str, value: str | None) -> Iterator[None]:
    """``name`` set to ``value`` in the environment (the builds' MkDocs runs read it) for the block; None: as is."""
    saved = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved

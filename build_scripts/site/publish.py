"""Publish stage: Markdown pages -> the static site, the offline bundle, the gh-pages branch.

MkDocs is used as a library and only renders what the build generated; no logic of ours
lives in MkDocs plugins or hooks, so the renderer can be swapped. The two builds differ in
one setting only: the public site keeps directory URLs (``van-ban/x/``), the offline
bundle uses file URLs (``van-ban/x.html``) so that every link works from ``file://``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from . import mkdocs_shards

BUNDLE_FOLDER = "luu-tru-ket-luan"  # the one folder a reader's unzip creates
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: no build clock in the bundle


def load(config_file: Path, *, offline: bool = False, **overrides: object) -> MkDocsConfig:
    """The site's configuration as ``mkdocs.yml`` states it (``!ENV`` resolved), for one kind of build.

    Without ``overrides``, the one loaded for the same file (as it is on disk) and environment is given again, to
    be read and not changed: a build asked for it four times, and MkDocs took ~10 ms to load and validate it each
    time (~3% of adding one short text at 1,000)."""
    if offline:
        overrides["use_directory_urls"] = False
    if len(overrides) > (1 if offline else 0):
        return load_config(str(config_file), **overrides)
    try:
        text = Path(config_file).read_bytes()
    except OSError:
        return load_config(str(config_file), **overrides)  # MkDocs says what is wrong
    # the file's bytes and the variables its !ENV tags read (not the whole environment: loading sets one)
    names = sorted(set(_ENV_TAG.findall(text)))
    key = (os.path.abspath(config_file), offline, text, tuple(os.environb.get(n) for n in names))
    config = _loaded.get(key)
    if config is None:
        if len(_loaded) >= 4:  # a build asks for one file's, in one environment, for one or both kinds of build
            _loaded.clear()
        config = _loaded[key] = load_config(str(config_file), **overrides)
    return config


_loaded: dict[tuple, MkDocsConfig] = {}
_ENV_TAG = re.compile(rb"!ENV\s*\[?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)")


def site_url(config: MkDocsConfig) -> str:
    """The public site's address (``site_url``, which ``SITE_URL`` sets), always ending in "/"."""
    url = config.site_url or ""
    return url if url.endswith("/") else url + "/"


def offline_zip_url(config: MkDocsConfig) -> str | None:
    """Where the public site serves the offline bundle (``make deploy`` and ``make pages`` put it there, unless it
    is over GitHub's limits: then ``offline_zip`` is empty and no page links to it), if it names one."""
    name = (config.extra or {}).get("offline_zip")
    return site_url(config) + name if name else None


@contextlib.contextmanager
def _build_date(day: date | None) -> Iterator[None]:
    """MkDocs stamps pages (sitemap ``lastmod``) with the build's date; make that the archive's newest date.

    So two builds of the same sources give identical files whatever day they run. A
    ``SOURCE_DATE_EPOCH`` set by the caller wins.
    """
    if day is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(day, time(), UTC).timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@contextlib.contextmanager
def rendering(config_file: Path, docs_dir: Path, site_dir: Path, *, offline: bool = False,
              build_date: date | None = None, linked: tuple[str, ...] = (),
              coming: mkdocs_shards.Coming | None = None,
              gate: Callable[[], bool] | None = None) -> Iterator[mkdocs_shards.Render]:
    """MkDocs renders ``docs_dir`` into ``site_dir``: in shards over the cores, unchanged pages from the page cache
    (mkdocs_shards.py); the bytes ``mkdocs build`` gives. Begun here (``mkdocs_shards.begin``): the workers render
    while the caller writes the ``coming`` files of ``docs_dir`` in the block, then ``finish``es the render
    (``Render.finish``, which its ``stage`` counts). The static files of the ``linked`` folders of ``docs_dir`` are
    hard-linked, not copied. ``gate``: whether a render worker may start now (``mkdocs_shards._Shards``)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides = {"docs_dir": str(docs_dir.resolve()), "site_dir": str(site_dir.resolve()), "offline": offline}
    # the date set before the workers start: they inherit it
    with _build_date(build_date), mkdocs_shards.begin(mkdocs_shards.configure(config_file, **overrides), config_file,
                                                      overrides, offline=offline, linked=linked,
                                                      coming=coming, gate=gate) as render:
        yield render


# --- the offline bundle ---------------------------------------------------------------------


BUNDLE_COMMENT = b"luu-tru-ket-luan: offline bundle written by python -m build_scripts bundle"


def write_zip(site_dir: Path, out: Path, folder: str = BUNDLE_FOLDER) -> Path:
    """Zip a built site under one folder, reproducibly: entries sorted, one fixed time, fixed modes.

    Written beside ``out`` under a name of its own and renamed over it once complete, so a reader
    never finds half a zip and nothing else is overwritten; the zip's comment marks it as ours.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED,
                                                         compresslevel=9) as zf:
            zf.comment = BUNDLE_COMMENT
            for path in sorted(site_dir.rglob("*"), key=lambda p: p.relative_to(site_dir).as_posix()):
                if not path.is_file():
                    continue
                info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", ZIP_EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=9)
        os.chmod(partial, 0o666 & ~_umask())
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_bundle(path: Path, folder: str = BUNDLE_FOLDER) -> bool:
    """Whether ``path`` is an offline bundle this program wrote (its comment, or all of it under ``folder``/)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if zf.comment == BUNDLE_COMMENT:
                return True
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return bool(names) and all(n.startswith(f"{folder}/") for n in names) and f"{folder}/index.html" in names


# --- GitHub Pages -----------------------------------------------------------------------------


def pages_url(remote: str, repo: Path) -> str | None:
    """Where GitHub Pages serves the project whose ``remote`` is on GitHub; None for any other remote."""
    found = subprocess.run(["git", "-C", str(repo), "remote", "get-url", remote], capture_output=True, text=True)
    match = re.search(r"github\.com[:/]([^/]+)/([^/]+?)(?:\.git)?/?$", found.stdout.strip())
    if found.returncode or not match:
        return None
    owner, name = match.groups()
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{name.lower()}/"  # a user or organisation site is served at the root
    return f"https://{owner.lower()}.github.io/{name}/"


class DeployError(Exception):
    """The site could not be pushed (not a git repository, a rejected push)."""


def deploy(config_file: Path, site_dir: Path, *, repo: Path, remote: str = "origin", branch: str = "gh-pages",
           message: str | None = None) -> None:
    """Commit ``site_dir`` as the whole of ``branch`` (with ``.nojekyll``) and push it to ``remote``.

    This is ``mkdocs gh-deploy`` without its build: the site is ours, built beforehand.
    ``repo`` is the git working copy whose history the commit message names; ``remote``
    is a remote's name or any URL or path git can push to.
    """
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.exceptions import Abort

    config = load(config_file, site_dir=str(site_dir.resolve()), remote_name=remote, remote_branch=branch)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    before = _branch_tip(repo, branch)
    try:
        with contextlib.chdir(repo):
            gh_deploy(config, message=message, ignore_version=True)
    except (Abort, subprocess.CalledProcessError) as exc:  # git has said why on standard error
        _reset_branch(repo, branch, before)  # the commit that was not pushed does not stay behind
        raise DeployError(f"could not push the site to {remote} ({branch}): {exc}") from exc


def _branch_tip(repo: Path, branch: str) -> str | None:
    found = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                           capture_output=True, text=True)
    return found.stdout.strip() or None


def _reset_branch(repo: Path, branch: str, tip: str | None) -> None:
    """Put the local ``branch`` back where it was before a deploy (or remove it, if it did not exist)."""
    ref = f"refs/heads/{branch}"
    command = ["update-ref", ref, tip] if tip else ["update-ref", "-d", ref]
    subprocess.run(["git", "-C", str(repo), *command], capture_output=True, text=True)

"""Shared fixtures: the seeds, and one site built from them for the whole session."""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import convert, slugs
from build_scripts.pipeline.read import read_file
from build_scripts.site import build, output

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "source_texts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted(SOURCES.glob("*.txt"))


def settled(site: Path, timeout: float = 60) -> None:
    """Wait until the old sites beside ``site`` that a rebuild handed to a deleter (output.dispose) are gone."""
    spare = output.spare_for(site.resolve(), convert.cache_dir())  # and the folders kept for its next build
    output.wait_removed(site, timeout, spare)
    assert not output.removing(site), f"old sites beside {site} still being deleted after {timeout} s"
    assert not output.spare_busy(spare), f"the folders of {site} still being kept after {timeout} s"


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds run by the tests keep their conversion cache in a temporary folder, not in the repository."""
    if not os.environ.get("VB_CACHE_DIR") and not os.environ.get("VB_NO_CACHE"):
        os.environ["VB_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def tree_state(folder: Path) -> dict[str, tuple]:
    """Everything a folder holds, to compare byte for byte: each path's kind, mode and bytes (or link target)."""
    out: dict[str, tuple] = {}
    paths = [folder]
    for top, dirs, files in os.walk(folder):  # links to folders are listed, not followed
        paths += [Path(top) / name for name in dirs + files]
    for path in sorted(paths):
        info = path.lstat()
        rel = path.relative_to(folder).as_posix()
        if stat.S_ISLNK(info.st_mode):
            out[rel] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            out[rel] = ("folder", stat.S_IMODE(info.st_mode))
        else:
            out[rel] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline_archive.Archive, Path]:
    site = tmp_path_factory.mktemp("site")
    archive = build.build(SOURCES, site)
    return archive, site


def seed_document(name: str):
    """Read, parse and extract one seed by the start of its file name."""
    path = next(p for p in SEEDS if p.name.startswith(name))
    src = read_file(path)
    return convert.document_from_source(src, slugs.assign_ids([src])[0])


class VisibleText(HTMLParser):
    """The text a reader sees: outside head, script, style and svg; inline elements do not split words."""

    HIDDEN: ClassVar[set[str]] = {"head", "script", "style", "svg", "template", "noscript"}
    BLOCK: ClassVar[set[str]] = {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd",
        "dl", "br", "hr", "table", "section", "article", "nav", "header", "footer", "blockquote", "label",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.HIDDEN:
            self.depth += 1
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1
        if tag in self.BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return unicodedata.normalize("NFC", "".join(parser.parts))


def html_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag with its attributes, to look for script, handlers and URLs."""
    parser = VisibleText()
    parser.feed(html)
    return parser.tags


def word_counts(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", unicodedata.normalize("NFC", text)))


CROSSLINK_SOURCES = [*SEEDS, *sorted((FIXTURES / "shapes").glob("*.txt")),
                     *sorted((FIXTURES / "crosslink").glob("*.txt")), *sorted((FIXTURES / "realworld").glob("*.txt")),
                     *sorted((FIXTURES / "bodies").glob("*.txt"))]


@pytest.fixture(scope="session")
def crosslinked_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline_archive.Archive, Path]:
    """The seeds plus fixture texts that cite the same documents (05-CT/TW, 217-QĐ/TW, 08-NQ/ThU), one
    that cites another archived text (215-TB/ThU), and texts that name bodies in many ways (bodies/)."""
    import shutil

    source = tmp_path_factory.mktemp("crosslink-src")
    for path in CROSSLINK_SOURCES:
        shutil.copy(path, source / path.name)
    site = tmp_path_factory.mktemp("crosslink-site")
    return build.build(source, site), site


class Links(HTMLParser):
    """Every href and every id of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.repeated_ids: list[str] = []  # ids given to more than one element
        self.headings: list[tuple[str, str]] = []  # (id, text) of each h1-h6 that has an id
        self._heading: list[str] | None = None
        self._heading_id = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if a.get("id"):
            if a["id"] in self.ids:
                self.repeated_ids.append(a["id"])
            self.ids.add(a["id"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and a.get("id"):
            self._heading, self._heading_id = [], a["id"]
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            text = "".join(self._heading).replace("¶", "").strip()  # the permalink's mark is not the heading's
            self.headings.append((self._heading_id, text))
            self._heading = None


def page_links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser

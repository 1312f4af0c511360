"""What GitHub takes and serves: the sizes a deploy checks before it commits or pushes anything.

A push that GitHub refuses fails after minutes of upload, with git's message; a site over Pages'
limit is published and then not served. Both are known from the built site's file sizes alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024

# "GitHub blocks files larger than 100 MiB" and warns from 50 MiB (a push's file, git or the web):
# https://docs.github.com/en/repositories/working-with-files/managing-large-files/about-large-files-on-github
GIT_FILE_LIMIT = 100 * MIB
GIT_FILE_WARNING = 50 * MIB
# "Published GitHub Pages sites may be no larger than 1 GB" (read as 10^9 bytes, the smaller reading):
# https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits
PAGES_SITE_LIMIT = 1_000_000_000


@dataclass(frozen=True)
class Limits:
    """The sizes a deploy keeps to; ``file`` and ``warning`` are None where no git push carries the site."""

    file: int | None = GIT_FILE_LIMIT
    warning: int | None = GIT_FILE_WARNING
    site: int = PAGES_SITE_LIMIT


GH_PAGES = Limits()  # the gh-pages branch: a git push, then Pages serves it
# the workflow's Pages artifact (actions/upload-pages-artifact, a tar): no git, so no limit per file; its README
# gives 10 GB for the tar and "recommend under 1 GB", Pages' limit for the published site
PAGES_ARTIFACT = Limits(file=None, warning=None)


def size(n: int) -> str:
    """Bytes as GitHub's messages say them: "161.81 MiB", "1.64 GB" (and "20,000 bytes", for a small limit)."""
    if n < MIB:
        return f"{n:,} bytes"
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / MIB:.2f} MiB"


@dataclass
class SiteSize:
    """A built site's total and the files over the limits' lines, largest first."""

    total: int = 0
    over: list[tuple[str, int]] = field(default_factory=list)  # over the file limit: GitHub refuses the push
    large: list[tuple[str, int]] = field(default_factory=list)  # over the warning line: GitHub warns
    largest: list[tuple[str, int]] = field(default_factory=list)  # what to look at first when the whole is over


def measure(site: Path, limits: Limits = GH_PAGES, keep: int = 5) -> SiteSize:
    """The sizes of every file under ``site`` against ``limits``."""
    found = SiteSize()
    sizes = []
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            n = path.stat().st_size
            found.total += n
            sizes.append((path.relative_to(site).as_posix(), n))
    sizes.sort(key=lambda item: (-item[1], item[0]))
    found.over = [item for item in sizes if limits.file is not None and item[1] > limits.file]
    found.large = [item for item in sizes if item not in found.over
                   and limits.warning is not None and item[1] > limits.warning]
    found.largest = sizes[:keep]
    return found


def problems(found: SiteSize, limits: Limits = GH_PAGES) -> list[str]:
    """What GitHub would refuse or not serve, one line each (none: the site may be pushed)."""
    lines = [f"{name} is {size(n)}, over GitHub's limit of {size(limits.file)} for one file: GitHub would "
             "refuse the push" for name, n in found.over if limits.file is not None]
    if found.total > limits.site:
        biggest = ", ".join(f"{name} {size(n)}" for name, n in found.largest)
        lines.append(f"the site is {size(found.total)}, over GitHub Pages' limit of {size(limits.site)} for a "
                     f"published site: Pages would not serve it (largest files: {biggest})")
    return lines


def warnings(found: SiteSize, limits: Limits = GH_PAGES) -> list[str]:
    """Files GitHub takes with a warning: pushed each time the site is, they make every clone heavier."""
    return [f"{name} is {size(n)}, over GitHub's recommended {size(limits.warning)} for one file: it is "
            f"pushed, and GitHub warns" for name, n in found.large if limits.warning is not None]

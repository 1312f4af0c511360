"""`deploy` checks the built site against GitHub's limits before it commits or pushes anything.

The limits are passed in, small, so that no test writes 100 MiB: what a user notices is the same
(the message names the file and its size, nothing is pushed, the local gh-pages stays where it was).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.__main__ import main
from build_scripts.commands import synth
from build_scripts.site import deploy, limits, publish

from ..conftest import SEEDS, SOURCES
from ..site.test_publish import git, working_copy  # noqa: F401 (the fixture, shared)

ZIP = "luu-tru-ket-luan-offline.zip"


@pytest.fixture
def repos(working_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:  # noqa: F811
    """A working copy to deploy from and a bare remote to push to."""
    monkeypatch.setenv("SITE_URL", "https://example.github.io/luu-tru/")
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare))
    return working_copy, bare


def published(bare: Path) -> dict[str, int]:
    """Each file of the remote's gh-pages with its size."""
    rows = git("ls-tree", "-r", "-l", "gh-pages", cwd=bare).splitlines()
    return {row.split("\t", 1)[1]: int(row.split("\t", 1)[0].split()[3]) for row in rows}


def test_a_file_over_githubs_limit_is_named_and_nothing_is_pushed(repos: tuple[Path, Path]) -> None:
    work, bare = repos
    deploy.deploy(SOURCES, remote=str(bare), repo=work)  # GitHub's own limits: the seeds' site passes
    files = published(bare)
    assert ZIP in files
    tip = git("rev-parse", "gh-pages", cwd=work)
    site_files = {name: n for name, n in files.items() if name != ZIP}
    largest = max(site_files, key=site_files.get)
    small = limits.Limits(file=site_files[largest] - 1, warning=None)  # only the largest page file is over
    with pytest.raises(publish.DeployError) as failed:
        deploy.deploy(SOURCES, remote=str(bare), repo=work, sizes=small)
    said = str(failed.value)
    assert f"{largest} is {limits.size(site_files[largest])}" in said
    assert f"limit of {limits.size(small.file)} for one file" in said
    assert "Nothing was committed, pushed or written" in said and "Pages artifact" in said
    assert git("rev-parse", "gh-pages", cwd=work) == tip  # the local branch stays where it was
    assert git("rev-parse", "gh-pages", cwd=bare) == tip  # and nothing reached the remote


def test_a_site_over_pages_limit_is_refused_with_its_largest_files(repos: tuple[Path, Path]) -> None:
    work, bare = repos
    with pytest.raises(publish.DeployError) as failed:
        deploy.deploy(SOURCES, remote=str(bare), repo=work, sizes=limits.Limits(site=100_000))
    said = str(failed.value)
    assert "over GitHub Pages' limit of 100,000 bytes" in said and "largest files: " in said
    assert "fewer texts per site" in said
    assert git("branch", "--list", "gh-pages", cwd=work) == ""  # no branch before, none after
    assert git("branch", "--list", "gh-pages", cwd=bare) == ""


@pytest.mark.parametrize("over", ["file", "site"])
def test_a_bundle_over_the_limit_is_left_out_and_no_page_links_to_it(repos: tuple[Path, Path], tmp_path: Path,
                                                                     over: str) -> None:
    """Over GitHub's limit for one file (the bundle then the largest file: the seeds and a few more texts, since the
    theme's largest file outweighs the seeds' bundle), or taking the site over Pages' limit with it."""
    work, bare = repos
    source = SOURCES
    if over == "file":
        source = tmp_path / "texts"
        synth.write_corpus(8, source, seed=3)
        for seed in SEEDS:
            shutil.copy(seed, source / seed.name)
    deploy.deploy(source, remote=str(bare), repo=work)
    files = published(bare)
    for page in ("index.html", "du-lieu-mo/index.html"):  # the footer, and the download on "Dữ liệu mở"
        assert git("grep", "-l", f"example.github.io/luu-tru/{ZIP}", "gh-pages", "--", page, cwd=bare)
    assert "Tải bản ngoại tuyến (.zip)</a>" in git("show", "gh-pages:du-lieu-mo/index.html", cwd=bare)
    others = max(n for name, n in files.items() if name != ZIP)
    large = max((name for name in files if name != ZIP), key=files.get)
    if over == "file":
        assert files[ZIP] > others  # the bundle is the largest file: a limit between them catches it alone
        sizes = limits.Limits(file=files[ZIP] - 1, warning=others - 1)
    else:  # the bundle and the site it unzips to (about the public one) over the limit, the public site alone not
        sizes = limits.Limits(warning=others - 1, site=sum(files.values()) - files[ZIP] // 2)
    archive = deploy.deploy(source, remote=str(bare), repo=work, sizes=sizes)
    after = published(bare)
    assert ZIP not in after and "index.html" in after
    linking = subprocess.run(["git", "grep", "-l", ZIP, "gh-pages"], cwd=bare, capture_output=True, text=True)
    assert linking.stdout == ""  # no page, footer or "Dữ liệu mở" links to a bundle that is not there
    data = git("show", "gh-pages:du-lieu-mo/index.html", cwd=bare)
    assert "Bản ngoại tuyến (tệp .zip) không được đăng trên trang web này" in data  # said, not a dead link
    notes = "\n".join(archive.notes)
    assert f"warning: {ZIP} (the offline bundle) is {limits.size(files[ZIP])}" in notes
    assert "make offline" in notes
    assert f"warning: {large} is " in notes  # over the warning line: pushed, and named
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "2"


def test_the_command_exits_non_zero_and_says_which_file(repos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    work, bare = repos
    monkeypatch.chdir(work)
    monkeypatch.setattr(limits, "GH_PAGES", limits.Limits(file=20_000, warning=None))
    assert main(["deploy", "--source", str(SOURCES), "--remote", str(bare), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: the site was not pushed to ") and "index.html is " in err
    assert git("branch", "--list", "gh-pages", cwd=work) == ""


def test_sizes_are_measured_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "documents.json").write_bytes(b"x" * 3000)
    (tmp_path / "data" / "tasks.csv").write_bytes(b"x" * 1500)
    (tmp_path / "index.html").write_bytes(b"x" * 100)
    rules = limits.Limits(file=2000, warning=1000, site=4000)
    found = limits.measure(tmp_path, rules)
    assert found.total == 4600
    assert found.over == [("data/documents.json", 3000)]
    assert found.large == [("data/tasks.csv", 1500)]
    assert len(limits.problems(found, rules)) == 2  # the file, and the whole
    assert limits.problems(limits.measure(tmp_path, limits.GH_PAGES)) == []
    said = limits.warnings(found, rules)
    assert said == ["data/tasks.csv is 1,500 bytes, over GitHub's recommended 1,000 bytes for one file: it is pushed, "
                    "and GitHub warns"]
    assert limits.size(169_666_455) == "161.81 MiB" and limits.size(1_642_493_658) == "1.64 GB"


def test_the_pages_artifact_folder_has_no_git_limit_per_file(repos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`deploy --out` (the workflow's Pages artifact) pushes nothing: only Pages' limit for the whole applies."""
    work, _ = repos
    monkeypatch.chdir(work)
    monkeypatch.setattr(limits, "GH_PAGES", limits.Limits(file=20_000, warning=None))  # a push would be refused
    out = work.parent / "pages"
    assert main(["deploy", "--source", str(SOURCES), "--out", str(out), "--quiet"]) == 0
    assert (out / "index.html").is_file() and (out / ZIP).is_file()
    assert max(p.stat().st_size for p in out.rglob("*") if p.is_file()) > 20_000
    assert f'href="https://example.github.io/luu-tru/{ZIP}"' in (out / "index.html").read_text(encoding="utf-8")
    assert git("branch", "--list", "gh-pages", cwd=work) == ""  # nothing committed
    capsys.readouterr()

    monkeypatch.setattr(limits, "PAGES_ARTIFACT", limits.Limits(file=None, warning=None, site=100_000))
    again = work.parent / "pages-again"
    assert main(["deploy", "--source", str(SOURCES), "--out", str(again), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert f"error: the site was not written to {again}:" in err and "over GitHub Pages' limit" in err
    assert not again.exists()
    assert main(["deploy", "--source", str(SOURCES), "--out", str(out), "--quiet"]) != 0  # not over a folder
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert (out / ZIP).is_file()

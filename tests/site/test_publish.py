"""Publishing: the offline bundle, the gh-pages deployment, the workflow, the open data and feeds."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest
import time_machine
import yaml

from build_scripts.model import StatusEntry, TaskStatus
from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import link
from build_scripts.pipeline.read import read_file
from build_scripts.site import build, deploy, paths, publish
from build_scripts.site import bundle as site_bundle
from build_scripts.writers import feeds, records

from ..conftest import ROOT, SEEDS, SOURCES, page_links, seed_document
from ..pipeline.test_links import resolve

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


# --- the offline bundle ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline_archive.Archive, Path, Path]:
    """The seeds' bundle, unzipped: (archive, zip, the folder index.html is in)."""
    out = tmp_path_factory.mktemp("bundle") / "offline.zip"
    archive = site_bundle.bundle(SOURCES, out)
    where = out.parent / "unzipped"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(where)
    return archive, out, where / publish.BUNDLE_FOLDER


def test_the_bundle_unzips_to_one_folder_with_a_page_per_document(bundle) -> None:
    archive, out, site = bundle
    with zipfile.ZipFile(out) as zf:
        assert {n.split("/", 1)[0] for n in zf.namelist()} == {publish.BUNDLE_FOLDER}
    assert (site / "index.html").is_file()
    for doc in archive.documents:
        assert (site / doc.href(directory_urls=False)).is_file()  # van-ban/<id>.html, not a folder


def test_every_link_in_the_bundle_opens_a_file_from_file_urls(bundle) -> None:
    """From file:// a link to a folder ("van-ban/x/") shows a directory listing: none may remain."""
    _, _, site = bundle
    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in page_links(page).hrefs:
            found = resolve(site, page, href)
            if found is None:
                continue
            if href.split("#")[0].endswith("/") or not found[0].is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


def test_the_bundle_search_data_links_file_urls(bundle) -> None:
    archive, _, site = bundle
    data = (site / "data" / "tim-kiem" / "chi-muc.js").read_text(encoding="utf-8")
    for doc in archive.documents:
        assert f'"van-ban/{doc.id}.html"' in data
        assert f'"van-ban/{doc.id}/"' not in data


def test_nothing_in_the_bundle_asks_for_a_file_outside_it(bundle) -> None:
    """No page (a 404 page least of all: it would ask for /assets/... from the disk's root) reaches outside."""
    _, _, site = bundle
    assert not (site / "404.html").exists()  # a 404 page is for a web server; from disk it has no use
    outside = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href)=["']([^"'#]+)""", html):
            if re.match(r"[a-z]+:", url) and not url.startswith("file:"):
                continue  # another host: the test below
            inside = not url.startswith(("/", "file:")) and resolve(site, page, url)[0].is_relative_to(site.resolve())
            if not inside:
                outside.append(f"{page.relative_to(site)} -> {url}")
    assert outside == []


def test_no_page_of_the_bundle_loads_anything_from_another_host(bundle) -> None:
    _, _, site = bundle
    outside = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|audio|video)\b[^>]*>", html):
            if re.search(r"\b(?:src|href)=\"(?:https?:)?//", tag) and 'rel="canonical"' not in tag \
                    and 'rel="alternate"' not in tag:
                outside.add(tag)
    for css in site.rglob("*.css"):
        outside.update(re.findall(r"url\(['\"]?(?:https?:)?//[^)]*\)", css.read_text(encoding="utf-8")))
    assert outside == set()


def test_two_bundles_of_the_same_sources_are_identical(bundle, tmp_path: Path) -> None:
    _, out, _ = bundle
    again = tmp_path / "again.zip"
    site_bundle.bundle(SOURCES, again)
    assert again.read_bytes() == out.read_bytes()


# --- GitHub Pages ---------------------------------------------------------------------------------


def git(*args: str, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def working_copy(tmp_path: Path) -> Path:
    """A git working copy to deploy from, as a clone of the project would be."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    git("config", "user.name", "Test", cwd=repo)
    git("config", "user.email", "test@example.org", cwd=repo)
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    git("add", "README.md", cwd=repo)
    git("commit", "-q", "-m", "start", cwd=repo)
    return repo


def test_deploy_pushes_the_site_to_the_gh_pages_branch(working_copy: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare))
    monkeypatch.setenv("SITE_URL", "https://example.github.io/luu-tru/")
    archive = deploy.deploy(SOURCES, remote=str(bare), repo=working_copy)
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).split())
    assert {".nojekyll", "index.html", "404.html", "sitemap.xml", "data/documents.json", "data/tasks.csv",
            "data/feed.xml", "data/thoi-han.ics"} <= files
    for doc in archive.documents:
        assert f"{doc.url}index.html" in files
        assert f"van-ban/{doc.id}.txt" in files
    sitemap = git("show", "gh-pages:sitemap.xml", cwd=bare)
    assert "<loc>https://example.github.io/luu-tru/van-ban/" in sitemap  # the address Pages serves it at
    # the 404 page is served at any depth, so its links start from the sub-path Pages serves the site under
    assert 'href="/luu-tru/assets/' in git("show", "gh-pages:404.html", cwd=bare)
    assert git("branch", "--list", "main", cwd=bare) == ""  # only gh-pages is pushed
    # the offline bundle is published beside the site, where the footer's download points
    assert "luu-tru-ket-luan-offline.zip" in files
    assert 'href="https://example.github.io/luu-tru/luu-tru-ket-luan-offline.zip"' in git(
        "show", "gh-pages:index.html", cwd=bare)

    deploy.deploy(SOURCES, remote=str(bare), repo=working_copy)  # a second deploy adds to the history
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "2"


def test_deploy_to_a_place_that_is_not_a_repository_says_so(working_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(publish.DeployError, match="could not push"):
        publish.deploy(paths.CONFIG, site, repo=working_copy, remote=str(tmp_path / "no-such-remote"))


def test_a_failed_deploy_leaves_no_commit_on_the_local_gh_pages(working_copy: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://example.github.io/luu-tru/")
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(bare))
    deploy.deploy(SOURCES, remote=str(bare), repo=working_copy)
    published = git("rev-parse", "gh-pages", cwd=working_copy)
    assert published == git("rev-parse", "gh-pages", cwd=bare)
    missing = str(tmp_path / "no-such-remote")
    with pytest.raises(publish.DeployError):
        deploy.deploy(SOURCES, remote=missing, repo=working_copy)
    assert git("rev-parse", "gh-pages", cwd=working_copy) == published  # the commit not pushed is gone
    fresh = tmp_path / "fresh"
    git("clone", "-q", str(working_copy), str(fresh))
    with pytest.raises(publish.DeployError):
        deploy.deploy(SOURCES, remote=missing, repo=fresh)
    assert git("branch", "--list", "gh-pages", cwd=fresh) == ""  # none before, none after


@pytest.mark.parametrize(("remote", "url"), [
    ("git@github.com:tinh-uy/luu-tru.git", "https://tinh-uy.github.io/luu-tru/"),
    ("https://github.com/Tinh-Uy/luu-tru", "https://tinh-uy.github.io/luu-tru/"),
    ("https://github.com/tinh-uy/tinh-uy.github.io.git", "https://tinh-uy.github.io/"),
    ("https://gitlab.com/tinh-uy/luu-tru.git", None),
])
def test_the_pages_address_comes_from_the_github_remote(working_copy: Path, remote: str, url: str | None) -> None:
    git("remote", "add", "origin", remote, cwd=working_copy)
    assert publish.pages_url("origin", working_copy) == url


def validate_workflow(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against GitHub's workflow schema (a copy ships with it: no network)."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def test_the_workflow_is_valid_and_tests_builds_and_deploys() -> None:
    run = validate_workflow(WORKFLOW)
    assert run.returncode == 0, run.stdout + run.stderr
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key "on" as True
    steps = [s.get("run", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any(re.search(r"^make test$", s, re.M) for s in steps)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")  # the same command as CI
    # the site is published as a Pages artifact: the folder `make pages` writes is the one uploaded, and a job
    # after that one deploys it
    jobs = flow["jobs"]
    built = next(name for name, job in jobs.items() if any("make pages" in s.get("run", "") for s in job["steps"]))
    folder = re.search(r"PAGES_DIR=(\S+)", " ".join(s.get("run", "") for s in jobs[built]["steps"])).group(1)
    uploads = [s for s in jobs[built]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in uploads] == [folder]
    deploys = [name for name, job in jobs.items()
               if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])]
    assert len(deploys) == 1 and jobs[deploys[0]]["needs"] == built


def test_the_workflow_gives_write_access_and_uploads_only_outside_pull_requests() -> None:
    """A pull request, perhaps from a fork, runs read-only; its bundle is built but not uploaded."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow["permissions"] == {"contents": "read"}
    assert pull_request_on(flow)
    for name, job in flow["jobs"].items():
        uses = [s.get("uses", "") for s in job["steps"]]
        runs = " ".join(s.get("run", "") for s in job["steps"])
        writes = {what for what, access in job.get("permissions", {}).items() if access == "write"}
        deploys = any(u.startswith("actions/deploy-pages@") for u in uses)
        assert writes == ({"pages", "id-token"} if deploys else set()), name  # only the deploy, only to Pages
        if deploys or "make pages" in runs or any(u.startswith("actions/upload-pages-artifact@") for u in uses):
            assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/upload-artifact"):
                assert step["if"] == "github.event_name != 'pull_request'"
    builds = [job for job in flow["jobs"].values() if any("make offline" in s.get("run", "") for s in job["steps"])]
    assert builds and "if" not in builds[0]  # the bundle is still built for a pull request


def pull_request_on(flow: dict) -> bool:
    return "pull_request" in flow[True]  # YAML 1.1 reads the key "on" as True


def test_the_workflow_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8")
    assert validate_workflow(broken).returncode != 0


# --- open data and feeds --------------------------------------------------------------------------


def dated(archive: pipeline_archive.Archive) -> list:
    return sorted((d for d in archive.documents if feeds.document_date(d)),
                  key=lambda d: (feeds.document_date(d), d.id), reverse=True)


def test_the_atom_feed_lists_the_newest_documents_with_their_pages(built_site) -> None:
    archive, site = built_site
    feed = feedparser.parse((site / "data" / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    base = feed.feed.link
    expected = dated(archive)
    assert [e.link for e in feed.entries] == [base + d.url for d in expected]
    assert [e.title for e in feed.entries] == [d.facts.title for d in expected]
    first = feed.entries[0]
    assert first.updated.startswith(feeds.document_date(expected[0]).isoformat())
    assert "nhiệm vụ" in first.summary


def test_the_calendar_has_one_event_per_deadline_to_follow_linking_to_it(built_site) -> None:
    archive, site = built_site
    cal = icalendar.Calendar.from_ical((site / "data" / "thoi-han.ics").read_bytes())
    events = cal.walk("VEVENT")
    since = feeds.follow_since(archive.documents)
    tasks = {t.id: (d, t) for d in archive.documents for t in d.facts.tasks if feeds.to_follow(t, since)}
    assert len(tasks) >= 2  # the seeds give two deadlines still to follow: a year and a month
    assert sorted(str(e["uid"]).split("@")[0] for e in events) == sorted(tasks)
    for event in events:
        doc, task = tasks[str(event["uid"]).split("@")[0]]
        day = event.decoded("dtstart")
        assert isinstance(day, date)
        assert day.isoformat().startswith(task.deadline)  # "2023-11" -> a day of November 2023
        assert str(event["url"]).endswith(f"{doc.url}#{task.anchor}")
        page = site / doc.url / "index.html"
        assert task.anchor in page_links(page).ids
        assert task.text.split()[0] in str(event["summary"])


def test_the_archive_calendar_and_each_body_s_hold_the_deadlines_still_to_follow() -> None:
    """An old deadline and one reported done leave the archive's calendar and their bodies' alike (one rule): a
    calendar is for subscribing to what is still to follow; a body's whole history is on its page and in the
    tracker. The first day kept is the archive's, not the body's newest document's."""
    docs = [seed_document(p.name[:3]) for p in SEEDS]
    newest = feeds.newest_date(docs)
    links = link.link(docs)
    assigned = {a.task.id for b in links.bodies.values() for a in b.assignments}
    old, done, due, late = [t for d in docs for t in d.facts.tasks if t.id in assigned][:4]  # each in a body's
    old.deadline = f"{newest.year - 2}-12"  # before 1 January of the year before the newest document
    done.deadline = due.deadline = newest.isoformat()
    late.deadline = f"{newest.year - 1}-01-01"  # the first day the calendars keep
    done.status = TaskStatus(StatusEntry("đã hoàn thành", newest.isoformat()))
    due.status = TaskStatus(StatusEntry("đang thực hiện", newest.isoformat()))
    args = ("https://example.org/", "Lưu trữ")

    def uids(ics: bytes) -> set[str]:
        return {str(e["uid"]).split("@")[0] for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}

    archive = uids(feeds.deadlines_calendar(docs, *args))
    assert {due.id, late.id} <= archive and not {old.id, done.id} & archive
    for body in (b for b in links.bodies.values() if feeds.has_deadlines(b)):
        tasks = {a.task.id for a in body.assignments}
        assert uids(feeds.body_calendar(body, *args, newest)) == archive & tasks, body.id
    assert {due.id, late.id} <= set().union(*(uids(feeds.body_calendar(b, *args, newest))
                                              for b in links.bodies.values() if feeds.has_deadlines(b)))


def test_a_body_s_calendar_leaves_its_old_task_reported_done_and_keeps_its_open_one() -> None:
    """A body given an old task, reported done, and one due this year, open: its calendar holds the open one."""
    docs = [seed_document(p.name[:3]) for p in SEEDS]
    newest = feeds.newest_date(docs)
    body = max((b for b in link.link(docs).bodies.values() if feeds.has_deadlines(b)),
               key=lambda b: len({a.task.id for a in b.assignments}))
    old, due = list({a.task.id: a.task for a in body.assignments}.values())[:2]
    old.deadline, old.status = f"{newest.year - 3}-06-30", TaskStatus(StatusEntry("đã hoàn thành",
                                                                                   f"{newest.year - 3}-06-20"))
    due.deadline, due.status = f"{newest.year}-12", None
    for a in body.assignments:
        if a.task not in (old, due):
            a.task.deadline = None
    data = feeds.body_calendar(body, "https://example.org/", "Lưu trữ", newest)
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{due.id}@luu-tru-ket-luan"]
    assert events[0].decoded("dtstart") == date(newest.year, 12, 31)
    assert "Tình trạng: chưa có báo cáo" in str(events[0]["description"])
    # the old one reported done too: the calendar stays, valid and empty, at the address subscribers know
    due.status = TaskStatus(StatusEntry("đã hoàn thành", newest.isoformat()))
    assert feeds.has_deadlines(body)
    empty = icalendar.Calendar.from_ical(feeds.body_calendar(body, "https://example.org/", "Lưu trữ", newest))
    assert not empty.walk("VEVENT") and body.name in str(empty["x-wr-calname"])
    assert [str(z["tzid"]) for z in empty.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]  # RFC 5545: 1 component


def test_each_body_with_a_deadline_has_its_own_calendar_linked_from_its_page(built_site) -> None:
    """Its events are the archive calendar's, byte for byte, for the tasks it is given; a body whose deadlines
    are all past or done keeps its (empty) calendar and the link to it."""
    archive, site = built_site
    bodies = link.link(archive.documents).bodies.values()
    dated = [b for b in bodies if any(a.task.deadline for a in b.assignments)]
    assert dated and len(dated) < len(bodies)
    whole = (site / "data" / "thoi-han.ics").read_bytes()
    since = feeds.follow_since(archive.documents)
    for body in bodies:
        path = site / "data" / "co-quan" / f"{body.id}.ics"
        page = site / body.url / "index.html"
        hrefs = [h for h in page_links(page).hrefs if h.endswith(".ics")]
        if body not in dated:
            assert not path.exists() and not hrefs
            continue
        data = path.read_bytes()
        cal = icalendar.Calendar.from_ical(data)
        uids = sorted(str(e["uid"]).split("@")[0] for e in cal.walk("VEVENT"))
        assert uids == sorted({a.task.id for a in body.assignments if feeds.to_follow(a.task, since)})
        for event in data.split(b"BEGIN:VEVENT")[1:]:
            assert b"BEGIN:VEVENT" + event.split(b"END:VEVENT")[0] in whole
        assert body.name in str(cal["x-wr-calname"])
        assert [resolve(site, page, h)[0] for h in hrefs] == [path.resolve()]


def test_a_deadline_falls_on_the_last_day_it_allows() -> None:
    assert feeds.due_day("2023-11-30") == date(2023, 11, 30)
    assert feeds.due_day("2024-02") == date(2024, 2, 29)
    assert feeds.due_day("2024-03") == date(2024, 3, 31)
    assert feeds.due_day("2023") == date(2023, 12, 31)


def test_documents_json_is_the_one_published_copy_of_the_records(built_site) -> None:
    """No file per document repeats its record (17 kB a document); extract gives one document's record."""
    archive, site = built_site
    whole = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in whole["documents"]) == sorted(d.id for d in archive.documents)
    assert not (site / "data" / "van-ban").exists()
    assert not [p for p in (site / "data").rglob("*.json") if p.name != "documents.json"]
    seed = SEEDS[0]
    result = subprocess.run([sys.executable, "-m", "build_scripts", "extract", str(seed)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    [one] = json.loads(result.stdout)
    assert one == next(r for r in whole["documents"] if r["source"] == seed.name)


def test_tasks_csv_keeps_its_diacritics_for_spreadsheets(built_site) -> None:
    archive, site = built_site
    raw = (site / "data" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    leads = {r["lead"] for r in rows}
    expected = {"; ".join(a.name for a in t.assignees if a.role == "chủ trì")
                for d in archive.documents for t in d.facts.tasks}
    assert leads == expected
    assert any("ủ" in lead or "ư" in lead for lead in leads)  # Vietnamese letters, not mojibake


def test_the_sitemap_lists_every_document_at_the_public_address(built_site) -> None:
    archive, site = built_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base = publish.site_url(publish.load(paths.CONFIG))
    for doc in archive.documents:
        assert f"<loc>{base}{doc.url}</loc>" in sitemap
    newest = max(feeds.document_date(d) for d in archive.documents if feeds.document_date(d))
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {newest.isoformat()}  # not the build's day


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_each_page_offers_its_source_byte_for_byte_with_its_hash(built_site, seed: Path) -> None:
    archive, site = built_site
    doc = next(d for d in archive.documents if d.source.name == seed.name)
    page = site / doc.url / "index.html"
    html = page.read_text(encoding="utf-8")
    link = re.search(r'<a download="([^"]*)" href="([^"]+)"', html)
    assert link and link.group(1) == seed.name
    copy, _ = resolve(site, page, link.group(2))
    assert copy.read_bytes() == seed.read_bytes()
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    shown = f'<code class="vb-sha">{digest}</code>'
    assert shown in html and "Mã kiểm tra SHA-256" in html
    # lower down, beside the download, not under the metadata where it means nothing to a reader
    assert html.index('id="toan-van"') < html.index(shown) and html.index(link.group(0)) < html.index(shown)
    assert read_file(seed).sha256 == digest


def test_feeds_are_identical_whatever_the_day_and_order(built_site) -> None:
    """The feeds built on two days years apart, from the documents in two orders, are the same bytes."""
    archive, _ = built_site
    docs = list(archive.documents)
    args = ("https://example.org/a/", "Lưu trữ")
    bodies = [b for b in link.link(docs).bodies.values() if feeds.has_deadlines(b)]
    assert bodies

    def feeds_on(day: datetime, order: list) -> list[bytes]:
        with time_machine.travel(day, tick=False):
            assert date.today() == day.date()  # the clock did move
            return [feeds.atom_feed(order, *args, "data/feed.xml"), feeds.deadlines_calendar(order, *args),
                    *(feeds.body_calendar(b, *args, feeds.newest_date(order)) for b in bodies)]

    assert feeds_on(datetime(2024, 3, 5, 9, 30, tzinfo=UTC), docs) == \
        feeds_on(datetime(2031, 11, 20, 17, 5, tzinfo=UTC), docs[::-1])


def test_write_data_writes_each_file_it_names(built_site, tmp_path: Path) -> None:
    """And the files it names beforehand (``data_paths``: the render lists them while they are written), a body's
    calendar among them: every file there is, no other."""
    archive, _ = built_site
    written = records.write_data(archive.documents, tmp_path, "https://example.org/", "Lưu trữ")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        ["data/documents.json", "data/tasks.csv", "data/tinh-trang-mau.csv", "data/feed.xml", "data/thoi-han.ics"])
    assert written == records.data_paths(tmp_path)
    links = link.link(archive.documents)
    written = records.write_data(archive.documents, tmp_path / "linked", "https://example.org/", "Lưu trữ", links)
    assert written == records.data_paths(tmp_path / "linked", links)
    assert any(p.parent.name == "co-quan" for p in written)
    assert sorted(written) == sorted(p for p in (tmp_path / "linked").rglob("*") if p.is_file())


def test_a_cached_document_publishes_its_source_from_where_it_is_now(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The same text built from another folder (the first one gone) reuses its cached conversion."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    seed = SEEDS[0]
    (first / seed.name).write_bytes(seed.read_bytes())
    build.build(first, tmp_path / "site-a")
    first.rename(second)
    archive = build.build(second, tmp_path / "site-b")
    assert archive.errors == [] and archive.documents[0].source.path == second / seed.name
    assert (tmp_path / "site-b" / "van-ban" / f"{archive.documents[0].id}.txt").read_bytes() == seed.read_bytes()


def test_the_configuration_is_loaded_again_when_its_file_or_a_variable_it_reads_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build asks for mkdocs.yml's settings several times and gets the one loading; another file's bytes, or
    another value of a variable its ``!ENV`` tags read, is loaded again."""
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(paths.CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "overrides").symlink_to(paths.OVERRIDES)
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("SITE_URL", "https://a.example/")
    first = publish.load(config_file)
    assert publish.load(config_file) is first and first.site_url == "https://a.example/"
    assert publish.load(config_file, offline=True) is not first
    assert publish.load(config_file, offline=True).use_directory_urls is False
    monkeypatch.setenv("SITE_URL", "https://b.example/")
    assert publish.load(config_file).site_url == "https://b.example/"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("site_name:", "site_name: Khác #"),
                           encoding="utf-8")
    assert publish.load(config_file).site_name == "Khác"

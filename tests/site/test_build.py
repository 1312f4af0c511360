"""End to end: sources -> site, data files, fidelity and determinism."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.pipeline import loader
from build_scripts.pipeline.read import read_file
from build_scripts.site import build, mkdocs_shards, paths
from build_scripts.writers import records

from ..conftest import ROOT, SEEDS, visible_text, word_counts

DOC_KEYS = {"id", "source", "sha256", "url", "title", "type", "number", "issuer", "locality", "province",
            "meeting_date", "issued_date", "period", "signer", "recipients", "references", "tasks", "warnings"}


def test_one_page_per_source(built_site) -> None:
    archive, site = built_site
    assert len(archive.documents) == len(SEEDS) == 3
    for doc in archive.documents:
        assert (site / doc.url / "index.html").is_file()
    assert doc.url.isascii()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_fidelity_every_word_reaches_the_page(built_site, seed: Path) -> None:
    archive, site = built_site
    doc = next(d for d in archive.documents if d.source.name == seed.name)
    page = visible_text((site / doc.url / "index.html").read_text(encoding="utf-8"))
    source_words = word_counts(read_file(seed).text)
    page_words = word_counts(page)
    short = {w: n - page_words[w] for w, n in source_words.items() if page_words[w] < n}
    assert short == {}, f"words of {seed.name} missing from its page: {short}"


def test_documents_json_follows_the_contract(built_site) -> None:
    _archive, site = built_site
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert data["schema"] == 1 and data["count"] == len(data["documents"]) == 3
    for d in data["documents"]:
        assert d.keys() >= DOC_KEYS
        assert d["sha256"] == hashlib.sha256((ROOT / "source_texts" / d["source"]).read_bytes()).hexdigest()
        assert (site / d["url"] / "index.html").is_file()
        assert "" not in [v for v in d.values() if not isinstance(v, list | dict)]  # null, never ""


def test_tasks_csv_has_a_bom_and_reads_back(built_site) -> None:
    _, site = built_site
    raw = (site / "data" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == records.TASK_COLUMNS


def test_each_task_row_carries_its_documents_number_date_locality_and_issuer(built_site) -> None:
    """A researcher needs no join with documents.json to know where a task comes from."""
    archive, site = built_site
    raw = (site / "data" / "tasks.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_id = {d.id: d for d in archive.documents}
    assert len(rows) == sum(len(d.facts.tasks) for d in archive.documents) > 0
    for row in rows:
        f = by_id[row["document_id"]].facts
        assert row["document_number"] == (f.number or "")
        assert row["document_date"] == (f.meeting_date or f.issued_date or "")
        assert row["locality"] == (f.locality or "") and row["issuer"] == (f.issuer or "")
    assert {r["locality"] for r in rows} >= {"Đà Lạt", "Tam Kỳ", "Đức Phổ"}


def test_home_lists_every_document_and_counts(built_site) -> None:
    archive, site = built_site
    home = (site / "index.html").read_text(encoding="utf-8")
    for doc in archive.documents:
        assert f'href="van-ban/{doc.id}/"' in home
    assert "<strong>3</strong> văn bản" in home


def test_site_is_vietnamese_and_requests_no_outside_host(built_site) -> None:
    _, site = built_site
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in page
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang" in not_found


def test_document_pages_stay_out_of_the_nav(built_site) -> None:
    _archive, site = built_site
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert "van-ban/" not in nav


def test_material_frame_carries_only_what_its_scripts_use_here(built_site) -> None:
    """Every page repeats Material's frame: its config keeps what the bundle reads on this site (the
    clipboard's words, not the search's Material would use: the archive has its own), and no script opens
    content tabs the site does not have."""
    archive, site = built_site
    for page in (site / archive.documents[0].url / "index.html", site / "index.html"):
        html = page.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html,
                                      re.S).group(1))
        assert config["base"] and "navigation.top" in config["features"]
        assert set(config["translations"]) == {"clipboard.copy", "clipboard.copied"} and "search" not in config
        assert "__tabbed_" not in html


def test_two_builds_give_identical_files(built_site, tmp_path: Path) -> None:
    _, first = built_site
    second = tmp_path / "site"
    build.build(paths.DEFAULT_SOURCE, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differ = [str(p) for p in files if (first / p).read_bytes() != (second / p).read_bytes()]
    assert differ == []


def test_generated_markdown_is_deterministic(tmp_path: Path) -> None:
    from build_scripts.pipeline.link import link
    from build_scripts.writers.pages import write_pages

    outputs = []
    for run in ("a", "b"):
        archive = loader.load_archive(loader.source_files(paths.DEFAULT_SOURCE))
        write_pages(archive.documents, link(archive.documents), tmp_path / run, "Giới thiệu")
        outputs.append({p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*.md")})
    assert outputs[0] == outputs[1]
    assert len([p for p in outputs[0] if p.parts[0] == "van-ban"]) == 3


def test_building_another_folder_leaves_docs_untouched(tmp_path: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in (ROOT / "docs").rglob("*") if p.is_file()}

    before = snapshot()
    source = tmp_path / "src"
    source.mkdir()
    (source / "Kết luận số 1.txt").write_text("KẾT LUẬN\nvề thử nghiệm\n\n1. Việc một.\n", encoding="utf-8")
    archive = build.build(source, tmp_path / "site")
    assert snapshot() == before
    assert [d.id for d in archive.documents] == ["ket-luan-so-1"]
    assert (tmp_path / "site" / "van-ban" / "ket-luan-so-1" / "index.html").is_file()


def test_an_unreadable_file_is_reported_and_the_rest_builds(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "tot.txt").write_text("KẾT LUẬN\n\nNội dung.\n", encoding="utf-8")
    (source / "hong.txt").write_bytes(b"ok\n\xc3\x28 broken \x81")
    archive = build.build(source, tmp_path / "site")
    assert [d.source.name for d in archive.documents] == ["tot.txt"]
    assert [e.source for e in archive.errors] == ["hong.txt"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_cli_extract_prints_the_records() -> None:
    result = run_cli("extract", *(str(p) for p in SEEDS))
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["source"] for d in docs] == [p.name for p in SEEDS]
    assert all(d.keys() >= DOC_KEYS for d in docs)


def test_cli_help_names_the_verbs() -> None:
    """Each verb the README gives has its line in the help, with what it does ("build_scripts" in the usage
    line does not count)."""
    result = run_cli("--help")
    assert result.returncode == 0
    described = set(re.findall(r"^ {4}([a-z]+) {2,}\S", result.stdout, re.MULTILINE))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    verbs = set(re.findall(r"python -m build_scripts ([a-z]+)\b", readme))
    assert {"build", "check", "extract"} <= verbs <= described


def test_no_markdown_shows_through_as_text(built_site) -> None:
    """Markdown we generate is rendered, never shown: no "[name](../x.md)" or "\\[" in what a reader sees."""
    _, site = built_site
    leaks = {}
    for page in sorted(site.rglob("*.html")):
        text = visible_text(page.read_text(encoding="utf-8"))
        found = re.findall(r"\]\([^)\s]*\.md[)#]|\\[\[\]*_`]", text)
        if found:
            leaks[str(page.relative_to(site))] = found[:3]
    assert leaks == {}


def test_the_task_table_links_each_lead_to_its_body_page(built_site) -> None:
    archive, site = built_site
    doc = next(d for d in archive.documents if any(a.role == "chủ trì" for t in d.facts.tasks for a in t.assignees))
    html = (site / doc.url / "index.html").read_text(encoding="utf-8")
    table = html[html.index('vb-tasks-mark'):]
    table = table[:table.index("</table>")]
    lead = r'<td>(?: |&#32;)<a href="\.\./\.\./co-quan/[\w-]+/"(?: title="[^"]+")?>[^<]+</a>'
    assert re.search(lead, table)


def test_the_site_carries_no_search_of_materials_own(built_site) -> None:
    """The archive's search is tim-kiem/: Material's search worker and lunr's languages (its plugin is off) are
    not published, and nothing of the site names them; the theme's own script and styles are."""
    _, site = built_site
    names = [str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()]
    assert not [n for n in names if n.startswith(mkdocs_shards.THEME_SEARCH)]
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", n) for n in names)
    assert any(re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", n) for n in names)
    naming = [n for n in names if n.endswith((".html", ".js", ".css"))
              and re.search(r"javascripts/(lunr|workers)/", (site / n).read_text(encoding="utf-8"))]
    assert naming == []


@pytest.mark.parametrize("base", ["https://example.org/", "https://example.org/luu-tru", "http://127.0.0.1:8000/",
                                  "https://example.org/a/./b/", "https://example.org/a/../b/",
                                  "https://example.org/p/?q=1", "/luu-tru/", "", None])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_page_outside_the_navigation_has_the_address_mkdocs_gives_it(base, directory_urls) -> None:
    """The render makes every page of the site at every build (the sitemap lists them): its address is joined as text
    where MkDocs' ``urljoin`` would only append it, and is MkDocs' own for any page and base."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    for src in ["index.md", "van-ban/tb-00001.md", "van-ban/index.md", "a.b/c.md", ".an/x.md", "x/.y.md",
                "tìm kiếm/x.md", "a b/c d.md", "x?y.md", "x#y.md", "404.md"]:
        config = {"site_url": base}
        ours = mkdocs_shards._Page(None, File(src, "/docs", "/site", directory_urls), config)
        theirs = Page(None, File(src, "/docs", "/site", directory_urls), config)
        assert (ours.url, ours.canonical_url, ours.abs_url) == (theirs.url, theirs.canonical_url, theirs.abs_url)


def test_the_pages_outside_the_navigation_are_made_by_the_render_and_the_navigation_keeps_its_titles(
        tmp_path: Path) -> None:
    """MkDocs' navigation would make every page it does not name with its own Page (whose address ``_Page`` makes
    faster); the render makes those first, and leaves the pages the navigation names, with their titles, to it."""
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    (docs / "van-ban").mkdir(parents=True)
    for name in ["index.md", "gioi-thieu.md", "van-ban/a.md", "van-ban/b.md"]:
        (docs / name).write_text("# Trang\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(paths.CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "overrides").symlink_to(paths.OVERRIDES)
    config = mkdocs_shards.configure(config_file, docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    config.nav = [{"Trang chủ": "index.md"}, {"Giới thiệu": "/gioi-thieu.md"}]
    site = mkdocs_shards.SiteModel(config)
    pages = {f.src_uri: f.page for f in site.doc_files}
    assert {uri for uri, page in pages.items() if isinstance(page, mkdocs_shards._Page)} == {"van-ban/a.md",
                                                                                             "van-ban/b.md"}
    assert type(pages["index.md"]) is Page and pages["index.md"].title == "Trang chủ"
    assert [p.file.src_uri for p in site.nav.pages] == ["index.md"]  # "/gioi-thieu.md" is a link, as MkDocs reads it

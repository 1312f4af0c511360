"""A built archive with the office's status file: the states in documents.json, tasks.csv, the ICS, the
template, the pages (status column, "Theo dõi thực hiện", body counts, dashboard), and the bad rows
reported by file and line while everything else is built."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from icalendar import Calendar

from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.site import build, check
from build_scripts.site import report as site_report
from build_scripts.writers.datascript import read_script

from ..conftest import FIXTURES, ROOT, html_tags, page_links, visible_text
from ..pipeline.test_status import FILES

STATUS = FIXTURES / "status" / "tinh-trang.csv"


def status_source(folder: Path) -> Path:
    """The three texts of test_status and the office's status file, in a source folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in [*FILES, STATUS]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def status_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline_archive.Archive, Path]:
    source = status_source(tmp_path_factory.mktemp("status-src") / "src")
    site = tmp_path_factory.mktemp("status-site")
    return build.build(source, site), site


def by_number(archive: pipeline_archive.Archive, number: str):
    return next(d for d in archive.documents if d.facts.number == number or d.id == number)


def test_bad_rows_fail_the_build_by_file_and_line_and_everything_else_is_built(status_site) -> None:
    archive, site = status_site
    said = {d.line: d.message for d in archive.errors}
    assert {d.source for d in archive.errors} == {"tinh-trang.csv"}
    assert sorted(said) == [8, 9, 10, 11, 12]
    assert "unknown task '3' of 241-KL/ThU" in said[8]
    assert "unknown state 'quá hạn'" in said[9]
    assert "unreadable date '31/02/2024'" in said[10]
    assert "already has a report dated 05/02/2024 (line 3)" in said[11]
    assert "scheme 'javascript:'" in said[12]
    assert archive.failed()
    assert len(archive.documents) == 3 and all((site / d.url / "index.html").is_file() for d in archive.documents)
    report = site_report.summary(archive)
    assert "tinh-trang.csv: 5 errors" in report and "line 8: unknown task" in report
    assert "not a source file" not in report  # the status file is no source, and no page
    assert not (site / "van-ban" / "tinh-trang").exists()


def test_documents_json_gives_each_task_its_status_and_history(status_site) -> None:
    _, site = status_site
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    tasks = {(d["number"], t["number"]): t for d in data["documents"] for t in d["tasks"]}
    done = tasks[("215-TB/ThU", "1.a")]["status"]
    assert {k: done[k] for k in ("state", "date", "history")} == {"state": "đã hoàn thành", "date": "2024-01-10",
                                                                   "history": []}
    assert done["evidence"].startswith("https://dalat.example.vn/") and "<script>" in done["note"]
    two = tasks[("215-TB/ThU", "2")]["status"]
    assert (two["state"], two["date"]) == ("đang thực hiện", "2024-03-15")
    assert [(h["state"], h["date"]) for h in two["history"]] == [("chưa thực hiện", "2023-12-10")]
    assert two["evidence_url"] == "van-ban/ket-luan-da-lat-2024/"
    assert tasks[("241-KL/ThU", "2")]["status"] is None  # its only row was left out
    assert set(done) >= {"state", "date", "evidence", "note", "history"}


def test_tasks_csv_and_the_calendar_carry_the_state(status_site) -> None:
    _, site = status_site
    raw = (site / "data" / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in rows if r["task_id"] == "official-header-party-nhiem-vu-2")
    assert (row["status"], row["status_date"]) == ("đang thực hiện", "2024-03-15")
    assert next(r for r in rows if r["task_id"] == "ket-luan-da-lat-2024-nhiem-vu-2")["status"] == ""
    descriptions = {}
    for path in [site / "data" / "thoi-han.ics", *(site / "data" / "co-quan").glob("*.ics")]:
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        descriptions[path.name] = {str(e["url"]).rsplit("#", 1)[-1] + "@" + str(e["uid"]).split("-nhiem-vu")[0]:
                                   str(e["description"]) for e in events}
    every = {k: v for events in descriptions.values() for k, v in events.items()}
    assert "Tình trạng: đang thực hiện (báo cáo ngày 15/03/2024)" in every["nhiem-vu-2@official-header-party"]
    assert "Tình trạng: chưa có báo cáo" in descriptions["thoi-han.ics"]["nhiem-vu-2@ket-luan-da-lat-2024"]
    # a task reported done is in no calendar, the archive's nor its bodies': nothing left to follow
    assert "nhiem-vu-1-a@official-header-party" not in every
    # a body whose one dated task is done keeps its calendar, empty and valid, and its page's link to it
    assert descriptions["cac-phong-ban-chuyen-mon--da-lat.ics"] == {}
    page = site / "co-quan" / "cac-phong-ban-chuyen-mon--da-lat" / "index.html"
    hrefs = [h for h in page_links(page).hrefs if h.endswith(".ics")]
    assert hrefs and all((page.parent / h).resolve() == (site / "data" / "co-quan" /
                                                        "cac-phong-ban-chuyen-mon--da-lat.ics").resolve()
                         for h in hrefs)


def test_the_template_lists_every_task_of_the_archive(status_site) -> None:
    archive, site = status_site
    raw = (site / "data" / "tinh-trang-mau.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == sum(len(d.facts.tasks) for d in archive.documents)
    assert {(r["van_ban"], r["nhiem_vu"]) for r in rows} >= {("215-TB/ThU", "1.a"), ("241-KL/ThU", "2")}
    assert all(r["tinh_trang"] == "" for r in rows)
    assert "tinh-trang-mau.csv" in (site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")


def test_the_task_table_shows_state_date_evidence_and_history_escaped(status_site) -> None:
    archive, site = status_site
    html = (site / by_number(archive, "215-TB/ThU").url / "index.html").read_text(encoding="utf-8")
    text = visible_text(html)
    assert "Tình trạng" in text and "Đã hoàn thành 10/01/2024" in text
    assert "Trước đó: chưa thực hiện (10/12/2023)" in text
    assert "<script>alert(1)</script>" in text  # the office's words, shown as text
    assert not any(tag == "script" and not (a.get("src") or "").endswith(".js") for tag, a in html_tags(html)
                   if tag == "script" and "alert" in str(a))
    assert "alert(1)</script>" not in html
    evidence = [a["href"] for tag, a in html_tags(html) if tag == "a" and "vb-evidence" in (a.get("class") or "")]
    assert evidence == ["https://dalat.example.vn/van-ban?so=12&loai=%22bc%22%7C2024"]
    assert not any("javascript:" in (a.get("href") or "") for _tag, a in html_tags(html))
    deadlines = [a for tag, a in html_tags(html) if tag == "span" and "vb-deadline" in (a.get("class") or "")]
    assert [("data-done" in a, a["data-iso"]) for a in deadlines] == [(True, "2024-01-15"), (False, "2024-03"),
                                                                       (False, "2024")]


def test_theo_doi_thuc_hien_links_the_earlier_document_and_the_later_one_both_ways(status_site) -> None:
    archive, site = status_site
    earlier, later = by_number(archive, "215-TB/ThU"), by_number(archive, "241-KL/ThU")
    page = site / earlier.url / "index.html"
    text = visible_text(page.read_text(encoding="utf-8"))
    box = text.split("Theo dõi thực hiện", 2)[-1].split("Văn bản được dẫn chiếu")[0]
    assert "15/03/2024" in box and "241-KL/ThU" in box and "nhiệm vụ 1" in box
    assert any(h.startswith(f"../{later.id}/") for h in page_links(page).hrefs)
    back = site / later.url / "index.html"
    text = visible_text(back.read_text(encoding="utf-8"))
    assert "Văn bản này theo dõi việc thực hiện" in text and "05/12/2023" in text
    assert any(h.startswith(f"../{earlier.id}/") for h in page_links(back).hrefs)
    seed = by_number(archive, "003-f63d29f789b56af6")  # cites none of them: no box
    assert "Theo dõi thực hiện" not in visible_text((site / seed.url / "index.html").read_text(encoding="utf-8"))


def test_a_body_page_counts_its_tasks_by_state(status_site) -> None:
    _, site = status_site
    page = site / "co-quan" / "ban-dan-van--da-lat" / "index.html"
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "Tình trạng (theo báo cáo của cơ quan theo dõi): 2 đang thực hiện" in " ".join(text.split())
    assert any("theo-doi/?co-quan=ban-dan-van--da-lat&tinh-trang=dang-thuc-hien" in h
               for h in page_links(page).hrefs)


def test_the_dashboard_page_its_data_and_the_charting_library_are_published(status_site) -> None:
    archive, site = status_site
    page = (site / "tinh-hinh" / "index.html").read_text(encoding="utf-8")
    assert "Tình hình thực hiện" in page and 'id="vb-tinh-hinh"' in page
    script = (site / "tinh-hinh" / "du-lieu.js").read_text(encoding="utf-8")
    name, data = read_script(script)
    assert name == "du-lieu"
    assert data["total"] == sum(len(d.facts.tasks) for d in archive.documents)
    localities = data["groups"]["dia-phuong"]
    per_locality = {label: sum(r[3] for r in localities["rows"] if r[0] == i) for i, label in
                    enumerate(localities["labels"])}
    assert per_locality == {"Đà Lạt": 5, "Đức Phổ": 18}
    done = [s for s, _ in data["states"]].index("da-hoan-thanh")
    assert sum(r[2] for r in data["deadlines"] if r[0] == done) == 2
    assert (site / "assets" / "vendor" / "chartjs" / "chart.umd.min.js").stat().st_size > 100_000
    assert "Chưa có báo cáo" in visible_text(page)  # the tables without JavaScript


def _tracker_filters() -> dict[str, set[str] | None]:
    """The tracker's filters as theo-doi.js reads them from its address: each name, and for the deadline
    filter its values."""
    js = (ROOT / "docs" / "assets" / "theo-doi.js").read_text(encoding="utf-8")
    names = re.findall(r'"([a-z-]+)"', re.search(r"var PARAMS = \[(.*?)\];", js).group(1))
    deadline = set(re.findall(r'\["([a-z-]+)", "', re.search(r"var STATES = \[(.*?)\];", js, re.S).group(1)))
    more = set(re.findall(r'\["([a-z-]+)", "', re.search(r"var MORE_STATUS = \[(.*?)\];", js, re.S).group(1)))
    return {**dict.fromkeys(names), "thoi-han": deadline, "tinh-trang": more}


def test_every_link_into_the_tracker_uses_the_trackers_own_filters(status_site) -> None:
    """The dashboard's data and drawing script, and the body pages, link to the tracker with the names (and
    values) that theo-doi.js reads."""
    _, site = status_site
    filters = _tracker_filters()
    core = _pushed(site / "theo-doi" / "chi-muc.js")[1]
    filters["tinh-trang"] |= {slug for slug, _ in core["states"]}
    _, data = _pushed(site / "tinh-hinh" / "du-lieu.js")
    queries = [q for g in data["groups"].values() for q in g["queries"] if q]
    drawing = (ROOT / "docs" / "assets" / "tinh-hinh.js").read_text(encoding="utf-8")
    queries += re.findall(r'"([a-z-]+=[a-z-]*)"', drawing)  # "thoi-han=qua-han", "tinh-trang=" + slug
    queries += [urlsplit(h).query for p in (site / "co-quan").glob("*/index.html")
                for h in page_links(p).hrefs if "theo-doi/" in h]
    assert len(queries) > 10
    for query in queries:
        for name, value in parse_qsl(query, keep_blank_values=True):
            assert name in filters, query
            if filters[name] is not None and value:
                assert value in filters[name], query
    kinds = {k for k, _name in core["kinds"]}
    assert {q.split("=", 1)[1] for q in queries if q.startswith("loai-co-quan=")} <= kinds


def _pushed(path: Path) -> list:
    """What a data script pushes, as the browser reads it (packed rows unpacked)."""
    return read_script(path.read_text(encoding="utf-8"))


def test_the_tracker_rows_carry_the_status_and_the_kinds_that_lead(status_site) -> None:
    archive, site = status_site
    core = _pushed(site / "theo-doi" / "chi-muc.js")[1]
    rows = {(c["d"][r[0]][0], r[1]): r for n in range(core["chunks"])
            for c in [_pushed(site / "theo-doi" / f"nhiem-vu-{n}.js")[2]] for r in c["t"]}
    earlier = by_number(archive, "215-TB/ThU")
    done = rows[(earlier.id, "1.a")][8]
    assert core["states"][done[0]][0] == "da-hoan-thanh" and done[1] == "2024-01-10"
    assert done[3].startswith("https://dalat.example.vn/")
    two = rows[(earlier.id, "2")][8]
    assert core["states"][two[0]][0] == "dang-thuc-hien" and two[3] == "van-ban/ket-luan-da-lat-2024/"
    assert rows[(by_number(archive, "241-KL/ThU").id, "2")][8] is None  # its only row was left out
    assert "status" not in core["empty"]
    lead = {core["kinds"][k][1] for k in rows[(earlier.id, "1.a")][9]}
    assert "Ủy ban nhân dân" in lead  # "Ủy ban nhân dân thành phố" leads 1.a
    summaries = _pushed(site / "theo-doi" / "tom-tat.js")[1]
    assert len(summaries) == core["chunks"]
    assert all(set(c["s"]) <= set(range(len(core["states"]))) for c in summaries)
    assert core["present"] == sorted({i for c in summaries for i in c["s"]})


@pytest.mark.parametrize("kind", ["link-outside", "hard-link", "pipe"])
def test_the_status_file_is_opened_as_a_source_is(tmp_path: Path, kind: str) -> None:
    """A status file that leads outside the source folder is refused, with an error naming it, and never read
    (a pipe would hang the build); the documents are built without status. A link to a file inside the folder
    is read, as a source's is."""
    source = status_source(tmp_path / "src")
    (source / STATUS.name).unlink()
    elsewhere = tmp_path / "home" / "bao-cao-mat.csv"
    elsewhere.parent.mkdir()
    shutil.copy(STATUS, elsewhere)
    if kind == "link-outside":
        (source / STATUS.name).symlink_to(elsewhere)
    elif kind == "hard-link":
        os.link(elsewhere, source / STATUS.name)
    else:
        os.mkfifo(source / STATUS.name)
    archive = check.check(source)
    said = [d for d in archive.errors if d.source == STATUS.name]
    assert len(said) == 1 and "refused, not read" in said[0].message
    assert not any(t.status for d in archive.documents for t in d.facts.tasks)
    assert len(archive.documents) == 3
    assert not any("not a source file" in d.message for d in archive.diagnostics)  # a control file, no stranger


def test_a_status_file_linked_from_inside_the_folder_is_read(tmp_path: Path) -> None:
    source = status_source(tmp_path / "src")
    (source / "bao-cao").mkdir()
    (source / STATUS.name).rename(source / "bao-cao" / "Tình trạng.csv")
    (source / "TINH_TRANG.CSV").symlink_to(source / "bao-cao" / "Tình trạng.csv")
    archive = check.check(source)
    assert any(t.status for d in archive.documents for t in d.facts.tasks)
    assert {d.source for d in archive.errors} == {"TINH_TRANG.CSV"}  # only its bad rows, by the name it has here

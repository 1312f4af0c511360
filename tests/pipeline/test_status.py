"""The office's status file (status.py): read liberally, bad rows named by file and line and left out."""

from __future__ import annotations

import csv
import io

import pytest

from build_scripts.model import Document
from build_scripts.pipeline import loader, status
from build_scripts.writers import records

from ..conftest import FIXTURES, SOURCES

NAME = "tinh-trang.csv"
FILES = [FIXTURES / "shapes" / "official_header_party.txt", FIXTURES / "crosslink" / "ket_luan_da_lat_2024.txt",
         SOURCES / "003_f63d29f789b56af6.txt"]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    archive = loader.load_archive(FILES)
    assert not archive.errors
    return archive.documents


def doc(docs: list[Document], number_or_id: str) -> Document:
    return next(d for d in docs if number_or_id in (d.facts.number, d.id))


def task(docs: list[Document], number_or_id: str, task_number: str):
    return next(t for t in doc(docs, number_or_id).facts.tasks if t.number == task_number)


def read(docs: list[Document], text: str, encoding: str = "utf-8") -> status.StatusFile:
    result = status.read_status(NAME, text.encode(encoding), docs)
    status.apply(docs, result)
    return result


def errors(result: status.StatusFile) -> dict[int, str]:
    return {d.line: str(d) for d in result.diagnostics if d.severity == "error"}


def test_a_comma_separated_file_with_a_bom_gives_each_task_its_state_date_and_evidence(docs) -> None:
    result = read(docs, "van_ban,nhiem_vu,tinh_trang,ngay,can_cu,ghi_chu\n"
                  "215-TB/ThU,1.a,Đã hoàn thành,10/01/2024,https://dalat.example.vn/bao-cao-12,Xong trước hạn\n"
                  "215-TB/ThU,2,đang thực hiện,2024-02-01,Báo cáo số 12-BC/BDV,\n", "utf-8-sig")
    assert result.diagnostics == [] and result.used == 2
    first = task(docs, "215-TB/ThU", "1.a").status
    assert (first.state, first.date) == ("đã hoàn thành", "2024-01-10")
    assert first.current.evidence_url == "https://dalat.example.vn/bao-cao-12"
    assert first.current.note == "Xong trước hạn"
    second = task(docs, "215-TB/ThU", "2").status
    assert (second.state, second.current.evidence, second.current.evidence_url) == \
        ("đang thực hiện", "Báo cáo số 12-BC/BDV", None)
    assert task(docs, "215-TB/ThU", "1.b").status is None  # the file says nothing of it


def test_semicolons_and_header_names_in_any_case_with_or_without_diacritics(docs) -> None:
    result = read(docs, "Văn bản;NHIEM-VU;Tình Trạng;ngày báo cáo;Căn cứ;GHI_CHU\n"
                  "215/TB-ThU;1.b;DANG THUC HIEN;5/2/2024;;Đã đối thoại ở 3 phường\n"
                  "ket-luan-da-lat-2024;1;chua thuc hien;01-03-2024;;\n")
    assert errors(result) == {} and result.used == 2
    assert task(docs, "215-TB/ThU", "1.b").status.state == "đang thực hiện"
    assert task(docs, "215-TB/ThU", "1.b").status.date == "2024-02-05"
    assert task(docs, "241-KL/ThU", "1").status.state == "chưa thực hiện"


def test_tabs_and_an_excel_separator_line(docs) -> None:
    result = read(docs, "van ban\tnhiem vu\ttinh trang\tngay\n241-KL/ThU\t2\tĐã hoàn thành\t30/06/2024\n")
    assert errors(result) == {} and task(docs, "241-KL/ThU", "2").status.state == "đã hoàn thành"
    result = read(docs, "sep=;\nvan_ban;nhiem_vu;tinh_trang;ngay\n241-KL/ThU;2;đang thực hiện;30/06/2024\n")
    assert errors(result) == {} and task(docs, "241-KL/ThU", "2").status.state == "đang thực hiện"


def test_documents_by_number_id_or_file_name_and_tasks_by_number_as_printed_or_id(docs) -> None:
    seed = doc(docs, "003-f63d29f789b56af6")
    result = read(docs, "van_ban,nhiem_vu,tinh_trang,ngay\n"
                  "003_f63d29f789b56af6.txt,III.2,đã hoàn thành,01/09/2023\n"
                  "003_f63d29f789b56af6,1.10,đang thực hiện,01/09/2023\n"
                  "003-F63D29F789B56AF6,1.1,chưa thực hiện,01/09/2023\n"
                  "Số 215-TB/THU,1a,chưa thực hiện,15/12/2023\n"
                  ",ket-luan-da-lat-2024-nhiem-vu-2,đã hoàn thành,20/06/2024\n")
    assert errors(result) == {}, result.diagnostics
    states = {t.number: t.status.state for t in seed.facts.tasks if t.status}
    assert states == {"III.2": "đã hoàn thành", "1.10": "đang thực hiện", "1.1": "chưa thực hiện"}
    assert task(docs, "215-TB/ThU", "1.a").status.state == "chưa thực hiện"
    assert task(docs, "241-KL/ThU", "2").status.state == "đã hoàn thành"


def test_several_rows_are_a_history_and_the_latest_date_is_the_state(docs) -> None:
    read(docs, "van_ban,nhiem_vu,tinh_trang,ngay,can_cu\n"
         "215-TB/ThU,2,đã hoàn thành,20/12/2024,Thông báo kết luận số 241-KL/ThU\n"
         "215-TB/ThU,2,chưa thực hiện,10/12/2023,\n"
         "215-TB/ThU,2,đang thực hiện,15/03/2024,241-KL/ThU\n")
    s = task(docs, "215-TB/ThU", "2").status
    assert (s.state, s.date) == ("đã hoàn thành", "2024-12-20")
    assert [(e.state, e.date) for e in s.history] == [("chưa thực hiện", "2023-12-10"),
                                                      ("đang thực hiện", "2024-03-15")]
    later = doc(docs, "241-KL/ThU")
    assert s.current.evidence_url == s.history[1].evidence_url == later.url  # an archived document links to it


BAD_ROWS = [
    ("216-TB/ThU,1.a,đã hoàn thành,10/01/2024", "unknown document '216-TB/ThU'"),
    ("215-TB/ThU,9.z,đã hoàn thành,10/01/2024", "unknown task '9.z' of 215-TB/ThU"),
    ("215-TB/ThU,1.a,tạm dừng,10/01/2024", "unknown state 'tạm dừng'"),
    ("215-TB/ThU,1.a,quá hạn,10/01/2024", "worked out from its deadline"),
    ("215-TB/ThU,1.a,,10/01/2024", "no state"),
    ("215-TB/ThU,1.a,đã hoàn thành,32/01/2024", "unreadable date '32/01/2024'"),
    ("215-TB/ThU,1.a,đã hoàn thành,tuần sau", "unreadable date 'tuần sau'"),
    ("215-TB/ThU,1.a,đã hoàn thành,", "no date"),
    ("215-TB/ThU,1.a,đã hoàn thành,11/01/2024,javascript:alert(1)", "scheme 'javascript:'"),
    ("215-TB/ThU,1.a,đã hoàn thành,12/01/2024,ftp://dalat.example.vn/bc.pdf", "scheme 'ftp:'"),
    ("215-TB/ThU,1.b,đã hoàn thành,10/01/2024", "already has a report dated 10/01/2024 (line 2)"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_file_and_line_and_left_out(docs, row: str, message: str) -> None:
    text = ("van_ban,nhiem_vu,tinh_trang,ngay,can_cu\n"
            "215-TB/ThU,1.b,đang thực hiện,10/01/2024,\n"
            f"{row}\n"
            "241-KL/ThU,1,đang thực hiện,01/04/2024,\n")
    result = read(docs, text)
    assert list(errors(result)) == [3]
    said = errors(result)[3]
    assert said.startswith(f"{NAME}:3: error: ") and message in said and "row left out" in said
    # the rows around it are used
    assert task(docs, "215-TB/ThU", "1.b").status.state == "đang thực hiện"
    assert task(docs, "241-KL/ThU", "1").status.state == "đang thực hiện"
    assert task(docs, "215-TB/ThU", "1.a").status is None
    assert (result.rows, result.left_out) == (3, 1)


def test_a_quoted_cell_over_two_lines_keeps_the_line_numbers_of_the_rows_after_it(docs) -> None:
    result = read(docs, 'van_ban,nhiem_vu,tinh_trang,ngay,ghi_chu\n'
                  '215-TB/ThU,1.a,đã hoàn thành,10/01/2024,"Dòng một\nDòng hai"\n'
                  '215-TB/ThU,1.b,xong rồi,10/01/2024,\n')
    assert list(errors(result)) == [4]
    assert task(docs, "215-TB/ThU", "1.a").status.current.note == "Dòng một\nDòng hai"


def test_a_missing_column_reads_no_row_and_says_which(docs) -> None:
    result = read(docs, "van_ban;nhiem_vu;trang_thai_cu;ngay\n215-TB/ThU;1.a;đã hoàn thành;10/01/2024\n")
    said = errors(result)[1]
    assert "no column tinh_trang" in said and "'trang_thai_cu'" in said
    assert result.used == 0 and task(docs, "215-TB/ThU", "1.a").status is None


def test_a_spreadsheet_that_turned_1_10_into_1_1_is_caught_by_the_task_id(docs) -> None:
    result = read(docs, "van_ban,nhiem_vu,tinh_trang,ngay,ma_nhiem_vu\n"
                  "003-f63d29f789b56af6,1.1,đã hoàn thành,01/09/2023,003-f63d29f789b56af6-nhiem-vu-1-10\n")
    assert "ma_nhiem_vu names 003-f63d29f789b56af6-nhiem-vu-1-10" in errors(result)[2]


def test_a_binary_or_empty_file_is_an_error_of_that_file(docs) -> None:
    for data in (b"", b"PK\x03\x04rest of an xlsx"):
        result = status.read_status(NAME, data, docs)
        assert [d.severity for d in result.diagnostics] == ["error"] and result.used == 0


def test_the_template_lists_every_task_and_reads_back_once_filled_in(docs) -> None:
    text = records.status_template(docs)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:2] == ["van_ban", "nhiem_vu"] and "tinh_trang" in rows[0] and "ngay" in rows[0]
    assert len(rows) - 1 == sum(len(d.facts.tasks) for d in docs)
    state, day = rows[0].index("tinh_trang"), rows[0].index("ngay")
    assert all(r[state] == "" and r[day] == "" for r in rows[1:])  # the status is the office's to write
    untouched = read(docs, text)
    assert untouched.diagnostics == [] and untouched.rows == 0
    for r in rows[1:]:
        r[state], r[day] = "Đang thực hiện", "02/01/2025"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    filled = read(docs, out.getvalue(), "utf-8-sig")
    assert filled.diagnostics == [] and filled.used == len(rows) - 1
    assert all(t.status and t.status.state == "đang thực hiện" for d in docs for t in d.facts.tasks)


def test_the_template_is_safe_in_a_spreadsheet() -> None:
    """The template is written as every CSV we publish (safe_text's one formula rule), with its semicolons."""
    text = records.csv_text(["van_ban", "noi_dung"], [["215-TB/ThU", '=HYPERLINK("http://x")'], ["1.a", "-1"]], ";")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1] == ["215-TB/ThU", "'=HYPERLINK(\"http://x\")"] and rows[2] == ["1.a", "'-1"]

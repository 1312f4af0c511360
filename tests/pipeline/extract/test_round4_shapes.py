"""Shapes the fourth round of independent texts (tests/fixtures/round4) found read wrongly, each as a small text
of its own: a Word table's row broken over lines, "1)" points under "2.", a class of bodies over points that each
name their own, page furniture left in a PDF's copy, lunar feasts other than Tết, decisions, a document implemented
in a report's first words, a subject's role in a later clause, a city written "TP."."""

from __future__ import annotations

from build_scripts.model import BlockKind
from build_scripts.pipeline import convert
from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.extract.metadata import citation_case
from build_scripts.pipeline.parse import parse_blocks
from build_scripts.pipeline.read import read_bytes

HEAD = """UBND HUYỆN THÁP MƯỜI
Số: 528/TB-UBND
Tháp Mười, ngày 08 tháng 11 năm 2024

THÔNG BÁO
Kết luận của Phó Chủ tịch UBND huyện

Ngày 05/11/2024, đồng chí Huỳnh Thanh Phong - Phó Chủ tịch UBND huyện chủ trì cuộc họp. Phó Chủ tịch UBND huyện \
kết luận như sau:

"""


def _doc(body: str, head: str = HEAD):
    text = head + body
    return convert.document_from_source(read_bytes("t.txt", text.encode("utf-8")), "t")


def _tasks(body: str, head: str = HEAD) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in _doc(body, head).facts.tasks]


def test_a_word_tables_row_broken_over_lines_is_one_row() -> None:
    """Word saves a cell with a line break in it as two lines: the row's number and first cells, then the rest of
    that cell and the row's other cells. Before, neither line had the header's cells and no row was read."""
    body = ("2. Giao nhiệm vụ cụ thể như sau:\n\n"
            "TT\tNội dung công việc\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành\n"
            "1\tRà soát vùng sản xuất; lập bản đồ vùng\n"
            "Ưu tiên các cánh đồng lớn\tPhòng Nông nghiệp\tUBND các xã, thị trấn\tTrước 30/11/2024\n"
            "2\tXây dựng lịch thời vụ\tTrạm Trồng trọt huyện\tPhòng Nông nghiệp;\n"
            "Trung tâm Văn hóa huyện\tTrước 15/11/2024\n"
            "3\tKiểm tra phân bón\tPhòng Kinh tế và Hạ tầng\tCông an huyện\tThường xuyên\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["2.1", "2.2", "2.3"]
    assert tasks[0] == ("2.1", [("Phòng Nông nghiệp", "chủ trì"), ("UBND các xã, thị trấn", "phối hợp")], "2024-11-30")
    assert ("Trung tâm Văn hóa huyện", "phối hợp") in tasks[1][1] and tasks[1][2] == "2024-11-15"
    table = next(b for b in parse_blocks(body) if b.kind == BlockKind.TABLE)
    assert table.rows[1][1] == "Rà soát vùng sản xuất; lập bản đồ vùng\nƯu tiên các cánh đồng lớn"
    assert len(table.rows) == 4 and all(len(r) == 5 for r in table.rows)


def test_lines_with_tabs_that_add_up_to_no_row_stay_text() -> None:
    body = "a\tb\tc\nlà một dòng\tcó tab\n\nđoạn văn sau.\n"
    assert not any(b.kind == BlockKind.TABLE for b in parse_blocks(body))


def test_points_numbered_1_under_an_item_numbered_2_join_it() -> None:
    body = ("1. Đánh giá chung\n\nCác cơ quan đạt nhiều kết quả.\n\n2. Nhiệm vụ thời gian tới\n\n"
            "Đề nghị Đảng ủy xã tập trung lãnh đạo, chỉ đạo:\n\n"
            "1) Hoàn thiện hồ sơ nông thôn mới trước ngày 30/11/2024;\n\n"
            "2) Lãnh đạo UBND xã chủ trì, phối hợp với Hội Nông dân xã phát triển sản phẩm OCOP;\n\n"
            "3. Giao Văn phòng Huyện ủy theo dõi, đôn đốc.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["2.1", "2.2", "3"]
    assert ("UBND xã", "chủ trì") in tasks[1][1] and ("Hội Nông dân xã", "phối hợp") in tasks[1][1]


def test_points_under_a_class_of_bodies_that_each_name_their_own_are_tasks_each() -> None:
    body = ("3. Đối với các cơ quan của huyện:\n\n"
            "- Giao UBND huyện chỉ đạo các phòng chuyên môn hướng dẫn xã hoàn thiện hồ sơ, hoàn thành trong "
            "tháng 9/2024.\n\n"
            "- Ban Tổ chức Huyện ủy hướng dẫn Đảng ủy xã kiện toàn chức danh, hoàn thành trước ngày 31/8/2024.\n\n"
            "- Ban Tuyên giáo Huyện ủy phối hợp với Trung tâm Truyền thông huyện tăng cường tuyên truyền.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["3", "3", "3"]
    assert tasks[0][1][0] == ("UBND huyện", "thực hiện") and tasks[0][2] == "2024-09"
    assert tasks[1][1][0] == ("Ban Tổ chức Huyện ủy", "thực hiện") and tasks[1][2] == "2024-08-31"
    assert tasks[2][1] == [("Ban Tuyên giáo Huyện ủy", "chủ trì"), ("Trung tâm Truyền thông huyện", "phối hợp")]


def test_points_under_one_body_stay_its_one_task() -> None:
    body = ("1. Phòng Giáo dục và Đào tạo:\n\n- Rà soát đội ngũ giáo viên.\n\n- Hoàn thành trước ngày 30/9/2024.\n\n"
            "- Báo cáo kết quả về UBND huyện.\n")
    assert [n for n, _, _ in _tasks(body)] == ["1"]


PDF_COPY = """UBND huyện Hà Quảng - Thông báo số 285/TB-UBND ngày 24/10/2024
ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 285/TB-UBND Hà Quảng, ngày 24 tháng 10 năm 2024
THÔNG BÁO
Kết luận của Phó Chủ tịch UBND huyện
Ngày 22/10/2024, đồng chí Đàm Văn Quyết - Phó Chủ tịch UBND huyện chủ trì cuộc họp đánh giá tiến độ thực hiện
Kế hoạch xóa nhà tạm, nhà dột nát trên địa bàn huyện năm 2024 - 2025. Tham dự cuộc họp có lãnh đạo Ủy ban
MTTQ Việt Nam huyện, Huyện đoàn, Hội Cựu chiến binh huyện, Ban Chỉ huy Quân sự huyện; lãnh đạo các phòng:
Lao động - Thương binh và Xã hội, Dân tộc, Kinh tế và Hạ tầng, Tài chính - Kế hoạch; Chủ tịch UBND các xã,
thị trấn. Sau khi nghe Phòng Lao động - Thương binh và Xã hội báo cáo, ý kiến của các đại biểu dự họp, Phó
Chủ tịch UBND huyện kết luận, chỉ đạo như sau:
Qua rà soát, toàn huyện có 1.186 hộ nghèo, hộ cận nghèo, hộ gia đình có hoàn cảnh khó khăn đang ở nhà tạm,
nhà dột nát cần hỗ trợ, tập trung nhiều ở các xã Lũng Nặm, Vân An, Cải Viên, Nội Thôn, Sỹ Hai. Đến nay mới
khởi công được 214 nhà, hoàn thành 87 nhà; nhiều hộ chưa có đất ở ổn định hoặc đang ở khu vực có nguy cơ
sạt lở; số liệu giữa các phòng chuyên môn và UBND các xã chưa thống nhất; việc huy động nguồn lực xã hội
hóa còn hạn chế; một số xã chưa thực sự vào cuộc quyết liệt.
1. Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Dân tộc tham mưu phân bổ kinh phí theo Quyết định
số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính
2
UBND huyện Hà Quảng - Thông báo số 285/TB-UBND ngày 24/10/2024
phủ; giải ngân 100% vốn trước ngày 31/12/2024.
2. Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc.
Nơi nhận:
- Như trên;
- Lưu: VT, LĐTBXH.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Lương Thị Hạnh
"""


def test_a_pdf_copys_page_number_and_running_header_are_shown_apart_and_not_read() -> None:
    doc = convert.document_from_source(read_bytes("p.txt", PDF_COPY.encode("utf-8")), "p")
    first = doc.facts.tasks[0]
    assert "Thủ tướng Chính\nphủ" in first.text or "Thủ tướng Chính phủ" in " ".join(first.text.split())
    assert first.references == ["1719/QĐ-TTg"]  # not the running header's own number
    assert first.deadline == "2024-12-31"
    assert [(a.name, a.role.value) for a in first.assignees] == [("Phòng Tài chính - Kế hoạch", "chủ trì"),
                                                                ("Phòng Dân tộc", "phối hợp")]
    pages = [b for b in doc.blocks if b.kind == BlockKind.PAGE]
    assert len(pages) == 1 and "".join(s.text for s in pages[0].spans).split("\n") == ["2", PDF_COPY.split("\n")[0]]
    assert doc.facts.signer is not None and doc.facts.signer.name == "Lương Thị Hạnh"
    assert doc.facts.recipients[-1] == "Lưu: VT, LĐTBXH"


def test_a_tables_rows_one_cell_a_line_are_no_pages() -> None:
    """A Word table saved one cell a line numbers its rows and may repeat a cell beside the numbers ("UBND các xã,
    thị trấn" last in each row): rows a few lines apart are not pages, and nothing of them is set apart."""
    rows = "".join(f"{n}\nNội dung công việc số {n} của các cơ quan\nPhòng Nông nghiệp\nUBND các xã, thị trấn\n"
                   for n in range(1, 6))
    text = "TT\nNội dung\nChủ trì\nPhối hợp\n" + rows + "Giao Văn phòng theo dõi.\n"
    assert not any(b.kind == BlockKind.PAGE for b in parse_blocks(text))


def test_a_lone_number_is_no_page_number_without_a_running_header() -> None:
    text = "Đoạn văn thứ nhất\n2\nđoạn văn tiếp theo.\n"
    assert not any(b.kind == BlockKind.PAGE for b in parse_blocks(text))
    assert any(b.kind == BlockKind.PAGE for b in parse_blocks("Đoạn văn thứ nhất\nTrang 2/3\nđoạn văn tiếp.\n"))


def test_mid_autumn_and_other_feasts_are_not_the_lunar_new_year() -> None:
    assert [d.iso for d in find_deadlines("hoàn thành trước Tết Trung thu năm 2025", "2025-08-08")] == ["2025-10-06"]
    assert [d.iso for d in find_deadlines("xong trước dịp Trung thu", "2025-08-08")] == ["2025-10-06"]
    assert find_deadlines("trao quà trước Tết Thiếu nhi", "2025-05-02") == []
    assert [d.iso for d in find_deadlines("xong trước dịp Tết Nguyên đán", "2025-08-08")] == ["2026-02-17"]


def test_a_decision_is_no_task_and_a_report_of_a_plan_implemented_neither() -> None:
    body = ("1. Thực hiện Kế hoạch số 386/KH-UBND ngày 12/9/2024 của UBND tỉnh, huyện được phân bổ 9.500 ha. "
            "Tuy nhiên, việc xác định vùng sản xuất còn chậm.\n\n"
            "2. Thống nhất điều chỉnh thời gian thực hiện Dự án Kè sông Cổ Chiên đến năm 2026.\n\n"
            "3. Thực hiện Kế hoạch số 12/KH-UBND, Phòng Nội vụ rà soát biên chế trước ngày 30/11/2024.\n")
    assert [n for n, _, _ in _tasks(body)] == ["3"]


def test_a_later_clauses_role_is_the_subjects_and_a_body_label_before_its_role() -> None:
    body = ("1. Chậm nhất trong quý I/2025, UBND thành phố Thanh Hóa, UBND huyện Đông Sơn phải hoàn thành giải "
            "phóng mặt bằng; chủ trì, phối hợp với Sở Tài nguyên và Môi trường xác định giá đất.\n\n"
            "2. Sở Khoa học và Công nghệ: Chủ trì, phối hợp với Sở Tài chính xây dựng phân hệ theo dõi.\n")
    tasks = _tasks(body)
    assert tasks[0] == ("1", [("UBND thành phố Thanh Hóa", "chủ trì"), ("UBND huyện Đông Sơn", "chủ trì"),
                              ("Sở Tài nguyên và Môi trường", "phối hợp")], "2025-03")
    assert tasks[1][1] == [("Sở Khoa học và Công nghệ", "chủ trì"), ("Sở Tài chính", "phối hợp")]


def test_party_organisations_within_a_party_committee_are_one_subject() -> None:
    body = ("III. NHIỆM VỤ VÀ GIẢI PHÁP\n\nBan Chấp hành Đảng bộ huyện yêu cầu:\n\n"
            "Các cấp ủy, tổ chức đảng trong Đảng bộ huyện khẩn trương quán triệt Kết luận này, hoàn thành trước "
            "ngày 30/6/2025.\n")
    assert _tasks(body)[0][1][0] == ("Các cấp ủy", "thực hiện") and _tasks(body)[0][2] == "2025-06-30"


def test_a_plenarys_issuer_is_its_executive_committee_without_the_term() -> None:
    head = ("HUYỆN ỦY NGHĨA HÀNH\nSố 418-KL/HU\n\nKẾT LUẬN\n"
            "HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN LẦN THỨ 19 (KHÓA XX)\n\n"
            "Ngày 18/12/2024, Ban Chấp hành Đảng bộ huyện khóa XX tổ chức Hội nghị lần thứ 19. Đồng chí Phạm Minh "
            "Trí - Bí thư Huyện ủy chủ trì Hội nghị.\n\n")
    doc = _doc("Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kết luận này.\n", head)
    assert doc.facts.issuer == "Ban Chấp hành Đảng bộ huyện"
    assert "(khóa XX)" in doc.facts.title


def test_roman_numerals_keep_their_capitals_in_a_title() -> None:
    assert citation_case("HỘI NGHỊ LẦN THỨ 19 (KHÓA XX)") == "Hội nghị lần thứ 19 (khóa XX)"
    assert citation_case("ĐẠI HỘI XIII CỦA ĐẢNG") == "đại hội XIII của Đảng"
    assert citation_case("XI MĂNG VÀ VI PHẠM") == "xi măng và vi phạm"


def test_a_report_names_its_city_as_TP_and_its_province_with_a_dash() -> None:
    head = ("Chủ tịch UBND TP. Vũng Tàu kiểm tra công tác chống ngập\n\n"
            "Sáng 22/5/2024, ông Nguyễn Trung Kiên, Chủ tịch UBND TP. Vũng Tàu dẫn đầu đoàn công tác kiểm tra. Theo "
            "Sở Du lịch tỉnh Bà Rịa - Vũng Tàu, dịp hè năm 2024 thành phố đón 3 triệu lượt khách.\n\n")
    doc = _doc("Chủ tịch UBND thành phố yêu cầu Phòng Quản lý đô thị nạo vét cống trước ngày 30/6/2024.\n", head)
    assert doc.facts.issuer == "UBND thành phố"
    assert doc.facts.province == "Bà Rịa - Vũng Tàu" and doc.facts.locality == "Vũng Tàu"

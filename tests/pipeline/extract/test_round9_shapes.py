"""Shapes the ninth round of independent texts (tests/fixtures/round9, holdout9) found read wrongly, each as a small
text of its own: an appendix of tasks after the signature, a weekly briefing's "- Phòng X: ..." lines under topic
titles, "chủ trì tham mưu ..., phối hợp chặt chẽ với", counted paragraphs with "(1) ...; (2) ..." inside, weekday
deadlines, a council's question session, a chat's "=> " points."""

from __future__ import annotations

from build_scripts.model import BlockKind
from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.link import link
from build_scripts.pipeline.parse import parse_blocks
from build_scripts.writers.pages import render_document
from build_scripts.writers.pages.markdown import escape

from . import test_round4_shapes as round4

HEAD = """UBND TỈNH NINH THUẬN
Số: 515/TB-UBND
Ninh Thuận, ngày 12 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại Hội nghị phòng, chống hạn hán

Ngày 07/11/2025, đồng chí Trần Quốc Nam - Chủ tịch UBND tỉnh chủ trì Hội nghị. Chủ tịch UBND tỉnh kết luận như sau:

"""

SIGNATURE = """
Nơi nhận:
- Các sở, ban, ngành tỉnh;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn Hải
"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_an_appendix_after_the_signature_numbers_its_rows_afresh() -> None:
    """Its rows are not parts of the text's last item ("2.5.1"), and the item that only points to them is no task;
    a table typed with tabs after the signature is no part of the signature's two columns."""
    body = ("1. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện Thông báo này.\n\n"
            "2. Các nhiệm vụ cụ thể giao các cơ quan, đơn vị tại Phụ lục kèm theo Thông báo này.\n" + SIGNATURE +
            "\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n\n"
            "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tRà soát số hộ thiếu nước sinh hoạt\tUBND các xã, phường\tTrung tâm Nước sạch\tTrước 30/11/2025\n"
            "2\tCải tạo vỉa hè các tuyến phố Lý Bôn, Hai Bà Trưng,\n"
            "Trần Thái Tông\tBan Quản lý dự án tỉnh\tSở Xây dựng\tQuý II/2026\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1", "1", "2"]  # the pointer (2.) is gone; the rows keep their numbers
    assert tasks[1] == ("1", [("UBND các xã, phường", "chủ trì"), ("Trung tâm Nước sạch", "phối hợp")], "2025-11-30")
    assert tasks[2][1][0] == ("Ban Quản lý dự án tỉnh", "chủ trì") and tasks[2][2] == "2026-06"
    row = next(t for t in round4._doc(body, HEAD).facts.tasks if t.number == "2")
    assert "Hai Bà Trưng, Trần Thái Tông" in row.text  # a phrase wrapped at the cell's edge reads as one


def test_a_briefings_topic_title_gives_each_line_under_it_its_body() -> None:
    body = ("1. Công tác phòng, chống dịch bệnh\n"
            "- Phòng Nghiệp vụ Y: Chủ trì, phối hợp với Trung tâm Kiểm soát bệnh tật tỉnh tham mưu văn bản chỉ đạo.\n"
            "- Trung tâm Kiểm soát bệnh tật tỉnh: Tổ chức phun hóa chất diệt muỗi; hoàn thành trong tuần.\n\n"
            "2. Công tác thanh tra, kiểm tra\n"
            "- Thanh tra Sở: Chủ trì, phối hợp với Phòng Nghiệp vụ Y kiểm tra 02 cơ sở hành nghề y tư nhân.\n")
    tasks = _tasks(body)
    assert [(n, names[0]) for n, names, _ in tasks] == [
        ("1", ("Phòng Nghiệp vụ Y", "chủ trì")), ("1", ("Trung tâm Kiểm soát bệnh tật tỉnh", "thực hiện")),
        ("2", ("Thanh tra Sở", "chủ trì"))]
    assert tasks[1][2] == "2025-11-16"  # "trong tuần": the Sunday of the notice's week


def test_a_lead_that_advises_and_partners_named_later_in_the_sentence() -> None:
    body = ("1. Sở Tài chính chủ trì tham mưu, phối hợp chặt chẽ với Sở Xây dựng rà soát cơ sở nhà, đất dôi dư.\n\n"
            "2. Sở Nông nghiệp và Môi trường chủ trì tham mưu phương án phòng cháy rừng, ban hành trong tháng "
            "11/2025; trong quá trình thực hiện phối hợp chặt chẽ với Bộ Chỉ huy Quân sự tỉnh.\n")
    tasks = _tasks(body)
    assert tasks[0][1] == [("Sở Tài chính", "chủ trì"), ("Sở Xây dựng", "phối hợp")]
    assert tasks[1][1] == [("Sở Nông nghiệp và Môi trường", "chủ trì"), ("Bộ Chỉ huy Quân sự tỉnh", "phối hợp")]
    body = ("1. Sở Tài chính chủ trì tham mưu, phối hợp chặt chẽ với Sở Xây dựng và UBND các xã, phường nơi có cơ sở "
            "nhà, đất; hoàn thành trước ngày 31/12/2025.\n\n"
            "2. Sở Khoa học và Công nghệ chủ trì tham mưu Đề án; phối hợp chặt chẽ với Công an tỉnh kết nối, làm sạch "
            "dữ liệu.\n")
    tasks = _tasks(body)
    assert ("UBND các xã, phường nơi có cơ sở nhà, đất", "phối hợp") in tasks[0][1]  # the qualifier is the name's
    assert ("Công an tỉnh", "phối hợp") in tasks[1][1]  # a verb no data file knows ends the name all the same


def test_counted_paragraphs_and_points_numbered_inside_one() -> None:
    """"Thứ tư, Sở Tài chính ...": the subject after the count, not the intro's addressees; "(1) Sở A ...; (2) Bộ
    Chỉ huy ..." inside a paragraph, each naming its body, is a task per point; points of one body named before
    them are its one task."""
    body = ("Trưởng Ban Chỉ đạo yêu cầu các thành viên Ban Chỉ đạo, các sở, ngành, địa phương thực hiện tốt các nội "
            "dung sau:\n\n"
            "Thứ nhất, UBND các xã ven biển chịu trách nhiệm: (1) rà soát danh sách tàu cá; (2) lập hồ sơ quản lý "
            "từng tàu.\n\n"
            "Thứ hai, về quản lý đội tàu cá: (1) Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Bộ Chỉ huy Bộ "
            "đội Biên phòng tỉnh rà soát tàu cá mất kết nối, hoàn thành trước ngày 31/10/2025; (2) Bộ Chỉ huy Bộ "
            "đội Biên phòng tỉnh kiểm soát chặt chẽ tàu cá xuất, nhập bến; (3) đề nghị Tòa án nhân dân tỉnh đẩy "
            "nhanh xét xử các vụ án.\n\n"
            "Thứ ba, Sở Tài chính tham mưu bố trí kinh phí trước ngày 15/10/2025.\n\n"
            "Thứ tư, Trưởng Ban Chỉ đạo thống nhất thành lập 03 Tổ công tác liên ngành.\n")
    tasks = _tasks(body)
    assert [(n, [a for a, _ in names]) for n, names, _ in tasks] == [
        ("", ["UBND các xã ven biển"]),
        ("1", ["Sở Nông nghiệp và Môi trường", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
        ("2", ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]), ("3", ["Tòa án nhân dân tỉnh"]), ("", ["Sở Tài chính"])]
    assert tasks[1][2] == "2025-10-31"


def test_a_weekday_is_that_day_of_the_notices_week() -> None:
    monday = "2024-10-21"

    def due(text: str) -> list[str]:
        return [d.iso for d in find_deadlines(text, monday, monday)]

    assert due("gửi UBND tỉnh trước 16h00 thứ Năm;") == ["2024-10-24"]
    assert due("xong chậm nhất thứ Sáu tuần sau.") == ["2024-11-01"]
    assert due("trình Ban Giám đốc Sở trong ngày.") == [monday]
    assert due("gửi báo cáo trước 16h00 thứ Sáu hằng tuần.") == []  # it recurs
    assert due("gửi Sở Nội vụ trước thứ Tư (23/10).") == ["2024-10-23"]  # the date in brackets decides


def test_a_councils_question_session() -> None:
    head = ("HỘI ĐỒNG NHÂN DÂN\nTỈNH BẾN TRE\nSố: 35/KL-HĐND\nBến Tre, ngày 19 tháng 7 năm 2024\n\nKẾT LUẬN\n"
            "của Chủ tọa kỳ họp tại phiên chất vấn và trả lời chất vấn\n\n"
            "Ngày 10/7/2024, Hội đồng nhân dân tỉnh tiến hành phiên chất vấn. Đồng chí Trương Thị Mỹ Dung - Chủ tịch "
            "HĐND tỉnh, Chủ tọa kỳ họp điều hành phiên chất vấn. Tham dự có đồng chí Huỳnh Quang Nghĩa - Phó Chủ tịch "
            "UBND tỉnh; các đồng chí trả lời chất vấn: Nguyễn Văn Lực - Giám đốc Sở Nông nghiệp, Đặng Thị Kim Thoa - "
            "Giám đốc Sở Y tế.\n\nChủ tọa kỳ họp kết luận như sau:\n\n")
    body = ("1. Giám đốc Sở Y tế kiểm tra bếp ăn tập thể, hoàn thành trước ngày khai giảng năm học 2024 - 2025 "
            "(05/9/2024).\n\n"
            "2. Thường trực HĐND tỉnh sẽ tiếp tục theo dõi; HĐND tỉnh sẽ giám sát tại kỳ họp giữa năm 2025.\n\n"
            "Đề nghị UBND tỉnh, các cơ quan, đơn vị liên quan nghiêm túc thực hiện./.\n")
    doc = round4._doc(body, head)
    assert (doc.facts.issuer, doc.facts.chair) == ("HĐND tỉnh", "Trương Thị Mỹ Dung")
    assert doc.facts.attendees == ["Huỳnh Quang Nghĩa", "Nguyễn Văn Lực", "Đặng Thị Kim Thoa"]
    assert [(t.number, t.deadline) for t in doc.facts.tasks] == [("1", "2024-09-05")]  # 2: the council's own plan


def test_a_chats_topics_over_arrow_points_list_tasks() -> None:
    head = ("THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND XÃ TẠI CUỘC HỌP GIAO BAN TUẦN\n\n"
            "Sáng 17/11/2025, đ/c Võ Minh Khang - Chủ tịch UBND xã chủ trì giao ban.\n\n")
    body = ("* Về đất đai:\n=> Phòng Kinh tế xử lý dứt điểm 03 trường hợp xây dựng trái phép trước ngày 30/11/2025.\n"
            "* Về quốc phòng - an ninh:\n=> Công an xã tăng cường tuần tra đêm các ấp giáp ranh.\n"
            "+ Công an xã chủ động nắm tình hình, không để hình thành điểm nóng.\n")
    blocks = parse_blocks(head + body)
    assert [b.marker for b in blocks if b.kind == BlockKind.BULLET] == ["*", "=>", "*", "=>", "+"]
    tasks = round4._doc(body, head).facts.tasks
    assert [[a.name for a in t.assignees] for t in tasks] == [["Phòng Kinh tế"], ["Công an xã"]]
    assert tasks[0].deadline == "2025-11-30" and len({t.id for t in tasks}) == 2
    assert "không để hình thành điểm nóng" in tasks[1].text  # a "+" part is its point's, no task of its own
    assert tasks[0].text.startswith("Phòng Kinh tế")  # the task's words, its mark not in it
    page = render_document(round4._doc(body, head), link([round4._doc(body, head)]))
    assert f"- {escape('=>')} Phòng Kinh tế" in page  # the page shows the arrow as it was typed

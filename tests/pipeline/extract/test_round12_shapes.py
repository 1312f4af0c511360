"""Shapes the twelfth round (tests/fixtures/round12, holdout12) found read wrongly, each as a small text of its own:
the minutes of a meeting, labelled lines worded otherwise, work given commune by commune, inline "(i) ...; (ii) ...",
a span in a time line."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import parse_deadline_cell

from . import test_round4_shapes as round4

HEAD = """UBND TỈNH THÁI NGUYÊN
Số: 515/TB-UBND
Thái Nguyên, ngày 12 tháng 10 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh về Đề án 06

Ngày 10/10/2025, đồng chí Trịnh Việt Hùng - Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_labelled_lines_worded_otherwise() -> None:
    """"- Đơn vị thực hiện: X" beside "- Đơn vị phối hợp: A; B; C" (or "- Phối hợp: ..."): X leads, every partner
    over the semicolons supports (before, the value stopped at the first ";"); a time line's words name no body."""
    body = ("1. Rà soát, làm sạch dữ liệu hộ tịch.\n"
            "- Đơn vị thực hiện: Sở Tư pháp.\n"
            "- Đơn vị phối hợp: Công an tỉnh; UBND các xã, phường.\n"
            "- Thời hạn: Trước ngày 31/10/2025.\n\n"
            "2. Bổ sung thiết bị cho Trung tâm Phục vụ hành chính công cấp xã.\n"
            "- Đơn vị thực hiện: Sở Khoa học và Công nghệ.\n"
            "- Phối hợp: Sở Tài chính; VNPT Thái Nguyên; Viettel Thái Nguyên.\n"
            "- Thời gian hoàn thành: Đợt cao điểm từ ngày 15/12/2025 đến ngày 15/01/2026.\n")
    assert _tasks(body) == [
        ("1", [("Sở Tư pháp", "chủ trì"), ("Công an tỉnh", "phối hợp"), ("UBND các xã, phường", "phối hợp")],
         "2025-10-31"),
        ("2", [("Sở Khoa học và Công nghệ", "chủ trì"), ("Sở Tài chính", "phối hợp"), ("VNPT Thái Nguyên", "phối hợp"),
               ("Viettel Thái Nguyên", "phối hợp")], "2026-01-15"),
    ]
    assert parse_deadline_cell("Từ ngày 15/12/2025 đến ngày 15/01/2026", "2025-12-01").iso == "2026-01-15"
    assert parse_deadline_cell("15/12/2025; 20/12/2025", "2025-12-01").iso == "2025-12-15"


def test_work_given_commune_by_commune() -> None:
    """"+ Xã Kim Hoa: ...", "- Phường 1, Phường 2: ...": each commune named by its unit and name is a task's body;
    "+ Xã Sơn Kim 1: phối hợp với Phòng ..." makes the commune lead; a line that only records ("đã được UBND tỉnh công
    nhận ...") is no task; a topic's own sentence before the lines ("4. Về cấp nước ...: Đề nghị Chi nhánh ...") is
    one."""
    body = ("3. Về xây dựng nông thôn mới:\n"
            "+ Xã Kim Hoa: xây dựng thêm 02 khu dân cư kiểu mẫu, hoàn thành trong tháng 12/2025.\n"
            "+ Xã Sơn Kim 1: phối hợp với Phòng Văn hóa - Xã hội rà soát hộ nghèo.\n"
            "+ Xã Sơn Trung: đã được UBND tỉnh công nhận đạt chuẩn nông thôn mới nâng cao.\n\n"
            "4. Về cấp nước sinh hoạt: Đề nghị Chi nhánh Cấp nước Vĩnh Châu tăng cường công suất các trạm cấp nước.\n"
            "- Phường 1, Phường 2: kiểm tra áp lực nước cuối tuyến, xong trước ngày 10/11/2025.\n")
    tasks = _tasks(body)
    assert tasks == [
        ("3", [("Xã Kim Hoa", "thực hiện")], "2025-12"),
        ("3", [("Xã Sơn Kim 1", "chủ trì"), ("Phòng Văn hóa - Xã hội", "phối hợp")], None),
        ("4", [("Chi nhánh Cấp nước Vĩnh Châu", "thực hiện")], None),
        ("4", [("Phường 1", "thực hiện"), ("Phường 2", "thực hiện")], "2025-11-10"),
    ]


def test_inline_roman_points_each_naming_its_body() -> None:
    """"4. Về công tác dân vận: (i) Ban Dân vận ...; (ii) Đoàn Khối ... chủ trì, phối hợp với ...; (iii) Công đoàn ...":
    a task per point, numbered under the item ("4.i"); points of one body named before them stay its one task."""
    body = ("4. Về công tác dân vận: (i) Ban Dân vận Đảng ủy Khối hướng dẫn sơ kết phong trào, hoàn thành trong quý "
            "IV/2025; (ii) Đoàn Khối chủ trì, phối hợp với Hội Cựu chiến binh Khối tổ chức ra quân; (iii) Công đoàn "
            "Viên chức tỉnh chăm lo Tết cho đoàn viên.\n\n"
            "5. Ban Tổ chức Đảng ủy Khối: (i) hướng dẫn đại hội chi bộ; (ii) thẩm định nhân sự.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["4.i", "4.ii", "4.iii", "5"]
    assert tasks[1][1] == [("Đoàn Khối", "chủ trì"), ("Hội Cựu chiến binh Khối", "phối hợp")]


MINUTES = """UBND HUYỆN YÊN THÀNH                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 47/BB-UBND                            Độc lập - Tự do - Hạnh phúc

BIÊN BẢN
Cuộc họp về tiến độ giải phóng mặt bằng

I. THÀNH PHẦN
- Thời gian: Bắt đầu lúc 14 giờ 00 phút, ngày 23 tháng 10 năm 2024.
- Chủ trì: Ông Phan Văn Quang - Phó Chủ tịch UBND huyện.
- Ông Trần Đình Lực - Trưởng phòng Tài nguyên và Môi trường.

II. NỘI DUNG
Đại diện Ban Quản lý dự án tỉnh đề nghị huyện bàn giao mặt bằng trước ngày 30/11/2024.

Ý kiến thảo luận:
- Ông Trần Đình Lực - Trưởng phòng Tài nguyên và Môi trường: đề nghị UBND huyện sớm phê duyệt giá đất.

III. KẾT LUẬN CỦA CHỦ TRÌ
1. Trung tâm Phát triển quỹ đất huyện hoàn thành chi trả bồi thường trước ngày 05/11/2024.
2. Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc việc thực hiện.
"""


def test_the_minutes_of_a_meeting() -> None:
    """Minutes ("BIÊN BẢN"): its type, its time line dates the meeting, its "Chủ trì:" line names the chair, and only
    the chair's conclusion gives tasks (the reports' and the discussion's proposals are the speakers')."""
    facts = round4._doc("", MINUTES).facts
    assert facts.type == "Biên bản" and facts.number == "47/BB-UBND"
    assert facts.meeting_date == "2024-10-23" and facts.chair == "Phan Văn Quang"
    assert [(t.number, t.deadline) for t in facts.tasks] == [("1", "2024-11-05"), ("2", None)]


def test_a_topic_then_who_is_asked_heads_the_points() -> None:
    """"2. Về nhiệm vụ thời gian tới, đề nghị UBND tỉnh Lào Cai tập trung chỉ đạo thực hiện:" over "a) ...": the body
    asked after the topic addresses each point (before, the points named nobody)."""
    body = ("2. Về nhiệm vụ thời gian tới, đề nghị UBND tỉnh Lào Cai tập trung chỉ đạo thực hiện:\n"
            "a) Khẩn trương hoàn thiện hồ sơ điều chỉnh Quy hoạch tỉnh, trình trong tháng 11/2025.\n"
            "b) Tập trung cao nhất cho công tác bồi thường, hỗ trợ, tái định cư.\n")
    assert _tasks(body) == [("2.a", [("UBND tỉnh Lào Cai", "thực hiện")], "2025-11"),
                            ("2.b", [("UBND tỉnh Lào Cai", "thực hiện")], None)]

"""Shapes the fourteenth round (tests/fixtures/round14, holdout14) found read wrongly, each as a small text of its own:
a Word table's merged cells, deep numbering down to "(1)", a council's session dated once, a weekly briefing's
relative deadlines."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines

from . import test_round4_shapes as round4
from .test_round13_shapes import HEAD, _tasks

T = "\t"


def test_a_word_tables_cell_merged_down_its_rows() -> None:
    """A lead cell merged over rows is saved in its first row only: a numbered row whose lead cell is empty has the
    lead above it (in its group); columns in another order and a "Ghi chú" column are read by their headers; a
    section of results ("I. TÌNH HÌNH, KẾT QUẢ") gives no task in a text without numbered items."""
    body = ("I. TÌNH HÌNH, KẾT QUẢ\n\nThực hiện Kế hoạch số 415/KH-UBND, đã có phương án xử lý 318 cơ sở (chuyển giao "
            "cho ngành giáo dục 198 cơ sở, giao cho địa phương quản lý 120 cơ sở).\n\n"
            "III. NHIỆM VỤ CỤ THỂ\n\n"
            + "\n".join(T.join(r) for r in [
                ["STT", "Cơ quan chủ trì", "Nội dung nhiệm vụ", "Cơ quan phối hợp", "Thời gian hoàn thành", "Ghi chú"],
                ["1", "Sở Tài chính", "Tổng hợp kết quả rà soát", "Sở Xây dựng", "Trước ngày 30/11/2025", ""],
                ["2", "", "Thẩm định phương án chuyển đổi công năng", "Sở Y tế", "Tháng 12/2025", "Báo cáo Sở"],
                ["3", "UBND các xã, phường", "Kiểm kê, lập hồ sơ quản lý", "", "Trước ngày 15/12/2025", ""],
                ["4", "", "Quản lý, bảo vệ các cơ sở chưa xử lý", "Công an tỉnh", "Thường xuyên", ""],
            ]) + "\n")
    assert _tasks(body) == [
        ("1", [("Sở Tài chính", "chủ trì"), ("Sở Xây dựng", "phối hợp")], "2025-11-30"),
        ("2", [("Sở Tài chính", "chủ trì"), ("Sở Y tế", "phối hợp")], "2025-12"),
        ("3", [("UBND các xã, phường", "chủ trì")], "2025-12-15"),
        ("4", [("UBND các xã, phường", "chủ trì"), ("Công an tỉnh", "phối hợp")], None),
    ]


def test_numbering_down_to_a_bracketed_number() -> None:
    """"(1)", "(2)" under "a)" under "1.1.1." are items "1.1.1.a.1", "1.1.1.a.2"; the letter that only names their
    topic ("a) Về quy hoạch:") is no task; "(2) Chỉ đạo Ban Quản lý ...:" over points names who does them."""
    body = ("1.1.1. Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:\n\na) Về quy hoạch:\n\n"
            "(1) Chỉ đạo Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát quy hoạch, hoàn thành trong quý "
            "I/2026.\n\n(2) Chỉ đạo Ban Quản lý Quần thể danh thắng Tràng An:\n- Ban hành quy chế phối hợp quản lý.\n"
            "- Kiểm tra, xử lý các công trình vi phạm.\n\nb) Chỉ đạo Sở Tài chính bố trí vốn cho các dự án.\n")
    tasks = _tasks(body)
    assert [t[0] for t in tasks] == ["1.1.1.a.1", "1.1.1.a.2", "1.1.1.b"]
    assert ("Sở Xây dựng", "chủ trì") in tasks[0][1] and tasks[0][2] == "2026-03"
    assert ("Ban Quản lý Quần thể danh thắng Tràng An", "thực hiện") in tasks[1][1]


COUNCIL = """HỘI ĐỒNG NHÂN DÂN
TỈNH QUẢNG BÌNH
THƯỜNG TRỰC

Số: 298/TB-HĐND
Quảng Bình, ngày 14 tháng 11 năm 2024

THÔNG BÁO
Kết luận phiên họp Thường trực HĐND tỉnh tháng 11 năm 2024

Ngày 12/11/2024, Thường trực HĐND tỉnh tổ chức phiên họp thường kỳ tháng 11 năm 2024. Đồng chí Đinh Xuân Lãm - \
Chủ tịch HĐND tỉnh chủ trì phiên họp. Thường trực HĐND tỉnh kết luận như sau:

1. Thường trực HĐND tỉnh thống nhất triệu tập Kỳ họp thứ 25, HĐND tỉnh khóa XVIII vào ngày 10/12/2024.
2. Giao các Ban HĐND tỉnh hoàn thành báo cáo thẩm tra trước kỳ họp thứ 25 HĐND tỉnh khóa XVIII.
3. Giao Ban Dân tộc HĐND tỉnh hoàn chỉnh dự thảo nghị quyết, trình HĐND tỉnh tại Kỳ họp thứ 25.
4. Giao Văn phòng Đoàn ĐBQH và HĐND tỉnh theo dõi, đôn đốc việc thực hiện Thông báo này.
"""


def test_a_councils_session_dated_once() -> None:
    """A session the notice convenes on a date ("triệu tập Kỳ họp thứ 25 ... vào ngày 10/12/2024") dates the work due
    before it or submitted at it; the council's office "Văn phòng Đoàn ĐBQH và HĐND tỉnh" is one body; the issuer of
    "Thường trực HĐND tỉnh tổ chức phiên họp" ends before "tổ chức"."""
    facts = round4._doc("", COUNCIL).facts
    assert [(t.number, [a.name for a in t.assignees], t.deadline) for t in facts.tasks] == [
        ("2", ["các Ban HĐND tỉnh"], "2024-12-10"), ("3", ["Ban Dân tộc HĐND tỉnh"], "2024-12-10"),
        ("4", ["Văn phòng Đoàn ĐBQH và HĐND tỉnh"], None)]
    assert facts.issuer == "Thường trực HĐND tỉnh"


def test_a_weekly_briefings_relative_deadlines() -> None:
    """"ngày mai" is the day after the meeting, "trong tháng này" its month; "tuần thứ 50 năm 2024" in a weekly
    briefing's title is no period reviewed; "mở chuyên mục", "mở đợt" end a body's name."""
    def due(text: str) -> list[str]:
        return [d.iso for d in find_deadlines(text, "2024-12-09", "2024-12-09")]

    assert due("Phòng Tài chính báo cáo Chủ tịch UBND huyện trong ngày mai.") == ["2024-12-10"]
    assert due("UBND các xã hoàn thành chi trả trong tháng này.") == ["2024-12"]
    assert due("Trường Mai Sơn tổ chức họp phụ huynh.") == []
    head = HEAD.replace("kiểm tra thực địa một số dự án", "cuộc họp giao ban lãnh đạo UBND huyện tuần thứ 50 năm 2024")
    doc = round4._doc("1. Công an huyện chủ trì, phối hợp với Ban Chỉ huy Quân sự huyện mở đợt cao điểm tấn công "
                      "tội phạm.\n", head)
    assert doc.facts.period is None
    assert [a.name for a in doc.facts.tasks[0].assignees] == ["Công an huyện", "Ban Chỉ huy Quân sự huyện"]


def test_holdout14s_readings() -> None:
    """A table's "Đơn vị thực hiện" beside "Đơn vị phối hợp" leads, a document its "Ghi chú" cites is the row's, and
    "Từ tháng 11/2025" is a start, no deadline; a heading that names several bodies over points that each open with
    one of them gives a task per point; "X trực tiếp chỉ đạo Y ..." directs Y as "X chỉ đạo Y" does."""
    from build_scripts.pipeline.extract.dates import parse_deadline_cell

    table = "\n".join(T.join(r) for r in [
        ["TT", "Đơn vị thực hiện", "Nhiệm vụ", "Đơn vị phối hợp", "Thời hạn", "Ghi chú"],
        ["1", "Sở Xây dựng", "Rà soát các điểm đấu nối trái phép", "Công an tỉnh", "Trước 30/11/2025",
         "Theo Thông báo số 318/TB-UBND"],
        ["2", "Báo và Phát thanh, Truyền hình Hưng Yên", "Mở chuyên mục an toàn giao thông", "Công an tỉnh",
         "Từ tháng 11/2025", ""],
    ])
    doc = round4._doc("II. NHIỆM VỤ CỤ THỂ\n\n" + table + "\n")
    rows = [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline, t.references)
            for t in doc.facts.tasks]
    assert rows == [("1", [("Sở Xây dựng", "chủ trì"), ("Công an tỉnh", "phối hợp")], "2025-11-30", ["318/TB-UBND"]),
                    ("2", [("Báo và Phát thanh, Truyền hình Hưng Yên", "chủ trì"), ("Công an tỉnh", "phối hợp")],
                     None, [])]
    assert parse_deadline_cell("Từ tháng 11/2025 đến tháng 12/2025") is not None
    body = ("3.2.3. Đối với Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh:\n\n"
            "- Ủy ban MTTQ Việt Nam tỉnh chủ trì tổ chức giám sát việc bảo vệ môi trường.\n"
            "- Hội Nông dân tỉnh phối hợp với Hội Nghề cá tỉnh hỗ trợ ngư dân thành lập tổ hợp tác.\n\n"
            "4. Giao đồng chí Đinh Công Tuấn - Phó Chủ tịch UBND huyện trực tiếp chỉ đạo UBND xã Mỹ Lung hoàn thành di "
            "dời 12 hộ dân.\n")
    tasks = _tasks(body)
    assert [(n, names[0][0]) for n, names, _ in tasks] == [
        ("3.2.3", "Ủy ban MTTQ Việt Nam tỉnh"), ("3.2.3", "Hội Nông dân tỉnh"),
        ("4", "đồng chí Đinh Công Tuấn - Phó Chủ tịch UBND huyện")]
    assert ("UBND xã Mỹ Lung", "thực hiện") in tasks[2][1]


def test_the_span_a_review_covers() -> None:
    """"báo cáo sơ kết 03 năm thực hiện Nghị quyết ... (giai đoạn 2021 - 2024)": the period reviewed, not the
    resolution's own span in the title."""
    head = HEAD.replace("kiểm tra thực địa một số dự án", "sơ kết Nghị quyết số 09-NQ/TU giai đoạn 2021 - 2025")
    head = head.replace("đã kiểm tra thực địa.",
                        "nghe báo cáo sơ kết 03 năm thực hiện Nghị quyết số 09-NQ/TU (giai đoạn 2021 - 2024).")
    assert round4._doc("1. Sở Tài chính tổng hợp.\n", head).facts.period == "giai đoạn 2021 - 2024"

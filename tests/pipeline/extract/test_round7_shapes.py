"""Shapes the seventh round of independent texts (tests/fixtures/round7) found read wrongly, each as a small text of
its own: a task's labelled lines ("- Cơ quan chủ trì: ..."), a table of requests and answers, deadline wordings, a
school year, a department named "Sở" in its title, roles over two sentences, the issuer's own promises."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.extract.metadata import citation_case

from . import test_round4_shapes as round4

HEAD = """UBND TỈNH LONG AN
Số: 312/TB-UBND
Long An, ngày 13 tháng 5 năm 2025

THÔNG BÁO
Ý kiến kết luận của Chủ tịch UBND tỉnh tại cuộc họp về các dự án giao thông

Ngày 08/5/2025, đồng chí Lê Minh Đạt - Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_a_tasks_labelled_lines_give_its_bodies_and_its_deadline() -> None:
    body = ("1. Hoàn thiện hồ sơ dự án Đường tỉnh 830E, trình HĐND tỉnh tại kỳ họp chuyên đề.\n"
            "- Cơ quan chủ trì: Sở Tài chính.\n- Cơ quan phối hợp: Sở Xây dựng, UBND huyện Bến Lức.\n"
            "- Thời gian hoàn thành: trước ngày 30/6/2025.\n\n"
            "2. Bàn giao mặt bằng, xong trước ngày 15/5/2025 theo kế hoạch cũ.\n- Đơn vị chủ trì: UBND huyện Đức Hòa.\n"
            "- Thời hạn: trong quý III/2025.\n\n"
            "3. Khảo sát giá cát san lấp (Đơn vị chủ trì: Sở Xây dựng; đơn vị phối hợp: Sở Tài chính; thời gian: "
            "tháng 7/2025).\n")
    tasks = _tasks(body)
    assert tasks[0] == ("1", [("Sở Tài chính", "chủ trì"), ("Sở Xây dựng", "phối hợp"),
                              ("UBND huyện Bến Lức", "phối hợp")], "2025-06-30")
    assert tasks[1] == ("2", [("UBND huyện Đức Hòa", "chủ trì")], "2025-09")  # the labelled deadline is the task's
    assert tasks[2] == ("3", [("Sở Xây dựng", "chủ trì"), ("Sở Tài chính", "phối hợp")], "2025-07")


def test_a_table_of_requests_and_answers() -> None:
    body = ("II. Ý KIẾN CHỈ ĐẠO\n\nChủ tịch UBND tỉnh trả lời các kiến nghị như sau:\n\n"
            "TT\tNội dung kiến nghị\tÝ kiến chỉ đạo\tCơ quan thực hiện\tThời hạn\n"
            "I\tLĩnh vực đất đai\t\t\t\n"
            "1\tCông ty A kiến nghị xác định giá đất.\tKhẩn trương xác định giá đất theo Nghị định số 71/2024/NĐ-CP."
            "\tSở Tài nguyên và Môi trường chủ trì, phối hợp UBND huyện Đức Hòa\tTrước 30/9/2024\n"
            "II\tLĩnh vực thuế\t\t\t\n"
            "2\tCông ty B kiến nghị gia hạn nộp thuế.\tĐã được giải quyết tại Công văn số 55/CT-TTHT.\t\t\n"
            "3\tCông ty C kiến nghị hoàn thuế.\tGiải quyết hồ sơ hoàn thuế đúng hạn.\tCục Thuế tỉnh"
            "\tTrước 15/10/2024\n")
    doc = round4._doc(body)
    tasks = doc.facts.tasks
    assert [(t.number, t.section) for t in tasks] == [("1", "I"), ("3", "II")]  # row 2 answers, names no body
    assert [(a.name, a.role.value) for a in tasks[0].assignees] == [
        ("Sở Tài nguyên và Môi trường", "chủ trì"), ("UBND huyện Đức Hòa", "phối hợp")]
    assert "Khẩn trương xác định giá đất" in tasks[0].text and tasks[0].references == ["71/2024/NĐ-CP"]


def test_deadline_wordings_of_part_of_a_period() -> None:
    today = "2025-01-17"
    for text, iso in [("trước ngày 15 tháng 5; kịp thời báo cáo", "2025-05-15"),
                      ("chậm nhất cuối tháng 6/2025.", "2025-06"),
                      ("trình phê duyệt vào giữa tháng 7/2025.", "2025-07"),
                      ("trình UBND huyện xong cuối tháng 9", "2025-09"), ("hoàn thành đầu tháng 10/2025", "2025-10"),
                      ("hoàn thành vào đầu quý III/2025", "2025-07"),
                      ("bảo đảm hết năm 2025 không còn hộ nghèo", "2025"),
                      ("bảo đảm an ninh từ nay đến cuối năm.", "2025"),
                      ("hoàn thành trong 6 tháng cuối năm 2025.", "2025-12"),
                      ("hoàn thành trong năm học 2024 - 2025 việc đánh giá", "2025"),
                      ("đủ giáo viên trước ngày khai giảng năm học mới (05/9/2025).", "2025-09-05")]:
        assert [d.iso for d in find_deadlines(text, today)] == [iso], text
    for text in ["cuối tháng 9/2025, toàn huyện có 12 xã đạt chuẩn", "báo cáo kết quả trong 6 tháng đầu năm 2025"]:
        assert find_deadlines(text, today) == [], text  # a fact, a half reviewed


SCHOOL = """UBND TỈNH BÌNH ĐỊNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1942/TB-SGDĐT
Bình Định, ngày 08 tháng 8 năm 2024

THÔNG BÁO
Kết luận của Giám đốc Sở tại Hội nghị tổng kết năm học 2023 - 2024, triển khai nhiệm vụ năm học 2024 - 2025

Ngày 02/8/2024, đồng chí Lương Văn Tùng - Giám đốc Sở chủ trì Hội nghị. Dự Hội nghị có đồng chí Lê Văn Khuê - Phó \
Chủ tịch UBND tỉnh; các đồng chí Phó Giám đốc Sở: Trần Thị Kim Oanh, Võ Ngọc Bảo; lãnh đạo các phòng. Giám đốc Sở \
kết luận như sau:

1. Phòng Tổ chức cán bộ bố trí đủ giáo viên trước ngày khai giảng năm học mới (05/9/2024).

2. Phòng Giáo dục và Đào tạo các huyện bố trí đủ phòng học, hoàn thành trước ngày khai giảng năm học mới.

3. Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên các huyện phối hợp với các trường THCS tư vấn phân luồng.

4. Về kiến nghị hỗ trợ kinh phí sửa chữa phòng học: Giám đốc Sở ghi nhận và sẽ báo cáo UBND tỉnh xem xét.
"""


def test_a_departments_conclusion_of_a_school_year() -> None:
    doc = round4._doc("", SCHOOL)
    meta = doc.facts
    assert meta.issuer == "Sở Giáo dục và Đào tạo"  # "của Giám đốc Sở": the department the header names
    assert meta.period == "năm học 2023 - 2024"  # reviewed; the next school year is planned
    assert sorted(meta.attendees) == sorted(["Lê Văn Khuê", "Trần Thị Kim Oanh", "Võ Ngọc Bảo"])
    tasks = [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in meta.tasks]
    assert [n for n, _, _ in tasks] == ["1", "2", "3"]  # 4: who concludes says what he will do: no task
    assert tasks[1][2] == "2024-09-05"  # the occasion the text dates in item 1
    assert tasks[2][1][0] == ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên các huyện", "chủ trì")


def test_roles_over_two_sentences_and_the_organ_of_a_tiers_committees() -> None:
    head = """BAN DÂN VẬN TỈNH ỦY LẠNG SƠN
Số 312-TB/BDVTU
Lạng Sơn, ngày 24 tháng 7 năm 2024

THÔNG BÁO KẾT LUẬN
hội nghị giao ban công tác dân vận

Ngày 19/7/2024, Ban Dân vận Tỉnh ủy tổ chức hội nghị. Dự hội nghị có các đồng chí: Nông Văn Thắng, Phó Trưởng Ban \
Dân vận Tỉnh ủy; Lương Thị Hiền, Phó Trưởng Ban Dân vận Tỉnh ủy. Ban Dân vận Tỉnh ủy kết luận như sau:

1. Ban Dân vận các huyện ủy, thành ủy tham mưu cấp ủy cùng cấp lãnh đạo công tác dân vận.

2. Giao Phòng Tổng hợp chủ trì tham mưu tổ chức lớp tập huấn, hoàn thành trước 30/9. Phòng Mặt trận - Đoàn thể \
phối hợp thực hiện.

Thường trực Ban Dân vận sẽ tổ chức kiểm tra việc thực hiện trong quý IV/2024.

T/M BAN DÂN VẬN
PHÓ TRƯỞNG BAN

Lương Thị Hiền
"""
    doc = round4._doc("", head)
    tasks = [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in doc.facts.tasks]
    assert tasks[0][1] == [("Ban Dân vận các huyện ủy, thành ủy", "thực hiện")]
    assert tasks[1] == ("2", [("Phòng Tổng hợp", "chủ trì"), ("Phòng Mặt trận - Đoàn thể", "phối hợp")],
                        "2024-09-30")  # the issuer's own plan after the last item is no part of it
    assert sorted(doc.facts.attendees) == ["Lương Thị Hiền", "Nông Văn Thắng"]  # "Nông" holds no "ông"
    assert doc.facts.signer is not None and doc.facts.signer.title == "Phó Trưởng ban"
    assert citation_case("TRƯỞNG BAN TỔ CHỨC TỈNH ỦY") == "trưởng Ban Tổ chức Tỉnh ủy"


def test_the_issuers_assessment_item_and_a_head_teacher_directed() -> None:
    body = ("1. Về tình hình 9 tháng đầu năm 2024\n\n"
            "1.1. Ban Thường vụ Huyện ủy đánh giá: 9 tháng đầu năm 2024, tình hình kinh tế - xã hội ổn định.\n\n"
            "1.2. Giao Phòng Giáo dục và Đào tạo chỉ đạo hiệu trưởng các trường học xây dựng kế hoạch phòng, chống "
            "bạo lực học đường.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1.2"]  # 1.1 assesses
    assert tasks[0][1] == [("Phòng Giáo dục và Đào tạo", "thực hiện"), ("hiệu trưởng các trường học", "thực hiện")]

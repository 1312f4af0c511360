"""Shapes the eleventh round (tests/fixtures/round11, holdout11) found read wrongly, each as a small text of its own:
a Word export's bold numbered headings, a provincial paper's report of a working session, a Ban Chỉ đạo's long name,
periods a text names but does not review, a council's supervision, event-tied deadlines."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines

from . import test_round4_shapes as round4

HEAD = """HUYỆN ỦY LỤC NGẠN
Số 215-KL/HU
Lục Ngạn, ngày 20 tháng 8 năm 2024

KẾT LUẬN
của Ban Thường vụ Huyện ủy

Ngày 15/8/2024, Ban Thường vụ Huyện ủy họp. Ban Thường vụ Huyện ủy kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_a_bold_numbered_heading_over_a_paragraph_and_partners_up_to_a_colon() -> None:
    """"**3. Đối với Ban Tuyên giáo Huyện ủy:**" over a plain paragraph is item 3 (before, the bold line was a heading
    without its number and the paragraph no task); the partners of "... phối hợp với A và UBND các xã, thị trấn:" over
    the points run to the colon; "b) Phối hợp với Y ..." under "2. Đối với Sở A:" makes A lead."""
    body = ("**1. Đối với UBND huyện:**\n\n"
            "1.1. Chỉ đạo Phòng Nông nghiệp chủ trì, phối hợp với Trung tâm Dịch vụ nông nghiệp huyện và UBND các xã, "
            "thị trấn:\n\n-   Rà soát toàn bộ mã số vùng trồng, hoàn thành trước ngày 31/12/2024.\n\n"
            "**2. Đối với Sở Tài nguyên và Môi trường:**\n\n"
            "a) Rà soát các mỏ đang hoạt động, xong trước 30/11/2024.\n\n"
            "b) Phối hợp với Cục Thuế tỉnh đôn đốc thu hồi số nợ tiền cấp quyền khai thác khoáng sản.\n\n"
            "**3. Đối với Ban Tuyên giáo Huyện ủy:**\n\n"
            "Chủ trì, phối hợp với Trung tâm Văn hóa huyện đẩy mạnh tuyên truyền, hoàn thành trong tháng 12/2024.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1.1", "2.a", "2.b", "3"]
    assert ("UBND các xã, thị trấn", "phối hợp") in tasks[0][1]
    assert tasks[2][1] == [("Sở Tài nguyên và Môi trường", "chủ trì"), ("Cục Thuế tỉnh", "phối hợp")]
    assert tasks[3] == ("3", [("Ban Tuyên giáo Huyện ủy", "chủ trì"), ("Trung tâm Văn hóa huyện", "phối hợp")],
                        "2024-12")


NEWS = """Báo Yên Bái điện tử
Trang chủ | Chính trị | Xây dựng Đảng

Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Văn Yên

Thứ Sáu, 11/10/2024 | 19:05 GMT+7

YBĐT - Chiều 11/10, đồng chí Phạm Quang Vinh - Bí thư Tỉnh ủy đã có buổi làm việc với Ban Thường vụ Huyện ủy Văn Yên.

Cùng dự có đồng chí Nguyễn Thế Phước - Phó Chủ tịch UBND tỉnh; lãnh đạo các sở.

Báo cáo tại buổi làm việc, đồng chí Hoàng Văn Nhân - Bí thư Huyện ủy Văn Yên cho biết: huyện bị thiệt hại nặng.

Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy đề nghị huyện tập trung di dời 186 hộ dân, hoàn thành trước ngày \
31/12/2024; yêu cầu các sở: Tài nguyên và Môi trường, Xây dựng phối hợp chặt chẽ với huyện khảo sát quỹ đất, \
hoàn thành trong tháng 11/2024.

Về khôi phục sản xuất, đồng chí yêu cầu huyện chỉ đạo UBND các xã thống kê thiệt hại, xong trước ngày 25/10.

Tin, ảnh: Thanh Chi
"""


def test_a_provincial_papers_report_of_a_working_session() -> None:
    """The lead's "YBĐT - Chiều 11/10" dates the session in the post's year; the masthead ("Báo Yên Bái điện tử") names
    the province whose leader visits; who attends includes the official who reports at the session; "đề nghị huyện
    ..." asks the one district the report names ("huyện Văn Yên"), and "phối hợp chặt chẽ với huyện" names it too."""
    facts = round4._doc("", NEWS).facts
    assert facts.meeting_date == "2024-10-11"
    assert (facts.locality, facts.province) == ("Yên Bái", "Yên Bái")
    assert sorted(facts.attendees) == ["Hoàng Văn Nhân", "Nguyễn Thế Phước"]
    tasks = [(t.deadline, [(a.name, a.role.value) for a in t.assignees]) for t in facts.tasks]
    assert tasks[0] == ("2024-12-31", [("huyện Văn Yên", "thực hiện")])
    assert ("huyện Văn Yên", "phối hợp") in tasks[1][1]
    assert tasks[2] == ("2024-10-25", [("huyện Văn Yên", "thực hiện"), ("UBND các xã", "thực hiện")])
    # a text that names two districts leaves "huyện" as written
    two = NEWS.replace("Bí thư Huyện ủy Văn Yên cho biết", "Bí thư Huyện ủy Lục Yên cho biết")
    assert round4._doc("", two).facts.tasks[0].assignees[0].name == "huyện"


def test_a_boards_long_name_and_the_office_it_signs_in() -> None:
    """"Kết luận của Trưởng Ban Chỉ đạo phát triển khoa học, công nghệ, ... tỉnh tại phiên họp ...": the board's name
    runs over its commas; "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN THƯỜNG TRỰC / GIÁM ĐỐC SỞ TÀI CHÍNH" signs as the deputy
    head, and a department keeps its capitals ("Giám đốc Sở Khoa học và Công nghệ")."""
    head = ("UBND TỈNH TÂY NINH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 2317/TB-SKHCN\n\n"
            "Tây Ninh, ngày 21 tháng 10 năm 2025\n\nTHÔNG BÁO\n"
            "Kết luận của Trưởng Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi "
            "số và Đề án 06 tỉnh tại phiên họp quý III năm 2025\n\nNgày 16/10/2025, Ban Chỉ đạo họp.\n\n")
    tail = ("1. Sở Khoa học và Công nghệ theo dõi, tổng hợp.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
            "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\nGIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ\n\nNguyễn Thị Bích Liên\n")
    facts = round4._doc(tail, head).facts
    assert facts.issuer == ("Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 "
                            "tỉnh")
    assert facts.signer is not None and facts.signer.title == "Phó Trưởng ban Thường trực"
    signed_for = tail.replace("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n", "TL. TRƯỞNG BAN\n")
    signer = round4._doc(signed_for, head).facts.signer
    assert signer is not None and signer.title == "Giám đốc Sở Khoa học và Công nghệ"
    bare = head.replace("Kết luận của Trưởng Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi "
                        "số và Đề án 06 tỉnh tại phiên họp quý III năm 2025",
                        "Kết luận của đồng chí Trưởng Ban Chỉ đạo tại cuộc họp Ban Chỉ đạo thực hiện xóa nhà tạm, nhà "
                        "dột nát trên địa bàn tỉnh")
    assert round4._doc(tail, bare).facts.issuer == "Ban Chỉ đạo thực hiện xóa nhà tạm, nhà dột nát trên địa bàn tỉnh"


def test_periods_named_but_not_reviewed_and_openings_that_name_one() -> None:
    """A budget's year ("giải ngân vốn đầu tư công năm 2025"), an assessment that opens with the year's plan ("Năm
    2025, tổng kế hoạch vốn ... là ..."), the year of an evaluation being prepared ("chuẩn bị kiểm điểm, đánh giá,
    xếp loại ... năm 2025") are no period reviewed; "Năm học 2023 - 2024, ..." and "Giai đoạn 2021 - 2023, ..."
    opening the assessment are."""
    def period(title: str, opening: str) -> str | None:
        head = (f"UBND TỈNH AN GIANG\nSố: 515/TB-UBND\nAn Giang, ngày 21 tháng 11 năm 2025\n\nTHÔNG BÁO\n{title}\n\n"
                "Ngày 17/11/2025, đồng chí Hồ Văn Thuận - Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết "
                "luận như sau:\n\nI. TÌNH HÌNH\n\n")
        return round4._doc(f"{opening}\n\nII. NHIỆM VỤ\n\n1. Sở Tài chính theo dõi.\n", head).facts.period

    assert period("Kết luận của Chủ tịch UBND tỉnh về tiến độ giải ngân vốn đầu tư công năm 2025",
                  "Năm 2025, tổng kế hoạch vốn đầu tư công của tỉnh là 16.842 tỷ đồng.") is None
    assert period("Kết luận của Chủ tịch UBND tỉnh về công tác chuẩn bị kiểm điểm, đánh giá, xếp loại chất lượng tổ "
                  "chức đảng, đảng viên năm 2025", "Các chi bộ đã chuẩn bị.") is None
    assert period("Kết luận của Chủ tịch UBND tỉnh về chính sách học sinh bán trú",
                  "Năm học 2023 - 2024, toàn tỉnh có 24 trường có học sinh bán trú.") == "năm học 2023 - 2024"
    assert period("Kết luận của Chủ tịch UBND tỉnh về quản lý khoáng sản",
                  "Giai đoạn 2021 - 2023, toàn tỉnh cấp 46 giấy phép.") == "giai đoạn 2021 - 2023"
    assert period("Kết luận của Chủ tịch UBND tỉnh về tổng kết công tác cải cách hành chính năm 2025",
                  "Các sở đã hoàn thành.") == "năm 2025"  # a year the title reviews is still one


def test_a_supervisions_session_is_its_meeting_and_deadlines_tied_to_events() -> None:
    """The supervision's field days ("từ ngày 01/10/2024 đến ngày 18/10/2024") come before the session that concludes
    ("Ngày 19/11/2024, Thường trực HĐND huyện tổ chức phiên họp ..."): that is the meeting; "trước kỳ sinh hoạt chi bộ
    tháng 01/2026" is due in January, "trong học kỳ II năm học 2024 - 2025" in 2025, "trước Ngày Nhà giáo Việt Nam
    20/11/2025" that day; "các dự án có khả năng hoàn thành trong năm 2025" names projects, no deadline."""
    head = ("HĐND HUYỆN ĐÀ BẮC\nTHƯỜNG TRỰC HĐND\nSố: 58/TB-TTHĐND\nĐà Bắc, ngày 25 tháng 11 năm 2024\n\nTHÔNG BÁO\n"
            "Kết luận của Thường trực HĐND huyện về kết quả giám sát chuyên đề\n\n"
            "Thực hiện Kế hoạch số 24/KH-TTHĐND ngày 10/9/2024 của Thường trực HĐND huyện, từ ngày 01/10/2024 đến ngày "
            "18/10/2024, Đoàn giám sát đã giám sát tại 12 trường.\n\n"
            "Ngày 19/11/2024, Thường trực HĐND huyện tổ chức phiên họp nghe Đoàn giám sát báo cáo kết quả.\n\n")
    facts = round4._doc("1. Đề nghị UBND huyện chỉ đạo rà soát kinh phí.\n", head).facts
    assert facts.meeting_date == "2024-11-19"
    today = "2025-12-05"
    assert [d.iso for d in find_deadlines("hoàn thành kiểm điểm trước kỳ sinh hoạt chi bộ tháng 01/2026.", today)] \
        == ["2026-01"]
    assert [d.iso for d in find_deadlines("hoàn thành trong học kỳ II năm học 2024 - 2025.", today)] == ["2025"]
    assert [d.iso for d in find_deadlines("kết nạp đảng viên trước Ngày Nhà giáo Việt Nam 20/11/2025.", today)] \
        == ["2025-11-20"]
    assert find_deadlines("ưu tiên các dự án có khả năng hoàn thành trong năm 2025; trình HĐND.", today) == []


def test_a_centrally_run_citys_committee_names_its_province() -> None:
    """"THÀNH ỦY CẦN THƠ" in the header: Cần Thơ is a city of a province's rank, locality and province both."""
    head = ("**THÀNH ỦY CẦN THƠ**\n\n\\*\n\nSố 436-KL/TU\n\n*Cần Thơ, ngày 12 tháng 11 năm 2024*\n\n**KẾT LUẬN**\n\n"
            "**của Ban Thường vụ Thành ủy**\n\nNgày 08/11/2024, Ban Thường vụ Thành ủy họp.\n\n")
    facts = round4._doc("1. Văn phòng Thành ủy theo dõi.\n", head).facts
    assert (facts.locality, facts.province) == ("Cần Thơ", "Cần Thơ")


def test_a_name_wrapped_in_a_text_cell_before_its_place() -> None:
    """A Word table saved as text broke a cell's name before its place ("Công ty Cổ phần Môi trường và Dịch vụ đô
    thị" / "Thái Bình; UBND các phường, xã"): a province's or a town's name alone on the line ends the name above
    (holdout9/t1 read two bodies, one of them "Thái Bình"); a body's own line stays a body."""
    body = ("2. Giao nhiệm vụ cụ thể như sau:\n\n"
            "TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\n"
            "1\tThu gom rác thải\tPhòng Tài nguyên và Môi trường\tCông ty Cổ phần Môi trường và Dịch vụ đô thị\n"
            "Thái Bình; UBND các phường, xã\tThường xuyên\n"
            "2\tRà soát bến bãi\tPhòng Kinh tế\tCông an thành phố\n"
            "UBND các phường, xã\tQuý I/2025\n")
    tasks = [(t.number, [(a.name, a.role.value) for a in t.assignees]) for t in round4._doc(body, HEAD).facts.tasks]
    assert ("Công ty Cổ phần Môi trường và Dịch vụ đô thị Thái Bình", "phối hợp") in tasks[0][1]
    assert ("Thái Bình", "phối hợp") not in tasks[0][1]
    assert [n for n, _ in tasks[1][1]] == ["Phòng Kinh tế", "Công an thành phố", "UBND các phường, xã"]

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


CLOSING = "\nCuộc họp kết thúc lúc 16 giờ 45 phút cùng ngày. Biên bản được thông qua trước cuộc họp./.\n\n"


def test_the_minutes_two_signatures_side_by_side() -> None:
    """The minutes close with two signatures side by side and no "Nơi nhận": the secretary's on the left, the chair's
    on the right, apart by tabs or a run of spaces. The chair signs them (a "CHỦ TRÌ ..." line over an office is the
    capacity, alone the title); the secretary's lines are a signature too, no part of the last task."""
    for gap in ("\t", " " * 30):
        tail = (f"THƯ KÝ{gap}CHỦ TRÌ CUỘC HỌP\n{gap}PHÓ CHỦ TỊCH UBND HUYỆN\n\n(Đã ký){gap}(Đã ký)\n\n"
                f"Nguyễn Thị Hoa{gap}Phan Văn Quang\n")
        facts = round4._doc("", MINUTES + CLOSING + tail).facts
        assert (facts.signer.name, facts.signer.capacity) == ("Phan Văn Quang", "Chủ trì cuộc họp")
        assert facts.signer.title.startswith("Phó Chủ tịch")
        assert "THƯ KÝ" not in facts.tasks[-1].text and "Nguyễn Thị Hoa" not in facts.tasks[-1].text
    tail = "THƯ KÝ HỘI NGHỊ" + " " * 30 + "CHỦ TRÌ HỘI NGHỊ\n\nQuách Thị Hương" + " " * 30 + "Bùi Văn Thắng\n"
    signer = round4._doc("", MINUTES + CLOSING + tail).facts.signer
    assert (signer.name, signer.title, signer.capacity) == ("Bùi Văn Thắng", "Chủ trì hội nghị", None)


NOTICE_END = """1. Phòng Tài chính - Kế hoạch tổng hợp nhu cầu vốn, xong trước ngày 30/11/2024.

UBND huyện thông báo để các cơ quan, đơn vị biết, thực hiện./.

"""


def test_recipients_and_signature_run_into_one_line() -> None:
    """A copy that ran the "Nơi nhận" column and the signature's into one line, a single space apart ("Nơi nhận:
    TL. CHỦ TỊCH", "- ... (b/c); CHÁNH VĂN PHÒNG", "- ...; Phan Thị Thu Hiền"): the recipients without the signature's
    words, and the signer read from them. A list whose label line holds no signature is left as written."""
    tail = ("Nơi nhận: TL. CHỦ TỊCH\n- TT Huyện ủy, TT HĐND huyện (b/c); CHÁNH VĂN PHÒNG\n"
            "- Chủ tịch, các PCT UBND huyện;\n- UBND các xã, thị trấn; Phan Thị Thu Hiền\n- Lưu: VT.\n")
    facts = round4._doc(NOTICE_END + tail).facts
    assert facts.recipients == ["TT Huyện ủy, TT HĐND huyện (b/c)", "Chủ tịch, các PCT UBND huyện",
                                "UBND các xã, thị trấn", "Lưu: VT"]
    assert (facts.signer.name, facts.signer.title, facts.signer.capacity) == \
        ("Phan Thị Thu Hiền", "Chánh Văn phòng", "TL. Chủ tịch")
    plain = "Nơi nhận:\n- Như trên;\n- Sở Tài chính; Sở Xây dựng;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\n" \
            "Phan Thị Thu Hiền\n"
    facts = round4._doc(NOTICE_END + plain).facts
    assert facts.recipients == ["Như trên", "Sở Tài chính; Sở Xây dựng", "Lưu: VT"]
    assert facts.signer.name == "Phan Thị Thu Hiền"


def test_who_the_minutes_name_present() -> None:
    """The minutes' attendees: each person named on a line under "THÀNH PHẦN" (the secretary too), then those who
    report or speak before the conclusion; not the chair, not who is named absent, and rarer family names ("Đậu",
    "Bạch", "Xa") are names."""
    minutes = MINUTES.replace("- Ông Trần Đình Lực - Trưởng phòng Tài nguyên và Môi trường.\n",
                              "- Ông Trần Đình Lực - Trưởng phòng Tài nguyên và Môi trường.\n"
                              "- Ủy viên: có mặt 21/23 đồng chí; vắng 02 đồng chí: đồng chí Đinh Văn Khánh (đi học).\n"
                              "- Thư ký cuộc họp: Bà Nguyễn Thị Hoa - Chuyên viên Văn phòng.\n")
    minutes = minutes.replace("Ý kiến thảo luận:\n",
                              "Ông Đậu Văn Hải - Giám đốc Trung tâm Phát triển quỹ đất huyện báo cáo tiến độ.\n\n"
                              "Ý kiến thảo luận:\n- Đồng chí Xa Văn Lực - Chỉ huy trưởng: đề nghị bố trí kinh phí.\n")
    facts = round4._doc("", minutes).facts
    assert facts.chair == "Phan Văn Quang"
    assert facts.attendees == ["Trần Đình Lực", "Nguyễn Thị Hoa", "Đậu Văn Hải", "Xa Văn Lực"]


def test_the_month_reviewed_before_the_next_months_year() -> None:
    """"kết quả thực hiện nhiệm vụ tháng 11 và triển khai nhiệm vụ tháng 12 năm 2025": the month reviewed is November
    2025 (the year written once, after the next month); December's review before January's year is the year before;
    "9 tháng và ... 3 tháng cuối năm 2024" reviews the nine months of 2024."""
    for words, period in (("tháng 11 và triển khai nhiệm vụ tháng 12 năm 2025", "tháng 11/2025"),
                          ("tháng 12 và nhiệm vụ tháng 01 năm 2026", "tháng 12/2025"),
                          ("9 tháng và nhiệm vụ trọng tâm 3 tháng cuối năm 2024", "9 tháng năm 2024")):
        head = HEAD.replace("Kết luận của Chủ tịch UBND tỉnh về Đề án 06",
                            f"Kết luận hội nghị đánh giá kết quả thực hiện nhiệm vụ {words}")
        assert round4._doc("1. Sở Tài chính tổng hợp.\n", head).facts.period == period


def test_an_answer_among_the_conclusions_items() -> None:
    """"... kết luận:" then "Ghi nhận ..., đề nghị các cơ quan thực hiện tốt các nội dung sau:" over the items: an item
    that only answers a proposal (what was done, what the chair will report, what is agreed to consider) is no task,
    as under the first sentence alone; the items that ask are tasks."""
    minutes = MINUTES.replace(
        "III. KẾT LUẬN CỦA CHỦ TRÌ\n",
        "III. KẾT LUẬN CỦA CHỦ TRÌ\nĐồng chí Phan Văn Quang - Phó Chủ tịch UBND huyện kết luận:\n\n"
        "Ghi nhận sự cố gắng của các xã; đề nghị các cơ quan, đơn vị thực hiện tốt các nội dung sau:\n\n")
    minutes = minutes.replace(
        "2. Giao Văn phòng", "2. Về đề nghị ban hành giá đất cụ thể: UBND huyện đã trình UBND tỉnh tại Tờ trình số "
        "412/TTr-UBND ngày 15/10/2024; chủ trì cuộc họp ghi nhận, sẽ báo cáo Chủ tịch UBND huyện.\n3. Giao Văn phòng")
    assert [t.number for t in round4._doc("", minutes).facts.tasks] == ["1", "3"]


def test_communes_named_by_a_point_then_their_role() -> None:
    """"- Phường 1, Phường 2: Phối hợp với Chi nhánh Cấp nước ... kiểm tra ...": the communes the point names lead,
    the body they work with supports (as "+ Xã Sơn Kim 1: phối hợp với ..." does for one commune)."""
    body = ("4. Về cấp nước sinh hoạt:\n- Phường 1, Phường 2: Phối hợp với Chi nhánh Cấp nước Vĩnh Châu kiểm tra áp "
            "lực nước cuối tuyến; xong trước ngày 10/11/2025.\n- Xã Hòa Đông: Rà soát, lập danh sách hộ thiếu nước.\n")
    assert _tasks(body) == [
        ("4", [("Phường 1", "chủ trì"), ("Phường 2", "chủ trì"), ("Chi nhánh Cấp nước Vĩnh Châu", "phối hợp")],
         "2025-11-10"),
        ("4", [("Xã Hòa Đông", "thực hiện")], None),
    ]


def test_work_submitted_to_a_session_of_a_named_month() -> None:
    """"..., trình Hội nghị Ban Chấp hành Đảng bộ xã tháng 12/2025": due in that month, as a report "tại hội nghị
    ... tháng 12/2025" is; a session of a year only fixes none."""
    from build_scripts.pipeline.extract.dates import find_deadlines

    def due(text: str) -> list[str]:
        return [d.iso for d in find_deadlines(text, "2025-11-26", "2025-11-26")]

    assert due("Văn phòng dự thảo Chương trình năm 2026, trình Hội nghị Ban Chấp hành Đảng bộ xã tháng 12/2025.") \
        == ["2025-12"]
    assert due("Văn phòng dự thảo Chương trình năm 2026, trình kỳ họp cuối năm 2025.") == []

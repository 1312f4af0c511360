"""Shapes the sixteenth round (tests/fixtures/round16, holdout16) found read wrongly, each as a small text of its own:
a thematic conclusion's principles and targets, dates written many ways, a follow-up notice's cross-references in a
hard-wrapped copy, and the border guard's and the army's units with a signer's rank."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines

from . import test_round4_shapes as round4
from .test_round15_shapes import PARTY, _tasks

THEMATIC = """TỈNH ỦY LẠNG SƠN
*
Số 290-KL/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Lạng Sơn, ngày 22 tháng 12 năm 2025

KẾT LUẬN
của Ban Thường vụ Tỉnh ủy về phát triển nông nghiệp

Ngày 18/12/2025, Ban Thường vụ Tỉnh ủy nghe báo cáo kết quả 05 năm thực hiện Nghị quyết số 05-NQ/TU ngày 10/3/2021 \
của Ban Chấp hành Đảng bộ tỉnh về phát triển nông nghiệp giai đoạn 2021 - 2025, định hướng đến năm 2030. Ban Thường \
vụ Tỉnh ủy kết luận như sau:

"""


def test_principles_and_targets_are_no_tasks() -> None:
    """"II. QUAN ĐIỂM, MỤC TIÊU" and "2. Mục tiêu cụ thể:" hold what is aimed at, with years that are no deadlines; a
    solution that names its own subject takes it, not the sentence's group; the years reviewed ("kết quả 05 năm thực
    hiện Nghị quyết ... giai đoạn 2021 - 2025") are the period."""
    body = ("I. ĐÁNH GIÁ\n\nSau 05 năm, giá trị sản xuất nông nghiệp tăng bình quân 3,2%/năm.\n\n"
            "II. QUAN ĐIỂM, MỤC TIÊU\n\n1. Quan điểm\n\n- Phát triển nông nghiệp là nhiệm vụ của cả hệ thống chính "
            "trị.\n\n2. Mục tiêu cụ thể:\n\n- Phấn đấu đến năm 2030, 80% xã đạt chuẩn nông thôn mới nâng cao.\n\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n\nBan Thường vụ Tỉnh ủy yêu cầu các cấp ủy, chính quyền tập trung thực hiện:\n\n"
            "1. Rà soát quy hoạch vùng sản xuất hàng hóa tập trung, hoàn thành trong năm 2026.\n\n"
            "2. Các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh mở rộng đào tạo nghề cho lao động nông thôn.\n")
    doc = round4._doc(body, THEMATIC)
    assert doc.facts.period == "giai đoạn 2021 - 2025"
    assert [(t.number, [a.name for a in t.assignees], t.deadline) for t in doc.facts.tasks] == [
        ("III.1", ["các cấp ủy", "chính quyền"], "2026"),
        ("III.2", ["Các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh"], None)]


def test_dates_written_many_ways() -> None:
    """A campaign's span is done when it ends ("triển khai đợt cao điểm ... từ ngày 01/01/2026 đến ngày 15/02/2026"),
    an event's is no deadline ("tổ chức Hội Xuân từ ngày ... đến ngày ..."); "trong tuần đầu tháng 01/2026" is that
    month, not this week; a meeting "cuối năm 2025" names when it is held, no period."""
    today = "2025-12-22"
    campaign = ("Công an xã triển khai đợt cao điểm tấn công, trấn áp tội phạm dịp Tết từ ngày 01/01/2026 đến ngày "
                "15/02/2026; tăng cường tuần tra.")
    assert [d.iso for d in find_deadlines(campaign, today)] == ["2026-02-15"]
    assert find_deadlines("Thống nhất tổ chức Hội Xuân từ ngày 10/02/2026 đến ngày 16/02/2026 tại quảng trường.",
                          today) == []
    assert [d.iso for d in find_deadlines("tổ chức đối thoại trong tuần đầu tháng 01/2026; giải thích", today)] == \
        ["2026-01"]
    assert [d.iso for d in find_deadlines("hoàn thành ngay trong tuần này", today)] == ["2025-12-28"]
    head = ("UBND PHƯỜNG ĐỒNG HỚI\nSố: 412/TB-UBND\nĐồng Hới, ngày 23 tháng 12 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ "
            "tịch UBND phường tại cuộc họp giao ban cuối năm 2025\n\nNgày 22/12/2025, Chủ tịch UBND phường chủ trì "
            "cuộc họp. Chủ tịch UBND phường kết luận như sau:\n\n")
    assert round4._doc("1. Công an phường tăng cường tuần tra.\n", head).facts.period is None


FOLLOW_UP = """UBND TỈNH AN GIANG
Số: 715/TB-UBND
An Giang, ngày 26 tháng 11 năm 2025
THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp kiểm điểm việc thực hiện Thông báo số 142/TB-UBND
Ngày 20/11/2025, đồng chí Lâm Hoàng Phúc, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp kiểm điểm kết quả thực hiện
Thông báo số 142/TB-UBND ngày 18/8/2025 của UBND tỉnh (sau đây gọi tắt là Thông báo số
142) về công tác bồi thường. Tham dự có đồng chí Trần Văn Sĩ, Giám đốc Sở Nông nghiệp và Môi trường.
Phó Chủ tịch UBND tỉnh kết luận như sau:
I. KẾT QUẢ THỰC HIỆN
1. Các nhiệm vụ đã hoàn thành
- Sở Xây dựng đã ban hành hướng dẫn đơn giá bồi thường.
II. NHIỆM VỤ THỜI GIAN TỚI
1. Giao Sở Tài chính thẩm định phương án giá đất, hoàn thành trước ngày 15/12/2025.
2. Về giải quyết chế độ, chính sách đối với cán bộ, công chức, người hoạt động không
chuyên trách dôi dư
a) Sở Nội vụ hướng dẫn hoàn thiện hồ sơ, hoàn thành trước ngày 05/12/2025.
b) Sở Tài chính bố trí kinh phí chi trả chế độ trong tháng 12/2025.
3. Thống nhất tổ chức Hội nghị tổng kết công tác bồi thường vào ngày 10/01/2026; giao Văn phòng UBND tỉnh chuẩn
bị nội dung, trình trước ngày 05/01/2026.
"""


def test_a_follow_up_notices_wrapped_numbers_and_topics() -> None:
    """A hard-wrapped line that opens with a number the line before it asked for ("... Thông báo số" / "142) về
    ...") goes on with its sentence, no item; a topic with no colon over its letters is no task; the meeting's
    decision then "giao X ..." gives X the task."""
    doc = round4._doc("", FOLLOW_UP)
    assert [(t.number, [a.name for a in t.assignees], t.deadline) for t in doc.facts.tasks] == [
        ("II.1", ["Sở Tài chính"], "2025-12-15"),
        ("II.2.a", ["Sở Nội vụ"], "2025-12-05"),
        ("II.2.b", ["Sở Tài chính"], "2025-12"),
        ("II.3", ["Văn phòng UBND tỉnh"], "2026-01-05")]
    assert doc.facts.attendees == ["Trần Văn Sĩ"]


def test_the_border_guards_and_the_armys_units() -> None:
    """"X chủ trì, phối hợp với Y chỉ đạo Đồn Biên phòng A, Hải đội Biên phòng 2 ..." makes the units X directs carry
    the work out; customs' posts ("Hải quan cửa khẩu ...") are bodies; "Các thành viên BCĐ 389 tỉnh" too; a subject
    that only is something ("Tổ trưởng các Tổ công tác là lãnh đạo BĐBP tỉnh") is none; a signer's rank is no part
    of the name."""
    head = ("UBND TỈNH QUẢNG NINH\nBAN CHỈ ĐẠO 389\nSố: 50/TB-BCĐ389\nQuảng Ninh, ngày 22 tháng 12 năm 2025\n\n"
            "THÔNG BÁO\nKết luận của Trưởng Ban Chỉ đạo 389 tỉnh\n\nNgày 20/12/2025, Trưởng Ban Chỉ đạo 389 tỉnh chủ "
            "trì hội nghị. Trưởng Ban Chỉ đạo kết luận như sau:\n\n")
    body = ("1. Bộ Chỉ huy Bộ đội Biên phòng tỉnh chủ trì, phối hợp với Công an tỉnh chỉ đạo Đồn Biên phòng Trà Cổ, "
            "Hải đội Biên phòng 2 tăng cường tuần tra trên biển, hoàn thành trước ngày 31/12/2025.\n\n"
            "2. Chi cục Hải quan khu vực VIII chỉ đạo Hải quan cửa khẩu Hoành Mô kiểm soát chặt hàng hóa nhập khẩu.\n\n"
            "3. Các thành viên BCĐ 389 tỉnh theo chức năng, nhiệm vụ được giao triển khai kế hoạch của Ban Chỉ đạo.\n\n"
            "4. Thống nhất thành lập 03 Tổ công tác liên ngành; Tổ trưởng các Tổ công tác là lãnh đạo BĐBP tỉnh.\n\n"
            "Ban Chỉ đạo 389 tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\n"
            "Nơi nhận:\n- Thành viên BCĐ 389 tỉnh;\n- Lưu: VT.\n\nKT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n\n"
            "Đại tá Phạm Văn Nghĩa\n")
    doc = round4._doc(body, head)
    assert [(t.number, [a.name for a in t.assignees]) for t in doc.facts.tasks] == [
        ("1", ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Công an tỉnh", "Đồn Biên phòng Trà Cổ", "Hải đội Biên phòng 2"]),
        ("2", ["Chi cục Hải quan khu vực VIII", "Hải quan cửa khẩu Hoành Mô"]),
        ("3", ["Các thành viên BCĐ 389 tỉnh"])]
    assert doc.facts.signer.name == "Phạm Văn Nghĩa"


def test_a_pages_number_cutting_a_sentence_before_the_header() -> None:
    """A copy whose page 2 opens with its bare number and the header naming the document, between the two halves of a
    sentence ("... ; tăng cường" / "2" / "Thông báo số 496/TB-UBND ..." / "tuần tra, kiểm soát ..."): both are the
    page's, and the task reads on."""
    lines = ["UBND XÃ PHÙ CÁT", "Số: 496/TB-UBND", "THÔNG BÁO", "Kết luận của Chủ tịch UBND xã",
             "Ngày 22/12/2025, Chủ tịch UBND xã chủ trì cuộc họp. Chủ tịch UBND xã kết luận như sau:"]
    lines += [f"{n}. Công chức số {n} rà soát hồ sơ thuộc lĩnh vực được giao, xong trước ngày 30/12/2025." for n in
              range(1, 14)]
    lines += ["14. Công an xã triển khai đợt cao điểm tấn công, trấn áp các loại tội phạm, bảo",
              "đảm an ninh, trật tự dịp Tết từ ngày 01/01/2026 đến ngày 15/02/2026; tăng cường", "2",
              "Thông báo số 496/TB-UBND ngày 23/12/2025 của UBND xã Phù Cát",
              "tuần tra, kiểm soát, xử lý nghiêm các trường hợp đua xe trái phép."]
    last = round4._doc("\n".join(lines) + "\n", "").facts.tasks[-1]
    assert "496/TB-UBND" not in last.text and "tăng cường tuần tra" in last.text
    assert last.references == [] and last.deadline == "2026-02-15"


def test_a_decision_then_giao_in_a_list_of_points() -> None:
    """Under a topic, a point that opens with the meeting's decision and then gives the work ("- Thống nhất tổ chức
    ...; giao Phòng Văn hóa - Xã hội xây dựng kế hoạch ...") is that body's task."""
    body = ("1. Về văn hóa - xã hội\n\n- Phòng Văn hóa - Xã hội rà soát danh sách hộ nghèo, xong trước ngày "
            "10/01/2026.\n- Thống nhất tổ chức Hội Xuân Bính Ngọ năm 2026 tại Trung tâm Văn hóa xã từ ngày 10/02/2026 "
            "đến ngày 16/02/2026; giao Phòng Văn hóa - Xã hội xây dựng kế hoạch chi tiết, trình trước ngày 20 tháng "
            "01 năm 2026.\n")
    assert [t[1:] for t in _tasks(body, PARTY)] == [([("Phòng Văn hóa - Xã hội", "thực hiện")], "2026-01-10"),
                                                     ([("Phòng Văn hóa - Xã hội", "thực hiện")], "2026-01-20")]

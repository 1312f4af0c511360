"""Shapes read wrongly in session 31, each as a small text of its own: first the fifth holdout's misses (a web page
converted to Markdown, a weekly briefing's tasks to officers by portfolio, a title's casing), then those of the
sixth round of independent texts (tests/fixtures/round6)."""

from __future__ import annotations

import re

from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.extract.metadata import citation_case

from ...conftest import visible_text
from ...writers.test_render import _text_part, page_for, to_html
from . import test_round4_shapes as round4

WEB_PAGE = """Trang chủ » Tin tức » Thông báo - Chỉ đạo điều hành

# Thông báo kết luận của Giám đốc Sở Xây dựng tại cuộc họp về nhà ở xã hội

Ngày đăng: 05/09/2024 09:10 | Lượt xem: 211

| UBND TỈNH LONG AN<br>**SỞ XÂY DỰNG**<br>Số: 915/TB-SXD | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>\
**Độc lập - Tự do - Hạnh phúc**<br>*Long An, ngày 04 tháng 9 năm 2024* |
|---|---|

**THÔNG BÁO**

**Kết luận của Giám đốc Sở Xây dựng tại cuộc họp về phát triển nhà ở xã hội**

Ngày 03/9/2024, đồng chí Trần Văn Tâm - Giám đốc Sở chủ trì cuộc họp. Giám đốc Sở kết luận như sau:

**1.** Đến nay, toàn tỉnh có 06 dự án nhà ở xã hội được chấp thuận chủ trương đầu tư.

**2.** Giám đốc Sở giao nhiệm vụ cụ thể như sau:

| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |
|---|---|---|---|---|
| **A** | **Thủ tục đầu tư** | | | |
| 1 | Rà soát quỹ đất dành cho nhà ở xã hội | Phòng Quản lý nhà | Sở Tài chính;<br>UBND huyện Bến Lức | \
Trước 30/9/2024 |
| **B** | **Kiểm tra** | | | |
| 2 | Kiểm tra chất lượng công trình | Phòng Kinh tế xây dựng | Công an tỉnh (đề nghị phối hợp) | Quý IV/2024 |

**3.** Giao Văn phòng Sở theo dõi, đôn đốc các đơn vị thực hiện.

| **Nơi nhận:**<br>- UBND tỉnh (b/c);<br>- Các phòng thuộc Sở;<br>- Lưu: VT. | \
**KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC**<br><br>**Nguyễn Thị Hoa** |
|---|---|
"""


def test_a_web_pages_header_and_signature_tables_are_read_as_the_lines_they_lay_out() -> None:
    doc = round4._doc("", WEB_PAGE)
    meta = doc.facts
    assert meta.number == "915/TB-SXD"
    assert meta.issued_date == "2024-09-04"  # the document's day, not the post's ("Ngày đăng: 05/09/2024")
    assert meta.signer is not None and (meta.signer.name, meta.signer.title, meta.signer.capacity) == (
        "Nguyễn Thị Hoa", "Phó Giám đốc", "KT. Giám đốc")
    assert meta.recipients == ["UBND tỉnh (b/c)", "Các phòng thuộc Sở", "Lưu: VT"]


def test_a_web_pages_bold_numbers_and_its_tables_group_rows() -> None:
    tasks = round4._tasks("", WEB_PAGE)
    # the group rows ("**A**", "**B**") head the rows under them: no tasks, and the rows' numbers run on under "2."
    assert [n for n, _, _ in tasks] == ["2.1", "2.2", "3"]
    assert tasks[0][1] == [("Phòng Quản lý nhà", "chủ trì"), ("Sở Tài chính", "phối hợp"),
                           ("UBND huyện Bến Lức", "phối hợp")]  # a cell's "<br>" is its line break
    assert tasks[1][1][1] == ("Công an tỉnh", "phối hợp")  # "(đề nghị phối hợp)" says how it is asked
    assert tasks[1][2] == "2024-12"


def test_a_web_pages_marks_are_shown_as_bold_not_as_stars() -> None:
    body = _text_part(to_html(page_for(WEB_PAGE).split("---\n", 2)[2]))
    shown = visible_text(body)
    assert "**" not in shown and "<br>" not in shown
    assert re.search(r'class="vb-marker"><strong>1\.</strong>', body)
    assert re.search(r"<td>(?:<span[^>]*></span>)?<strong>Thủ tục đầu tư</strong></td>", body)
    for words in ("UBND TỈNH LONG AN", "Số: 915/TB-SXD", "Nguyễn Thị Hoa", "Lưu: VT."):
        assert words in shown


BRIEFING = """UBND PHƯỜNG ĐÔNG NGÀN
Số: 88/TB-UBND
Đông Ngàn, ngày 18 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND phường tại cuộc họp giao ban

Ngày 17/11/2025, Chủ tịch UBND phường chủ trì cuộc họp giao ban. Chủ tịch UBND phường kết luận như sau:

II. NHIỆM VỤ TUẦN TỚI

Giao các đồng chí lãnh đạo UBND phường theo lĩnh vực phụ trách và Thủ trưởng các cơ quan, đơn vị chỉ đạo, thực hiện:

1. Trưởng Công an phường: Chỉ đạo lực lượng tăng cường tuần tra tại khu vực chợ; phối hợp với Phòng Kinh tế, \
Hạ tầng và Đô thị kiểm tra các cơ sở karaoke; báo cáo kết quả trước thứ Sáu, ngày 28/11.

2. Chỉ huy trưởng Ban Chỉ huy Quân sự phường: Chủ trì, phối hợp với Trạm Y tế phường tổ chức sơ tuyển nghĩa vụ \
quân sự; hoàn thành trong tháng 12.
"""


def test_an_officer_heading_an_item_acts_and_a_later_partner_supports() -> None:
    tasks = round4._tasks("", BRIEFING)
    # the sentence before the list names only a class ("các đồng chí lãnh đạo ..."): each item's own officer acts
    assert tasks[0] == ("1", [("Trưởng Công an phường", "chủ trì"), ("Phòng Kinh tế, Hạ tầng và Đô thị", "phối hợp")],
                        "2025-11-28")
    assert tasks[1][1] == [("Chỉ huy trưởng Ban Chỉ huy Quân sự phường", "chủ trì"), ("Trạm Y tế phường", "phối hợp")]
    assert tasks[1][2] == "2025-12"


def test_a_day_of_the_week_before_its_date() -> None:
    for text, iso in [("báo cáo trước thứ Sáu, ngày 28/11.", "2025-11-28"),
                      ("hoàn thành trước thứ Hai 01/12/2025", "2025-12-01"),
                      ("trước 17 giờ ngày thứ Sáu (21/11/2025)", "2025-11-21")]:
        assert [d.iso for d in find_deadlines(text, "2025-11-18")] == [iso], text


def test_a_report_due_at_a_session_of_a_named_month() -> None:
    due = find_deadlines("tổng hợp, báo cáo Chủ tịch UBND huyện tại kỳ tiếp công dân định kỳ tháng 11/2024.",
                         "2024-10-18")
    assert [d.iso for d in due] == ["2024-11"]
    assert find_deadlines("báo cáo kết quả tại kỳ họp cuối năm 2024.", "2024-06-12") == []  # a year only: none
    assert find_deadlines("tổ chức tại hội nghị tháng 7/2024 của huyện.", "2024-06-12") == []  # nothing due there


def test_a_session_month_in_a_title_is_no_year_reviewed() -> None:
    head = """UBND HUYỆN TÂY SƠN
Số: 301/TB-UBND
Tây Sơn, ngày 18 tháng 10 năm 2024

THÔNG BÁO
Kết luận của Chủ tịch UBND huyện tại buổi tiếp công dân định kỳ tháng 10 năm 2024

Ngày 15/10/2024, Chủ tịch UBND huyện chủ trì buổi tiếp công dân. Chủ tịch UBND huyện kết luận như sau:

1. Giao Phòng Tài nguyên và Môi trường trả lời công dân trước ngày 31/10/2024.
"""
    assert round4._doc("", head).facts.period is None


def test_titles_in_capitals_keep_the_case_of_their_names() -> None:
    assert citation_case("PHÓ TRƯỞNG BAN THƯỜNG TRỰC") == "Phó Trưởng ban Thường trực"
    assert citation_case("KẾT LUẬN CỦA TRƯỞNG BAN CHỈ ĐẠO 389 TỈNH") == "kết luận của Trưởng Ban Chỉ đạo 389 tỉnh"
    assert citation_case("TRƯỞNG BAN TỔ CHỨC TỈNH ỦY") == "trưởng Ban Tổ chức Tỉnh ủy"  # the head of a named Ban


# --- the sixth round (tests/fixtures/round6) ---------------------------------------------------------------------

FORWARD = """[Tin nhắn chuyển tiếp] Nhóm "ĐIỀU HÀNH UBND HUYỆN CÁI BÈ" - 11/06/2025 16:42

THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND HUYỆN TẠI CUỘC HỌP TRIỂN KHAI NHIỆM VỤ

Chiều ngày 10.6.2025, đ/c Chủ tịch UBND huyện chủ trì cuộc họp. Chủ tịch UBND huyện kết luận như sau:

• Đánh giá chung: Thời gian qua các phòng, ban đã khẩn trương triển khai các nội dung được giao.

• Về bàn giao hồ sơ:
* Các phòng, ban, đơn vị thuộc UBND huyện lập danh mục hồ sơ, tài sản; bàn giao theo phương án được duyệt \
(Phòng Nội vụ chủ trì hướng dẫn; Văn phòng HĐND và UBND huyện phối hợp).
+ Hồ sơ đang giải quyết dở dang phải lập danh sách riêng.
+ Các công trình chuyển tiếp: lập hồ sơ bàn giao, xong trước 30.6.2025.
* Khóa sổ kế toán, lập báo cáo quyết toán gửi Sở Tài chính trước 15-7-2025 (Phòng Tài chính - Kế hoạch chủ trì).

• Phòng Giáo dục và Đào tạo phối hợp Trung tâm Y tế huyện hỗ trợ tổ chức Kỳ thi tốt nghiệp THPT năm 2025.

• Giao VP HĐND-UBND huyện theo dõi, đôn đốc các đơn vị thực hiện.

VP HĐND-UBND huyện thông báo để các đơn vị biết, thực hiện./.

Nguyễn Thị Thanh Thúy
"""


def test_a_forwarded_notices_points_their_parts_and_their_bracketed_roles() -> None:
    doc = round4._doc("", FORWARD)
    tasks = [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline, t.text) for t in doc.facts.tasks]
    # the assessment and the topic lines are no tasks; the "+" lines are parts of the "*" point above them
    assert len(tasks) == 4
    first = tasks[0]
    assert first[1] == [("Các phòng, ban, đơn vị thuộc UBND huyện", "thực hiện"),
                        ("Phòng Nội vụ", "chủ trì"), ("Văn phòng HĐND và UBND huyện", "phối hợp")]
    assert "Hồ sơ đang giải quyết dở dang" in first[3] and first[2] == "2025-06-30"  # its deadline in a "+" line
    assert tasks[1][1] == [("Phòng Tài chính - Kế hoạch", "chủ trì")] and tasks[1][2] == "2025-07-15"
    # "X phối hợp Y", without "với": X leads, Y supports
    assert tasks[2][1] == [("Phòng Giáo dục và Đào tạo", "chủ trì"), ("Trung tâm Y tế huyện", "phối hợp")]
    assert tasks[3][1] == [("VP HĐND-UBND huyện", "thực hiện")]
    assert doc.facts.locality != "HUYỆN TẠI CUỘC HỌP" and doc.facts.locality in (None, "Cái Bè")
    assert doc.facts.signer is not None and doc.facts.signer.name == "Nguyễn Thị Thanh Thúy"


CENTRAL = """BAN CHẤP HÀNH TRUNG ƯƠNG
Số 181-KL/TW

ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 11 tháng 7 năm 2025

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về sơ kết Nghị quyết số 43-NQ/TW

Tại phiên họp ngày 04/7/2025, Bộ Chính trị kết luận như sau:

1. Các cấp ủy, tổ chức đảng, nhất là người đứng đầu tiếp tục quán triệt sâu sắc quan điểm "dân là gốc".

2. Ban Tuyên giáo và Dân vận Trung ương chủ trì, phối hợp với Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương \
tham mưu đổi mới phương thức công tác dân vận.

3. Tổ chức thực hiện

- Các tỉnh ủy, thành ủy tổ chức quán triệt Kết luận này, hoàn thành trước tháng 9/2025.

- Ủy ban Kiểm tra Trung ương đưa nội dung thực hiện Kết luận này vào chương trình kiểm tra năm 2026.

Kết luận này phổ biến đến chi bộ.

T/M BỘ CHÍNH TRỊ

Lương Văn Khiêm
"""


def test_a_central_conclusions_bodies_its_closing_points_and_no_locality() -> None:
    doc = round4._doc("", CENTRAL)
    tasks = [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in doc.facts.tasks]
    assert doc.facts.locality is None and doc.facts.province is None  # signed in Hà Nội, of no locality
    # an aside ("nhất là người đứng đầu") singles out, it is no body of its own; the item asks them to act
    assert tasks[0] == ("1", [("Các cấp ủy", "thực hiện"), ("tổ chức đảng", "thực hiện")], None)
    # the party committee of the Front and the mass organisations is one body, its name holds a comma
    assert ("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", "phối hợp") in tasks[1][1]
    # "3. Tổ chức thực hiện" titles points that each name their own body: a task each; the last line closes
    assert [n for n, _, _ in tasks] == ["1", "2", "3", "3"]
    assert tasks[2][2] == "2025-08"  # "trước tháng 9/2025": by the end of August
    assert not any("phổ biến đến chi bộ" in t.text for t in doc.facts.tasks)


def test_before_a_month_a_quarter_or_a_year_is_the_period_before_it() -> None:
    for text, iso in [("hoàn thành trước tháng 9/2025.", "2025-08"), ("trước tháng 1/2026", "2025-12"),
                      ("hoàn thành trong tháng 9/2025", "2025-09"), ("chậm nhất tháng 9/2025", "2025-09"),
                      ("trước quý IV/2025", "2025-09"), ("hoàn thành trước năm 2026", "2025"),
                      ("trước cuối năm 2025", "2025"), ("xong trước tháng 10", "2025-09")]:
        assert [d.iso for d in find_deadlines(text, "2025-07-11")] == [iso], text


INSPECTION = """ĐẢNG BỘ TỈNH NGHỆ AN
HUYỆN ỦY THANH CHƯƠNG
ỦY BAN KIỂM TRA
Số 58-TB/UBKTHU

ĐẢNG CỘNG SẢN VIỆT NAM
Thanh Chương, ngày 26 tháng 8 năm 2024

THÔNG BÁO
KẾT LUẬN KIỂM TRA
đối với Ban Thường vụ Đảng ủy xã Thanh Lĩnh

Thực hiện Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác kiểm tra, giám sát và \
Quyết định số 112-QĐ/UBKTHU ngày 10/6/2024 của Ủy ban Kiểm tra Huyện ủy, Đoàn kiểm tra đã tiến hành kiểm tra \
đối với Ban Thường vụ Đảng ủy xã Thanh Lĩnh trong việc lãnh đạo công tác quản lý đất đai giai đoạn 2022 - 2023 \
(từ ngày 17/6/2024 đến ngày 26/7/2024).

Xét Báo cáo kết quả kiểm tra, tại kỳ họp ngày 20/8/2024, Ủy ban Kiểm tra Huyện ủy kết luận như sau:

1. Yêu cầu Ban Thường vụ Đảng ủy xã Thanh Lĩnh tổ chức kiểm điểm, báo cáo kết quả trước ngày 30/9/2024.

T/M ỦY BAN KIỂM TRA
PHÓ CHỦ NHIỆM

Trần Văn Bình
"""


def test_an_inspections_conclusion() -> None:
    meta = round4._doc("", INSPECTION).facts
    assert meta.issuer == "Ủy ban Kiểm tra Huyện ủy"  # the body that concludes, not the one whose rule it applies
    assert meta.meeting_date == "2024-08-20"  # the session, not the inspection's days
    assert meta.period == "giai đoạn 2022 - 2023"  # the span inspected
    assert meta.number == "58-TB/UBKTHU"  # all capitals, as written (not "UBKThU", as if of a Thành ủy)
    assert meta.signer is not None and meta.signer.title == "Phó Chủ nhiệm"


def test_the_month_an_intro_reports_on_is_the_period() -> None:
    head = """UBND TỈNH BÌNH ĐỊNH
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Số: 86/TB-SNNMT
Bình Định, ngày 26 tháng 3 năm 2025

THÔNG BÁO
Kết luận của Giám đốc Sở tại cuộc họp giao ban

Ngày 24.3.2025, đồng chí Trương Văn Lộc - Giám đốc Sở chủ trì cuộc họp. Sau khi nghe Văn phòng Sở báo cáo \
{report}, dự kiến nhiệm vụ trọng tâm tháng 4/2025, Giám đốc Sở kết luận như sau:

1/ Giao Văn phòng Sở tổng hợp, báo cáo trước ngày 31/3.
"""
    for report, period in [("kết quả thực hiện nhiệm vụ tháng 3/2025", "tháng 3/2025"),
                           ("kết quả công tác tháng 01 và tháng 02/2025", "tháng 01 và tháng 02/2025")]:
        assert round4._doc("", head.format(report=report)).facts.period == period


def test_names_of_the_youth_union_and_a_military_command_and_a_rank_before_a_name() -> None:
    head = """ĐẢNG ỦY QUÂN SỰ TỈNH HÀ GIANG
Số 428-TB/ĐU
Hà Giang, ngày 31 tháng 10 năm 2024

THÔNG BÁO KẾT LUẬN
hội nghị Ban Thường vụ Đảng ủy Quân sự tỉnh

Ngày 29/10/2024, đồng chí Đại tá Hoàng Văn Sinh - Chính ủy Bộ Chỉ huy Quân sự tỉnh chủ trì hội nghị. Ban Thường vụ \
Đảng ủy Quân sự tỉnh kết luận như sau:

1. Phòng Tham mưu chủ trì, phối hợp với Phòng Chính trị, Phòng Hậu cần - Kỹ thuật rà soát kế hoạch.

2. Ban Thường vụ các huyện đoàn, Thành đoàn tổ chức ra quân tình nguyện.
"""
    doc = round4._doc("", head)
    assert doc.facts.chair == "Hoàng Văn Sinh"
    tasks = [[(a.name, a.role.value) for a in t.assignees] for t in doc.facts.tasks]
    assert tasks[0] == [("Phòng Tham mưu", "chủ trì"), ("Phòng Chính trị", "phối hợp"),
                        ("Phòng Hậu cần - Kỹ thuật", "phối hợp")]
    assert tasks[1] == [("Ban Thường vụ các huyện đoàn, Thành đoàn", "thực hiện")]


def test_a_year_reviewed_after_the_fields_a_lead_lists() -> None:
    head = """Bí thư Huyện ủy làm việc với xã Thượng Trạch

(QBĐT) - Ngày 13/3, đồng chí Trương Công Định, Bí thư Huyện ủy Bố Trạch đã có buổi làm việc với Ban Thường vụ \
Đảng ủy xã Thượng Trạch về {what}. Bí thư Huyện ủy yêu cầu xã tập trung giảm nghèo bền vững.
"""
    reviewed = "tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2024"
    assert round4._doc("", head.format(what=reviewed)).facts.period == "năm 2024"
    planned = "tình hình thực hiện Kế hoạch số 31/KH-UBND về xóa nhà tạm, nhà dột nát năm 2024 - 2025"
    assert round4._doc("", head.format(what=planned)).facts.period is None

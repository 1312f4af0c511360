"""Shapes the seventeenth round (tests/fixtures/round17, holdout17) found read wrongly, each as a small text of its own:
a letter that conveys the conclusion ("V/v ...", "Kính gửi:"), a time shared by a list's items, an appendix that lists
the tasks by body, and several leaders concluding the matters of one session."""

from __future__ import annotations

from . import test_round4_shapes as round4

LETTER = """UBND TỈNH KHÁNH HÒA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG\tĐộc lập - Tự do - Hạnh phúc
Số: 9200/VP-KT\tKhánh Hòa, ngày 24 tháng 12 năm 2025
V/v truyền đạt ý kiến chỉ đạo của Chủ tịch UBND tỉnh về phòng, chống hạn hán

**Kính gửi:**

- Sở Nông nghiệp và Môi trường;
- Sở Tài chính;
- UBND các xã, phường thuộc khu vực tỉnh Ninh Thuận (cũ).

Xét Tờ trình số 515/TTr-SNNMT ngày 16/12/2025 của Sở Nông nghiệp và Môi trường, Chủ tịch UBND tỉnh có ý kiến chỉ \
đạo như sau:

**1.** Thống nhất về nguyên tắc phương án phòng, chống hạn hán mùa khô năm 2026.

**2.** Sở Tài chính thẩm định nhu cầu kinh phí, trình UBND tỉnh trong tháng 01/2026.

**3.** Chủ động triển khai các giải pháp ứng phó với hạn hán theo phương châm "bốn tại chỗ"; tuyên truyền Nhân dân \
sử dụng nước tiết kiệm.

Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.

**Nơi nhận:**
- Như trên;
- Lưu: VT, KT.

**TL. CHỦ TỊCH**
**KT. CHÁNH VĂN PHÒNG**
**PHÓ CHÁNH VĂN PHÒNG**

**Trịnh Minh Đức**
"""


def test_a_letter_that_conveys_the_conclusion() -> None:
    """A "Công văn": its header and number above "V/v ..." (its subject, where a notice has its title, not a roman
    heading "V"), "Kính gửi:" over those it is sent to, who do what an item gives to no body of its own; a former
    unit's "(cũ)" stays in the name."""
    facts = round4._doc("", LETTER).facts
    assert (facts.type, facts.number, facts.issued_date) == ("Công văn", "9200/VP-KT", "2025-12-24")
    assert facts.province == "Khánh Hòa"
    assert [(t.number, [a.name for a in t.assignees]) for t in facts.tasks] == [
        ("2", ["Sở Tài chính"]),
        ("3", ["Sở Nông nghiệp và Môi trường", "Sở Tài chính",
               "UBND các xã, phường thuộc khu vực tỉnh Ninh Thuận (cũ)"])]


SHARED = """UBND TỈNH PHÚ THỌ
Số: 2250/TB-UBND
Phú Thọ, ngày 12 tháng 12 năm 2025
THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh về xử lý trụ sở dôi dư
Ngày 10/12/2025, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp. Phó Chủ tịch UBND tỉnh kết luận như sau:
I. NHIỆM VỤ TRỌNG TÂM
Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành, địa phương tập trung thực hiện:
1. Sở Tài chính rà soát danh mục cơ sở nhà, đất, trình UBND tỉnh trước ngày 20/12/2025.
2. Sở Xây dựng hướng dẫn việc chuyển đổi công năng các trụ sở dôi dư sang trường học, trạm y tế.
3. UBND các xã, phường thường xuyên kiểm tra, bảo vệ các cơ sở nhà, đất chưa xử lý.
4. Trung tâm Phát triển quỹ đất tỉnh tiếp nhận, quản lý 37 cơ sở nhà, đất đã thu hồi.
Các nội dung nêu trên hoàn thành trước ngày 31/12/2025, báo cáo kết quả về UBND tỉnh.
II. VỀ KIẾN NGHỊ CỦA CÁC ĐỊA PHƯƠNG
1. Về kiến nghị của UBND phường Vĩnh Phúc bán đấu giá 05 trụ sở: giao UBND phường Vĩnh Phúc thực hiện các nhiệm vụ
sau, hoàn thành trong quý I/2026:
a) Lập danh mục các trụ sở đề nghị bán đấu giá, gửi Sở Tài chính thẩm định.
b) Tổ chức lấy ý kiến Nhân dân về phương án sử dụng nguồn thu, hoàn thành trước ngày 15/01/2026.
2. Về kiến nghị của UBND phường Phú Thọ hỗ trợ kinh phí sửa chữa trụ sở: Phó Chủ tịch UBND tỉnh ghi nhận; giao Sở
Tài chính tổng hợp nhu cầu, tham mưu UBND tỉnh bố trí trong dự toán năm 2026.
Giao Văn phòng UBND tỉnh theo dõi, đôn đốc các cơ quan, đơn vị, địa phương thực hiện
Thông báo này.
Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.
"""


def test_a_time_shared_by_a_lists_items() -> None:
    """"Các nội dung nêu trên hoàn thành trước ngày 31/12/2025" after a list (run on under its last item in a copy
    with no blank lines) times the items that give none of their own, not those that go on ("thường xuyên"); a
    heading's "..., hoàn thành trong quý I/2026:" times its letters and names their body; the follow-up run on into
    the last item is a task of its own."""
    tasks = round4._doc("", SHARED).facts.tasks
    assert [(t.number, t.deadline) for t in tasks] == [
        ("1", "2025-12-20"), ("2", "2025-12-31"), ("3", None), ("4", "2025-12-31"),
        ("II.1.a", "2026-03"), ("II.1.b", "2026-01-15"), ("II.2", None), ("", None)]
    assert [a.name for a in tasks[4].assignees] == ["UBND phường Vĩnh Phúc"]
    assert "Các nội dung nêu trên" not in tasks[3].text
    assert [a.name for a in tasks[-1].assignees] == ["Văn phòng UBND tỉnh"] and "Thông báo này" in tasks[-1].text


def test_an_appendix_that_lists_the_tasks_by_body() -> None:
    """After the signature, "PHỤ LỤC" over "1. Sở Tài chính" and its "- " lines, each with its time in brackets:
    each line is a task of that body ("Phối hợp với ..." lines too), "(năm 2026)" is the year; "Liên minh Hợp tác
    xã tỉnh" keeps its "tỉnh"; "7. Đề nghị Ngân hàng ... - Chi nhánh tỉnh Đồng Tháp" names the bank."""
    body = ("1. Các nhiệm vụ cụ thể giao các cơ quan, đơn vị tại Phụ lục kèm theo Thông báo này.\n\n"
            "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Văn Hải\n\n"
            "PHỤ LỤC\nDANH MỤC NHIỆM VỤ GIAO CÁC CƠ QUAN, ĐƠN VỊ\n\n"
            "1. Sở Tài chính\n- Tham mưu UBND tỉnh bố trí kinh phí hỗ trợ hợp tác xã (trước ngày 20/01/2026).\n"
            "- Phối hợp với Sở Nông nghiệp và Môi trường hướng dẫn thanh toán, quyết toán (thường xuyên).\n"
            "2. Liên minh Hợp tác xã tỉnh\n- Tư vấn thành lập mới ít nhất 12 hợp tác xã (năm 2026).\n"
            "3. Đề nghị Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh tỉnh Đồng Tháp\n"
            "- Ưu tiên cho vay đối với hợp tác xã tham gia liên kết sản xuất (trong năm 2026).\n")
    tasks = round4._doc(body).facts.tasks
    assert [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in tasks] == [
        ("1", [("Sở Tài chính", "thực hiện")], "2026-01-20"),
        ("1", [("Sở Tài chính", "chủ trì"), ("Sở Nông nghiệp và Môi trường", "phối hợp")], None),
        ("2", [("Liên minh Hợp tác xã tỉnh", "thực hiện")], "2026"),
        ("3", [("Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh tỉnh Đồng Tháp", "thực hiện")],
         "2026")]


SESSION = """ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HỒ CHÍ MINH\tĐộc lập - Tự do - Hạnh phúc
Số: 1130/TB-UBND\tThành phố Hồ Chí Minh, ngày 29 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch và các Phó Chủ tịch Ủy ban nhân dân Thành phố tại phiên họp thường kỳ

Ngày 27/11/2025, Ủy ban nhân dân Thành phố tổ chức phiên họp thường kỳ. Các đồng chí lãnh đạo UBND Thành phố kết \
luận như sau:

**1. Về dự thảo Nghị quyết của Hội đồng nhân dân Thành phố quy định chính sách hỗ trợ chuyển đổi xe mô tô, xe gắn \
máy sử dụng nhiên liệu hóa thạch sang phương tiện sử dụng điện trên địa bàn Thành phố**

Đồng chí Trần Quang Hiếu, Phó Chủ tịch UBND Thành phố kết luận:

- Thống nhất thông qua dự thảo Nghị quyết, để trình HĐND Thành phố tại kỳ họp cuối năm 2025.
- Giao Sở Xây dựng hoàn chỉnh hồ sơ, gửi Văn phòng UBND Thành phố trước ngày 01/12/2025.
- Sở Tài chính bố trí kinh phí thực hiện chính sách trong dự toán năm 2026.
- Đồng chí Trần Quang Hiếu, Phó Chủ tịch UBND Thành phố sẽ kiểm tra thực tế tại một số phường trong tháng 12/2025.

**2. Về tiến độ giải ngân vốn đầu tư công năm 2025:** đồng chí Lâm Thị Bích Ngọc, Phó Chủ tịch UBND Thành phố kết \
luận:

- Ủy ban nhân dân Thành phố thống nhất thông qua phương án điều chuyển vốn.
- Thủ trưởng các chủ đầu tư có tỷ lệ giải ngân dưới 50% lập kế hoạch giải ngân chi tiết, gửi Sở Tài chính.
"""


def test_several_leaders_conclude_the_matters_of_one_session() -> None:
    """A matter's heading (a long topic, or bold only up to its colon) over the line naming who concludes it, then
    its points: each point that gives a body work is a task of the matter; the decisions ("thống nhất thông qua"), the
    committee deciding and the concluder's own plan ("sẽ kiểm tra") are none; the issuer is the body its leaders
    conclude for, and the city's name the archive's ("TP. Hồ Chí Minh")."""
    facts = round4._doc("", SESSION).facts
    assert (facts.issuer, facts.locality) == ("Ủy ban nhân dân Thành phố", "TP. Hồ Chí Minh")
    assert [(t.number, [a.name for a in t.assignees]) for t in facts.tasks] == [
        ("1", ["Sở Xây dựng"]), ("1", ["Sở Tài chính"]),
        ("2", ["Thủ trưởng các chủ đầu tư có tỷ lệ giải ngân dưới 50%"])]

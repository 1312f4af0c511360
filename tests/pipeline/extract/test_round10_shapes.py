"""Shapes the tenth round of independent texts (tests/fixtures/round10) found read wrongly, each as a small text of
its own: a web table copied as Markdown with a row broken over lines, work given to people by their office, a
field inspection's projects (some only assessed), a scan's OCR ("l." for "1.", em dashes, specks, "Số 318 -KL/HU",
"THANH HOÁ"), a month written as a word, a topic's citation."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_dates
from build_scripts.pipeline.parse import parse_blocks
from build_scripts.vietnamese import newer_tones

from . import test_round4_shapes as round4

HEAD = """THỊ ỦY KỲ ANH
Số 215-KL/TU
Kỳ Anh, ngày 10 tháng 10 năm 2024

KẾT LUẬN
của Ban Thường vụ Thị ủy

Ngày 08/10/2024, Ban Thường vụ Thị ủy họp. Ban Thường vụ Thị ủy kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_a_markdown_row_broken_over_lines_is_one_row() -> None:
    """A web page's table copied as Markdown, a cell wrapped onto the next line: the row goes on until the line that
    closes it. Before, the broken row was a paragraph that split the table, and the rows after it, under no header,
    were no tasks."""
    body = ("Giao nhiệm vụ cụ thể như sau:\n\n"
            "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Giải quyết dứt điểm hồ sơ quá hạn tại các Chi nhánh;\n"
            "gửi văn bản xin lỗi người dân | Văn phòng Đăng ký đất đai | Các Chi nhánh | Trước 30/11/2024 |\n"
            "| 2 | Trình quyết định hạn mức giao đất | Phòng Quản lý đất đai | Sở Tư pháp; Sở Xây dựng;\n"
            "UBND các xã, phường | Tháng 12/2024 |\n"
            "| 3 | Tham mưu văn bản hướng dẫn cấp Giấy chứng nhận | Phòng Quản lý đất đai | | Tháng 11/2024 |\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1", "2", "3"]
    assert tasks[0] == ("1", [("Văn phòng Đăng ký đất đai", "chủ trì"), ("Các Chi nhánh", "phối hợp")], "2024-11-30")
    assert ("UBND các xã, phường", "phối hợp") in tasks[1][1] and tasks[1][2] == "2024-12"
    assert tasks[2] == ("3", [("Phòng Quản lý đất đai", "chủ trì")], "2024-11")
    doc = round4._doc(body, HEAD)
    assert "các Chi nhánh; gửi văn bản xin lỗi người dân" in doc.facts.tasks[0].text  # every word of the row
    # a line that only starts like a row, with nothing to close it, stays as it is
    table_then_text = [b.kind.name for b in parse_blocks("| A | B |\n|---|---|\n| 1 | x\n\nĐoạn văn.\n")]
    assert table_then_text.count("TABLE") == 1 and "PARAGRAPH" in table_then_text


def test_work_given_to_a_person_by_office() -> None:
    """"Giao đồng chí Lê Văn Tâm, Thị ủy viên, Phó Chủ tịch UBND thị xã chỉ đạo Chi cục Thuế ...": one person (the
    titles after the comma are his; "Thị ủy viên" is a title, not "Thị ủy"), and the body he directs; a point that
    opens "- Giao ..." gives no empty task before it."""
    body = ("1. Về thu ngân sách:\n"
            "- Giao đồng chí Lê Văn Tâm, Thị ủy viên, Phó Chủ tịch UBND thị xã chỉ đạo Chi cục Thuế khu vực Kỳ Anh "
            "đôn đốc thu hồi nợ đọng tiền thuê đất, hoàn thành trong quý IV/2024.\n"
            "- Đồng chí Trưởng Ban Tổ chức Thị ủy chủ trì, phối hợp với Ủy ban Kiểm tra Thị ủy thẩm định đề án "
            "nhân sự.\n")
    assert _tasks(body) == [
        ("1", [("đồng chí Lê Văn Tâm, Thị ủy viên, Phó Chủ tịch UBND thị xã", "thực hiện"),
               ("Chi cục Thuế khu vực Kỳ Anh", "thực hiện")], "2024-12"),
        ("1", [("Đồng chí Trưởng Ban Tổ chức Thị ủy", "chủ trì"), ("Ủy ban Kiểm tra Thị ủy", "phối hợp")], None),
    ]
    # several people are several: "các đồng chí" is no one person
    two = _tasks("2. Giao các đồng chí Bí thư Đảng ủy, Chủ tịch UBND các phường chỉ đạo rà soát.\n")
    assert len(two[0][1]) == 2


def test_the_committees_closing_request_is_no_part_of_the_last_task() -> None:
    """"Ban Thường vụ Thị ủy yêu cầu các đồng chí Ủy viên Ban Thường vụ, các cơ quan ... nghiêm túc triển khai thực
    hiện.": the closing formula asks for all the above; before, its bodies joined the last item's task."""
    body = ("4. Giao Văn phòng Thị ủy theo dõi, đôn đốc việc thực hiện Kết luận này.\n\n"
            "Ban Thường vụ Thị ủy yêu cầu các đồng chí Ủy viên Ban Thường vụ, các cơ quan, đơn vị, các đảng ủy, chi bộ "
            "cơ sở nghiêm túc triển khai thực hiện.\n")
    assert _tasks(body) == [("4", [("Văn phòng Thị ủy", "thực hiện")], None)]


def test_a_projects_item_that_only_assesses_is_no_task() -> None:
    """A field inspection's notice, one item per project: a project only assessed ("Chủ tịch UBND tỉnh ghi nhận,
    biểu dương ...") is no task; a project assessed and then given "- X: ..." points has a task per point."""
    body = ("1. Dự án Khu tái định cư Tam Thăng mở rộng, thành phố Tam Kỳ:\n\n"
            "Hạ tầng kỹ thuật cơ bản hoàn thành, nhưng chưa có nguồn nước sạch.\n\n"
            "- UBND thành phố Tam Kỳ: Khẩn trương hoàn thiện hồ sơ giá đất, gửi Sở Tài chính trước ngày 25/11/2024.\n"
            "- Đề nghị Công ty Cổ phần Cấp thoát nước Quảng Nam đầu tư tuyến ống cấp nước, hoàn thành trước ngày "
            "31/12/2024.\n\n"
            "2. Dự án Công viên ven sông Bàn Thạch, thành phố Tam Kỳ:\n\n"
            "Dự án đã hoàn thành, bàn giao đưa vào sử dụng. Chủ tịch UBND tỉnh ghi nhận, biểu dương chủ đầu tư.\n")
    assert _tasks(body) == [
        ("1", [("UBND thành phố Tam Kỳ", "thực hiện")], "2024-11-25"),
        ("1", [("Công ty Cổ phần Cấp thoát nước Quảng Nam", "thực hiện")], "2024-12-31"),
    ]


OCR_HEAD = """ĐẢNG BỘ TỈNH THANH HOÁ                    ĐẢNG CỘNG SẢN VIỆT NAM
HUYỆN UỶ HẬU LỘC
        *                          Hậu Lộc, ngày 27 tháng 9 năm 2024
Số 318 -KL/HU
'

KẾT LUẬN
của Ban Thường vụ Huyện uỷ

Ngày 24/9/2024, Ban Thường vụ Huyện uỷ họp. Ban Thường vụ Huyện uỷ kết luận như sau:

"""


def test_a_scans_ocr() -> None:
    """A scan read by OCR: "l." for "1." (a "2." follows, no "k." before), "—" for a point's dash, a space inside the
    symbol ("Số 318 -KL/HU"), a speck ("'") where the seal stood, "THANH HOÁ" with the tone placed the older way."""
    body = ("l. UBND huyện:\n"
            "— Tập trung chỉ đạo giải phóng mặt bằng, bàn giao cho chủ đầu tư trước ngày 30/11/2024.\n"
            "— Chỉ đạo Phòng Tài nguyên và Môi trường chủ trì, phối hợp với Trung tâm Phát triển quỹ đất huyện "
            "tổ chức đấu giá trong quý IV/2024.\n"
            "2. Văn phòng Huyện uỷ theo dõi, đôn đốc việc thực hiện Kết luận này.\n\n"
            "Nơi nhận:                                        T/M BAN THƯỜNG VỤ\n"
            "- Thường trực Tỉnh uỷ (b/c),                         PHÓ BÍ THƯ\n"
            "- Lưu Văn phòng Huyện uỷ.                                  '\n"
            "                                                      Mai Thị Hồng\n")
    doc = round4._doc(body, OCR_HEAD)
    facts = doc.facts
    assert [t.number for t in facts.tasks] == ["1", "2"]
    first = {a.name: a.role.value for a in facts.tasks[0].assignees}
    assert first["Phòng Tài nguyên và Môi trường"] == "chủ trì" and first["UBND huyện"] == "thực hiện"
    assert facts.tasks[0].deadline == "2024-11-30"
    assert facts.number == "318-KL/HU" and facts.province == "Thanh Hóa"
    assert facts.signer is not None and facts.signer.name == "Mai Thị Hồng" and facts.signer.title == "Phó Bí thư"
    # a list's eleventh letter stays a letter, after its tenth ("k"), and so does an "l." no "2." follows
    letters = "".join(f"{c}) Việc {c}.\n" for c in "abcdeghikl")
    assert [b.number for b in parse_blocks(letters) if b.kind.name == "ITEM"][-1] == "l"
    assert [b.number for b in parse_blocks("l. Việc một.\n3. Việc ba.\n") if b.kind.name == "ITEM"] == ["l", "3"]


def test_older_tone_marks_read_as_the_data_files_spell_names() -> None:
    assert newer_tones("THANH HOÁ, Khánh Hoà, Huyện uỷ, Thuỷ Nguyên") == "THANH HÓA, Khánh Hòa, Huyện ủy, Thủy Nguyên"
    assert newer_tones("quý IV, Quỹ, hoàn thành, khoẻ") == "quý IV, Quỹ, hoàn thành, khỏe"


def test_a_month_written_as_a_word_and_the_month_an_assessment_opens_with() -> None:
    """"trước ngày 15 tháng Mười hai năm 2025" is 15/12/2025; "Tháng 11/2025, các bộ phận ..." opening the
    assessment is the period reviewed; "Lô" is a family name (the Thái of Nghệ An)."""
    assert [d.iso for d in find_dates("ngày 15 tháng Mười hai năm 2025, ngày 3 tháng Giêng năm 2026")] == [
        "2025-12-15", "2026-01-03"]
    head = ("UBND XÃ TÂN KỲ\nSố: 318/TB-UBND\nTân Kỳ, ngày 01 tháng 12 năm 2025\n\nTHÔNG BÁO\nKết luận của Chủ tịch "
            "UBND xã tại cuộc họp triển khai nhiệm vụ trọng tâm tháng 12 năm 2025\n\n"
            "Ngày 01/12/2025, đồng chí Phan Văn Lực - Chủ tịch UBND xã chủ trì cuộc họp. Dự họp có các đồng chí Phó "
            "Chủ tịch UBND xã: Nguyễn Thị Hà, Lô Văn Thắng.\n\nChủ tịch UBND xã kết luận như sau:\n\n"
            "I. KẾT QUẢ THÁNG 11 NĂM 2025\n\nTháng 11/2025, các bộ phận cơ bản hoàn thành các nhiệm vụ được giao.\n\n"
            "II. NHIỆM VỤ\n\n")
    doc = round4._doc("1. Phòng Văn hóa - Xã hội hoàn thành trước ngày 15 tháng Mười hai năm 2025.\n", head)
    assert doc.facts.tasks[0].deadline == "2025-12-15"
    assert doc.facts.period == "tháng 11/2025"
    assert sorted(doc.facts.attendees) == ["Lô Văn Thắng", "Nguyễn Thị Hà"]


def test_a_topics_citation_goes_with_the_work_under_it() -> None:
    """"1/ Làm sạch dữ liệu đất đai (theo KH số 215/KH-UBND ...):" over its points: each point's task implements the
    plan the topic cites (a point names it no more)."""
    body = ("1/ Làm sạch dữ liệu đất đai (theo KH số 215/KH-UBND ngày 18/8/2024 của UBND tỉnh):\n"
            "=> Phòng Kinh tế chủ trì, phối hợp Công an xã rà soát thông tin người sử dụng đất.\n"
            "=> Văn phòng UBND xã cập nhật hồ sơ lên hệ thống.\n")
    doc = round4._doc(body, HEAD)
    assert [t.references for t in doc.facts.tasks] == [["215/KH-UBND"], ["215/KH-UBND"]]


# --- what the tenth holdout (tests/fixtures/holdout10) found, after its one first run -------------------------------


def test_an_inspected_sites_assessment_that_ends_asking_over_its_points() -> None:
    """"2. Tại Trường ...:" then "... đồng chí Phó Chủ tịch UBND huyện yêu cầu:" then "- " points: a task per point
    (before, the paragraph closed the item and its points were lost); "dừng" ends a name; "- Về đề nghị ...: thống
    nhất miễn ..." is the meeting's decision, no task."""
    body = ("2. Tại Trường Tiểu học Vô Tranh:\n\n"
            "Nhà trường hiện thiếu 03 phòng học. Để bảo đảm điều kiện dạy và học, đồng chí Phó Chủ tịch UBND huyện "
            "yêu cầu:\n\n"
            "- Trường Tiểu học Vô Tranh dừng ngay việc sử dụng khối nhà 01 tầng xuống cấp.\n\n"
            "- Giao Phòng Giáo dục và Đào tạo chủ trì, phối hợp với UBND xã Vô Tranh bố trí mượn tạm phòng học.\n\n"
            "- Về đề nghị của các hộ kinh doanh xin miễn tiền thuê: thống nhất miễn 100% tiền thuê điểm kinh doanh.\n")
    assert _tasks(body) == [
        ("2", [("Trường Tiểu học Vô Tranh", "thực hiện")], None),
        ("2", [("Phòng Giáo dục và Đào tạo", "chủ trì"), ("UBND xã Vô Tranh", "phối hợp")], None),
    ]


def test_a_word_cut_at_a_lines_end_reads_whole() -> None:
    """A scan's OCR cuts "Nguy-" / "ễn", "phư-" / "ờng": the two halves make one syllable, so the facts read the word
    whole (the page shows the text as it is); "kinh tế-" / "xã hội" are two words and stay apart."""
    head = HEAD.replace("Ban Thường vụ Thị ủy họp.", "Ban Thường vụ Thị ủy họp. Dự hội nghị có đồng chí Nguy-\n"
                                                    "ễn Thị Thanh Hương, Phó Bí thư Thường trực Thị ủy.")
    body = ("1. Trung tâm Phục vụ hành chính công phư-\nờng rà soát quy trình, hoàn thành trong tháng 11/2024.\n\n"
            "2. Phòng Kinh tế rà soát chỉ tiêu kinh tế-\nxã hội, báo cáo trước ngày 15/11/2024.\n")
    doc = round4._doc(body, head)
    assert "Nguyễn Thị Thanh Hương" in doc.facts.attendees
    assert doc.facts.tasks[0].assignees[0].name == "Trung tâm Phục vụ hành chính công phường"
    assert "kinh tế-\nxã hội" in doc.facts.tasks[1].text or "kinh tế- xã hội" in doc.facts.tasks[1].text
    assert "phư-" in doc.blocks[-2].text  # the page's own text keeps what the scan gave


def test_new_years_day_the_meeting_day_and_a_clause_at_a_pages_foot() -> None:
    """"trước Tết Dương lịch" is the next 1 January; "ngay sau cuộc họp" the meeting's day; a clause that ends at a
    page's foot with ";" goes on after the page's number; "PHƯỜNG HÀ ĐÔNG" is Hà Nội's ward (Hải Phòng has a
    commune of that name)."""
    head = ("ỦY BAN NHÂN DÂN\nPHƯỜNG HÀ ĐÔNG\nSố: 386/TB-UBND\nHà Đông, ngày 17 tháng 12 năm 2025\n\nTHÔNG BÁO\n"
            "Kết luận của đồng chí Chủ tịch UBND phường tại cuộc họp giao ban\n\n"
            "Chiều ngày 15/12/2025, đồng chí Trần Minh Đức - Chủ tịch UBND phường chủ trì cuộc họp. Chủ tịch UBND "
            "phường kết luận như sau:\n\n")
    body = ("1. Phòng Kinh tế, Hạ tầng và Đô thị hoàn thành sửa chữa vỉa hè trước Tết Dương lịch.\n\n"
            "2. Công an phường tổ chức ra quân lập lại trật tự vỉa hè ngay sau cuộc họp.\n\n"
            "3. Ban Chỉ huy quân sự phường hoàn thiện hồ sơ công dân nhập ngũ, bảo đảm đúng chỉ tiêu được giao;\n\n"
            "                                              2\n\n"
            "báo cáo Hội đồng nghĩa vụ quân sự phường chậm nhất ngày 10/01/2026.\n")
    doc = round4._doc(body, head)
    assert [t.deadline for t in doc.facts.tasks] == ["2026-01-01", "2025-12-15", "2026-01-10"]
    assert "được giao; báo cáo Hội đồng" in " ".join(doc.facts.tasks[2].text.split())
    assert doc.facts.province == "Hà Nội"


def test_a_markdown_export_of_a_boards_notice() -> None:
    """A notice saved as Markdown by pandoc: a backslash ends a line ("**KT. TRƯỞNG BAN**\\"); the concluder holds two
    offices and the header names the board that issues ("BAN AN TOÀN GIAO THÔNG"); "giao thông" is no "giao"; a
    table's cell wrapped onto a row of its own goes on with the row above; "Tháng 01 - 02/2026" is due in February;
    an officer named by a rank alone ("Đại tá Trần Quốc Khánh") attends."""
    head = ("**ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI**\\\n**BAN AN TOÀN GIAO THÔNG**\n\nSố: 112/TB-BATGT\n\n"
            "*Đồng Nai, ngày 19 tháng 12 năm 2025*\n\n**THÔNG BÁO**\n\n**Kết luận của đồng chí Phó Chủ tịch UBND "
            "tỉnh, Trưởng Ban An toàn giao thông tỉnh tại Hội nghị sơ kết năm 2025**\n\n"
            "Ngày 16/12/2025, đồng chí Huỳnh Văn Thắng - Phó Chủ tịch UBND tỉnh chủ trì Hội nghị. Cùng dự có đồng chí "
            "Nguyễn Hồng Phong - Giám đốc Sở Xây dựng; Đại tá Trần Quốc Khánh - Phó Giám đốc Công an tỉnh.\n\n"
            "Trưởng Ban An toàn giao thông tỉnh yêu cầu thực hiện các nhiệm vụ sau:\n\n")
    body = ("| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |\n"
            "|:--:|----------|----------------|-----------------|----------|\n"
            "| 1 | Kiểm tra nồng độ cồn tại các bến xe | Công an tỉnh | Sở Xây dựng | Tháng 01 - 02/2026 |\n"
            "|  | khách, bến thủy nội địa; xử phạt theo Nghị định số 168/2024/NĐ-CP |  |  |  |\n\n"
            "Giao Văn phòng Ban An toàn giao thông tỉnh theo dõi, đôn đốc thực hiện Thông báo này.\n\n"
            "**Nơi nhận:**\n\n- Công an tỉnh;\n- Lưu: VT.\n\n**KT. TRƯỞNG BAN**\\\n**PHÓ TRƯỞNG BAN THƯỜNG TRỰC**\n\n"
            "**Nguyễn Hồng Phong**\n")
    facts = round4._doc(body, head).facts
    assert facts.issuer == "Ban An toàn giao thông tỉnh"
    assert facts.signer is not None and facts.signer.capacity == "KT. Trưởng ban"
    first, follow_up = facts.tasks
    assert "tại các bến xe khách, bến thủy nội địa" in first.text and first.deadline == "2026-02"
    assert first.references == ["168/2024/NĐ-CP"]
    assert follow_up.assignees[0].name == "Văn phòng Ban An toàn giao thông tỉnh"
    assert sorted(facts.attendees) == ["Nguyễn Hồng Phong", "Trần Quốc Khánh"]

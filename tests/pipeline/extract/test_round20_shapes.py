"""Shapes the twentieth round (tests/fixtures/round20, holdout20) found read wrongly, each as a small text of its own:
tasks grouped under headings that say when they are due, and a task table whose group rows name the body that leads
the rows under them."""

from __future__ import annotations

from . import test_round4_shapes as round4


def test_a_heading_that_says_when_times_its_points() -> None:
    """"1. Trước ngày 20/12/2025:" over "- " points, "3. Trong tháng 01/2026:" over "a)" items: a point with no time
    of its own is due at its heading's; one with its own keeps it; "Thường xuyên:" gives none; a span in brackets is
    when what the point plans runs, not when it is due."""
    body = ("Yêu cầu các sở, ngành thực hiện các nhiệm vụ theo mốc thời gian sau:\n\n"
            "1. Trước ngày 20/12/2025:\n"
            "- Sở Tài chính tham mưu phân bổ kinh phí tặng quà Tết.\n"
            "- Sở Công Thương ban hành kế hoạch dự trữ hàng hóa xong trước ngày 15/12/2025.\n"
            "- Công an tỉnh ban hành Kế hoạch mở đợt cao điểm trấn áp tội phạm (thời gian cao điểm từ ngày "
            "01/01/2026 đến hết ngày 05/3/2026).\n\n"
            "2. Trong tháng 01/2026:\n\n"
            "a) Sở Y tế tổ chức các đoàn kiểm tra an toàn thực phẩm.\n\n"
            "b) Đề nghị Bảo hiểm xã hội tỉnh phối hợp với Bưu điện tỉnh chi trả lương hưu tận nhà.\n\n"
            "3. Thường xuyên:\n"
            "- Đề nghị Công ty Điện lực tỉnh bảo đảm cung cấp điện an toàn, liên tục.\n")
    tasks = round4._tasks(body)
    assert [(number, due) for number, _, due in tasks] == [
        ("1", "2025-12-20"), ("1", "2025-12-15"), ("1", "2025-12-20"), ("2.a", "2026-01"), ("2.b", "2026-01"),
        ("3", None)]
    assert tasks[4][1] == [("Bảo hiểm xã hội tỉnh", "chủ trì"), ("Bưu điện tỉnh", "phối hợp")]


def test_a_tables_group_row_that_names_a_body_leads_its_rows() -> None:
    """"| I | SỞ XÂY DỰNG | | |" over rows whose lead cell is empty: the rows are the body's tasks; a lead written on a
    row is that row's own, and the next empty one is the group's again; under "CÁC CƠ QUAN, ĐƠN VỊ KHÁC" a row's body
    is the one its words open with."""
    body = ("2. Giao các cơ quan thực hiện các nhiệm vụ tại bảng sau:\n\n"
            "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn |\n"
            "|---|---|---|---|---|\n"
            "| **I** | **SỞ XÂY DỰNG** | | | |\n"
            "| 1 | Thẩm định điều chỉnh thiết kế các hạng mục hư hỏng | | Ban Quản lý dự án tỉnh | 15/12/2025 |\n"
            "| **II** | **SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG** | | | |\n"
            "| 2 | Cấp giấy chứng nhận cho các hộ tái định cư | Văn phòng Đăng ký đất đai tỉnh | | 31/12/2025 |\n"
            "| 3 | Hướng dẫn thủ tục cấp phép khai thác đất san lấp | | UBND các xã | 20/12/2025 |\n"
            "| **III** | **CÁC CƠ QUAN, ĐƠN VỊ KHÁC** | | | |\n"
            "| 4 | Công an tỉnh bảo đảm an ninh, trật tự tại các dự án | | UBND các xã | Thường xuyên |\n\n")
    tasks = round4._tasks(body)
    assert tasks == [
        ("2.1", [("Sở Xây dựng", "chủ trì"), ("Ban Quản lý dự án tỉnh", "phối hợp")], "2025-12-15"),
        ("2.2", [("Văn phòng Đăng ký đất đai tỉnh", "chủ trì")], "2025-12-31"),
        ("2.3", [("Sở Nông nghiệp và Môi trường", "chủ trì"), ("UBND các xã", "phối hợp")], "2025-12-20"),
        ("2.4", [("Công an tỉnh", "chủ trì"), ("UBND các xã", "phối hợp")], None),
    ]

"""Shapes the eighteenth round (tests/fixtures/round18, holdout18) found read wrongly, each as a small text of its own:
numbers typed with dashes ("I-", "1-", "2.1-", "a-"), a heading that names a lead and its partners over its letters,
and labelled lines whose time is a year."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import parse_deadline_cell

from . import test_round4_shapes as round4
from .test_round15_shapes import PARTY


def test_numbers_typed_with_dashes() -> None:
    """"II-", "1-", "2.1-" and "a-" number sections, items and letters as "II.", "1.", "2.1." and "a)" do; a heading
    "2.1- X chủ trì, phối hợp với Y, Z:" over letters gives each letter X as lead and Y, Z as partners."""
    body = ("**I- ĐÁNH GIÁ KẾT QUẢ**\n\n**1- Kết quả đạt được**\n\nThu ngân sách đạt 96% dự toán.\n\n"
            "**II- NHIỆM VỤ TRỌNG TÂM**\n\n**1- Về thu ngân sách**\n\n"
            "1.1- Giao Phòng Kinh tế đôn đốc thu ngân sách, hoàn thành trước ngày 31/12/2025.\n\n"
            "**2- Về văn hóa - xã hội**\n\n"
            "2.1- Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ Việt Nam xã, Đoàn Thanh niên xã:\n\n"
            "a- Tổ chức các hoạt động mừng Đảng, mừng Xuân, hoàn thành trước ngày 20/01/2026.\n\n"
            "b- Thăm, tặng quà các gia đình chính sách dịp Tết.\n")
    tasks = round4._doc(body, PARTY).facts.tasks
    assert [t.number for t in tasks] == ["II.1.1", "II.2.1.a", "II.2.1.b"]
    assert [(a.name, a.role.value) for a in tasks[1].assignees] == [
        ("Phòng Văn hóa - Xã hội", "chủ trì"), ("Ủy ban MTTQ Việt Nam xã", "phối hợp"),
        ("Đoàn Thanh niên xã", "phối hợp")]
    assert tasks[1].deadline == "2026-01-20"


def test_a_labelled_time_that_is_a_year_and_a_titles_plan() -> None:
    """"- Thời gian hoàn thành: Năm 2026." is the year; a title's period is in what it reviews, not in the plan after
    it ("về kết quả thực hiện nhiệm vụ 10 tháng, nhiệm vụ trọng tâm ... và quý I năm 2026": the intro's "10 tháng năm
    2025")."""
    assert parse_deadline_cell("Năm 2026.", "2025-12-01").iso == "2026"
    title = "về kết quả thực hiện nhiệm vụ 10 tháng, nhiệm vụ trọng tâm những tháng cuối năm 2025 và quý I năm 2026"
    intro = "nghe báo cáo kết quả thực hiện nhiệm vụ 10 tháng năm 2025"
    head = PARTY.replace("của Ban Thường vụ Tỉnh ủy về công tác cán bộ", title).replace(
        "họp xem xét công tác cán bộ", intro)
    assert round4._doc("1. Giao Văn phòng Tỉnh ủy theo dõi.\n", head).facts.period == "10 tháng năm 2025"

"""A commune's notice as its office sends it first, by chat or e-mail, in its own shorthand ("P.KT", "CA xã",
"BCHQS xã", "CC Địa chính", "HT trc 30/11", "thứ 6 tuần này", "CT thống nhất"): the texts of round9/s3 and
holdout9/t5 lost most of their tasks' bodies and every deadline to it. Each rule is the genre's, written small."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines

from . import test_round4_shapes as round4

HEAD = """UBND XÃ LA NGÀ
THÔNG BÁO KẾT LUẬN
Cuộc họp giao ban UBND xã ngày 17/11/2025

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def test_a_kinds_abbreviation_names_a_body_as_its_name_does() -> None:
    """"CA xã", "BCHQS xã", "TT PVHCC", "P.KT" (the data file's abbreviations of Công an, the military command, the
    service centre, Phòng Kinh tế) open a point as "Công an xã" does: each point is its body's task. Before, none of
    them named a body and the item was one task with nobody told to act."""
    body = ("1/ Làm sạch dữ liệu đất đai:\n"
            "=> P.KT chủ trì, phối hợp CA xã rà soát, đối chiếu thông tin người sử dụng đất.\n"
            "=> BCHQS xã lập hồ sơ công dân đủ điều kiện nhập ngũ.\n"
            "=> TT PVHCC hướng dẫn người dân nộp hồ sơ trực tuyến.\n")
    assert _tasks(body) == [
        ("1", [("P.KT", "chủ trì"), ("CA xã", "phối hợp")], None),
        ("1", [("BCHQS xã", "thực hiện")], None),
        ("1", [("TT PVHCC", "thực hiện")], None),
    ]


def test_an_officer_in_shorthand_and_hoan_thanh_as_ht() -> None:
    """"CC Địa chính" is the commune's officer for land ("Công chức Địa chính"); "HT" (hoàn thành) ends the name
    before it ("BCHQS xã HT hồ sơ ...", not a place called "HT"); "trc" is "trước"; "đ/c" is "đồng chí"."""
    body = ("* Về đất đai:\n"
            "=> CC Địa chính giải quyết ngay 03 hồ sơ đất đai trễ hạn, xong trc 25/11.\n"
            "=> BCHQS xã HT hồ sơ gọi công dân nhập ngũ năm 2026, gửi Ban CHQS khu vực trc ngày 05/12.\n"
            "=> Đ/c Quang - PCT UBND xã: chỉ đạo P.KT chủ trì, phối hợp CA xã xử lý dứt điểm, HT trc 30/11.\n")
    assert _tasks(body) == [
        ("", [("CC Địa chính", "thực hiện")], "2025-11-25"),
        ("", [("BCHQS xã", "thực hiện")], "2025-12-05"),
        ("", [("Đ/c Quang - PCT UBND xã", "thực hiện"), ("P.KT", "chủ trì"), ("CA xã", "phối hợp")], "2025-11-30"),
    ]


def test_a_weekday_written_as_a_number() -> None:
    """"thứ 6 tuần này" is "thứ Sáu" of the notice's week; "thứ 2 tuần sau" Monday of the next; a weekday dated
    after it is the date's, and one that recurs is no deadline."""
    week_of = "2025-11-18"  # a Tuesday
    assert [d.iso for d in find_deadlines("xong trc thứ 6 tuần này.", week_of)] == ["2025-11-21"]
    assert [d.iso for d in find_deadlines("báo cáo trước thứ 2 tuần sau.", week_of)] == ["2025-11-24"]
    assert [d.iso for d in find_deadlines("báo cáo trước thứ Sáu tuần này.", week_of)] == ["2025-11-21"]
    assert [d.iso for d in find_deadlines("báo cáo trước thứ 6 hằng tuần.", week_of)] == []
    assert [d.iso for d in find_deadlines("báo cáo trước thứ 6, ngày 28/11/2025.", week_of)] == ["2025-11-28"]


def test_the_meetings_decision_among_the_points_is_no_task() -> None:
    """"=> Thống nhất tạm sử dụng trụ sở ..." under an item whose other points each name their body: the decision
    asks nobody; the other points are tasks of their own (before, the item was one task, its deadline the year the
    decision named)."""
    body = ("7/ Cơ sở vật chất:\n"
            "=> Thống nhất tạm sử dụng trụ sở UBND xã Thái Sơn (cũ) làm điểm tiếp nhận hồ sơ đến hết năm 2025.\n"
            "=> VP-TK lập danh mục tài sản dôi dư, báo cáo đ/c Cường - PCT UBND xã trước 20/11.\n"
            "* CT thống nhất: tổ chức Ngày hội Đại đoàn kết ở ấp 3 vào 21/11.\n")
    assert _tasks(body) == [("7", [("VP-TK", "thực hiện")], "2025-11-20")]


def test_a_bare_partner_in_a_later_clause_and_verbs_that_end_a_name() -> None:
    """"...; phối hợp PKT hòa giải ..." (no "với") makes the acting body lead and PKT support; "cử" and "hòa giải"
    end a name ("MTTQ xã cử cán bộ ..."), not inside "Ủy ban bầu cử" or "Tổ hòa giải"; "Thuế cơ sở 4 tỉnh ..." (the
    tax office since July 2025) is a body."""
    body = ("* Về an ninh:\n"
            "=> CA xã tăng cường tuần tra; phối hợp PKT hòa giải dứt điểm 02 vụ tranh chấp đất.\n"
            "=> Đề nghị MTTQ xã cử cán bộ giám sát việc bình xét tại các thôn.\n"
            "=> PKT phối hợp Thuế cơ sở 4 tỉnh Tuyên Quang đôn đốc thu tiền thuê đất.\n"
            "=> Tổ hòa giải thôn Cầu Treo tiếp tục hòa giải vụ tranh chấp.\n"
            "=> Ủy ban bầu cử xã rà soát danh sách cử tri.\n")
    assert _tasks(body) == [
        ("", [("CA xã", "chủ trì"), ("PKT", "phối hợp")], None),
        ("", [("MTTQ xã", "thực hiện")], None),
        ("", [("PKT", "chủ trì"), ("Thuế cơ sở 4 tỉnh Tuyên Quang", "phối hợp")], None),
        ("", [("Tổ hòa giải thôn Cầu Treo", "thực hiện")], None),
        ("", [("Ủy ban bầu cử xã", "thực hiện")], None),
    ]


def test_a_covering_note_above_the_title_dates_the_meeting() -> None:
    """An e-mail's forward: the note above the notice's title says when the meeting was ("... tại cuộc họp giao
    ban sáng thứ Hai 17/11/2025"); the notice itself has no date. Its days without a year are that year's."""
    head = ("Kính gửi các đ/c,\nVP gửi nội dung kết luận của đ/c CT UBND xã tại cuộc họp giao ban sáng thứ Hai "
            "17/11/2025, các đ/c triển khai luôn.\n\n"
            "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND XÃ TẠI CUỘC HỌP GIAO BAN TUẦN\n\n")
    doc = round4._doc("* Về đất đai:\n=> P.KT khảo sát tuyến đường ấp 2, HT trc 30/11.\n", head)
    assert doc.facts.meeting_date == "2025-11-17"
    assert [t.deadline for t in doc.facts.tasks] == ["2025-11-30"]

"""Parse stage: the document tree of the seeds and of other shapes of the genre."""

from __future__ import annotations

import pytest

from build_scripts.model import BlockKind
from build_scripts.pipeline.parse import parse_blocks
from build_scripts.pipeline.read import read_file

from ..conftest import FIXTURES, SEEDS


def blocks_of(name: str):
    path = next(p for p in [*SEEDS, *(FIXTURES / "shapes").glob("*.txt")] if p.name.startswith(name))
    return parse_blocks(read_file(path).text)


def by_number(blocks, number: str):
    return next(b for b in blocks if b.number == number and b.kind in (BlockKind.ITEM, BlockKind.HEADING))


@pytest.mark.parametrize(
    ("seed", "joined"),
    [
        ("000", "định kỳ tổ chức tiếp xúc, đối thoại"),
        ("001", "của Thường trực Thành ủy tại Hội nghị quán triệt"),
        ("001", "còn có những bất cập, dẫn đến một số dự án"),
        ("003", "phù hợp với tình hình thực tiễn"),
        ("003", "Quy chế giám sát và phản biện xã hội"),
        ("003", "công khai minh bạch thông tin người dân cần biết"),
    ],
)
def test_page_breaks_that_split_a_sentence_are_repaired(seed: str, joined: str) -> None:
    assert any(joined in b.text for b in blocks_of(seed))


def test_a_new_sentence_after_a_blank_line_is_not_joined() -> None:
    blocks = parse_blocks("Câu thứ nhất kết thúc.\n\nđây là đoạn khác viết thường.\n")
    assert len(blocks) == 2


# a PDF's text pasted into Word: each line of the page became a paragraph of its own, apart by a blank
PASTED = """THÔNG BÁO KẾT LUẬN
của Ban Thường vụ Huyện ủy về kết quả chuyển đổi cơ cấu cây

trồng, vật nuôi năm 2024 và nhiệm vụ năm 2025

Ngày 06/01/2025, Ban Thường vụ Huyện ủy họp nghe Ban cán sự đảng UBND huyện báo

cáo kết quả chuyển đổi cơ cấu cây trồng, vật nuôi trên đất lúa năm 2024 và kết luận:

1. Ban cán sự đảng UBND huyện lãnh đạo UBND huyện rà soát kế hoạch chuyển đổi,

chỉ đạo Phòng Nông nghiệp và Môi trường chủ trì, phối hợp với Trạm Khuyến nông

huyện hướng dẫn nông dân sản xuất theo tiêu chuẩn VietGAP; xong trong quý III/2025.

2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và Hội Nông dân huyện phối hợp với

Ngân hàng Chính sách xã hội huyện tạo điều kiện cho hội viên vay vốn chuyển đổi.

3. Giao Văn phòng Huyện ủy theo dõi, đôn đốc, tổng hợp tình hình thực hiện, báo cáo

Ban Thường vụ Huyện ủy định kỳ 6 tháng và cuối năm.
"""


def test_a_pdfs_lines_pasted_as_paragraphs_are_sentences_again() -> None:
    blocks = parse_blocks(PASTED)
    titles = [b.text for b in blocks if b.kind == BlockKind.TITLE]
    assert titles[-1] == "trồng, vật nuôi năm 2024 và nhiệm vụ năm 2025"  # the subtitle's second line
    items = {b.number: b.text for b in blocks if b.kind == BlockKind.ITEM}
    assert list(items) == ["1", "2", "3"]
    # a line ending on "với" goes on in the next, whatever its first letter
    assert "phối hợp với Ngân hàng Chính sách xã hội huyện" in items["2"]
    # in a text whose lines are paragraphs, a line that fills the width goes on too
    assert items["3"].endswith("báo cáo Ban Thường vụ Huyện ủy định kỳ 6 tháng và cuối năm.")
    assert not any(b.text.startswith(("Ngân hàng", "Ban Thường vụ")) for b in blocks)


@pytest.mark.parametrize("heading", ["2. Nhiệm vụ thời gian tới", "II. Nhiệm vụ trong thời gian tới",
                                     "2. Tồn tại, hạn chế", "3. Phương hướng nhiệm vụ tiếp theo"])
def test_a_heading_left_open_is_not_joined_with_the_paragraph_after_it(heading: str) -> None:
    text = f"{heading}\n\nĐề nghị Ban Thường vụ Đảng ủy phường tập trung lãnh đạo các nội dung sau:\n"
    assert len(parse_blocks(text)) == 2


def test_one_open_paragraph_in_a_typed_text_stays_apart() -> None:
    """One paragraph without its full stop, in a text typed with paragraphs, does not take the next."""
    text = ("Ban Thường vụ Huyện ủy đánh giá cao kết quả thực hiện nhiệm vụ năm 2024 của Đảng ủy xã Tân Phú\n\n"
            "Đảng ủy xã cần tập trung lãnh đạo hoàn thành các chỉ tiêu còn lại trong năm 2025.\n")
    assert len(parse_blocks(text)) == 2


def test_title_block_recipients_and_signature_of_seed_000() -> None:
    blocks = blocks_of("000")
    assert blocks[0].kind == BlockKind.TITLE
    assert blocks[0].text.startswith("KẾT LUẬN của Thường trực Thành ủy")
    recipients = next(b for b in blocks if b.kind == BlockKind.RECIPIENTS)
    assert next(c.text for c in recipients.children) == "Tỉnh ủy (báo cáo),"
    assert len(recipients.children) == 7
    signature = blocks[-1]
    assert signature.kind == BlockKind.SIGNATURE
    assert signature.text == "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Ngô Thị Mỹ Lợi"


def test_numbered_items_and_their_anchors() -> None:
    items = [b for b in blocks_of("000") if b.kind == BlockKind.ITEM]
    assert [b.number for b in items] == [str(n) for n in range(1, 12)]
    assert items[2].anchor == "nhiem-vu-3"


def test_markdown_headings_and_group_headings_are_headings_not_items() -> None:
    blocks = blocks_of("001")
    assert blocks[0].kind == BlockKind.TITLE and blocks[1].kind == BlockKind.TITLE  # "## THÔNG BÁO" + subtitle
    assert by_number(blocks, "1").kind == BlockKind.HEADING
    assert by_number(blocks, "2").kind == BlockKind.HEADING
    assert by_number(blocks, "1.6").kind == BlockKind.ITEM
    blocks = blocks_of("003")
    assert by_number(blocks, "1").text == "Nhiệm vụ chung"
    assert by_number(blocks, "1").kind == BlockKind.HEADING
    assert by_number(blocks, "1.10").anchor == "nhiem-vu-1-10"


def test_roman_sections_and_restarted_numbers_carry_the_numeral() -> None:
    blocks = blocks_of("003")
    romans = [b for b in blocks if b.kind == BlockKind.HEADING and b.number == b.section and b.number]
    assert [(b.number, b.marker) for b in romans] == [("I", "I-"), ("II", "II-"), ("III", "III-")]
    assert by_number(blocks, "III.1").anchor == "nhiem-vu-iii-1"
    assert by_number(blocks, "2.4").section == "II"


def test_footnote_far_from_its_mark_is_linked_to_it() -> None:
    blocks = blocks_of("003")
    note = next(b for b in blocks if b.kind == BlockKind.FOOTNOTE)
    assert note.number == "1" and note.text.startswith("Trọng tâm là")
    marked = [b for b in blocks if any(s.note == "1" for s in b.spans)]
    assert [b.number for b in marked] == ["1.2"]
    assert "Trọng tâm là" not in by_number(blocks, "1.6").text


def test_emphasis_is_kept() -> None:
    blocks = blocks_of("003")
    item = by_number(blocks, "1.7")
    assert any(s.emph and s.text == "Dân vận khéo" for s in item.spans)
    first = blocks_of("001")[1]
    assert all(s.strong for s in first.spans)


def test_whitespace_only_line_is_a_blank_line() -> None:
    blocks = blocks_of("003")
    iii = next(b for b in blocks if b.number == "III" and b.kind == BlockKind.HEADING)
    assert iii.text == "Tổ chức thực hiện"  # the " " line after it did not join the heading


def test_official_header_lettered_items_and_plus_bullets() -> None:
    blocks = blocks_of("official_header_party")
    assert [b.kind for b in blocks[:3]] == [BlockKind.HEADER, BlockKind.HEADER, BlockKind.TITLE]
    assert by_number(blocks, "1.a").anchor == "nhiem-vu-1-a"
    plus = [b for b in blocks if b.kind == BlockKind.BULLET and b.marker == "+"]
    assert len(plus) == 2 and all(b.level == 2 for b in plus)
    assert blocks[-1].kind == BlockKind.SIGNATURE and blocks[-1].text.endswith("Nguyễn Văn Sơn")


def test_markdown_table_is_read_as_rows() -> None:
    table = next(b for b in blocks_of("ubnd_agency_groups") if b.kind == BlockKind.TABLE)
    assert table.rows[0] == ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    assert table.rows[2][2] == "Văn phòng HĐND và UBND huyện"
    assert by_number(blocks_of("ubnd_agency_groups"), "3").kind == BlockKind.HEADING


def test_a_word_table_saved_as_text_is_read_as_rows() -> None:
    """Word's "plain text" keeps a table as one line per row, its cells apart by tabs; the item that introduces
    it ("... như sau:") heads it, so its rows are 2.1, 2.2; a lone line laid out with tabs is no table."""
    text = ("KẾT LUẬN\n\n1. Năm 2024 kết quả khá.\tTuy nhiên còn chậm.\tCần cố gắng.\n\n"
            "2. Ban Thường vụ Huyện ủy giao nhiệm vụ cụ thể như sau:\n"
            "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tTrồng rừng\tPhòng Nông nghiệp và PTNT\t\tQuý III/2024\n"
            "2\tTuần tra\tHạt Kiểm lâm huyện\tCông an huyện, Ban CHQS huyện\tThường xuyên\n")
    blocks = parse_blocks(text)
    tables = [b for b in blocks if b.kind == BlockKind.TABLE]
    assert len(tables) == 1 and len(tables[0].rows) == 3
    assert tables[0].rows[1] == ["1", "Trồng rừng", "Phòng Nông nghiệp và PTNT", "", "Quý III/2024"]
    assert tables[0].row_numbers == ["2.1", "2.2"]
    assert by_number(blocks, "2").kind == BlockKind.HEADING
    assert by_number(blocks, "1").kind == BlockKind.ITEM  # three cells on one line, alone: not a table


def test_a_section_after_a_task_table_restarts_with_its_numeral() -> None:
    text = ("KẾT LUẬN\n\nII. NHIỆM VỤ CỤ THỂ\n\n| STT | Nhiệm vụ | Đơn vị thực hiện |\n|---|---|---|\n"
            "| 1 | Nạo vét kênh | UBND các xã |\n| 2 | Trực ban | Công an huyện |\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n\n1. Giao Phòng Quản lý đô thị theo dõi.\n")
    blocks = parse_blocks(text)
    assert next(b for b in blocks if b.kind == BlockKind.TABLE).row_numbers == ["1", "2"]
    assert [b.number for b in blocks if b.kind == BlockKind.ITEM] == ["III.1"]  # "1" was the table's


def test_text_without_header_has_no_title_block() -> None:
    blocks = blocks_of("news_excerpt")
    assert {b.kind for b in blocks} == {BlockKind.PARAGRAPH}


def test_every_line_lands_in_a_block() -> None:
    for path in SEEDS:
        text = read_file(path).text
        blocks = parse_blocks(text)
        covered = set()
        stack = list(blocks)
        while stack:
            b = stack.pop()
            covered.update(range(b.line, max(b.end_line, b.line) + 1))
            stack.extend(b.children)
        lines = text.split("\n")
        missing = [i + 1 for i, ln in enumerate(lines) if ln.strip() and i + 1 not in covered]
        assert missing == [], f"{path.name}: lines {missing} are in no block"


def test_a_markdown_heading_is_one_line_and_the_text_under_it_a_paragraph() -> None:
    blocks = parse_blocks("KẾT LUẬN\n\n# Phần một\nDòng ngay sau tiêu đề.\nDòng thứ hai.\n\n"
                          "1. Giao Văn phòng theo dõi.\n")
    heading = next(b for b in blocks if b.kind == BlockKind.HEADING)
    assert heading.text == "Phần một"
    after = blocks[blocks.index(heading) + 1]
    assert after.kind == BlockKind.PARAGRAPH and after.text == "Dòng ngay sau tiêu đề. Dòng thứ hai."

"""Render stage: pages show source text as text, with structure and stable anchors."""

from __future__ import annotations

import html

import markdown
import yaml

from build_scripts.build import document_from_source
from build_scripts.link import link
from build_scripts.read import read_bytes
from build_scripts.render import render_document
from build_scripts.render.markdown import escape

from .conftest import html_tags

EXTENSIONS = ["attr_list", "md_in_html", "tables", "abbr", "toc"]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def _render_alone(doc):
    return render_document(doc, link([doc]))


def page_for(text: str, name: str = "t.txt") -> str:
    return _render_alone(document_from_source(read_bytes(name, text.encode()), "t"))


def test_markdown_and_html_in_a_source_stay_text() -> None:
    hostile = [
        "# không phải tiêu đề",
        "> không phải trích dẫn",
        "| a | b |",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[bấm](javascript:alert(1))",
        "**đậm** _nghiêng_ `mã`",
        "1. không phải danh sách",
        "- không phải gạch đầu dòng",
        "Chữ {: #id } và *[MTTQ]: định nghĩa",
    ]
    for line in hostile:
        tags = html_tags(to_html(escape(line)))
        assert [t for t, _ in tags] == ["p"], f"{line!r} became {tags}"
        assert tags[0][1] == {}


def test_hostile_source_builds_a_page_without_script() -> None:
    page = page_for("KẾT LUẬN\n\n<script>alert('x')</script> và <iframe src=//evil></iframe>\n")
    html = to_html(page.split("---\n", 2)[2])
    assert not {"script", "iframe"} & {t for t, _ in html_tags(html)}
    assert "&lt;script&gt;" in html


def test_front_matter_survives_colons_and_quotes() -> None:
    page = page_for('KẾT LUẬN\nvề "Dân vận khéo": giai đoạn 2: #1\n\nNội dung.\n')
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    # escaped for the theme, which writes page titles into HTML as they are
    assert meta["title"] == "Kết luận về &quot;Dân vận khéo&quot;: giai đoạn 2: #1"
    assert html.unescape(meta["title"]) == 'Kết luận về "Dân vận khéo": giai đoạn 2: #1'


def test_items_have_anchors_and_visible_markers() -> None:
    html = to_html(page_for("Mở đầu.\n\n1. Làm việc một. Xong sớm.\n1.1. Làm việc con. Xong sớm.\na) Làm việc nhỏ.\n"))
    assert 'id="nhiem-vu-1-1"' in html and 'id="nhiem-vu-1-1-a"' in html
    assert ">1.1.</span>" in html and ">a)</span>" in html


def test_title_is_citation_case() -> None:
    page = page_for("KẾT LUẬN\nCỦA BAN THƯỜNG VỤ THỊ UỶ\nvề công tác dân vận\n\nNội dung.\n")
    assert "# Kết luận của Ban Thường vụ Thị uỷ về công tác dân vận" in page


def test_a_table_of_one_row_shows_that_row_and_no_empty_one() -> None:
    page = to_html(page_for("KẾT LUẬN\n\n| Nội dung | Thời hạn |\n|---|---|\n\n1. Giao Văn phòng theo dõi.\n"))
    text = page[page.index('id="toan-van"'):]  # the full text, below the task table
    assert "<table>" not in text
    assert "| Nội dung | Thời hạn |" in html.unescape(text)
    full = to_html(page_for("KẾT LUẬN\n\n| Nội dung | Thời hạn |\n|---|---|\n| Kiểm tra | 2024 |\n"))
    assert "<td>Kiểm tra</td>" in full and "<th>Nội dung</th>" in full


def test_a_deadline_reads_the_same_everywhere() -> None:
    from build_scripts.vietnamese import display_deadline

    assert display_deadline("2024-03", "hoàn thành trong quý I/2024") == "quý I/2024"
    assert display_deadline("2024-06", "Quý II năm 2024") == "quý II/2024"
    assert display_deadline("2023-11", "trong tháng 11/2023") == "tháng 11/2023"
    assert display_deadline("2024-01-15", "trước ngày 15/01/2024") == "15/01/2024"
    assert display_deadline("2023", "trong năm 2023") == "năm 2023"
    assert display_deadline(None, None) == ""


def test_the_task_table_leaves_out_empty_columns_and_labels_its_cells() -> None:
    text = ("KẾT LUẬN\ncủa Thường trực Huyện ủy về chuyển đổi số\n\nIII. NHIỆM VỤ THỜI GIAN TỚI\n\n"
            "1. Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với Công an huyện rà soát hạ tầng số, "
            "hoàn thành trong quý I/2024.\n\n2. Ủy ban nhân dân các xã tuyên truyền về chuyển đổi số.\n")
    html = to_html(page_for(text))
    table = html[html.index("vb-tasks-mark"):html.index("</table>")]
    heads = [h for h in ("Phối hợp", "Thời hạn", "Văn bản dẫn chiếu") if f"<th>{h}</th>" in table]
    assert heads == ["Phối hợp", "Thời hạn"]  # no task cites a document: no such column
    assert '<span class="vb-label">Thời hạn:</span> <span class="vb-deadline">quý I/2024</span>' in table
    assert "<td></td>" in table  # task 2 has no deadline: an empty cell, no label, so its card skips the line

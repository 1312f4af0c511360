"""Render stage: pages show source text as text, with structure and stable anchors."""

from __future__ import annotations

import html
import random
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from build_scripts.pipeline.convert import document_from_source
from build_scripts.pipeline.link import link
from build_scripts.pipeline.read import read_bytes
from build_scripts.site import build, mkdocs_shards
from build_scripts.writers.pages import render_document
from build_scripts.writers.pages.markdown import escape

from ..conftest import FIXTURES, html_tags, visible_text, word_counts

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


def test_a_provinces_own_text_names_its_province_once() -> None:
    """Locality and province are the same for a province's text: the panel says "Lào Cai", not twice."""
    page = page_for("UBND TỈNH LÀO CAI\nSố: 12/TB-UBND\nLào Cai, ngày 02 tháng 10 năm 2025\n\nTHÔNG BÁO\n"
                    "Kết luận của Chủ tịch UBND tỉnh\n\n1. Sở Xây dựng rà soát quỹ đất trước ngày 30/11/2025.\n")
    panel = page[page.index("Địa phương"):][:200]
    assert "Lào Cai" in panel and "Lào Cai, Lào Cai" not in panel


def test_a_table_of_one_row_shows_that_row_and_no_empty_one() -> None:
    page = to_html(page_for("KẾT LUẬN\n\n| Nội dung | Thời hạn |\n|---|---|\n\n1. Giao Văn phòng theo dõi.\n"))
    text = page[page.index('id="toan-van"'):]  # the full text, below the task table
    assert "<table>" not in text
    assert "| Nội dung | Thời hạn |" in html.unescape(text)
    full = to_html(page_for("KẾT LUẬN\n\n| Nội dung | Thời hạn |\n|---|---|\n| Kiểm tra | 2024 |\n"))
    assert "<td>Kiểm tra</td>" in full and "<th>Nội dung</th>" in full


# --- raw text stays text: lists are lists, nothing is code, no Markdown of ours shows ---------------------

LISTS = """ĐẢNG BỘ TỈNH QUẢNG NAM
THÀNH ỦY TAM KỲ
-----
Số 127-TB/TU
Tam Kỳ, ngày 15 tháng 3 năm 2024

THÔNG BÁO KẾT LUẬN
của Thường trực Thành ủy về công tác dân vận

Ngày 12/3/2024, Thường trực Thành ủy họp nghe báo cáo. Thường trực Thành ủy kết luận:

1. Ủy ban nhân dân thành phố chủ trì triển khai Nghị quyết số 08-NQ/TU & Kế hoạch số 15-KH/TU:
+ Rà soát các hộ dân thuộc diện hỗ trợ, lập danh sách
  gửi về Văn phòng Thành ủy trước ngày 30/6/2024;
+ Kiểm tra việc thực hiện và báo cáo kết quả.
a) Hội Nông dân thành phố triển khai mô hình tổ hợp tác.
   - Tuyên truyền đến các chi hội cơ sở;
   - Tổng hợp kết quả, báo cáo Thường trực Thành ủy.
99. Ban Dân vận Thành ủy theo dõi việc thực hiện.
100. Văn phòng Thành ủy tổng hợp kết quả.
101. Các cơ quan báo cáo định kỳ hằng quý.

Nơi nhận:
+ Ban Thường vụ Tỉnh ủy;
+ Lưu VPTU.

T/M THƯỜNG TRỰC THÀNH ỦY
PHÓ BÍ THƯ
Nguyễn Văn Bình
"""


def article_of(html_page: str) -> str:
    return html_page[html_page.index("<article"): html_page.index("</article>")]


def _leaks(text: str) -> list[str]:
    """Our own Markdown showing through as text: attribute lists, link syntax, escapes, entities."""
    return re.findall(r"\{:|\]\(|\\[\\`*_{}\[\]#|+\-.!]|&amp;|&lt;|&gt;", text)


def _text_part(article: str) -> str:
    """The full text's part of a page, up to our note of the file's SHA-256 (shown below it, as code on purpose)."""
    part = article[article.index('id="toan-van"'):]
    end = part.find("Mã kiểm tra SHA-256")
    return part if end < 0 else part[:end]


def test_plus_and_indented_bullets_after_items_are_lists_on_the_built_page(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "danh-sach.txt").write_text(LISTS, encoding="utf-8")
    shutil.copy(FIXTURES / "shapes" / "official_header_party.txt", source)
    archive = build.build(source, tmp_path / "site")
    assert not archive.errors
    for page in sorted((tmp_path / "site" / "van-ban").glob("*/index.html")):
        article = article_of(page.read_text(encoding="utf-8"))
        body = _text_part(article)
        assert "<pre" not in article and "<code" not in body, page  # the source is not code: nothing shows as it
        assert _leaks(visible_text(body)) == [], page
    body = article_of((tmp_path / "site" / "van-ban" / "danh-sach" / "index.html").read_text(encoding="utf-8"))
    items = [" ".join(visible_text(li).split()) for li in re.findall(r"<li>(.*?)</li>", body, re.DOTALL)]
    assert "Rà soát các hộ dân thuộc diện hỗ trợ, lập danh sách gửi về Văn phòng Thành ủy trước ngày 30/6/2024;" \
        in items
    assert "Tuyên truyền đến các chi hội cơ sở;" in items and "Lưu VPTU." in items
    assert "08-NQ/TU & Kế hoạch" in " ".join(visible_text(body).split())
    header = body[body.index('id="toan-van"'): body.index("vb-title")]
    assert "<hr" in header  # the separator line of the header is a line
    for n in (99, 100, 101):
        assert f'id="nhiem-vu-{n}"' in body and f'<span class="vb-marker">{n}.</span>' in body


WORDS = ["Ủy", "ban", "nhân", "dân", "thành", "phố", "chủ", "trì", "phối", "hợp", "Sở", "Nội", "vụ", "rà", "soát",
         "báo", "cáo", "kết", "quả", "hộ", "nghèo", "Đà", "Lạt"]
MARKERS = ["", "", "", "- ", "+ ", "* ", "• ", "– ", "1. ", "2) ", "10. ", "1.2. ", "a) ", "đ) ", "II. ", "IV- ",
           "# ", "### ", "**", "¹ "]


def random_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(3, 25)):
        if rng.random() < 0.15:
            lines.append(rng.choice(["", "", "   ", "-----", "***", "| Nội dung | Thời hạn |", "|---|---|"]))
            continue
        indent = " " * rng.choice([0, 0, 0, 1, 2, 3, 4, 6, 8])
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
        end = rng.choice(["", ".", ";", ":", ","])
        lines.append(f"{indent}{rng.choice(MARKERS)}{words}{end}")
    return "\n".join(lines) + "\n"


def test_no_shape_of_lines_renders_as_code_or_shows_our_markdown() -> None:
    """Random texts made of the genre's markers, indentations and separators: every word is shown, as text."""
    rng = random.Random(13)
    for _ in range(300):
        text = random_text(rng)
        html = to_html(page_for(text).split("---\n", 2)[2])
        body = _text_part(html)
        tags = {t for t, _ in html_tags(body)}
        assert not tags & {"pre", "code"}, text
        shown = visible_text(body)
        assert _leaks(shown) == [], text
        assert word_counts(shown) >= word_counts(text), text


def test_a_deadline_reads_the_same_everywhere() -> None:
    from build_scripts.vietnamese import display_deadline

    assert display_deadline("2024-03", "hoàn thành trong quý I/2024") == "quý I/2024"
    assert display_deadline("2024-06", "Quý II năm 2024") == "quý II/2024"
    assert display_deadline("2023-11", "trong tháng 11/2023") == "tháng 11/2023"
    assert display_deadline("2024-01-15", "trước ngày 15/01/2024") == "15/01/2024"
    assert display_deadline("2023", "trong năm 2023") == "năm 2023"
    assert display_deadline(None, None) == ""


def test_the_task_table_leaves_out_empty_columns_and_keys_its_labelled_headings() -> None:
    text = ("KẾT LUẬN\ncủa Thường trực Huyện ủy về chuyển đổi số\n\nIII. NHIỆM VỤ THỜI GIAN TỚI\n\n"
            "1. Giao Phòng Văn hóa và Thông tin chủ trì, phối hợp với Công an huyện rà soát hạ tầng số, "
            "hoàn thành trong quý I/2024.\n\n2. Ủy ban nhân dân các xã tuyên truyền về chuyển đổi số.\n")
    html = to_html(page_for(text))
    table = html[html.rindex("<table", 0, html.index("vb-tasks-mark")):html.index("</table>")]
    heads = re.findall(r"<th>(.*?)</th>", table)
    assert [re.sub(r"<[^>]+>", "", h) for h in heads] == ["Số", "Nội dung", "Chủ trì / thực hiện", "Phối hợp",
                                                          "Thời hạn"]
    # no task cites a document: no such column; a labelled column's heading names its card's label
    assert heads[2:] == ['<span class="vb-h--lead-addressed">Chủ trì / thực hiện</span>',
                         '<span class="vb-h--support">Phối hợp</span>',
                         '<span class="vb-h--deadline">Thời hạn</span>']
    # the deadline as shown, with its ISO value for the browser's overdue mark; the label is not in the cell
    # a space after the label (a character reference in Markdown, which strips a cell's spaces)
    assert re.search(r"<td>(?: |&#32;)<span class=\"vb-deadline\"[^>]*>quý I/2024</span>", table)
    assert "Thời hạn:" not in table
    assert "<td></td>" in table  # task 2 has no deadline: an empty cell, so its card skips the line


def test_a_page_defines_exactly_the_abbreviations_its_text_uses_standing_alone() -> None:
    """The one-pass finder gives what a search for each abbreviation alone gives, on texts that nest and glue them."""
    from build_scripts.knowledge.bodies import glossary
    from build_scripts.writers.pages.archive import abbreviations_in

    names = [a for a in glossary() if "," not in a]
    rng = random.Random(18)
    texts = ["Giao UB MTTQ thành phố và Hội LHPN phường, Phòng TN&MT phối hợp; MTTQ-UBND không phải viết tắt.",
             "Sở LĐ-TB&XH, Phòng LĐ-TB&XH và TB&XH; 12/UBND-VP; HĐND.", ""]
    for _ in range(200):
        texts.append(" ".join(rng.choice([*names, "UB", "và", "các", "MTTQ,", "(UBND)", "số 12/UBND"])
                              + rng.choice(["", " ", "-", "/", "a", ";"]) for _ in range(30)))
    for text in texts:
        alone = {a for a in names if re.search(rf"(?<![\w/-]){re.escape(a)}(?![\w/-])", text)}
        assert abbreviations_in(text) == alone, text
    assert {"UB MTTQ", "MTTQ", "Hội LHPN", "Phòng TN&MT"} <= abbreviations_in(texts[0])
    assert "UBND" not in abbreviations_in("MTTQ-UBND và 12/UBND-VP")


def test_the_text_written_as_html_is_what_python_markdown_made_of_its_markdown() -> None:
    """The document page's text is raw HTML (no inline parsing): the reader gets the same page as from its
    Markdown, abbreviations explained where the abbr extension put them (beside "_", "&", a link, in a
    citation), a source's markup shown as text, links to the cited documents."""
    from build_scripts.knowledge.bodies import glossary
    from build_scripts.writers.pages import citation_links
    from build_scripts.writers.pages.archive import abbreviations_in
    from build_scripts.writers.pages.markdown import render_body

    text = ("THÀNH ỦY ĐÀ LẠT\nSố 120-TB/ThU\n\nTHÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ Thành ủy\n\n"
            "Thực hiện Nghị quyết số 08-NQ/ThU ngày 13/12/2022 của Thành ủy, UBND thành phố và UB MTTQ "
            "đã làm tốt; UBND_cũ, KH-UBND & MTTQ <b>đậm</b> *[UBND]: sai {: #x }.\n\n"
            "I. NHIỆM VỤ\n\n1. Giao UBND thành phố chủ trì, phối hợp với MTTQ thực hiện Kế hoạch số 12/KH-UBND; "
            "hoàn thành trong quý II/2024.\n2. Đề nghị Hội LHPN thành phố tuyên truyền.\n\n"
            "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy,\n- UBND thành phố,\n- Lưu VT.\n\n"
            "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n")
    doc = document_from_source(read_bytes("t.txt", text.encode()), "t")
    used = abbreviations_in(" ".join(b.text for b in doc.blocks))
    assert {"UBND", "MTTQ"} <= used
    titles = {a: m for a, m in glossary().items() if a in used}
    definitions = "\n\n" + "\n".join(f"*[{a}]: {m}" for a, m in sorted(titles.items()))
    links = citation_links(doc)
    assert links
    as_markdown = to_html(render_body(doc.blocks, links) + definitions)
    as_html = render_body(doc.blocks, links, lambda link: link, titles)
    assert "<p" in as_html and "\n{:" not in as_html  # no attribute list: raw HTML
    # a raw block is followed by a blank line: the site's pages are compacted (a run of white space holding a
    # line break becomes that line break), so the reader's page is the same; converted as the render does (its
    # marked runs of raw blocks stashed unparsed: raw_html)
    rendered = mkdocs_shards.page_markdown(EXTENSIONS, {}).convert(as_html + definitions)
    assert re.sub(r"\n\s*\n", "\n", rendered) == re.sub(r"\n\s*\n", "\n", as_markdown)
    assert "<b>" not in as_markdown and "&lt;b&gt;" in as_markdown
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr>_cũ' in as_markdown
    assert 'class="vb-cite"' in as_markdown


def test_escaping_shows_every_character_of_a_source_as_written() -> None:
    """Markdown and HTML escapes (which look for what they change before translating) give what one table
    translating every character gives: controls replaced, markup characters escaped, "&" once."""
    from build_scripts.writers.pages import markdown as md

    every = str.maketrans({**md._CONTROLS, **{ch: "\\" + ch for ch in md._BACKSLASH}, **md._ENTITIES})
    html_only = str.maketrans({**md._CONTROLS, **md._ENTITIES})
    rng = random.Random(12)
    pieces = [*"ab Đường\n\t\\`*_{}[]#|<>&.-+=1 ", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "&amp;", "<b>"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert escape(text) == md._LINE_START.sub(md._line_start, text.translate(every)), repr(text)
        assert md.escape_html(text) == text.translate(html_only), repr(text)
    assert md.escape_html("a & <b>\x00") == "a &amp; &lt;b&gt;\ufffd"


def test_abbreviations_are_marked_standing_between_word_boundaries_outside_tags() -> None:
    """The writer's marking (the word boundary before each match checked apart) marks what a pattern with
    the boundary in it marks: not inside a word ("_" is a boundary, as for the abbr extension), not in a tag."""
    from build_scripts.knowledge.bodies import glossary
    from build_scripts.writers.pages.markdown import Abbreviations

    meanings = glossary()
    rng = random.Random(5)
    pieces = [*list(meanings)[:30], "UB", '<a title="UBND">', "</a>", "x", "_", " ", "-", "é", "1", "/"]
    for _ in range(1500):
        titles = {a: meanings[a] for a in rng.sample(list(meanings)[:30], rng.randint(1, 8))}
        marks = Abbreviations(titles)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        keys = sorted(titles, key=len, reverse=True)
        pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, keys)) + r")(?![^\W_])")
        expected, pos, seen, in_tag = [], 0, 0, False
        for m in pattern.finditer(text):
            opened, closed = text.rfind("<", seen, m.start()), text.rfind(">", seen, m.start())
            in_tag = opened > closed if opened != closed else in_tag
            seen = m.start()
            if not in_tag:
                expected += [text[pos:m.start()], marks.marked[m.group()]]
                pos = m.end()
        assert marks.mark(text) == "".join(expected) + text[pos:], (text, titles)
    assert Abbreviations({"UBND": "Ủy ban nhân dân"}).mark("xUBND UBND_cũ") == \
        'xUBND <abbr title="Ủy ban nhân dân">UBND</abbr>_cũ'


def test_a_page_whose_text_is_kept_still_explains_its_abbreviations_in_a_changed_task_table(tmp_path: Path) -> None:
    """The abbreviations a text uses are kept with its text (one memo entry): when only a task's status changes,
    the page is made again from the kept text, and its task table still explains them."""
    from build_scripts import files
    from build_scripts.model import StatusEntry, TaskStatus

    text = ("THÔNG BÁO KẾT LUẬN\n\nI. NHIỆM VỤ\n\n1. Giao UBND thành phố chủ trì rà soát quy hoạch; "
            "hoàn thành trong quý II/2024.\n2. Đề nghị UB MTTQ thành phố tuyên truyền.\n")
    doc = document_from_source(read_bytes("t.txt", text.encode()), "t")
    links = link([doc])
    memo = files.Memo(tmp_path / "memo", "code")
    first = render_document(doc, links, memo)
    assert first == render_document(doc, links)  # as made without a memo
    doc.facts.tasks[0].status = TaskStatus(StatusEntry("đã hoàn thành", "2024-05-01"))
    again = render_document(doc, links, memo)
    assert again != first and again == render_document(doc, links)
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr>' in again.split("Toàn văn")[0]  # in the task table


def test_the_lists_of_cited_and_citing_documents_are_what_python_markdown_made_of_their_markdown() -> None:
    """A document page's lists "Văn bản được dẫn chiếu" and "Được dẫn chiếu bởi" are raw HTML: each label reads
    as its Markdown list did (a source's markup as text, "=" and "1." first, "&", "_"), abbreviations explained
    where the abbr extension put them."""
    from build_scripts import raw_html
    from build_scripts.writers.pages import _inline_html
    from build_scripts.writers.pages.markdown import Abbreviations

    titles = {"UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc"}
    definitions = "\n\n" + "\n".join(f"*[{a}]: {m}" for a, m in sorted(titles.items()))
    rng = random.Random(16)
    pieces = [*"ab Đường\\`*_{}[]#|<>&.-+=1 ", "UBND", " MTTQ", "UBND_", "-KT", "&amp;", "<b>", "\x01", "**"]
    labels = ["= đầu", "1. Kế hoạch", "- gạch", "Công văn số 1233/UBND-KT của UBND thành phố", "a & <b>b</b>"]
    labels += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))).strip() or "x" for _ in range(300)]
    labels = [label for label in labels if not label.endswith("\\")]  # "\" before "]" escapes it in the old list
    as_markdown = to_html("\n".join(f'- <span id="d{i}"></span>[{escape(label)}](../../dan-chieu/x/) — '
                                    f"[xem đoạn dẫn chiếu](#doan-{i})" for i, label in enumerate(labels)) + definitions)
    items = "\n".join(f'<li><span id="d{i}"></span><a href="../../dan-chieu/x/">{_inline_html(label)}</a> — '
                      f'<a href="#doan-{i}">xem đoạn dẫn chiếu</a></li>' for i, label in enumerate(labels))
    as_html = raw_html.mark(Abbreviations(titles).mark(f"<ul>\n{items}\n</ul>"))
    rendered = mkdocs_shards.page_markdown(EXTENSIONS, {}).convert(as_html + definitions)
    assert re.sub(r"\n\s*\n", "\n", rendered) == re.sub(r"\n\s*\n", "\n", as_markdown)
    assert '<abbr title="Ủy ban nhân dân">UBND</abbr>-KT' in rendered and "&#61; đầu" in rendered


def test_a_pdf_copys_page_furniture_is_shown_apart_after_the_paragraph_it_cut() -> None:
    """A page number and running header left inside a task of a PDF's copy: every word is on the page, the furniture
    in a paragraph of its own (class vb-trang) after the whole task, whose sentence reads on across the break."""
    text = (FIXTURES / "round4" / "c3_pdf_ubnd_huyen_phochutich.txt").read_text(encoding="utf-8")
    html = to_html(page_for(text).split("---\n", 2)[2])
    body = _text_part(html)
    shown = visible_text(body)
    assert word_counts(shown) >= word_counts(text)
    furniture = re.findall(r'<p class="vb-trang"[^>]*>(.*?)</p>', body, re.DOTALL)
    assert len(furniture) == 1 and "285/TB-UBND" in visible_text(furniture[0])
    assert visible_text(furniture[0]).split()[0] == "2"
    task = body[body.index("Phòng Tài chính - Kế hoạch chủ trì"):body.index('class="vb-trang"')]
    assert "Thủ tướng Chính" in task and "phủ và nguồn vận động" in task


@pytest.mark.parametrize("path", sorted([*(FIXTURES / "round13").glob("*.txt"), *(FIXTURES / "holdout13").glob("*.txt"),
                                         *(FIXTURES / "round12").glob("y*.txt"), *(FIXTURES / "round15").glob("*.txt"),
                                         *(FIXTURES / "holdout15").glob("*.txt"), *(FIXTURES / "round16").glob("*.txt"),
                                         *(FIXTURES / "holdout16").glob("*.txt"), *(FIXTURES / "round17").glob("*.txt"),
                                         *(FIXTURES / "holdout17").glob("*.txt"), *(FIXTURES / "round18").glob("*.txt"),
                                         *(FIXTURES / "holdout18").glob("*.txt"), *(FIXTURES / "round19").glob("*.txt"),
                                         *(FIXTURES / "holdout19").glob("*.txt"), *(FIXTURES / "round20").glob("*.txt"),
                                         *(FIXTURES / "holdout20").glob("*.txt")]), ids=lambda p: p.stem)
def test_every_word_of_a_layout_copy_or_a_minutes_is_on_its_page(path: Path) -> None:
    """The shapes read apart since session 35 (a table aligned by spaces made one row a line, its page break's lines set
    after it; a signature beside the recipients split from them; paragraphs with no blank line between) and session
    36 (a Word export's escaped list marks, a page's header naming the document once, a signature's empty column):
    every word of the text is still on the page (a web table's "<br>" in a cell is shown as the line break it is)."""
    text = path.read_text(encoding="utf-8")
    shown = visible_text(_text_part(to_html(page_for(text).split("---\n", 2)[2])))
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    missing = word_counts(text) - word_counts(shown)
    assert not missing, missing


def test_two_signatures_make_one_row_as_html_and_as_markdown() -> None:
    """The minutes' two signatures (the secretary's, then the chair's) are one row, the secretary's first: the
    same page from the raw HTML as from the Markdown."""
    from build_scripts.writers.pages.markdown import render_body

    text = ("BIÊN BẢN\nCuộc họp\n\nI. KẾT LUẬN\n\n1. Giao Phòng Nội vụ rà soát.\n\nCuộc họp kết thúc lúc 16 giờ./.\n\n"
            "THƯ KÝ\tCHỦ TRÌ CUỘC HỌP\n\tPHÓ CHỦ TỊCH UBND HUYỆN\n\n(Đã ký)\t(Đã ký)\n\n"
            "Nguyễn Thị Hoa\tPhan Văn Quang\n")
    doc = document_from_source(read_bytes("t.txt", text.encode()), "t")
    as_markdown = to_html(render_body(doc.blocks, {}))
    as_html = mkdocs_shards.page_markdown(EXTENSIONS, {}).convert(render_body(doc.blocks, {}, lambda link: link, {}))
    for page in (as_markdown, as_html):
        row = re.search(r'<div class="vb-signatures">(.*?)</div>', page, re.DOTALL)
        assert row, page
        assert re.findall(r'class="vb-signature"', row.group(1)) == ['class="vb-signature"'] * 2
        assert row.group(1).index("Nguyễn Thị Hoa") < row.group(1).index("Phan Văn Quang")
    assert re.sub(r"\n\s*\n", "\n", as_html) == re.sub(r"\n\s*\n", "\n", as_markdown)

"""Which body a name stands for: the alias and variant table of data/organisations.yml, groups,
scoping by locality and level, what is not a body, and what stays unknown."""

from __future__ import annotations

import pytest

from build_scripts.knowledge import bodies
from build_scripts.knowledge.bodies import Context, identify

# documents of different levels, as the link stage describes them
TAM_KY = Context("tk", "Tam Kỳ", "Quảng Nam", "thành phố", True)  # a Thành ủy's text
DA_LAT = Context("dl", "Đà Lạt", "Lâm Đồng", "thành phố", True)
DUC_PHO = Context("dp", "Đức Phổ", "Quảng Ngãi", "thị xã", True)
NGHI_LOC = Context("nl", "Nghi Lộc", "Nghệ An", "huyện", False)  # a UBND huyện's text
QUANG_TRI = Context("qt", "Quảng Trị", "Quảng Trị", "tỉnh", True)  # a Tỉnh ủy's text
LIEN_CHIEU = Context("lc", "Liên Chiểu", "Đà Nẵng", "quận", True)  # a district of a city run by the centre
NOWHERE = Context("x", None, None, "huyện", True)  # the text does not say where


def body(name: str, ctx: Context = TAM_KY) -> bodies.Identity:
    found = identify(name, ctx)
    assert found is not None, name
    return found


# --- spelling variants -----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "classic"), [
    ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"),
    ("hoàng", "hoàng"), ("quả", "quả"), ("người", "người"), ("ngoài", "ngoài"), ("giữ", "giữ"), ("thủy", "thủy"),
])
def test_the_tone_mark_has_one_place(word: str, classic: str) -> None:
    assert bodies.tone_normal(word) == classic


@pytest.mark.parametrize("names", [
    # the tone mark's two placements
    ["Ủy ban nhân dân thành phố", "Uỷ ban nhân dân thành phố"],
    ["Phòng Văn hóa và Thông tin", "Phòng Văn hoá và Thông tin"],
    ["cấp ủy", "cấp uỷ", "Cấp Uỷ"],
    # letter case
    ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ",
     "ủy ban mặt trận tổ quốc việt nam thành phố"],
    # hyphens, dashes, "&", "và" and spaces
    ["Các tổ chức chính trị - xã hội", "các tổ chức chính trị-xã hội", "các tổ chức chính trị – xã hội",
     "các tổ chức CT-XH", "các tổ chức CTXH", "các tổ chức CT - XH", "CT-XH"],
    ["Phòng Tài nguyên và Môi trường", "Phòng Tài nguyên - Môi trường", "Phòng TN&MT", "Phòng TN-MT", "Phòng TNMT"],
    ["Văn phòng HĐND và UBND thành phố", "Văn phòng HĐND-UBND thành phố", "Văn phòng Hội đồng nhân dân và Ủy ban "
     "nhân dân thành phố"],
    ["Ủy ban MTTQ", "UB MTTQ", "UBMTTQ", "MTTQ", "Ủy ban MTTQVN", "Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam",
     "Ủy ban Mặt trận Tổ quốc Việt Nam", "Mặt trận"],
    # abbreviations, and the words of an abbreviation inside a name
    ["UBND thành phố", "Ủy ban nhân dân thành phố", "UBND TP", "Ủy ban nhân dân TP. Tam Kỳ"],
    ["HĐND thành phố", "Hội đồng nhân dân thành phố", "Thường trực HĐND thành phố", "TT HĐND thành phố"],
    ["LĐLĐ thành phố", "Liên đoàn Lao động thành phố", "Công đoàn thành phố"],
    ["Hội CCB thành phố", "Hội Cựu chiến binh thành phố", "CCB thành phố"],
    ["Đoàn TNCS Hồ Chí Minh thành phố", "Thành đoàn", "ĐTN thành phố", "Đoàn Thanh niên thành phố"],
    ["MT-ĐT thành phố", "Mặt trận và các đoàn thể chính trị - xã hội thành phố", "MTTQ và các đoàn thể thành phố",
     "UBMTTQ và các tổ chức CT-XH thành phố", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thành phố"],
    ["Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Nông nghiệp và PTNT", "Phòng NN&PTNT"],
    ["Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TB&XH", "Phòng Lao động - TB&XH", "Phòng LĐTBXH"],
    ["Ban Quản lý dự án đầu tư xây dựng thành phố", "Ban QLDA ĐTXD thành phố", "BQLDA thành phố"],
])
def test_every_way_of_writing_a_body_meets_one_body(names: list[str]) -> None:
    found = {body(n).id for n in names}
    assert len(found) == 1, {n: body(n).id for n in names}


def test_every_name_the_data_file_gives_a_kind_maps_to_that_kind() -> None:
    """The table is consistent: no alias of one kind is taken by another (a loose name may be shared)."""
    wrong = {}
    for kind in bodies.kinds():
        for name in (kind.name, *kind.abbr, *kind.aliases):
            found = identify(name, NGHI_LOC if not kind.party else Context("h", "Nghi Lộc", "Nghệ An", "huyện", True))
            if found is None or found.kind is None or found.kind.id != kind.id:
                wrong[name] = found.name if found else None
    assert wrong == {}


def test_a_body_gets_its_canonical_name_and_kind() -> None:
    front = body("MTTQ")
    assert front.name == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Tam Kỳ"
    assert front.kind_name == "Ủy ban Mặt trận Tổ quốc Việt Nam" and front.category == "Mặt trận và đoàn thể"
    assert body("Ban Dân vận Thành ủy").name == "Ban Dân vận Thành ủy Tam Kỳ"
    assert body("Ban Thường vụ Thành ủy").name == "Thành ủy Tam Kỳ"
    assert body("Đoàn TNCS Hồ Chí Minh thành phố").name == "Thành đoàn Tam Kỳ"
    assert body("Ban Thường trực Ủy ban MTTQ Việt Nam thành phố").id == front.id  # an organ is its body's


def test_a_process_that_lets_the_knowledge_go_gets_the_same_bodies_after() -> None:
    """``let_go`` (the search index's process, and the build once its pages are written) frees the knowledge and
    the names' caches; asked again, they are made again, to the same answers."""
    names = ["MTTQ", "Ban Dân vận Thành ủy", "Phòng Nông nghiệp và PTNT", "UBND các xã, phường"]
    before = [body(n) for n in names]
    held = bodies.knowledge()
    bodies.let_go()
    assert bodies.knowledge.cache_info().currsize == 0 and identify.cache_info().currsize == 0
    assert [body(n) for n in names] == before
    assert bodies.knowledge() is not held  # made again, not kept somewhere else


# --- groups --------------------------------------------------------------------------------------


def test_a_name_for_several_bodies_is_a_group_of_them() -> None:
    group = body("Mặt trận và các đoàn thể CT-XH thành phố")
    assert group.kind is None and group.group is not None
    members = {m.kind_name for m in group.members}
    assert members == {"Ủy ban Mặt trận Tổ quốc Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                       "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Liên đoàn Lao động"}
    assert body("MTTQ").id in {m.id for m in group.members}  # the member is the same body as the name alone
    assert all(m.scope == group.scope for m in group.members)
    socio = body("các tổ chức chính trị - xã hội thành phố")
    assert {m.id for m in socio.members} < {m.id for m in group.members}


# --- scoping by locality and level -------------------------------------------------------------------


def test_the_same_name_is_another_body_in_another_locality() -> None:
    assert body("UBND thành phố", TAM_KY).id == "uy-ban-nhan-dan--tam-ky"
    assert body("UBND thành phố", DA_LAT).id == "uy-ban-nhan-dan--da-lat"
    assert body("UBND thành phố", TAM_KY).kind == body("UBND thành phố", DA_LAT).kind


def test_a_level_above_the_document_is_its_province_and_one_below_every_unit_under_it() -> None:
    assert body("UBND tỉnh", TAM_KY).name == "Ủy ban nhân dân tỉnh Quảng Nam"
    assert body("Ủy ban nhân dân tỉnh", QUANG_TRI).id == body("UBND", QUANG_TRI).id  # the text's own level
    communes = body("UBND các xã, phường", DUC_PHO)
    assert communes.name == "Ủy ban nhân dân cấp xã (Đức Phổ)"
    assert body("Ủy ban nhân dân các phường", DUC_PHO).id == communes.id
    assert body("UBND các xã, phường, thị trấn", DUC_PHO).id == communes.id
    assert body("các huyện ủy", QUANG_TRI).id == body("thị ủy", QUANG_TRI).id == body("thành ủy", QUANG_TRI).id
    assert body("UBND thành phố", LIEN_CHIEU).name == "Ủy ban nhân dân thành phố Đà Nẵng"  # the city above a quận
    assert body("Ủy ban nhân dân quận", LIEN_CHIEU).name == "Ủy ban nhân dân quận Liên Chiểu"


def test_a_name_after_a_committee_that_carries_its_level_is_that_place() -> None:
    """"Huyện uỷ Lục Nam" in a province's text: the district's party committee, though no list of towns knows it,
    under either placement of the tone mark; never "Chính quyền"."""
    bac_giang = Context("bg", "Bắc Giang", "Bắc Giang", "tỉnh", True)
    for name in ("Ban Thường vụ Huyện uỷ Lục Nam", "Huyện ủy Lục Nam", "Thường trực Huyện uỷ Lục Nam"):
        found = body(name, bac_giang)
        assert (found.kind_name, found.name) == ("Cấp ủy", "Huyện ủy Lục Nam"), name


def test_the_units_of_2025_and_the_councils_committees_are_known() -> None:
    quang_ngai = Context("qn", "Quảng Ngãi", "Quảng Ngãi", "tỉnh", False)
    assert body("UBND đặc khu Lý Sơn", quang_ngai).name.startswith("Ủy ban nhân dân đặc khu Lý Sơn")
    # officers stand for their bodies: the communes' committees, every unit of the tier
    assert body("Chủ tịch UBND các xã, phường, đặc khu", quang_ngai).name == "Ủy ban nhân dân cấp xã (Quảng Ngãi)"
    assert body("Các Ban HĐND huyện", NGHI_LOC).kind_name == "Các Ban của Hội đồng nhân dân"
    assert body("Báo và Phát thanh, Truyền hình Hà Tĩnh", Context("ht", "Hà Tĩnh", "Hà Tĩnh", "tỉnh", True)).name == \
        "Báo và Phát thanh, Truyền hình tỉnh Hà Tĩnh"


def test_a_clause_that_narrows_units_is_no_part_of_the_name() -> None:
    assert body("các thôn có dự án", NGHI_LOC).id == body("các thôn", NGHI_LOC).id
    assert body("UBND các xã có rừng", NGHI_LOC).id == body("UBND các xã", NGHI_LOC).id
    assert body("các chi hội đoàn thể ở thôn", NGHI_LOC).group.name == "Các tổ chức chính trị - xã hội"
    assert body("UBND các xã biên giới", NGHI_LOC).id == body("UBND các xã", NGHI_LOC).id
    assert body("Ban điều hành các khu phố ven kênh", NGHI_LOC).id == body("Ban điều hành các khu phố", NGHI_LOC).id


def test_round_three_bodies() -> None:
    """A council's deputies are the council's; an Đảng ủy Khối's organs are not the province's Tỉnh ủy's; in a
    centrally-run city's text, "UBND thành phố" and "Ban Tổ chức Thành ủy" are the city's own, not a district's."""
    tra_vinh = Context("tv", "Trà Vinh", "Trà Vinh", "tỉnh", False)
    assert body("các vị đại biểu HĐND tỉnh", tra_vinh).id == body("HĐND tỉnh", tra_vinh).id
    yen_bai = Context("yb", "Yên Bái", "Yên Bái", None, True)
    assert body("Ban Tổ chức Đảng ủy Khối", yen_bai).kind_name == "Ban Tổ chức Đảng ủy Khối"
    assert body("Ban Tổ chức Đảng ủy Khối", yen_bai).id != body("Ban Tổ chức Tỉnh ủy", yen_bai).id
    assert body("Ủy ban Kiểm tra Đảng ủy Khối", yen_bai).known
    assert identify("cấp ủy viên phụ trách", NGHI_LOC) is None  # people
    can_tho = Context("ct", "Cần Thơ", "Cần Thơ", "thành phố", True)
    assert body("Đảng ủy UBND thành phố", can_tho).name == "Đảng ủy Ủy ban nhân dân thành phố Cần Thơ"
    assert body("Ban Tổ chức Thành ủy", can_tho).id == body("Ban Tổ chức Thành ủy Cần Thơ", can_tho).id


def test_a_named_place_and_an_area_are_kept() -> None:
    assert body("UBND huyện Phù Cát", Context("bd", "Bình Định", "Bình Định", "tỉnh", False)).name == \
        "Ủy ban nhân dân huyện Phù Cát"
    assert body("Đảng ủy xã Nghi Phong", NGHI_LOC).name == "Đảng ủy xã Nghi Phong (Nghi Lộc)"
    tax = body("Chi cục Thuế khu vực Bảo Lộc - Bảo Lâm", Context("bl", "Bảo Lộc", "Lâm Đồng", "thành phố", True))
    assert tax.name == "Chi cục Thuế khu vực Bảo Lộc - Bảo Lâm" and tax.kind_name == "Chi cục Thuế"


def test_units_named_together_are_a_group_of_one_body_each() -> None:
    phu_cat = Context("pc", "Phù Cát", "Bình Định", "huyện", False)
    two = body("UBND các xã Cát Tiến, Cát Chánh", phu_cat)
    assert two.group is not None and [m.name for m in two.members] == [
        "Ủy ban nhân dân xã Cát Tiến (Phù Cát)", "Ủy ban nhân dân xã Cát Chánh (Phù Cát)"]
    assert two.members[0].id == body("UBND xã Cát Tiến", phu_cat).id  # the same body as when named alone
    assert body("UBND các xã Cát Tiến và Cát Chánh", phu_cat).id == two.id
    assert body("xóm Đông Lộc", phu_cat).name == "Chính quyền xóm Đông Lộc (Phù Cát)"


def test_a_body_of_a_text_that_names_no_locality_stays_that_texts() -> None:
    here, elsewhere = body("Ủy ban nhân dân huyện", NOWHERE), body("Ủy ban nhân dân huyện", Context("y", None))
    assert here.id != elsewhere.id and here.scope.locality is None
    assert "chưa rõ địa phương" in here.name


def test_all_levels_is_one_body_per_locality() -> None:
    assert body("cấp uỷ", DA_LAT).kind == body("Các cấp ủy", DUC_PHO).kind  # one kind across localities
    assert body("cấp ủy", DUC_PHO).id == body("Các cấp ủy", DUC_PHO).id == body("cấp ủy các cấp", DUC_PHO).id


# --- what is not a body, and what is not known -----------------------------------------------------------


@pytest.mark.parametrize("name", ["Nhân dân", "nhân dân", "các tầng lớp nhân dân", "cán bộ, đảng viên và nhân dân",
                                  "Nhân dân các xã", "đoàn viên, hội viên", "đồng chí Nguyễn Văn An",
                                  "các đồng chí Huyện ủy viên"])
def test_people_are_not_bodies(name: str) -> None:
    assert identify(name, TAM_KY) is None


def test_an_officer_names_the_body() -> None:
    assert body("đồng chí Chủ tịch UBND thành phố").id == body("UBND thành phố").id
    assert body("Giám đốc Sở Tài chính", QUANG_TRI).name == "Sở Tài chính tỉnh Quảng Trị"


def test_a_name_no_entry_explains_is_kept_as_written_never_forced_into_another_body() -> None:
    unknown = body("Tổ Công nghệ số cộng đồng thành phố")
    assert not unknown.known and unknown.written == "Tổ Công nghệ số cộng đồng"
    assert unknown.scope.locality == "Tam Kỳ"
    assert "Tổ công tác" not in unknown.name  # not the nearest listed kind


def test_a_body_of_a_family_is_a_kind_of_its_own() -> None:
    found = body("Ban Quản lý di tích và danh thắng thành phố")
    assert found.known and not found.kind.known
    assert found.kind_name == "Ban Quản lý di tích và danh thắng"
    assert found.category == "Đơn vị sự nghiệp và ban quản lý"
    assert body("Ban Quản lý di tích và danh thắng", DA_LAT).kind.id == found.kind.id


# --- categories ------------------------------------------------------------------------------------


UNITS = "Đơn vị sự nghiệp và ban quản lý"


@pytest.mark.parametrize(("name", "category"), [
    ("Ban Xây dựng Đảng", "Đảng"), ("Văn phòng Đảng ủy", "Đảng"), ("Văn phòng Thành ủy", "Đảng"),
    ("Đảng ủy các xã, phường", "Đảng"), ("Chi bộ thôn 3", "Đảng"), ("Ủy ban Kiểm tra Thành ủy", "Đảng"),
    ("HĐND thành phố", "Chính quyền"), ("Phòng Nội vụ", "Chính quyền"), ("Sở Xây dựng", "Chính quyền"),
    ("Văn phòng HĐND và UBND", "Chính quyền"),
    ("Ban công tác Mặt trận ở thôn", "Mặt trận và đoàn thể"), ("Hội Chữ thập đỏ", "Mặt trận và đoàn thể"),
    ("Công an thành phố", "Lực lượng vũ trang"), ("Ban CHQS thành phố", "Lực lượng vũ trang"),
    ("Ban Quản lý dự án", UNITS), ("Đội Quản lý trật tự đô thị", UNITS), ("Trung tâm Y tế", UNITS),
    ("các cơ quan, đơn vị liên quan", "Khác"),
])
def test_each_body_is_filed_in_its_category(name: str, category: str) -> None:
    assert body(name).category == category


def test_the_data_file_is_sound() -> None:
    for kind in bodies.kinds():
        assert kind.category in bodies.categories()
        assert "--" not in kind.id  # a body's id is "<kind>--<place>": a kind's never holds the separator
    names = [k.name for k in bodies.kinds()] + [g.name for g in bodies.groups()]
    assert len(names) == len(set(names))
    glossary = bodies.glossary()
    assert glossary["MTTQ"] == "Ủy ban Mặt trận Tổ quốc Việt Nam"
    assert glossary["CT-XH"] == "Các tổ chức chính trị - xã hội"


# --- the search's synonyms -----------------------------------------------------------------------------


def test_search_synonyms_pair_abbreviations_with_full_names_and_leave_out_short_or_shared_ones() -> None:
    from build_scripts.writers.search import synonym_names as index

    every = {w for names, loose in bodies.synonyms() for n in (*names, *loose) for w in index._words(n)}
    classes = index.synonyms(every)
    front = next(c for c in classes if ["mttq"] in c[0])
    alternatives = [front[0][n] for n in front[1]]
    assert ["mat", "tran", "to", "quoc"] in alternatives and ["mttq"] in alternatives  # both ways, no diacritics
    assert ["uy", "ban", "mttq"] in front[0] and ["uy", "ban", "mttq"] not in alternatives  # it holds "mttq"
    assert ["mat", "tran"] in front[2] and ["mat", "tran"] not in front[0]  # "Mặt trận" finds them, not back
    forms = [f for c in classes for f in (*c[0], *c[2])]
    assert ["ca"] not in forms and ["tt"] not in forms  # "CA" (Công an) is "cá", "cả" once folded
    assert len(forms) == len({tuple(f) for f in forms})  # no name stands for two classes
    assert index.synonyms({"mttq"}) and not index.synonyms({"xyz"})  # only what the archive can match

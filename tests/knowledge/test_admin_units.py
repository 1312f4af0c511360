"""The current administrative units, read from the data file the pinned ``vietnam-provinces`` package ships: the
same provinces and wards as the package's own modules give (which the build no longer imports)."""

from __future__ import annotations

from build_scripts import knowledge
from build_scripts.knowledge import communes, places


def test_the_units_read_from_the_packages_data_file_are_those_of_its_modules() -> None:
    from vietnam_provinces import Province, Ward

    provinces, wards = knowledge.admin_units()
    assert {(p.name, p.code) for p in provinces} == {(p.name, int(p.code)) for p in Province.iter_all()}
    assert sorted((w.name, w.division_type, w.province_code) for w in wards) == sorted(
        (w.name, w.division_type.value, int(w.province_code)) for w in Ward.iter_all())
    assert len(provinces) == 34 and len(wards) > 3000


def test_a_commune_and_a_province_are_known_by_their_names() -> None:
    assert "Lâm Đồng" in places.current_provinces() and "Hà Nội" in places.cities()
    found = communes.commune("Xuân Hương - Đà Lạt")
    assert found is not None and found.kind == "phường" and found.province == "Lâm Đồng"

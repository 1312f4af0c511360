"""overrides/main.html copies Material's ``site_nav`` block to give the navigation rendered once
(site/mkdocs_shards.py, ``vb_nav``): the copy must stay Material's block, one line aside, or an upgrade of the
theme would leave the sidebars of the pages outside the navigation as the old theme drew them."""

from __future__ import annotations

import re
from pathlib import Path

import material

from ..conftest import ROOT

BLOCK = re.compile(r"\{% block site_nav %\}(.*?)\{% endblock %\}", re.S)
OURS = '{% if vb_nav is defined %}{{ vb_nav }}{% else %}{% include "partials/nav.html" %}{% endif %}'


def test_the_site_nav_block_is_materials_own_but_for_the_navigation_given_whole() -> None:
    theirs = BLOCK.search((Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8"))
    ours = BLOCK.search((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"))
    assert theirs is not None and ours is not None
    assert ours.group(1).count(OURS) == 1
    assert ours.group(1).replace(OURS, '{% include "partials/nav.html" %}') == theirs.group(1)

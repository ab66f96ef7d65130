"""The registry of the site's sections: each makes some pages and names the shared assets they use.

A new kind of page is a module with a `pages(site)` function (and `ASSETS` if it ships files; an
asset made from the graph, such as the search index, is yielded by `pages` with the pages),
added to SECTIONS with the menu entries it offers; the writer, the menu, the link check and the
benchmark see it with no other change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plankg.viz.site import home, indexes, node_pages, overview, pictures, plan_text, search_page, vis
from plankg.viz.site.pages import Asset, Site, SitePage


@dataclass(frozen=True)
class Section:
    name: str
    pages: Callable[[Site], Iterable[SitePage | Asset]]
    assets: tuple[Asset, ...] = ()
    # The pages it adds to each plan's menu: (file name under <plan>/_/, Chinese, English).
    menu: tuple[tuple[str, str, str], ...] = ()


def menu() -> tuple[tuple[str, str, str], ...]:
    return tuple(entry for section in SECTIONS for entry in section.menu)


SECTIONS: tuple[Section, ...] = (
    Section("home", home.pages, home.ASSETS),
    Section("text", plan_text.pages, plan_text.ASSETS, menu=(("text", "规划原文", "Plan text"),)),
    Section(
        "indexes",
        indexes.pages,
        indexes.ASSETS,
        menu=(
            ("classes", "按类别", "By class"),
            ("chapters", "按章节", "By chapter"),
            ("pillars", "按目标支柱", "By pillar"),
            ("places", "按地点", "By place"),
            ("organizations", "按机构", "By organization"),
        ),
    ),
    Section("search", search_page.pages, search_page.ASSETS),
    Section("pictures", pictures.pages, pictures.ASSETS, menu=(("pictures", "图表", "Pictures"),)),
    Section("overview", overview.pages, overview.ASSETS, menu=(("overview", "总览图", "Overview"),)),
    Section("nodes", node_pages.pages, vis.ASSETS + node_pages.ASSETS),
)

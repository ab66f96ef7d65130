"""The registry of the site's sections: each makes some pages and names the shared assets they use.

A new kind of page is a module with a `pages(site)` function (and `ASSETS` if it ships files),
added to SECTIONS with the menu entries it offers; the writer, the menu, the link check and the
benchmark see it with no other change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plankg.viz.site import home, overview
from plankg.viz.site.pages import Asset, Site, SitePage


@dataclass(frozen=True)
class Section:
    name: str
    pages: Callable[[Site], Iterable[SitePage]]
    assets: tuple[Asset, ...] = ()
    # The pages it adds to each plan's menu: (file name under <plan>/_/, Chinese, English).
    menu: tuple[tuple[str, str, str], ...] = ()


def menu() -> tuple[tuple[str, str, str], ...]:
    return tuple(entry for section in SECTIONS for entry in section.menu)


SECTIONS: tuple[Section, ...] = (
    Section("home", home.pages, home.ASSETS),
    Section("overview", overview.pages, overview.ASSETS, menu=(("overview", "总览图", "Overview"),)),
)

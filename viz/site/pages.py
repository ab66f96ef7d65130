"""What every section of the site produces (pages) and is given (the opened graph, read once)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plankg.graph.vocabulary import Words
from plankg.viz.site import urls

if TYPE_CHECKING:
    import networkx as nx

    from plankg.graph.opened import GraphView
    from plankg.viz.names import PlanNames


@dataclass(frozen=True)
class SitePage:
    """One HTML page: where it goes, its title, and its body as HTML already escaped.

    `scripts` and `styles` are assets (names under assets/) that the shell links after the
    site's own; `crumbs` are (title, path) pairs from the plan's home to this page."""

    path: str
    title: str
    body: str
    scripts: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    crumbs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Asset:
    """A shared file of the site (assets/<name>), written once however many pages use it."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Site:
    """What every section reads: the opened graph, its projection and names, the language."""

    view: GraphView
    lang: str
    plans: tuple[str, ...] = field(default=())  # plan ids, e.g. ("xincheng-14th",)
    # The plan's own pages in the menu: (file name under <plan>/_/, Chinese, English), as the
    # registered sections offer them.
    menu: tuple[tuple[str, str, str], ...] = field(default=())
    searchable: bool = False  # whether the site has its search page (urls.SEARCH)

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        return self.view.projection

    @functools.cached_property
    def names(self) -> PlanNames:
        return self.view.names

    def label(self, iri: str) -> str:
        """A node's label in the site's language (the other language, then its id, if it has none)."""
        data = self.graph.nodes[iri] if iri in self.graph else {}
        words = Words(data.get("label_zh", ""), data.get("label_en", ""))
        return words.get(self.lang) or data.get("id", "") or iri.rsplit("/", 1)[-1]

    def words(self, zh: str, en: str) -> str:
        """The site's own words in its language."""
        return zh if self.lang == "zh" else en

    def node_link(self, source: str, iri: str) -> str:
        """The relative URL from the page at `source` to the page of node `iri`."""
        return urls.relative(source, urls.node_path(iri))

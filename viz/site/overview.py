"""The overview of each plan in the site (`<plan>/_/overview.html`): the whole plan at once, the
goal tree drawn whole and everything else folded into count nodes on the goals (`views.overview`,
the same view as `plankg viz overview`), drawn with the shared vis-network assets.

A click on a goal (or on any node drawn once its fold is open) opens the node's page; a click on
a fold opens it. The page says so above the drawing.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from plankg.viz import styling, views
from plankg.viz.folds import fold_up
from plankg.viz.page import network
from plankg.viz.site import urls, vis
from plankg.viz.site.pages import Asset, Site, SitePage

NAME = "overview"
STYLE = "overview.css"
CSS = """
#overview { border: 1px solid #ddd; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: inherit; }
ul.legend { list-style: none; padding: 0; columns: 4; font-size: 13px; }
ul.legend .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1px solid #444; }
ul.legend .swatch.fold { width: 16px; background: #f7f4ec; border: 2px dashed #4575b4; }
"""
ASSETS: tuple[Asset, ...] = (*vis.ASSETS, vis.FOLDS, Asset(STYLE, CSS.encode()))


def _legend(site: Site, view: views.View) -> str:
    """The looks on the page with their counts, as the standalone page's legend has them."""
    entries = styling.legend((data["cls"] for _, data in view.graph.nodes(data=True)), site.names, site.lang)
    items = "".join(
        f'<li><span class="swatch" style="background:{escape(entry.style.colour)}"></span>'
        f"{escape(entry.name)} ({entry.count:,})</li>"
        for entry in entries
    )
    fold = site.words("虚线框:折叠起来的节点,单击展开", "dashed box: folded nodes, click to open")
    items += f'<li><span class="swatch fold"></span>{escape(fold)}</li>'
    return f'<ul class="legend">{items}</ul>'


def _page(site: Site, plan: str) -> SitePage:
    path = urls.own_page(plan, NAME)
    graph = site.graph.subgraph(node for node in site.graph if urls.plan_of(node) == plan)
    view = views.overview(graph)
    net = network(view, site.names, site.lang)
    folds = fold_up(net, view, site.names, site.lang)
    vis.lean([*net.nodes, *folds["nodes"].values()])  # the tooltips keep labels, class and quote
    for edge in [*net.edges, *folds["edges"]]:  # a link's tooltip names it; its quote is on its ends' pages
        edge["title"] = edge.get("title", "").partition("\n")[0]
    pages = {node: site.node_link(path, node) for node in view.graph}
    title = site.words("总览图", "Overview")
    how = site.words(
        f"整个目标体系:从2035年远景目标、五大目标支柱到各具体目标;其余 {len(view.folded()):,} 个节点"
        f"(任务举措、项目、组织机构、地点、指标、概念等)按类别折叠在各自最靠近的目标上,即 {len(view.folds):,} 个虚线框,"
        "框内写明类别和数量。单击虚线框展开;单击其他节点打开其页面;悬停可见名称、类别和引文。",
        f"The whole goal tree: the 2035 vision, the five pillars and every objective; the other "
        f"{len(view.folded()):,} nodes (measures, projects, organizations, places, indicators, concepts …) are "
        f"folded by kind onto the goals they are nearest, in {len(view.folds):,} dashed boxes that say what they "
        "hold and how many. Click a dashed box to open it; click any other node to open its page; hover for its "
        "names, class and quote.",
    )
    body = (
        f"<h1>{escape(title)}</h1><p>{escape(how)}</p>"
        f"{vis.drawing(net, NAME, '75vh', pages, folds=folds)}{_legend(site, view)}"
    )
    index = site.plans.index(plan)
    home = site.names.titles[index].get(site.lang) if index < len(site.names.titles) else plan
    return SitePage(
        path,
        title,
        body,
        scripts=(*vis.SCRIPTS, vis.FOLDS_SCRIPT),
        styles=(*vis.STYLES, STYLE),
        crumbs=((home, urls.plan_home(plan)),),
    )


def pages(site: Site) -> Iterator[SitePage]:
    for plan in site.plans:
        yield _page(site, plan)

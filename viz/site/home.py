"""The site's front page and each plan's home: what the plan is, and the ways into it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from html import escape

from plankg.viz.site import urls
from plankg.viz.site.pages import Asset, Site, SitePage
from plankg.viz.site.shell import STYLE

CSS = """
body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #222; line-height: 1.6; }
header { background: #f4f1ea; border-bottom: 1px solid #ddd; padding: 6px 16px; }
header .plan { margin: 0; font-weight: bold; }
nav a { margin-right: 12px; font-size: 14px; }
nav form.search { display: inline-block; margin-left: 8px; }
nav input { width: 220px; }
main { max-width: 1100px; margin: 0 auto; padding: 8px 16px 32px; }
footer { color: #666; font-size: 12px; padding: 8px 16px; border-top: 1px solid #ddd; }
.crumbs { font-size: 13px; color: #666; }
a { color: #1a5fb4; text-decoration: none; } a:hover { text-decoration: underline; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ddd; padding: 2px 6px; font-size: 14px; vertical-align: top; }
th { background: #f7f7f7; text-align: left; }
.quote { color: #333; } .quote::before { content: "“"; } .quote::after { content: "”"; }
.why { color: #6a3d9a; font-style: italic; }
.basis { font-size: 12px; color: #fff; border-radius: 3px; padding: 0 4px; }
.basis.stated { background: #4d7c0f; } .basis.curated { background: #6a3d9a; }
mark.fact { background: #fff3b0; border-bottom: 2px solid #e0b000; }
mark.fact:target, mark.fact:hover { background: #ffd84d; }
.muted { color: #777; }
"""

ASSETS = (Asset(STYLE, CSS.encode()),)


def _front(site: Site) -> SitePage:
    items = "".join(
        f'<li><a href="{escape(urls.plan_home(plan))}">{escape(title.get(site.lang))}</a></li>'
        for plan, title in zip(site.plans, site.names.titles, strict=False)
    )
    body = f"<h1>{escape(site.words('规划知识图谱', 'The plan graph'))}</h1><ul>{items}</ul>"
    return SitePage(urls.HOME, site.words("首页", "Home"), body)


def _plan_home(site: Site, plan: str) -> SitePage:
    path = urls.plan_home(plan)
    counts = Counter(data["cls"] for node, data in site.graph.nodes(data=True) if urls.plan_of(node) == plan)
    rows = "".join(
        f"<tr><td>{escape(site.names.class_name(cls, site.lang))}</td><td>{count}</td></tr>"
        for cls, count in counts.most_common()
    )
    menu = "".join(
        f'<li><a href="{escape(urls.relative(path, urls.own_page(plan, name)))}">{escape(site.words(zh, en))}</a></li>'
        for name, zh, en in site.menu
    )
    index = site.plans.index(plan)
    title = site.names.titles[index].get(site.lang) if index < len(site.names.titles) else plan
    body = (
        f"<h1>{escape(title)}</h1><ul>{menu}</ul>"
        f"<h2>{escape(site.words('图谱中的节点', 'Nodes of the graph'))}</h2><table>{rows}</table>"
    )
    return SitePage(path, title, body)


def pages(site: Site) -> Iterator[SitePage]:
    yield _front(site)
    for plan in site.plans:
        yield _plan_home(site, plan)

"""The frame around every page: the shared stylesheet, the plan's name, the navigation to the
indexes, pictures and overview, and a search box that works offline.

Everything the data says is escaped here or by the section that wrote the body; the shell adds
no script: a page names the shared scripts it needs.
"""

from __future__ import annotations

from html import escape

from plankg.viz.site import urls
from plankg.viz.site.pages import Site, SitePage

STYLE = "site.css"


def _nav(site: Site, page: SitePage) -> str:
    link = lambda target: escape(urls.relative(page.path, target))  # noqa: E731
    items = [f'<a href="{link(urls.HOME)}">{escape(site.words("首页", "Home"))}</a>']
    plan = page.path.partition("/")[0]
    if plan in site.plans:
        for name, zh, en in site.menu:
            items.append(f'<a href="{link(urls.own_page(plan, name))}">{escape(site.words(zh, en))}</a>')
    if not site.searchable:
        return f"<nav>{' '.join(items)}</nav>"
    search = link(urls.SEARCH)
    hint = escape(site.words("搜索名称、别名、引文", "Search names, aliases, quotes"))
    box = (
        f'<form class="search" action="{search}" method="get" role="search">'
        f'<input type="search" name="q" placeholder="{hint}"'
        f' aria-label="{escape(site.words("搜索", "Search"))}">'
        f'<button type="submit">{escape(site.words("搜索", "Search"))}</button></form>'
    )
    return f"<nav>{' '.join(items)}{box}</nav>"


def _crumbs(page: SitePage) -> str:
    if not page.crumbs:
        return ""
    parts = [f'<a href="{escape(urls.relative(page.path, path))}">{escape(title)}</a>' for title, path in page.crumbs]
    return f'<p class="crumbs">{" › ".join(parts)}</p>'


def render(site: Site, page: SitePage) -> str:
    """The whole HTML document of a page."""
    asset = lambda name: escape(urls.relative(page.path, urls.asset(name)))  # noqa: E731
    styles = "".join(f'<link rel="stylesheet" href="{asset(name)}">' for name in (STYLE, *page.styles))
    scripts = "".join(f'<script src="{asset(name)}"></script>' for name in page.scripts)
    plan = escape(site.names.plan(site.lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{site.lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(page.title)} · {plan}</title>{styles}{scripts}</head>"
        f'<body><header><p class="plan">{plan}</p>{_nav(site, page)}</header>'
        f"<main>{_crumbs(page)}{page.body}</main>"
        f"<footer>{escape(site.names.plan_full(site.lang))}</footer></body></html>\n"
    )

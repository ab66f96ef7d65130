"""`viz all`: every view of the default set as its own page, and an index page linking them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from plankg.viz.names import PlanNames
from plankg.viz.page import check_lang, counts_text, environment, offline, plan_line, write_page, write_text
from plankg.viz.templates import INDEX, INDEX_NAME
from plankg.viz.views import View, default_views

GROUPS = {
    "overview": ("全貌", "The whole graph"),
    "goals": ("目标体系", "Goals"),
    "serves": ("服务于各目标支柱的内容", "What serves each pillar"),
    "place": ("地点", "Places"),
    "chapter": ("各章", "Chapters"),
    "entity": ("实体邻域", "Neighbourhoods"),
}


@dataclass(frozen=True)
class IndexEntry:
    file: str
    title: str
    counts: str


@dataclass(frozen=True)
class IndexGroup:
    name: str
    entries: list[IndexEntry]


def render_index(views: list[View], names: PlanNames, lang: str = "zh") -> str:
    """The page that lists every view page by kind, with its node and link counts (no script)."""
    check_lang(lang)
    groups = []
    for kind, group_names in GROUPS.items():
        entries = [
            IndexEntry(f"{view.slug}.html", view.title.get(lang), counts_text(view, lang))
            for view in views
            if view.kind == kind
        ]
        if entries:
            groups.append(IndexGroup(group_names[0] if lang == "zh" else group_names[1], entries))
    title = "规划知识图谱视图" if lang == "zh" else "Views of the plan graph"
    template = environment(INDEX, INDEX_NAME).get_template(INDEX_NAME)
    return offline(
        template.render(lang=lang, heading=f"{title} — {names.plan(lang)}", plan=plan_line(names, lang), groups=groups)
    )


def write_all(graph: nx.MultiDiGraph, names: PlanNames, folder: Path, lang: str = "zh") -> list[Path]:
    """Write the default set of views and `index.html` into a folder; the view pages written."""
    check_lang(lang)
    views = default_views(graph, names)
    written = [write_page(view, names, folder / f"{view.slug}.html", lang) for view in views]
    write_text(folder / "index.html", render_index(views, names, lang))
    return written

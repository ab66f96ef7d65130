"""One view as one self-contained HTML page: a pyvis network rendered through plankg's template.

pyvis 0.3.2 traps avoided here: its template links Bootstrap from a CDN even with
cdn_resources="in_line" (so the page uses its own template and is checked for any remaining
network reference before it is written); `show()` is broken (pages are rendered with
`generate_html` and written here, in UTF-8 whatever the locale, through a temporary file so that
a failed write leaves no half page); `set_options` strips every space from the JSON it is given
(so the options are set as a dict).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from pyvis.network import Network

from plankg.errors import PlankgError
from plankg.graph.iris import LANGS
from plankg.graph.output_folder import written_aside
from plankg.viz import layout, styling
from plankg.viz.folds import SCRIPT as FOLD_SCRIPT
from plankg.viz.folds import fold_up
from plankg.viz.names import PlanNames
from plankg.viz.templates import PAGE, PAGE_NAME
from plankg.viz.views import View

PYVIS_TEMPLATES = Path(pyvis.__file__).resolve().parent / "templates"
# A reference that makes the browser fetch something: an attribute or CSS url() naming an http(s)
# or protocol-relative address. (The inlined vis.js names the SVG namespace and its licence URLs
# in strings, which fetch nothing.)
_REMOTE = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)((?:https?:)?//[^\s"'()<>]+)""",
    re.IGNORECASE,
)
# Links short enough to read get their relation written on them.
EDGE_LABEL_LIMIT = 60

WORDS = {
    "zh": {
        "find": "查找节点:",
        "placeholder": "中文或英文名称、编号",
        "go": "查找",
        "legend": "图例",
        "stated": "规划原文所述的关系(悬停可见引文)",
        "curated": "整理者补充的关系(悬停可见理由)",
        "size": "节点大小表示其在全图中的关系数。",
        "selected": "所选节点",
        "counts": "{nodes} 个节点 · {links} 条关系",
        "left_out": "为保持页面可用,仅绘制关系最多的 {drawn} 个节点(共 {total} 个);未绘制:{classes}。",
        "plan": "来源:{plan}",
        "folds": "打开时绘制 {drawn} 个节点:整个目标体系,以及挂在各自最靠近的目标上的 {folds} 个折叠框(虚线框,"
        "标明其中节点的类别和数量)。单击折叠框即展开;查找的节点若在折叠框中,会先展开它。",
    },
    "en": {
        "find": "Find a node:",
        "placeholder": "Chinese or English name, or id",
        "go": "Find",
        "legend": "Legend",
        "stated": "link stated in the plan (hover for the quote)",
        "curated": "link added by a curator (hover for the reason)",
        "size": "A node's size is its number of links in the whole graph.",
        "selected": "Selected node",
        "counts": "{nodes} nodes · {links} links",
        "left_out": (
            "To keep the page usable only the {drawn} best-connected of {total} nodes are drawn; left out: {classes}."
        ),
        "plan": "From: {plan}",
        "folds": "{drawn} nodes are drawn at start: the whole goal tree, and {folds} folds (dashed boxes saying "
        "what they hold and how many) on the goals their nodes are nearest. Click a fold to open it; finding a "
        "folded node opens its fold first.",
    },
}
JS_WORDS = {
    "zh": {"arranging": "布局中", "notFound": "未找到", "zh": "中文名", "en": "英文名", "cls": "类别",
           "quote": "引文", "paragraph": "段落", "id": "编号"},
    "en": {"arranging": "arranging", "notFound": "not found", "zh": "Chinese", "en": "English", "cls": "Class",
           "quote": "Quote", "paragraph": "Paragraph", "id": "Id"},
}  # fmt: skip


def remote_references(html: str) -> list[str]:
    """The addresses a page would fetch from the network when opened."""
    return sorted(set(_REMOTE.findall(html)))


def offline(html: str) -> str:
    """The page as it is, or an error naming what it would fetch from the network."""
    remote = remote_references(html)
    if remote:
        raise PlankgError(f"the page would fetch {', '.join(remote)} from the network; it must open offline")
    return html


def environment(template: str, name: str, page: dict[str, Any] | None = None) -> Environment:
    """A Jinja environment with autoescaping on, plankg's template first and pyvis's files behind
    it (for the vis-network script and CSS the page includes)."""
    environment = Environment(
        loader=ChoiceLoader([DictLoader({name: template}), FileSystemLoader(PYVIS_TEMPLATES)]), autoescape=True
    )
    if page is not None:
        environment.globals["page"] = page
    return environment


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise PlankgError(f"--lang {lang!r}: use one of {', '.join(LANGS)}")


def counts_text(view: View, lang: str) -> str:
    return WORDS[lang]["counts"].format(
        nodes=f"{view.graph.number_of_nodes():,}", links=f"{view.graph.number_of_edges():,}"
    )


def plan_line(names: PlanNames, lang: str) -> str:
    return WORDS[lang]["plan"].format(plan=names.plan_full(lang) or names.plan(lang))


def heading(view: View, names: PlanNames, lang: str) -> str:
    """What is shown and from which plan: the page's title."""
    return f"{view.title.get(lang)} — {names.plan(lang)}"


def _left_out(view: View, names: PlanNames, lang: str) -> str:
    if not view.left_out:
        return ""
    classes = ", ".join(f"{names.class_name(cls, lang)} {count:,}" for cls, count in view.left_out.most_common())
    drawn, total = f"{view.graph.number_of_nodes():,}", f"{view.total:,}"
    return WORDS[lang]["left_out"].format(drawn=drawn, total=total, classes=classes)


def network(view: View, names: PlanNames, lang: str) -> Network:
    """The pyvis network of a view: styled nodes with their data, links with their evidence."""
    graph = view.graph
    drawn = view.drawn_at_start()
    mode = layout.mode_of(drawn, view.hierarchical, tree=bool(view.folds))
    placed = layout.positions(graph) if mode == "fixed" else {}
    levels = layout.levels(graph) if mode == "hierarchy" else {}
    net = Network(
        height="100%", width="100%", directed=True, heading=heading(view, names, lang), cdn_resources="in_line"
    )
    for node, data in graph.nodes(data=True):
        style = styling.style_of(data["cls"])
        label = data["label_en"] if lang == "en" and data["label_en"] else data["label_zh"]
        extra: dict[str, Any] = {}
        if node in placed:
            extra["x"], extra["y"] = placed[node]
        if node in levels:
            extra["level"] = levels[node]
        colour: str | dict[str, str] = style.colour
        if node == view.focus:
            extra["borderWidth"] = 4
            colour = {"background": style.colour, "border": "#000000"}
        net.add_node(
            node,
            label=styling.short_label(label, lang),
            shape=style.shape,
            color=colour,
            title=styling.node_tooltip(data, names),
            value=data["degree"],
            plankg_id=data["id"],
            cls=data["cls"],
            cls_name=names.class_name(data["cls"], lang),
            label_zh=data["label_zh"],
            label_en=data["label_en"],
            quote=data["quote"],
            paragraph=data["paragraph"],
            **extra,
        )
    labelled = graph.number_of_edges() <= EDGE_LABEL_LIMIT
    for source, target, data in graph.edges(data=True):
        curated = data["graph"] == "curated"
        net.add_edge(
            source,
            target,
            title=styling.link_tooltip(data),
            color=styling.LINK_CURATED if curated else styling.LINK_STATED,
            dashes=curated,
            relation=data["relation"],
            **({"label": data["relation"]} if labelled else {}),
        )
    net.options = layout.vis_options(drawn, mode)
    return net


def render_page(view: View, names: PlanNames, lang: str = "zh") -> str:
    """The page's HTML; an error if anything in it would be fetched from the network."""
    check_lang(lang)
    words = WORDS[lang]
    net = network(view, names, lang)
    folds = fold_up(net, view, names, lang) if view.folds else None
    net.templateEnv = environment(
        PAGE,
        PAGE_NAME,
        {
            "lang": lang,
            "plan": plan_line(names, lang),
            "counts": counts_text(view, lang),
            "note": _left_out(view, names, lang),
            "words": words,
            "js_words": JS_WORDS[lang],
            "legend": styling.legend((data["cls"] for _, data in view.graph.nodes(data=True)), names, lang),
            "link_stated": styling.LINK_STATED,
            "link_curated": styling.LINK_CURATED,
            "focus": view.focus,
            "folds": folds,
            "fold_note": words["folds"].format(drawn=f"{view.drawn_at_start():,}", folds=f"{len(view.folds):,}"),
            "fold_script": FOLD_SCRIPT,
        },
    )
    net.path = PAGE_NAME
    html = net.generate_html()
    return offline(html)


def write_text(path: Path, text: str) -> Path:
    """Write a file in UTF-8 (whatever the locale), whole or not at all (a failed write leaves
    the previous file, not half a page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written_aside(path, lambda partial: partial.write_text(text, encoding="utf-8"))
    return path


def write_page(view: View, names: PlanNames, path: Path, lang: str = "zh") -> Path:
    """Write one view's page."""
    if path.suffix.lower() not in (".html", ".htm"):
        raise PlankgError(f"{path}: a page is written to an .html file")
    return write_text(path, render_page(view, names, lang))

"""Pictures of a plan, drawn as static SVG (no script): its targets, its timeline, which chapters
serve which pillars, and what each chapter holds.

Every mark opens the rows behind it: a node's page, or the row of the table printed under the
picture, which cites the paragraph and quote of each fact. The targets and the timeline are the
catalogue's queries (`targets`, `timeline`) drawn; the matrix and the counts read the projection.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import escape

from plankg.errors import PlankgError
from plankg.graph.engines import Term, bind, select
from plankg.graph.iris import ID_BASE
from plankg.graph.model import SUPPORT
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query
from plankg.viz.site import svg, urls
from plankg.viz.site.pages import Asset, Site, SitePage
from plankg.viz.styling import STYLES, style_key, style_of

CSS = """
svg.picture { max-width: 100%; height: auto; font-size: 13px; }  /* svg.SIZE */
svg.picture text.small { font-size: 11px; fill: #555; }
svg.picture text.head { font-weight: bold; }
svg.picture a:hover rect, svg.picture a:hover circle { stroke: #000; stroke-width: 1.5; }
svg.picture a text { fill: #1a5fb4; }
.legend span.look { white-space: nowrap; }
.legend span.key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 10px; vertical-align: middle; }
tr:target { background: #fff3b0; }
h3:target, h4:target { background: #fff3b0; }
"""
ASSETS = (Asset("pictures.css", CSS.encode()),)
STYLES_USED = ("pictures.css",)
INDEX = "pictures"
STATED, CURATED = "#4d7c0f", "#6a3d9a"  # the colours of the .basis badges of the site's stylesheet


@dataclass(frozen=True)
class Drawing:
    """What a picture page is made of, for one plan: the page it goes on, and the site."""

    site: Site
    plan: str
    path: str

    def node(self, iri: str, words: str = "") -> str:
        """A node's label (or the given words), linked to its page."""
        shown = words or self.site.label(iri)
        return f'<a href="{escape(self.site.node_link(self.path, iri))}">{escape(shown)}</a>'

    def paragraph(self, paragraph: str) -> str:
        """A paragraph's id, linked to the paragraph's page in the plan's text."""
        if not paragraph:
            return ""
        href = self.site.node_link(self.path, f"{ID_BASE}{self.plan}/{paragraph}")
        return f'<a href="{escape(href)}">{escape(paragraph)}</a>'

    def chapter(self, chapter: str) -> str:
        """A chapter's heading (or its id: front matter, glossary), as words."""
        for iri, known in self.site.names.chapters.items():
            if known.id == chapter and urls.plan_of(iri) == self.plan:
                return known.heading.get(self.site.lang) or chapter
        return {
            "front": self.site.words("卷首", "Front matter"),
            "glossary": self.site.words("名词解释", "Glossary"),
        }.get(chapter, chapter)

    def words(self, zh: str, en: str) -> str:
        return self.site.words(zh, en)

    def heads(self, zh: tuple[str, ...], en: tuple[str, ...]) -> tuple[str, ...]:
        """A table's column names in the site's language."""
        return zh if self.site.lang == "zh" else en

    def class_name(self, cls: str) -> str:
        return self.site.names.class_name(cls, self.site.lang)


def _quote(quote: str) -> str:
    return f'<span class="quote">{escape(quote)}</span>' if quote else ""


def _basis(drawing: Drawing, basis: str) -> str:
    word = drawing.words("原文", "stated") if basis == "stated" else drawing.words("整理", "curated")
    return f'<span class="basis {escape(basis)}">{escape(word)}</span>'


def _table(heads: Iterable[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(name)}</th>" for name in heads)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _row(cells: Iterable[str], anchor: str = "") -> str:
    named = f' id="{escape(anchor)}"' if anchor else ""
    return f"<tr{named}>{''.join(f'<td>{cell}</td>' for cell in cells)}</tr>"


def _figure(value: str) -> str:
    """A number from the data as the plan writes it: 6, 38.5, 0.012 (not 6.0 or 1.2e-02)."""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


# --- 1. Targets ----------------------------------------------------------------------------


_TARGET_NODES = """
SELECT ?target ?indicator ?value ?year WHERE {
  VALUES ?plan { <urn:plan> }
  ?target plankg:plan ?plan ; a plankg:Target ; plankg:indicator ?indicator ; plankg:value ?value ; plankg:year ?year .
}"""


def _target_nodes(drawing: Drawing) -> dict[tuple[str, str, str, str], list[tuple[str, str]]]:
    """The target and indicator nodes behind each row of the `targets` query, by what a row
    says of its target (value, year) and where (paragraph, quote): that query names no node."""
    plan = Term("uri", f"{ID_BASE}{drawing.plan}")
    graph = drawing.site.graph
    found: dict[tuple[str, str, str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in select(drawing.site.view.engine(), bind(_TARGET_NODES, {"plan": plan})).dicts():
        data = graph.nodes[row["target"]]
        found[(row["value"], row["year"], data["paragraph"], data["quote"])].append((row["target"], row["indicator"]))
    return found


@dataclass(frozen=True)
class TargetRow:
    target: str  # the target node's IRI
    indicator: str  # the indicator node's IRI
    fields: dict[str, str]  # the `targets` query's row


def _target_rows(drawing: Drawing) -> list[TargetRow]:
    query = load_catalogue()["targets"]
    table = run_catalogue_query(
        drawing.site.view.engine(), query, {"plan": f"{ID_BASE}{drawing.plan}"}, drawing.site.lang
    )
    nodes = _target_nodes(drawing)
    rows = []
    for row in table.dicts():
        key = (row["target"], row["year"], row["paragraph"], row["quote"])
        named = row.get("indicator", "")
        candidates = [pair for pair in nodes.get(key, []) if not named or drawing.site.label(pair[1]) == named]
        if len(candidates) != 1:
            raise PlankgError(f"targets: {len(candidates)} target nodes match the row {row}, expected one")
        rows.append(TargetRow(*candidates[0], row))
    return rows


PERCENT = ("%", "percent")  # the percentage's unit as the curated data writes it in Chinese and English


def _change(drawing: Drawing, row: dict[str, str]) -> str:
    """The annual change a target needs: in points for a percentage, else in its unit and as a share."""
    if "changePerYear" not in row:
        return ""
    change = _figure(row["changePerYear"])
    change = change if change.startswith("-") or change == "0" else f"+{change}"
    if row["unit"] in PERCENT:
        return drawing.words(f"每年{change}个百分点", f"{change} points a year")
    relative = f" ({float(row['relativeChangePerYear']):+.2%})" if "relativeChangePerYear" in row else ""
    return drawing.words(f"每年{change}{row['unit']}{relative}", f"{change} {row['unit']} a year{relative}")


def _values(drawing: Drawing, row: dict[str, str]) -> str:
    """Baseline → target as the picture writes it: 5.4% (2020) → 6% 左右 (2025)."""
    unit = row["unit"] if row["unit"] == "%" else f" {row['unit']}"
    target = f"{_figure(row['target'])}{unit} {row.get('comparator', '')} ({row['year']})"
    if "baseline" not in row:
        return target
    return f"{_figure(row['baseline'])}{unit} ({row['baselineYear']}) → {target}"


def _indicator_name(drawing: Drawing, row: TargetRow) -> str:
    return row.fields.get("indicator") or drawing.site.label(row.indicator)


def _bar_words(drawing: Drawing, fields: dict[str, str]) -> str:
    return " · ".join(part for part in (_values(drawing, fields), _change(drawing, fields)) if part)


_BARS, _ROW_STEP = 360, 26  # the width of a unit's scale, and of a row


def _unit_chart(drawing: Drawing, unit: str, rows: list[tuple[int, TargetRow]], left: float, right: float) -> str:
    """One unit's targets as bars on one scale: the baseline thin and grey, the target coloured;
    `left` and `right` are the room for the names and the values, the same in every chart."""
    top = max(max(float(r.fields["target"]), float(r.fields.get("baseline", 0))) for _, r in rows) or 1.0
    colour = style_of("Target").colour
    marks = []
    for position, (number, row) in enumerate(rows):
        y, fields, indicator = position * _ROW_STEP + 4, row.fields, _indicator_name(drawing, row)
        marks.append(
            svg.link(
                drawing.site.node_link(drawing.path, row.indicator),
                svg.text(left - 8, y + 14, indicator, "end"),
                drawing.words(f"指标:{indicator}", f"indicator: {indicator}"),
            )
        )
        width = _BARS * float(fields["target"]) / top
        tooltip = f"{indicator}: {_values(drawing, fields)} · {fields['paragraph']} “{fields['quote']}”"
        target_bar = svg.rect(left, y + 4, max(width, 1), 12, colour)
        marks.append(svg.link(drawing.site.node_link(drawing.path, row.target), target_bar, tooltip))
        if "baseline" in fields:
            base = svg.rect(left, y + 17, max(_BARS * float(fields["baseline"]) / top, 1), 5, "#999")
            said = drawing.words("基数", "baseline") + f" {fields['baseline']} ({fields['baselineYear']})"
            marks.append(svg.link(f"#target-{number}", base, said))
        words = _bar_words(drawing, fields)
        marks.append(svg.link(f"#target-{number}", svg.text(left + _BARS + 8, y + 15, words), words))
    title = drawing.words(f"单位:{unit}", f"unit: {unit}")
    drawn = svg.picture(left + _BARS + right, len(rows) * _ROW_STEP + 8, "".join(marks), title)
    return f"<h3>{escape(title)}</h3>{drawn}"


def _targets(drawing: Drawing) -> str:
    rows = list(enumerate(_target_rows(drawing), start=1))
    by_unit: dict[str, list[tuple[int, TargetRow]]] = defaultdict(list)
    for number, row in rows:
        by_unit[row.fields["unit"]].append((number, row))
    left = max((svg.text_width(_indicator_name(drawing, row)) for _, row in rows), default=0) + 16
    right = max((svg.text_width(_bar_words(drawing, row.fields)) for _, row in rows), default=0) + 16
    charts = "".join(
        _unit_chart(drawing, unit, members, left, right)
        for unit, members in sorted(by_unit.items(), key=lambda u: -len(u[1]))
    )
    title = escape(drawing.words("各目标", "The targets"))
    return f"{charts}<h2>{title}</h2>{_target_table(drawing, rows)}"


_TARGET_HEADS = (
    ("指标", "目标", "比较", "单位", "年份", "基数", "基数年份", "年均变化", "段落", "原文"),
    (
        "indicator",
        "target",
        "comparator",
        "unit",
        "year",
        "baseline",
        "its year",
        "annual change",
        "paragraph",
        "quote",
    ),
)


def _target_table(drawing: Drawing, rows: list[tuple[int, TargetRow]]) -> str:
    """A row per target, the anchor its value and baseline open, with the plan's words."""
    lines = []
    for number, row in rows:
        fields = row.fields
        cells = [
            drawing.node(row.indicator),
            drawing.node(row.target, _figure(fields["target"])),
            escape(fields.get("comparator", "")),
            escape(fields["unit"]),
            escape(fields["year"]),
            escape(_figure(fields["baseline"])) if "baseline" in fields else "",
            escape(fields.get("baselineYear", "")),
            escape(_change(drawing, fields)),
            drawing.paragraph(fields["paragraph"]),
            _quote(fields["quote"]),
        ]
        lines.append(_row(cells, f"target-{number}"))
    return _table(drawing.heads(*_TARGET_HEADS), lines)


# --- 2. Timeline ---------------------------------------------------------------------------

EVENTS = {"year": ("目标年份", "set for"), "due": ("完成", "due"), "from": ("启动", "starts")}
_OPEN_END = "9999"  # the timeline's last year: none, every dated node is drawn
_SQUARE, _PER_LINE, _YEARS = 14, 40, 90  # a mark's size, marks on a line, the width of the years


def _look_order(cls: str) -> int:
    """Classes in the order of the legend (STYLES), so that a year's rows read like the others'."""
    key = style_key(cls)
    return list(STYLES).index(key) if key in STYLES else len(STYLES)


def _year_marks(drawing: Drawing, year: str, marks: dict[tuple[str, str], str], y: float) -> tuple[list[str], float]:
    """One year's marks, a line of squares per class under its count; the SVG and the next y."""
    by_class: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (node, event), cls in sorted(marks.items(), key=lambda item: drawing.site.label(item[0][0])):
        by_class[cls].append((node, event))
    parts, top = [svg.link(f"#year-{year}", svg.text(_YEARS - 20, y + 14, year, "end", "head"), year)], y
    for cls in sorted(by_class, key=_look_order):
        colour, name, nodes = style_of(cls).colour, drawing.class_name(cls), by_class[cls]
        parts.append(svg.text(_YEARS, y + 12, f"{name} {len(nodes)}", css="small"))
        y += 16
        for index, (node, event) in enumerate(nodes):
            x, row_y = _YEARS + (index % _PER_LINE) * (_SQUARE + 3), y + (index // _PER_LINE) * (_SQUARE + 3)
            half = _SQUARE / 2
            mark = (
                svg.circle(x + half, row_y + half, half, colour)
                if event == "from"
                else svg.rect(x, row_y, _SQUARE, _SQUARE, colour)
            )
            said = drawing.words(*EVENTS[event])
            link = drawing.site.node_link(drawing.path, node)
            parts.append(svg.link(link, mark, f"{year} {said} · {name} · {drawing.site.label(node)}"))
        y += ((len(nodes) - 1) // _PER_LINE + 1) * (_SQUARE + 3) + 6
    parts.append(svg.line(_YEARS - 10, top, _YEARS - 10, y - 4, "#666"))
    return parts, y + 10


def _timeline_table(drawing: Drawing, rows: list[dict[str, str]]) -> str:
    """A row per node, date and quote; the first row of a year is the anchor its marks open."""
    seen: set[tuple[str, ...]] = set()
    anchored: set[str] = set()
    lines = []
    for row in rows:
        key = (row["when"], row["event"], row["node"], row["paragraph"], row["quote"])
        if key in seen:
            continue
        seen.add(key)
        anchor = "" if row["when"] in anchored else f"year-{row['when']}"
        anchored.add(row["when"])
        cells = [
            escape(row["when"]),
            escape(drawing.words(*EVENTS[row["event"]])),
            escape(drawing.class_name(row["kind"])),
            drawing.node(row["node"]),
            _basis(drawing, row["basis"]),
            drawing.paragraph(row["paragraph"]),
            _quote(row["quote"]),
        ]
        lines.append(_row(cells, anchor))
    heads = drawing.heads(
        ("年份", "类型", "类别", "节点", "依据", "段落", "原文"),
        ("year", "event", "class", "node", "basis", "paragraph", "quote"),
    )
    return _table(heads, lines)


def _timeline(drawing: Drawing) -> str:
    query = load_catalogue()["timeline"]
    given = {"plan": f"{ID_BASE}{drawing.plan}", "year": _OPEN_END}
    rows = run_catalogue_query(drawing.site.view.engine(), query, given, drawing.site.lang).dicts()
    marks: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)  # year → (node, event) → class
    for row in rows:
        marks[row["when"]][(row["node"], row["event"])] = row["kind"]
    parts, y = [], 10.0
    for year in sorted(marks, key=int):
        drawn, y = _year_marks(drawing, year, marks[year], y)
        parts.extend(drawn)
    title = drawing.words("按年份排列的目标、任务与项目", "What falls due, by year")
    picture = svg.picture(_YEARS + _PER_LINE * (_SQUARE + 3) + 10, y, "".join(parts), title)
    counts = "; ".join(f"{year}: {len(marks[year])}" for year in sorted(marks, key=int))
    key = drawing.words(
        "每个方块是一个节点,按类别着色;圆点表示启动年份。", "A square is a node, coloured by class; a dot, a start."
    )
    rows_title = escape(drawing.words("各行", "The rows"))
    return f"<p>{escape(key)} {escape(counts)}</p>{picture}<h2>{rows_title}</h2>{_timeline_table(drawing, rows)}"


# --- 3. Chapters × pillars -----------------------------------------------------------------


@dataclass(frozen=True)
class Chain:
    """How a measure reaches a pillar: the nodes along the links, and whether every link is the
    plan's words (stated) or one at least is a curator's (curated)."""

    nodes: tuple[str, ...]
    basis: str


def _reached(site: Site, start: str, kinds: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The pillars `start` serves along support links (implements, contributesTo, refines) of the
    given graphs, each with the shortest chain of nodes that leads there."""
    chains: dict[str, tuple[str, ...]] = {start: (start,)}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for _, target, data in site.graph.out_edges(node, data=True):
                if data["relation"] in SUPPORT and data["graph"] in kinds and target not in chains:
                    chains[target] = (*chains[node], target)
                    following.append(target)
        frontier = following
    return {node: chain for node, chain in chains.items() if site.graph.nodes[node]["cls"] == "Pillar"}


def _chains(site: Site, measure: str) -> dict[str, Chain]:
    stated = _reached(site, measure, frozenset({"stated"}))
    found = _reached(site, measure, frozenset({"stated", "curated"}))
    return {
        pillar: Chain(stated[pillar], "stated") if pillar in stated else Chain(chain, "curated")
        for pillar, chain in found.items()
    }


def _of_plan(site: Site, plan: str, cls: str) -> list[str]:
    nodes = [node for node, data in site.graph.nodes(data=True) if data["cls"] == cls and urls.plan_of(node) == plan]
    return sorted(nodes, key=lambda node: (site.graph.nodes[node]["paragraph"], node))


def _pillars(site: Site, plan: str) -> list[str]:
    """The pillars in the order the plan names them (their place in the quote that names them)."""
    data = site.graph.nodes
    return sorted(
        _of_plan(site, plan, "Pillar"),
        key=lambda p: (data[p]["paragraph"], data[p]["quote"].find(data[p]["label_zh"]), p),
    )


def _chapters(drawing: Drawing, nodes: Iterable[str]) -> list[str]:
    """The chapters some nodes are cited in: front matter first, the glossary last."""
    found = {chapter for node in nodes for chapter in drawing.site.graph.nodes[node]["chapters"].split(",") if chapter}
    return sorted(found, key=lambda chapter: ({"front": 0, "glossary": 2}.get(chapter, 1), chapter))


def _in_chapter(drawing: Drawing, node: str, chapter: str) -> bool:
    return chapter in drawing.site.graph.nodes[node]["chapters"].split(",")


def _chain_cell(drawing: Drawing, chain: Chain) -> str:
    return " → ".join(drawing.node(node) for node in chain.nodes)


@dataclass(frozen=True)
class Matrix:
    """The measures of a plan, the pillars they reach, and who sits in which cell."""

    measures: list[str]
    pillars: list[str]
    chains: dict[str, dict[str, Chain]]  # measure → pillar → how it gets there
    chapters: list[str]
    cells: dict[tuple[str, str], list[str]]  # (chapter, pillar or "" for none) → measures

    def stated(self, members: list[str], pillar: str) -> int:
        return sum(1 for measure in members if self.chains[measure][pillar].basis == "stated")


def _matrix_of(drawing: Drawing) -> Matrix:
    site = drawing.site
    measures = _of_plan(site, drawing.plan, "Measure")
    chains = {measure: _chains(site, measure) for measure in measures}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for measure in measures:
        for chapter in site.graph.nodes[measure]["chapters"].split(","):
            for pillar in chains[measure] or [""]:
                cells[(chapter, pillar)].append(measure)
    return Matrix(measures, _pillars(site, drawing.plan), chains, _chapters(drawing, measures), cells)


_COLUMN, _EXTRA, _STEP = 120, 90, 34  # a pillar's column, the last two columns, a row


def _cell_mark(drawing: Drawing, matrix: Matrix, chapter: str, column: int, at: tuple[float, float], top: int) -> str:
    """One cell (its top left corner `at`): the two numbers, a bar of each (the plan's links, a
    curator's) on the scale of the fullest cell (`top`), linked to its rows."""
    pillars = [*matrix.pillars, ""]
    pillar, members = pillars[column], matrix.cells.get((chapter, pillars[column]), [])
    x, y = at
    heading = drawing.chapter(chapter)
    back = svg.rect(x + 2, y + 2, _COLUMN - 4, _STEP - 4, "#f7f7f7")
    if not pillar:
        title = (
            heading + ": " + drawing.words(f"{len(members)} 项举措不服务于任何支柱", f"{len(members)} serve no pillar")
        )
        return svg.link(
            f"#cell-{chapter}-{column}", back + svg.text(x + _COLUMN / 2, y + 18, str(len(members)), "middle"), title
        )
    stated = matrix.stated(members, pillar)
    curated = len(members) - stated
    scale = (_COLUMN - 12) / top
    mark = (
        back
        + svg.text(x + _COLUMN / 2, y + 18, f"{stated} + {curated}", "middle")
        + svg.rect(x + 6, y + 24, scale * stated, 6, STATED)
        + svg.rect(x + 6 + scale * stated, y + 24, scale * curated, 6, CURATED)
    )
    said = drawing.words(f"原文 {stated},整理 {curated}", f"stated {stated}, curated {curated}")
    return svg.link(f"#cell-{chapter}-{column}", mark, f"{heading} × {drawing.site.label(pillar)}: {said}")


def _matrix_svg(drawing: Drawing, matrix: Matrix) -> str:
    site = drawing.site
    top = max((len(members) for (_, pillar), members in matrix.cells.items() if pillar), default=1)
    left = max((svg.text_width(drawing.chapter(chapter)) for chapter in matrix.chapters), default=0) + 16
    parts = [
        svg.link(
            site.node_link(drawing.path, pillar),
            svg.text(left + i * _COLUMN + _COLUMN / 2, 24, site.label(pillar), "middle", "head"),
            site.label(pillar),
        )
        for i, pillar in enumerate(matrix.pillars)
    ]
    none_x = left + len(matrix.pillars) * _COLUMN
    parts.append(svg.text(none_x + _EXTRA / 2, 24, drawing.words("无", "none"), "middle", "head"))
    parts.append(svg.text(none_x + _EXTRA * 1.5, 24, drawing.words("举措数", "measures"), "middle", "head"))
    for row, chapter in enumerate(matrix.chapters):
        y = 40 + row * _STEP
        parts.append(svg.text(left - 8, y + 21, drawing.chapter(chapter), "end"))
        for column, pillar in enumerate([*matrix.pillars, ""]):
            if matrix.cells.get((chapter, pillar)):
                parts.append(_cell_mark(drawing, matrix, chapter, column, (left + column * _COLUMN, y), top))
        in_chapter = sum(1 for measure in matrix.measures if _in_chapter(drawing, measure, chapter))
        parts.append(svg.text(none_x + _EXTRA * 1.5, y + 21, str(in_chapter), "middle"))
    title = drawing.words("各章举措服务的支柱", "Which pillars the measures of each chapter serve")
    return svg.picture(none_x + 2 * _EXTRA, 50 + len(matrix.chapters) * _STEP, "".join(parts), title)


def _matrix_totals(drawing: Drawing, matrix: Matrix) -> str:
    """Per pillar, the measures that serve it (each once, whatever its chapters)."""
    rows = []
    for pillar in matrix.pillars:
        serving = [measure for measure in matrix.measures if pillar in matrix.chains[measure]]
        stated = matrix.stated(serving, pillar)
        rows.append(_row([drawing.node(pillar), str(stated), str(len(serving) - stated), str(len(serving))]))
    reaching_none = sum(1 for measure in matrix.measures if not matrix.chains[measure])
    rows.append(_row([escape(drawing.words("不服务于任何支柱", "serve no pillar")), "", "", str(reaching_none)]))
    rows.append(_row([escape(drawing.words("举措总数", "all measures")), "", "", str(len(matrix.measures))]))
    heads = drawing.heads(
        ("支柱", "原文链路", "经整理链接", "合计"), ("pillar", "stated chain", "through a curated link", "total")
    )
    return _table(heads, rows)


def _matrix_lists(drawing: Drawing, matrix: Matrix) -> str:
    """The measures of each cell, with the chain that brings each to the pillar."""
    heads = drawing.heads(("举措", "依据", "链路", "段落", "原文"), ("measure", "basis", "chain", "paragraph", "quote"))
    lists = []
    for chapter in matrix.chapters:
        for column, pillar in enumerate([*matrix.pillars, ""]):
            members = matrix.cells.get((chapter, pillar), [])
            if not members:
                continue
            name = drawing.site.label(pillar) if pillar else drawing.words("无支柱", "no pillar")
            rows = []
            for measure in members:
                chain = matrix.chains[measure].get(pillar)
                data = drawing.site.graph.nodes[measure]
                rows.append(
                    _row(
                        [
                            drawing.node(measure),
                            _basis(drawing, chain.basis) if chain else "",
                            _chain_cell(drawing, chain) if chain else "",
                            drawing.paragraph(data["paragraph"]),
                            _quote(data["quote"]),
                        ]
                    )
                )
            heading = f"{drawing.chapter(chapter)} × {name} ({len(members)})"
            lists.append(f'<h3 id="cell-{escape(chapter)}-{column}">{escape(heading)}</h3>{_table(heads, rows)}')
    return "".join(lists)


_MATRIX_DEFINITION = (
    "一项举措服务于一个支柱,是指从该举措出发沿支撑链接(implements 实施、contributesTo 服务、"
    "refines 细化)可以到达该支柱:举措服务于某项任务或目标,该任务逐级细化上一级目标,直至支柱。"
    "举措计入其原文所在的章。每格第一个数是全部链接均为规划原文(stated 图)的举措数,"
    "第二个数是至少经过一条整理者链接(curated 图,附理由)才到达该支柱的举措数。"
    "一项举措服务于多个支柱时在每一列各计一次,因此一行各格之和可大于该章的举措数;“无”列是不到达任何支柱的举措。",
    "A measure serves a pillar when support links (implements, contributesTo, refines) lead from it to the "
    "pillar: the measure contributes to an objective or goal, which refines the one above it, up to the pillar. "
    "A measure counts in the chapter its words are in. In each cell, the first number counts the measures "
    "whose chain is all the plan's own words (the stated graph); the second, those that reach the pillar "
    "only through at least one curator's link (the curated graph, each with its justification). A measure "
    "serving several pillars counts in each column, so a row's cells may add up to more than the chapter's "
    "measures; the `none` column holds the measures that reach no pillar.",
)


def _key(colour: str, name: str) -> str:
    """One entry of a legend: a swatch and what it stands for."""
    return f'<span class="look"><span class="key" style="background:{escape(colour)}"></span>{escape(name)}</span>'


def _matrix(drawing: Drawing) -> str:
    matrix = _matrix_of(drawing)
    legend = _key(STATED, drawing.words("全为原文链接", "the plan's links only")) + _key(
        CURATED, drawing.words("经整理者链接", "through a curator's link")
    )
    return (
        f"<p>{escape(drawing.words(*_MATRIX_DEFINITION))}</p>"
        f'<p class="legend">{legend}</p>{_matrix_svg(drawing, matrix)}'
        f"<h2>{escape(drawing.words('各支柱合计', 'Totals per pillar'))}</h2>{_matrix_totals(drawing, matrix)}"
        f"<h2>{escape(drawing.words('各格的举措', 'The measures of each cell'))}</h2>{_matrix_lists(drawing, matrix)}"
    )


# --- 4. Counts by class per chapter --------------------------------------------------------


@dataclass(frozen=True)
class Holdings:
    """The nodes each chapter cites, by look (a class, or the family drawn alike)."""

    chapters: list[str]
    looks: list[str]  # the keys of STYLES present, in its order
    members: dict[tuple[str, str], list[str]]  # (chapter, look) → nodes

    def total(self, chapter: str) -> int:
        return sum(len(self.members.get((chapter, look), [])) for look in self.looks)


def _holdings(drawing: Drawing) -> Holdings:
    data = drawing.site.graph.nodes
    nodes = [node for node in drawing.site.graph if urls.plan_of(node) == drawing.plan]
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: (data[n]["cls"], drawing.site.label(n))):
        for chapter in data[node]["chapters"].split(","):
            if chapter:
                members[(chapter, style_key(data[node]["cls"]))].append(node)
    present = {look for _, look in members}
    looks = [look for look in [*STYLES, "other"] if look in present]
    return Holdings(_chapters(drawing, nodes), looks, members)


def _counts_svg(drawing: Drawing, holdings: Holdings) -> str:
    """A stacked bar per chapter, a segment per look, each opening the list of its nodes."""
    left, width, step = max((svg.text_width(drawing.chapter(c)) for c in holdings.chapters), default=0) + 16, 600, 26
    top = max((holdings.total(chapter) for chapter in holdings.chapters), default=1)
    parts = []
    for row, chapter in enumerate(holdings.chapters):
        y, x = 8 + row * step, float(left)
        parts.append(svg.text(left - 8, y + 15, drawing.chapter(chapter), "end"))
        for look in holdings.looks:
            found = holdings.members.get((chapter, look), [])
            if found:
                share = width * len(found) / top
                title = f"{drawing.chapter(chapter)} · {_look_name(drawing, look)} {len(found)}"
                parts.append(
                    svg.link(f"#count-{chapter}-{look}", svg.rect(x, y + 3, share, 16, style_of(look).colour), title)
                )
                x += share
        parts.append(svg.text(x + 6, y + 16, str(holdings.total(chapter)), css="small"))
    title = drawing.words("各章各类节点数", "Nodes of each class per chapter")
    return svg.picture(left + width + 60, 16 + len(holdings.chapters) * step, "".join(parts), title)


def _counts_lists(drawing: Drawing, holdings: Holdings) -> str:
    data = drawing.site.graph.nodes
    heads = drawing.heads(("节点", "类别", "段落", "原文"), ("node", "class", "paragraph", "quote"))
    lists = []
    for chapter in holdings.chapters:
        lists.append(f"<h3>{escape(drawing.chapter(chapter))} ({holdings.total(chapter)})</h3>")
        for look in holdings.looks:
            found = holdings.members.get((chapter, look), [])
            if not found:
                continue
            rows = [
                _row(
                    [
                        drawing.node(node),
                        escape(drawing.class_name(data[node]["cls"])),
                        drawing.paragraph(data[node]["paragraph"]),
                        _quote(data[node]["quote"]),
                    ]
                )
                for node in found
            ]
            heading = f"{_look_name(drawing, look)} ({len(found)})"
            lists.append(f'<h4 id="count-{escape(chapter)}-{escape(look)}">{escape(heading)}</h4>{_table(heads, rows)}')
    return "".join(lists)


def _counts(drawing: Drawing) -> str:
    holdings = _holdings(drawing)
    legend = "".join(_key(style_of(look).colour, _look_name(drawing, look)) for look in holdings.looks)
    note = drawing.words(
        "一个节点计入其原文出现的每一章;同一外观的类别合并(各类地点、各类机构)。",
        "A node counts in every chapter its words are in; classes drawn alike (kinds of place, of organization) "
        "are one bar.",
    )
    return (
        f'<p>{escape(note)}</p><p class="legend">{legend}</p>'
        f"{_counts_svg(drawing, holdings)}{_counts_lists(drawing, holdings)}"
    )


def _look_name(drawing: Drawing, key: str) -> str:
    return drawing.words("其他", "other") if key == "other" else drawing.class_name(key)


# --- The pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    name: str  # the page is <plan>/_/picture-<name>.html
    title: tuple[str, str]  # Chinese, English
    about: tuple[str, str]
    draw: Callable[[Drawing], str]


PICTURES = (
    Picture(
        "targets",
        ("量化目标", "Targets"),
        (
            "每个指标从基数到目标值(数值、单位、基数年份到目标年份、所需年均变化),按单位分组,同一单位同一标尺。",
            "Each indicator from its baseline to its target (value, unit, years, the annual change needed), "
            "one chart per unit so that scales compare.",
        ),
        _targets,
    ),
    Picture(
        "timeline",
        ("时间线", "Timeline"),
        (
            "各年份到期、启动或设定的目标、任务与项目,按类别计数。",
            "What falls due, starts or is set for each year (targets, objectives, projects), counted by class.",
        ),
        _timeline,
    ),
    Picture(
        "matrix",
        ("章节 × 支柱", "Chapters × pillars"),
        (
            "各章有多少项举措服务于各支柱:依规划原文的链路,以及经整理者链接的链路。",
            "How many measures of each chapter serve each pillar, through the plan's own links and through "
            "a curator's.",
        ),
        _matrix,
    ),
    Picture(
        "counts",
        ("各章内容", "Chapters by class"),
        ("各章包含的各类节点数。", "How many nodes of each class each chapter holds."),
        _counts,
    ),
)


def _crumbs(site: Site, plan: str) -> tuple[tuple[str, str], ...]:
    return (
        (site.names.plan(site.lang), urls.plan_home(plan)),
        (site.words("图表", "Pictures"), urls.own_page(plan, INDEX)),
    )


def _index(site: Site, plan: str) -> SitePage:
    path = urls.own_page(plan, INDEX)
    items = "".join(
        f'<li><a href="{escape(urls.relative(path, urls.own_page(plan, "picture-" + picture.name)))}">'
        f"{escape(site.words(*picture.title))}</a>: {escape(site.words(*picture.about))}</li>"
        for picture in PICTURES
    )
    title = site.words("图表", "Pictures")
    body = f"<h1>{escape(title)}</h1><ul>{items}</ul>"
    return SitePage(path, title, body, crumbs=_crumbs(site, plan)[:1])


def pages(site: Site) -> Iterator[SitePage]:
    for plan in site.plans:
        yield _index(site, plan)
        for picture in PICTURES:
            path = urls.own_page(plan, "picture-" + picture.name)
            title = site.words(*picture.title)
            about = escape(site.words(*picture.about))
            body = f"<h1>{escape(title)}</h1><p>{about}</p>{picture.draw(Drawing(site, plan, path))}"
            yield SitePage(path, title, body, styles=STYLES_USED, crumbs=_crumbs(site, plan))

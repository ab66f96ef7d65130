"""How a node and a link look: colour and shape by class, the legend, and the tooltip text.

Shapes carry the family (goals are triangles and diamonds, places point down, organizations are
hexagons) so that a page printed in grey still reads; colours tell the classes within a family
apart. Place and organization subclasses share their family's look: eleven kinds of place in
eleven colours would be a legend nobody reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from plankg.graph.model import family_of
from plankg.viz.names import PlanNames


@dataclass(frozen=True)
class Style:
    colour: str
    shape: str  # a vis.js shape whose size follows the node's value


STYLES: dict[str, Style] = {
    "Vision": Style("#b2182b", "star"),
    "Pillar": Style("#d6604d", "diamond"),
    "Positioning": Style("#e7298a", "diamond"),
    "Goal": Style("#f46d43", "triangle"),
    "Objective": Style("#fdae61", "triangle"),
    "Measure": Style("#4575b4", "dot"),
    "Project": Style("#1a9850", "square"),
    "Place": Style("#8c510a", "triangleDown"),
    "Organization": Style("#762a83", "hexagon"),
    "Indicator": Style("#01665e", "diamond"),
    "Target": Style("#35978f", "dot"),
    "Observation": Style("#80cdc1", "dot"),
    "Assessment": Style("#878787", "square"),
    "Driver": Style("#bf812d", "triangle"),
    "Principle": Style("#542788", "triangle"),
    "Concept": Style("#bababa", "dot"),
}
OTHER = Style("#e0e0e0", "dot")

LINK_STATED = "#9e9e9e"
LINK_CURATED = "#5e3c99"


def style_key(cls: str) -> str:
    """The entry of STYLES a class is drawn with: itself, its family, or `other`."""
    if cls in STYLES:
        return cls
    family = family_of(cls)
    return family if family in STYLES else "other"


def style_of(cls: str) -> Style:
    return STYLES.get(style_key(cls), OTHER)


@dataclass(frozen=True)
class LegendEntry:
    style: Style
    name: str  # the class or family, in the page's language
    count: int
    members: str  # for a family: the subclasses drawn with its look, with their counts


def legend(classes: Iterable[str], names: PlanNames, lang: str) -> list[LegendEntry]:
    """One entry per look present on the page, in the order of STYLES, with node counts."""
    counts = Counter(classes)
    by_key: dict[str, Counter[str]] = {}
    for cls, count in counts.items():
        by_key.setdefault(style_key(cls), Counter())[cls] = count
    entries = []
    for key in [*STYLES, "other"]:
        if key not in by_key:
            continue
        members = by_key[key]
        listed = (
            ""
            if set(members) == {key}
            else ", ".join(f"{names.class_name(c, lang)} {n}" for c, n in members.most_common())
        )
        label = names.class_name(key, lang) if key != "other" else ("其他" if lang == "zh" else "other")
        label = label[:1].upper() + label[1:]  # `pillar` in a sentence, `Pillar` heading a legend row
        entries.append(LegendEntry(STYLES.get(key, OTHER), label, members.total(), listed))
    return entries


def short_label(text: str, lang: str) -> str:
    """A label short enough to draw on the canvas; the tooltip and search keep the full one."""
    limit = 14 if lang == "zh" else 30
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_tooltip(data: dict[str, str], names: PlanNames) -> str:
    """Both labels, the class and the quote with its paragraph: plain text, which vis.js shows
    with innerText, so markup in the data is never parsed."""
    lines = [data["label_zh"], data["label_en"], f"{names.class_name(data['cls'], 'zh')} · {data['cls']}"]
    if data["quote"]:
        lines.append(f"“{data['quote']}” ({data['paragraph']})")
    return "\n".join(line for line in lines if line)


def link_tooltip(data: dict[str, str]) -> str:
    """The relation and what it rests on: the plan's words, or the curator's justification."""
    if data["quote"]:
        return f"{data['relation']}\n“{data['quote']}” ({data['paragraph']})"
    if data["justification"]:
        return f"{data['relation']} (curator)\n{data['justification']}"
    return data["relation"]

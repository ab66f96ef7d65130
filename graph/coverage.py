"""How much of the plan the curated data covers: paragraphs cited, fact numbers unquoted, and
the names the plan marks out or numbers (六大…) that no node bears.

A paragraph counts as cited when some node, link or definition quotes it. A number counts as
covered when a quote spans it, or when a curator listed it under `not_facts` with a reason
(ordinals, hotline numbers, the 十四五 in a name). A name the plan sets in quotation marks or
title marks (“两山”, 《…纲要》) counts as a node's when it is a node's label or alias, or is written
in the name of a place, organization, project or concept (政企“连心桥”综合服务平台), or when
`not_facts` lists it with the reason it names no node (an emphasis such as “高质量”, a plan
period such as “十三五”). So does a numbered list the plan names without marks (六大产业链): some
place, organization, project or concept's name starts where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.graph.build import PlanInput
from plankg.graph.model import REGISTRY_KINDS
from plankg.loaders.quotes import NUMBER_PATTERN
from plankg.loaders.text import Paragraph

_CONTEXT = 12
_MARKED_NAME = re.compile(r"“[^“”]{1,60}”|《[^《》]{1,80}》")
# A numbered list the plan names without marks (六大产业链, 七大特色商圈), not the 九 of 十九大.
_NUMBERED_LIST = re.compile(r"(?<![一二三四五六七八九十])[二三四五六七八九十]大[\u4e00-\u9fff]{2,}")
_LIST_NAME_SHOWN = 6
_NOT_IN_NAMES = re.compile(r"[\s“”《》‘’\"']")


@dataclass(frozen=True)
class UncoveredNumber:
    paragraph: str
    number: str
    context: str


@dataclass(frozen=True)
class UnnamedName:
    """A name the plan marks out (“…”, 《…》) that is no node's label or alias."""

    paragraph: str
    name: str


@dataclass
class PartCoverage:
    """Coverage of one chapter (or the front matter, or the glossary)."""

    part: str
    paragraphs: int = 0
    cited: int = 0
    uncited: list[str] = field(default_factory=list)
    unnamed: list[UnnamedName] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.cited / self.paragraphs if self.paragraphs else 1.0


@dataclass
class Coverage:
    parts: list[PartCoverage]
    uncovered: list[UncoveredNumber]


def _part_of(paragraph: Paragraph) -> str:
    """The chapter id (`c02`), `front` or `glossary` a paragraph belongs to."""
    return paragraph.id.split("-")[0]


def _names(plan: PlanInput) -> tuple[set[str], list[str]]:
    """Every node's label and aliases, bare (quote marks dropped); and as written, those of the
    named things (places, organizations, projects, concepts) only, which a marked name may sit in:
    inside a measure's label (推进“三集中三到位”) it is a task's wording, not a node of its own."""
    nodes = plan.curated.nodes.values()
    bare = {_NOT_IN_NAMES.sub("", name) for node in nodes for name in (node.label.zh, *node.aliases)}
    written = [name for node in nodes if node.kind in REGISTRY_KINDS for name in (node.label.zh, *node.aliases)]
    return bare, written


def _unnamed(paragraph: Paragraph, names: tuple[set[str], list[str]], covering: list[tuple[int, int]]) -> list[str]:
    """The marked names and numbered lists of the paragraph no node bears and no `not_facts` entry
    explains; a numbered list is shown by its first characters, its name's end being unmarked."""
    return _unnamed_marked(paragraph, names, covering) + _unnamed_lists(paragraph, names[1], covering)


def _unnamed_lists(paragraph: Paragraph, written: list[str], covering: list[tuple[int, int]]) -> list[str]:
    found = []
    marked = [match.span() for match in _MARKED_NAME.finditer(paragraph.text)]
    for match in _NUMBERED_LIST.finditer(paragraph.text):
        at = match.start()
        if any(low <= at < high for low, high in marked):
            continue  # a marked name: checked as one
        if any(low <= paragraph.start + at < high for low, high in covering):
            continue
        if not any(paragraph.text.startswith(name, at) for name in written):
            found.append(paragraph.text[at : at + _LIST_NAME_SHOWN] + "…")
    return found


def _unnamed_marked(
    paragraph: Paragraph, names: tuple[set[str], list[str]], covering: list[tuple[int, int]]
) -> list[str]:
    bare, written = names
    found = []
    for match in _MARKED_NAME.finditer(paragraph.text):
        start, end = paragraph.start + match.start(), paragraph.start + match.end()
        if _NOT_IN_NAMES.sub("", match.group()) in bare or any(low <= start and end <= high for low, high in covering):
            continue
        if not any(match.group() in name for name in written):
            found.append(match.group())
    return found


def plan_coverage(plan: PlanInput, parts: set[str] | None = None) -> Coverage:
    """Coverage per part for the given parts (`c02`, `glossary`, `front`), all parts by default."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for quote in plan.curated.quotes():
        spans.setdefault(quote.paragraph, []).append((quote.start, quote.end))
    ignored: dict[str, list[tuple[int, int]]] = {}
    for note in plan.curated.not_facts:
        ignored.setdefault(note.span.paragraph, []).append((note.span.start, note.span.end))
    by_part: dict[str, PartCoverage] = {}
    uncovered = []
    names = _names(plan)
    for paragraph in plan.text.paragraphs():
        part = _part_of(paragraph)
        if parts is not None and part not in parts:
            continue
        coverage = by_part.setdefault(part, PartCoverage(part))
        coverage.paragraphs += 1
        if paragraph.id in spans:
            coverage.cited += 1
        else:
            coverage.uncited.append(paragraph.id)
        covering = spans.get(paragraph.id, []) + ignored.get(paragraph.id, [])
        unnamed = _unnamed(paragraph, names, ignored.get(paragraph.id, []))
        coverage.unnamed += [UnnamedName(paragraph.id, name) for name in unnamed]
        for match in re.finditer(NUMBER_PATTERN, paragraph.text):
            start, end = paragraph.start + match.start(), paragraph.start + match.end()
            if not any(low <= start and end <= high for low, high in covering):
                context = paragraph.text[max(0, match.start() - _CONTEXT) : match.end() + _CONTEXT]
                uncovered.append(UncoveredNumber(paragraph.id, match.group(), context))
    return Coverage(list(by_part.values()), uncovered)

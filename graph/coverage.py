"""How much of the plan the curated data covers: paragraphs cited, and fact numbers unquoted.

A paragraph counts as cited when some node, link or definition quotes it. A number counts as
covered when a quote spans it, or when a curator listed it under `not_facts` with a reason
(ordinals, hotline numbers, the 十四五 in a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.graph.build import PlanInput
from plankg.loaders.quotes import NUMBER_PATTERN
from plankg.loaders.text import Paragraph

_CONTEXT = 12


@dataclass(frozen=True)
class UncoveredNumber:
    paragraph: str
    number: str
    context: str


@dataclass
class PartCoverage:
    """Coverage of one chapter (or the front matter, or the glossary)."""

    part: str
    paragraphs: int = 0
    cited: int = 0
    uncited: list[str] = field(default_factory=list)

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
        for match in re.finditer(NUMBER_PATTERN, paragraph.text):
            start, end = paragraph.start + match.start(), paragraph.start + match.end()
            if not any(low <= start and end <= high for low, high in covering):
                context = paragraph.text[max(0, match.start() - _CONTEXT) : match.end() + _CONTEXT]
                uncovered.append(UncoveredNumber(paragraph.id, match.group(), context))
    return Coverage(list(by_part.values()), uncovered)

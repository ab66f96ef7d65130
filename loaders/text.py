"""Read a Chinese plan's text into its parts: chapters (第X章), sections (第X节), paragraphs.

Offsets are Unicode code points into the source file, end exclusive, as the Web Annotation
TextPositionSelector counts them, so that ``text[start:end]`` gives a part back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plankg.errors import PlankgError
from plankg.loaders.source import PlanSource

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = "[零〇一二两三四五六七八九十百]+"
_CHAPTER = re.compile(rf"第({_NUMERAL})章\s*(\S.*)")
_SECTION = re.compile(rf"第({_NUMERAL})节\s*(\S.*)")
_SENTENCE_END = "。;!?"
_WHITESPACE = re.compile(r"\s+")


def chinese_numeral(numeral: str) -> int:
    """Value of a Chinese numeral below a thousand (一 → 1, 十一 → 11, 二十三 → 23)."""
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


@dataclass(frozen=True)
class Paragraph:
    id: str
    number: int
    text: str
    start: int
    end: int
    line: int
    parent_id: str


@dataclass
class Division:
    """A headed part of the plan: a chapter, a section or the glossary."""

    id: str
    kind: str
    number: int
    heading: str
    title: str
    start: int
    line: int
    parent_id: str
    end: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Division] = field(default_factory=list)


@dataclass
class PlanText:
    """The parsed body of one plan."""

    path: Path
    text: str
    title_start: int
    title_end: int
    body_end: int
    front: list[Paragraph] = field(default_factory=list)
    chapters: list[Division] = field(default_factory=list)
    glossary: Division | None = None

    def divisions(self) -> Iterator[Division]:
        for chapter in self.chapters:
            yield chapter
            yield from chapter.sections
        if self.glossary is not None:
            yield self.glossary

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.front
        for division in self.divisions():
            yield from division.paragraphs

    def paragraph_index(self) -> dict[str, Paragraph]:
        return {paragraph.id: paragraph for paragraph in self.paragraphs()}

    def passages(self) -> dict[str, Paragraph]:
        """What a quote may cite, by id: every paragraph, and every heading under its division's id."""
        headings = {
            division.id: Paragraph(
                division.id,
                division.number,
                division.heading,
                division.start,
                division.start + len(division.heading),
                division.line,
                division.parent_id,
            )
            for division in self.divisions()
        }
        return {**headings, **self.paragraph_index()}

    def division_index(self) -> dict[str, Division]:
        return {division.id: division for division in self.divisions()}


@dataclass(frozen=True)
class _Line:
    number: int
    start: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    result, offset = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        stripped = raw.strip()
        if stripped:
            result.append(_Line(number, offset + raw.index(stripped), stripped))
        offset += len(raw)
    return result


def _squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def _find_title(lines: list[_Line], title: str, path: Path) -> int:
    """Index of the first line of the title as printed (white space inside it ignored).

    The title may be spread over several lines and broken by spaces, as in a PDF-to-text copy.
    """
    wanted = _squash(title)
    for first in range(len(lines)):
        joined = ""
        for line in lines[first:]:
            joined += _squash(line.text)
            if not wanted.startswith(joined):
                break
            if joined == wanted:
                return first
    raise PlankgError(f"the plan title {title!r} does not occur in the text (white space ignored)", path)


def _split_glued_section(line: _Line, expected: int) -> tuple[_Line, _Line] | None:
    """Split a line whose end is the next section heading glued to a paragraph.

    Only a heading with the expected next number, after a sentence end and with no sentence
    end of its own, counts: a reference to "第三节" inside a sentence stays text.
    """
    for match in _SECTION_ANYWHERE.finditer(line.text):
        if match.start() == 0 or line.text[match.start() - 1] not in _SENTENCE_END:
            continue
        if chinese_numeral(match.group(1)) != expected:
            continue
        heading = line.text[match.start() :]
        if any(mark in heading for mark in "。"):
            continue
        body = line.text[: match.start()].rstrip()
        return _Line(line.number, line.start, body), _Line(line.number, line.start + match.start(), heading)
    return None


_SECTION_ANYWHERE = re.compile(rf"第({_NUMERAL})节")


def _is_heading_text(text: str) -> bool:
    return "。" not in text and len(text) <= 80


def parse_plan_text(
    text: str,
    path: Path,
    title: str,
    end_marker: str | None = None,
    glossary_heading: str | None = None,
) -> PlanText:
    """Parse a plan body into chapters, sections and paragraphs with stable ids.

    Ids: ``front-p01`` before the first chapter, ``c02-p01`` for a chapter's opening
    paragraphs, ``c02-s04-p03`` inside a section, ``glossary-p05`` in the glossary.
    """
    lines = _lines(text)
    first = _find_title(lines, title, path)
    title_lines = []
    joined = ""
    for line in lines[first:]:
        title_lines.append(line)
        joined += _squash(line.text)
        if joined == _squash(title):
            break
    body = lines[first + len(title_lines) :]
    body_end = len(text)
    for index, line in enumerate(body):
        if end_marker is not None and line.text == end_marker:
            body, body_end = body[:index], line.start
            break
    plan = PlanText(
        path=path,
        text=text,
        title_start=title_lines[0].start,
        title_end=title_lines[-1].start + len(title_lines[-1].text),
        body_end=body_end,
    )
    _Builder(plan, glossary_heading).feed(body)
    return plan


def _set_end(division: Division) -> None:
    """A division ends where its last paragraph or section ends (or its heading, if empty)."""
    ends = [division.start + len(division.heading)]
    ends += [paragraph.end for paragraph in division.paragraphs]
    ends += [section.end for section in division.sections]
    division.end = max(ends)


class _Builder:
    """Walks the body lines once, opening divisions at headings and filling paragraphs."""

    def __init__(self, plan: PlanText, glossary_heading: str | None):
        self.plan = plan
        self.glossary_heading = glossary_heading
        self.chapter: Division | None = None
        self.current: Division | None = None

    def feed(self, lines: list[_Line]) -> None:
        for line in lines:
            self._take(line)
        for division in self.plan.divisions():
            if division.kind == "section" or division.kind == "glossary":
                _set_end(division)
        for chapter in self.plan.chapters:
            _set_end(chapter)

    def _take(self, line: _Line) -> None:
        if self.glossary_heading is not None and line.text == self.glossary_heading:
            self._open_glossary(line)
            return
        if self.plan.glossary is None:
            chapter = _CHAPTER.fullmatch(line.text)
            if chapter and _is_heading_text(line.text):
                self._open_chapter(line, chinese_numeral(chapter.group(1)), chapter.group(2))
                return
            section = _SECTION.fullmatch(line.text)
            if section and _is_heading_text(line.text) and self.chapter is not None:
                self._open_section(line, chinese_numeral(section.group(1)), section.group(2))
                return
            if self.chapter is not None:
                glued = _split_glued_section(line, len(self.chapter.sections) + 1)
                if glued is not None:
                    self._add_paragraph(glued[0])
                    self._take(glued[1])
                    return
        self._add_paragraph(line)

    def _open_chapter(self, line: _Line, number: int, title: str) -> None:
        expected = len(self.plan.chapters) + 1
        if number != expected:
            raise PlankgError(
                f"chapter heading {line.text!r} is number {number}, expected {expected}", self.plan.path, line.number
            )
        chapter = Division(f"c{number:02d}", "chapter", number, line.text, title, line.start, line.number, "plan")
        self.plan.chapters.append(chapter)
        self.chapter = self.current = chapter

    def _open_section(self, line: _Line, number: int, title: str) -> None:
        if self.chapter is None:
            raise PlankgError(f"section heading {line.text!r} comes before any chapter", self.plan.path, line.number)
        expected = len(self.chapter.sections) + 1
        if number != expected:
            raise PlankgError(
                f"section heading {line.text!r} is number {number}, expected {expected} in {self.chapter.heading!r}",
                self.plan.path,
                line.number,
            )
        section = Division(
            f"{self.chapter.id}-s{number:02d}",
            "section",
            number,
            line.text,
            title,
            line.start,
            line.number,
            self.chapter.id,
        )
        self.chapter.sections.append(section)
        self.current = section

    def _open_glossary(self, line: _Line) -> None:
        glossary = Division("glossary", "glossary", 1, line.text, line.text, line.start, line.number, "plan")
        self.plan.glossary = glossary
        self.chapter = None
        self.current = glossary

    def _add_paragraph(self, line: _Line) -> None:
        if self.current is None:
            siblings, parent_id, prefix = self.plan.front, "plan", "front"
        else:
            siblings, parent_id, prefix = self.current.paragraphs, self.current.id, self.current.id
        number = len(siblings) + 1
        siblings.append(
            Paragraph(
                f"{prefix}-p{number:02d}",
                number,
                line.text,
                line.start,
                line.start + len(line.text),
                line.number,
                parent_id,
            )
        )


def read_plan_text(source: PlanSource) -> PlanText:
    """Parse the text of a checked source with the markers its metadata gives."""
    meta = source.meta
    return parse_plan_text(source.text, source.text_path, meta.title.zh, meta.end_marker, meta.glossary_heading)

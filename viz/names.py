"""The words a page needs besides the projection: which plan it shows, what the classes are
called (the build's vocabulary), and the chapters' headings — read from the build so that a
second plan needs no code."""

from __future__ import annotations

from dataclasses import dataclass, field

from plankg.graph.engines import Engine, Term, select
from plankg.graph.vocabulary import Vocabulary, Words, by_language, read_vocabulary

_PLANS = """
SELECT ?plan ?title ?short WHERE {
  ?plan a plankg:Plan ; dcterms:title ?title ; rdfs:label ?short .
  FILTER(LANG(?title) = ?lang && LANG(?short) = ?lang)
  VALUES ?lang { "zh" "en" }
} ORDER BY ?plan"""

_CHAPTERS = """
SELECT ?chapter ?id ?label WHERE {
  ?chapter a plankg:Chapter ; plankg:localId ?id ; rdfs:label ?label .
} ORDER BY ?id"""


@dataclass(frozen=True)
class Chapter:
    id: str  # c02
    heading: Words


@dataclass(frozen=True)
class PlanNames:
    """Plan titles (full and short), class names and chapter headings of one build."""

    titles: list[Words] = field(default_factory=list)
    short_titles: list[Words] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    chapters: dict[str, Chapter] = field(default_factory=dict)  # by the chapter's IRI

    def class_name(self, cls: str, lang: str) -> str:
        """A class's label (`任务举措`, `measure`), or its local name where the ontology has none."""
        return self.vocabulary.name(cls, lang)

    def plan(self, lang: str) -> str:
        """The short title(s) of the plan(s) a page is drawn from."""
        return "; ".join(words.get(lang) for words in self.short_titles) or "?"

    def plan_full(self, lang: str) -> str:
        return "; ".join(words.get(lang) for words in self.titles)


def _text(term: Term | None) -> str:
    return "" if term is None else term.value


def _lang(term: Term | None) -> str:
    return "" if term is None else term.lang or ""


def read_names(engine: Engine, vocabulary: Vocabulary | None = None) -> PlanNames:
    """The names a build gives its plans, classes (its vocabulary, read here if not given) and chapters."""
    plans = select(engine, _PLANS).records()
    titles = by_language([(_text(row["plan"]), _lang(row["title"]), _text(row["title"])) for row in plans])
    shorts = by_language([(_text(row["plan"]), _lang(row["short"]), _text(row["short"])) for row in plans])
    rows = select(engine, _CHAPTERS).records()
    ids = {_text(row["chapter"]): _text(row["id"]) for row in rows}
    headings = by_language([(_text(row["chapter"]), _lang(row["label"]), _text(row["label"])) for row in rows])
    return PlanNames(
        titles=list(titles.values()),
        short_titles=list(shorts.values()),
        vocabulary=vocabulary if vocabulary is not None else read_vocabulary(engine),
        chapters={key: Chapter(ids[key], headings[key]) for key in ids},
    )

"""The words a page needs besides the projection: which plan it shows, what the classes are
called, and the chapters' headings — read from the build so that a second plan needs no code."""

from __future__ import annotations

from dataclasses import dataclass, field

from plankg.graph.engines import Engine, Term, select
from plankg.graph.iris import PLANKG

_PLANS = """
SELECT ?plan ?title ?short WHERE {
  ?plan a plankg:Plan ; dcterms:title ?title ; rdfs:label ?short .
  FILTER(LANG(?title) = ?lang && LANG(?short) = ?lang)
  VALUES ?lang { "zh" "en" }
} ORDER BY ?plan"""

_CLASSES = """
SELECT ?class ?label WHERE {
  ?class a owl:Class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?class), STR(plankg:)))
}"""

_CHAPTERS = """
SELECT ?chapter ?id ?label WHERE {
  ?chapter a plankg:Chapter ; plankg:localId ?id ; rdfs:label ?label .
} ORDER BY ?id"""


@dataclass(frozen=True)
class Words:
    """One name in both languages; English falls back to Chinese where it is missing."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else self.zh


@dataclass(frozen=True)
class Chapter:
    id: str  # c02
    heading: Words


@dataclass(frozen=True)
class PlanNames:
    """Plan titles (full and short), class names and chapter headings of one build."""

    titles: list[Words] = field(default_factory=list)
    short_titles: list[Words] = field(default_factory=list)
    classes: dict[str, Words] = field(default_factory=dict)
    chapters: dict[str, Chapter] = field(default_factory=dict)  # by the chapter's IRI

    def class_name(self, cls: str, lang: str) -> str:
        """A class's label (`任务举措`, `measure`), or its local name where the ontology has none."""
        words = self.classes.get(cls)
        return words.get(lang) if words else cls

    def plan(self, lang: str) -> str:
        """The short title(s) of the plan(s) a page is drawn from."""
        return "; ".join(words.get(lang) for words in self.short_titles) or "?"

    def plan_full(self, lang: str) -> str:
        return "; ".join(words.get(lang) for words in self.titles)


def _by_lang(pairs: list[tuple[str, str, str]]) -> dict[str, Words]:
    """{key: Words} from (key, lang, text) rows."""
    texts: dict[str, dict[str, str]] = {}
    for key, lang, text in pairs:
        texts.setdefault(key, {})[lang] = text
    return {key: Words(found.get("zh", ""), found.get("en", "")) for key, found in texts.items()}


def _text(term: Term | None) -> str:
    return "" if term is None else term.value


def _lang(term: Term | None) -> str:
    return "" if term is None else term.lang or ""


def read_names(engine: Engine) -> PlanNames:
    """The names a build gives its plans, classes and chapters."""
    plans = select(engine, _PLANS).records()
    titles = _by_lang([(_text(row["plan"]), _lang(row["title"]), _text(row["title"])) for row in plans])
    shorts = _by_lang([(_text(row["plan"]), _lang(row["short"]), _text(row["short"])) for row in plans])
    classes = _by_lang(
        [
            (_text(row["class"]).removeprefix(str(PLANKG)), _lang(row["label"]), _text(row["label"]))
            for row in select(engine, _CLASSES).records()
        ]
    )
    rows = select(engine, _CHAPTERS).records()
    ids = {_text(row["chapter"]): _text(row["id"]) for row in rows}
    headings = _by_lang([(_text(row["chapter"]), _lang(row["label"]), _text(row["label"])) for row in rows])
    return PlanNames(
        titles=list(titles.values()),
        short_titles=list(shorts.values()),
        classes=classes,
        chapters={key: Chapter(ids[key], headings[key]) for key in ids},
    )

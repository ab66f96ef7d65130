"""The words a page needs besides the projection: which plan it shows, what the classes are
called, and the chapters' headings — read from the build so that a second plan needs no code."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from plankg.graph.namespaces import PLANKG
from plankg.graph.store import run_query

LANGS = ("zh", "en")

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


def read_names(store: ox.Store) -> PlanNames:
    """The names a build gives its plans, classes and chapters."""
    plans = list(run_query(store, _PLANS))
    titles = _by_lang([(row["plan"].value, row["title"].language or "", row["title"].value) for row in plans])
    shorts = _by_lang([(row["plan"].value, row["short"].language or "", row["short"].value) for row in plans])
    classes = _by_lang(
        [
            (row["class"].value.removeprefix(str(PLANKG)), row["label"].language or "", row["label"].value)
            for row in run_query(store, _CLASSES)
        ]
    )
    rows = list(run_query(store, _CHAPTERS))
    ids = {row["chapter"].value: row["id"].value for row in rows}
    headings = _by_lang([(row["chapter"].value, row["label"].language or "", row["label"].value) for row in rows])
    return PlanNames(
        titles=list(titles.values()),
        short_titles=list(shorts.values()),
        classes=classes,
        chapters={key: Chapter(ids[key], headings[key]) for key in ids},
    )

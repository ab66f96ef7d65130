"""The ontology as the code asks it, read once from a build's ontology graph through its engine:
each plankg class with its labels and the classes above it, and each property with its labels.
The views name classes by it and the Neo4j export labels nodes by it, so that a class added to
the ontology needs no code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from plankg.graph.engines import Engine, Term, select
from plankg.graph.iris import PLANKG

_LABELS = """
SELECT ?term ?label WHERE {
  { ?term a owl:Class } UNION { ?term a owl:ObjectProperty } UNION { ?term a owl:DatatypeProperty }
  ?term rdfs:label ?label .
  FILTER(isIRI(?term) && STRSTARTS(STR(?term), STR(plankg:)))
}"""

_SUPERCLASSES = """
SELECT ?class ?super WHERE {
  ?class rdfs:subClassOf+ ?super .
  FILTER(isIRI(?class) && isIRI(?super) && STRSTARTS(STR(?class), STR(plankg:)) && STRSTARTS(STR(?super), STR(plankg:)))
}"""


@dataclass(frozen=True)
class Words:
    """One name in both languages; English falls back to Chinese where it is missing."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else self.zh


@dataclass(frozen=True)
class Vocabulary:
    """plankg's terms by local name (`Pillar`, `refines`): their labels, and each class's superclasses."""

    labels: dict[str, Words] = field(default_factory=dict)
    superclasses: dict[str, frozenset[str]] = field(default_factory=dict)

    def above(self, cls: str) -> list[str]:
        """The plankg classes above a class, in name order (`Pillar` → Goal, PlanEntity)."""
        return sorted(self.superclasses.get(cls, frozenset()))

    def with_superclasses(self, classes: Iterable[str]) -> set[str]:
        """The classes and every plankg class above them."""
        listed = set(classes)
        return listed.union(*(self.superclasses.get(cls, frozenset()) for cls in listed))

    def most_specific(self, classes: Iterable[str]) -> str:
        """Of a node's classes, the one no other is below (`Area`, not `Place`); "" if none."""
        listed = set(classes)
        below = listed - set().union(*(self.superclasses.get(cls, frozenset()) for cls in listed))
        return min(below or listed or {""})

    def name(self, term: str, lang: str) -> str:
        """A term's label in a language, or its local name where the ontology gives none."""
        words = self.labels.get(term)
        return words.get(lang) if words else term


def by_language(rows: list[tuple[str, str, str]]) -> dict[str, Words]:
    """{key: Words} from (key, language, text) rows."""
    texts: dict[str, dict[str, str]] = {}
    for key, lang, text in rows:
        texts.setdefault(key, {})[lang] = text
    return {key: Words(found.get("zh", ""), found.get("en", "")) for key, found in texts.items()}


def _local(term: Term | None) -> str:
    return "" if term is None else term.value.removeprefix(str(PLANKG))


def read_vocabulary(engine: Engine) -> Vocabulary:
    """The vocabulary of the ontology graph an engine holds."""
    labels = [
        (_local(row["term"]), label.lang or "", label.value)
        for row in select(engine, _LABELS).records()
        if (label := row["label"]) is not None
    ]
    above: dict[str, set[str]] = {}
    for row in select(engine, _SUPERCLASSES).records():
        above.setdefault(_local(row["class"]), set()).add(_local(row["super"]))
    return Vocabulary(
        labels=by_language(labels),
        superclasses={cls: frozenset(supers) for cls, supers in above.items()},
    )
